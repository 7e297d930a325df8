"""The Document: normalised text plus the maps from character offsets to lines and columns."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

import regex

BOM = "\ufeff"
_BLANK_LINE = regex.compile(r"\n[ \t]*(?:\n[ \t]*)*\n")
_SENTENCE_END = regex.compile(r"""[.!?…]+["”’')\]]*\s+(?=["“‘'(\[]?[\p{Lu}\d])""")
_WORD = re.compile(r"\w+")
_QUOTED = regex.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")


def normalise(text: str) -> str:
    """Drop a leading BOM and turn CRLF and lone CR into LF.

    Neither changes a line number or a column: the BOM sits before column 1 and the
    CR of a CRLF pair sits after the line's last column.
    """
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class Document:
    """Text to check, with 1-based line and column lookup (columns in code points)."""

    def __init__(self, text: str, path: str = "<text>") -> None:
        self.text = normalise(text)
        self.path = path

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """Return (line, column), both 1-based, of a character offset."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_span(self, offset: int) -> tuple[int, int]:
        """Return (start, end) offsets of the line holding `offset`, newline excluded."""
        index = bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[index]
        end = self.text.find("\n", start)
        return start, len(self.text) if end == -1 else end

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of every line, newline excluded."""
        starts = self.line_starts
        ends = [start - 1 for start in starts[1:]] + [len(self.text)]
        return list(zip(starts, ends, strict=True))

    @cached_property
    def words(self) -> list[str]:
        """The lower-cased word tokens in order: one shared pass that rules use as a prefilter."""
        return _WORD.findall(self.text.lower())

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The set of lower-cased word tokens in the text."""
        return frozenset(self.words)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Spans of paragraphs: runs of text separated by blank lines, outer blanks trimmed."""
        spans = []
        start = 0
        text = self.text
        for blank in _BLANK_LINE.finditer(text):
            spans.append((start, blank.start()))
            start = blank.end()
        spans.append((start, len(text)))
        trimmed = []
        for begin, end in spans:
            chunk = text[begin:end]
            stripped = chunk.strip()
            if stripped:
                lead = len(chunk) - len(chunk.lstrip())
                trimmed.append((begin + lead, begin + lead + len(stripped)))
        return trimmed

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Spans of sentences within paragraphs (a plain splitter, good enough for scopes)."""
        spans = []
        for begin, end in self.paragraphs:
            start = begin
            for gap in _SENTENCE_END.finditer(self.text, begin, end):
                cut = gap.end()
                spans.append((start, len(self.text[start:cut].rstrip()) + start))
                start = cut
            spans.append((start, end))
        return spans

    @cached_property
    def _quoted(self) -> tuple[list[int], list[int]]:
        starts: list[int] = []
        ends: list[int] = []
        for match in _QUOTED.finditer(self.text):
            starts.append(match.start())
            ends.append(match.end())
        return starts, ends

    def in_quotation(self, start: int, end: int) -> bool:
        """True when the span lies inside a quotation closed on the same line."""
        starts, ends = self._quoted
        index = bisect_right(starts, start) - 1
        return index >= 0 and ends[index] >= end
