"""The Document: normalised text plus the maps from character offsets to lines and columns."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from operator import eq

import regex

from . import patterns
from .tokens import Tokens

BOM = "\ufeff"
_BLANK_LINE = patterns.compile(r"\n[ \t]*(?:\n[ \t]*)*\n")
_SENTENCE_END = patterns.compile(r"""[.!?…]+["”’')\]]*\s+(?=["“‘'(\[]?[\p{Lu}\d])""")
#: where one sentence ends and the next begins (a plain splitter, good enough for scopes)
SENTENCE_END = _SENTENCE_END
_QUOTED = patterns.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` starts."""
    starts = [0]
    find = text.find
    position = find("\n")
    while position != -1:
        starts.append(position + 1)
        position = find("\n", position + 1)
    return starts


def split_spans(text: str, separator: regex.Pattern[str]) -> list[tuple[int, int]]:
    """Spans of the pieces of `text` between matches of `separator`, outer white space trimmed,
    empty pieces dropped."""
    spans = []
    start = 0
    for gap in separator.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        chunk = text[begin:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            trimmed.append((begin + lead, begin + lead + len(stripped)))
    return trimmed


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


ROLES = ("headline", "byline", "dateline", "body", "quote", "caption")


@dataclass(frozen=True, slots=True)
class Block:
    """A run of the document's text with its role in the story."""

    start: int
    end: int
    role: str


class Document:
    """Text to check, with 1-based line and column lookup (columns in code points).

    Plain text is checked as it is. A reader for a markup format passes the extracted text
    together with the normalised `source` and `offsets`: for every character of `text` (plus one
    entry for its end) the offset of that character in `source`, so findings are reported at the
    line and column of the source file. `blocks` label parts of the text (headline, body, ...).
    `format` names the reader that made it; `escapes` lists (start, end, kinds) ranges of the source
    where replacement text must be escaped (`copylint.fixes.escaping`), innermost kind first.
    """

    format: str = "text"
    escapes: tuple[tuple[int, int, tuple[str, ...]], ...] = ()
    #: what the reader could not read fully (one line each, `file:line: ...`)
    warnings: tuple[str, ...] | list[str] = ()

    def escapes_at(self, offset: int) -> tuple[str, ...]:
        """The escapes that hold at a source offset (the innermost range that holds it wins)."""
        found: tuple[str, ...] = ()
        width = None
        for start, end, kinds in self.escapes:
            if start <= offset <= end and (width is None or end - start < width):
                found, width = kinds, end - start
        return found
    #: the text is hard-wrapped: its lines are not its paragraphs (`copylint.readers.layout`)
    wrapped: bool = False

    def __init__(self, text: str, path: str = "<text>", *, source: str | None = None,
                 offsets: Sequence[int] | None = None,
                 blocks: Sequence[Block] | None = None,
                 paragraphs: list[tuple[int, int]] | None = None) -> None:
        if source is None:
            self.text = normalise(text)
            self.source = self.text
            self.offsets = None
        else:
            if offsets is None or len(offsets) != len(text) + 1:
                raise ValueError("offsets must hold one entry per character of text, plus one")
            self.text = text
            self.source = source
            self.offsets = offsets
        self.path = path
        self._blocks = list(blocks) if blocks is not None else None
        if paragraphs is not None:  # a reader that split the text already
            self.__dict__["paragraphs"] = paragraphs

    @cached_property
    def line_starts(self) -> list[int]:
        """Offsets where each line of the text starts."""
        return line_starts(self.text)

    @cached_property
    def source_line_starts(self) -> list[int]:
        """Offsets where each line of the source starts (the same as line_starts for plain text)."""
        return self.line_starts if self.offsets is None else line_starts(self.source)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, in the source, of the character at a text offset."""
        if self.offsets is not None:
            offset = self.offsets[offset]
        starts = self.source_line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def span_position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of a text span; the end is exclusive."""
        line, column = self.position(start)
        if self.offsets is None or end <= start:
            end_line, end_column = self.position(end)
            return line, column, end_line, end_column
        # just after the span's last character (the whole of an entity or escape it stands for),
        # not at whatever markup follows it
        end_of = getattr(self.offsets, "end_of", None)
        last = end_of(end - 1) - 1 if end_of is not None else self.offsets[end - 1]
        last = max(last, self.offsets[start])  # a span never ends before it starts
        starts = self.source_line_starts
        index = bisect_right(starts, last) - 1
        return line, column, index + 1, last - starts[index] + 2

    def role_at(self, offset: int) -> str:
        """The role of the block holding `offset` (text between blocks counts as body)."""
        blocks = self.blocks
        index = bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset < blocks[index].end:
            return blocks[index].role
        return "body"

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    @cached_property
    def blocks(self) -> list[Block]:
        """The labelled parts of the text; plain text is all body, paragraph by paragraph."""
        if self._blocks is not None:
            return self._blocks
        return [Block(start, end, "body") for start, end in self.paragraphs]

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of every line, newline excluded."""
        starts = self.line_starts
        ends = [start - 1 for start in starts[1:]] + [len(self.text)]
        return list(zip(starts, ends, strict=True))

    @property
    def words(self) -> list[str]:
        """The lower-cased word tokens in order: one shared pass that rules use as a prefilter."""
        return self.tokens.words

    @property
    def lower(self) -> str:
        """The text in lower case (shared by the checks that search for words)."""
        return self.tokens.lower

    @property
    def vocabulary(self) -> frozenset[str]:
        """The set of lower-cased word tokens in the text."""
        return self.tokens.vocabulary

    @cached_property
    def tokens(self) -> Tokens:
        """Where words stand in the text: what checks ask instead of searching it word by word."""
        return Tokens(self.text)

    @cached_property
    def whole_lines(self) -> list[tuple[int, int]]:
        """The lines that are not a piece of a hard-wrapped paragraph (every line, unless the
        text is wrapped): where a line of site furniture can stand."""
        if not self.wrapped:
            return self.lines
        paragraphs = set(self.paragraphs)
        return [(start, end) for start, end in self.lines
                if (len(self.text[start:end]) - len(self.text[start:end].lstrip()) + start,
                    len(self.text[start:end].rstrip()) + start) in paragraphs]

    def short_lines(self, longest: int) -> list[tuple[int, int]]:
        """The whole lines (`whole_lines`) of 1 to `longest` characters: the lines several
        line-by-line rules try, found once per length limit."""
        found = self._short_lines.get(longest)
        if found is None:
            found = self._short_lines[longest] = [
                (start, end) for start, end in self.whole_lines if 0 < end - start <= longest]
        return found

    @cached_property
    def _short_lines(self) -> dict[int, list[tuple[int, int]]]:
        return {}

    def repeats(self, gap: int) -> list[int]:
        """The indexes i of the word tokens (`words`) where words[i] == words[i + gap], in
        order: one C-level pass per gap, shared by the checks of words written twice."""
        found = self._repeats.get(gap)
        if found is None:
            words = self.words
            found = self._repeats[gap] = list(
                compress(range(len(words) - gap), map(eq, words, words[gap:])))
        return found

    @cached_property
    def _repeats(self) -> dict[int, list[int]]:
        return {}

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Spans of paragraphs: runs of text separated by blank lines, outer blanks trimmed."""
        return split_spans(self.text, _BLANK_LINE)

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
