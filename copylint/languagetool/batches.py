"""Cutting paragraphs into requests within LanguageTool's size limit, and mapping offsets back."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

SEPARATOR = "\n\n"  # LanguageTool reads a blank line as the end of a paragraph
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of a paragraph sent to LanguageTool: all of it, unless it is longer than a request."""

    paragraph: int  # index of the paragraph
    start: int  # code-point offset of the piece in the paragraph
    text: str


@dataclass
class Batch:
    """The text of one request and where each piece sits in it (code points)."""

    pieces: list[Piece]
    starts: list[int]
    text: str

    def locate(self, start: int, end: int) -> tuple[Piece, int, int] | None:
        """The piece holding the batch span [start, end), with the span in paragraph offsets.

        None when the span crosses a separator between pieces (it belongs to no paragraph).
        """
        index = bisect_right(self.starts, start) - 1
        if index < 0:
            return None
        piece = self.pieces[index]
        offset = self.starts[index]
        if end > offset + len(piece.text):
            return None
        return piece, piece.start + start - offset, piece.start + end - offset


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def split_paragraph(index: int, text: str, limit: int) -> list[Piece]:
    """Cut a paragraph longer than `limit` UTF-8 bytes at sentence ends (else at spaces)."""
    if _size(text) <= limit:
        return [Piece(index, 0, text)]
    pieces = []
    start = 0
    while start < len(text):
        rest = text[start:]
        if _size(rest) <= limit:
            pieces.append(Piece(index, start, rest))
            break
        window = rest.encode("utf-8")[:limit].decode("utf-8", "ignore")
        cut = 0
        for pattern in (_SENTENCE_END, _SPACE):
            ends = [match.end() for match in pattern.finditer(window) if 0 < match.end() <= len(window)]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = len(window)  # one word longer than the limit: cut it
        pieces.append(Piece(index, start, rest[:cut]))
        start += cut
    return pieces


def make_batches(paragraphs: Sequence[tuple[int, str]], limit: int) -> list[Batch]:
    """Pack (index, text) paragraphs, in order, into batches of at most `limit` UTF-8 bytes."""
    batches: list[Batch] = []
    pieces: list[Piece] = []
    starts: list[int] = []
    parts: list[str] = []
    size = position = 0
    gap = _size(SEPARATOR)

    def flush() -> None:
        nonlocal pieces, starts, parts, size, position
        if pieces:
            batches.append(Batch(pieces, starts, SEPARATOR.join(parts)))
        pieces, starts, parts, size, position = [], [], [], 0, 0

    for index, text in paragraphs:
        for piece in split_paragraph(index, text, limit):
            piece_size = _size(piece.text)
            if pieces and size + gap + piece_size > limit:
                flush()
            if pieces:
                size += gap
                position += len(SEPARATOR)
            pieces.append(piece)
            starts.append(position)
            parts.append(piece.text)
            size += piece_size
            position += len(piece.text)
    flush()
    return batches
