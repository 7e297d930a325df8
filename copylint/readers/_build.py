"""What every reader shares: decoding, an exact offset map, a text builder and wire-copy labels.

A reader turns a file into a Document: the words a reader sees (paragraphs separated by a blank
line), the normalised source, and for every character of the text its offset in the source. The
map is kept as runs, so building it costs one step per run of copied text, not per character:

- a *copied* run (step 1): text taken as is from the source, character by character;
- a *put* run (step 0): text that is not in the source as such (a decoded entity, a JSON escape,
  an inserted paragraph break or space); every character of it maps to one source offset, the
  start of the entity, escape or tag that stands for it.

Offsets never decrease, and every one of them is a valid offset into the source.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import repeat

from ..document import Block, Document, split_spans
from ..errors import InputError
from .wire import label_wire

#: the white space that HTML and XML collapse (not the no-break space)
SPACE = " \t\n\r\f"
_IRREGULAR_SPACE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
_LINE_END = re.compile(r"\r\n?|\n")
# as Document.paragraphs splits plain text (starting with a line end keeps the search fast)
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n[ \t]*)*\n")
_BLANK_LINE_CR = re.compile(r"(?:\r\n?|\n)[ \t]*(?:(?:\r\n?|\n)[ \t]*)*(?:\r\n?|\n)")
#: marks that take no space before them where skipped content (a code span) left a gap
_CLOSING = frozenset(",.;:!?)]}”’…%")


class OffsetMap(Sequence[int]):
    """Source offsets of a text's characters (plus one entry for its end), stored as runs."""

    __slots__ = ("_ends", "_length", "_origins", "_starts", "_steps")

    def __init__(self, starts: list[int], origins: list[int], steps: list[int], length: int,
                 ends: list[int] | None = None) -> None:
        if length and (not starts or starts[0] != 0):
            raise ValueError("the first run must start at offset 0")
        self._starts = starts
        self._origins = origins
        self._steps = steps
        self._length = length
        # where the raw form of a put run ends in the source (a copied run: unused)
        self._ends = ends if ends is not None else list(origins)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that is its own source: offset i maps to i (length + 1 entries)."""
        return cls([0], [0], [1], length + 1)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset map index out of range")
        run = bisect_right(self._starts, index) - 1
        return self._origins[run] + (index - self._starts[run]) * self._steps[run]

    def __iter__(self) -> Iterator[int]:
        for start, end, origin, step in self.runs():
            if step:
                yield from range(origin, origin + end - start)
            else:
                yield from repeat(origin, end - start)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap | list | tuple):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OffsetMap({self.runs()!r})"

    def end_of(self, index: int) -> int:
        """Source offset just past the raw form of text character `index`.

        For copied text that is the next offset; for put text the end of the entity, escape
        or tag it stands for (`&rdquo;` whole), so a span ending on it ends after it.
        """
        run = bisect_right(self._starts, index) - 1
        if self._steps[run]:
            return self._origins[run] + index - self._starts[run] + 1
        return self._ends[run]

    def runs(self) -> list[tuple[int, int, int, int]]:
        """(start, end, origin, step) of every run; together they cover 0..len(self)."""
        ends = [*self._starts[1:], self._length]
        return list(zip(self._starts, ends, self._origins, self._steps, strict=True))

    def compose(self, outer: Sequence[int]) -> OffsetMap:
        """Map this map's offsets (into an intermediate string) through `outer` (that string's map).

        Used where a text was read out of a string that is itself decoded from the file: the
        HTML of a JSON field, the text of an XML element.
        """
        out = _Runs()
        if isinstance(outer, OffsetMap):
            outer_starts = outer._starts
            outer_runs = outer.runs()
            for (start, end, origin, step), raw_end in zip(self.runs(), self._ends, strict=True):
                if not step:
                    out.add(start, outer[origin], 0,
                            outer.end_of(raw_end - 1) if raw_end > origin else outer[origin])
                    continue
                position = start
                index = bisect_right(outer_starts, origin) - 1
                while position < end:
                    o_start, o_end, o_origin, o_step = outer_runs[index]
                    here = origin + (position - start)
                    out.add(position, o_origin + (here - o_start) * o_step, o_step,
                            outer._ends[index])
                    position += o_end - here
                    index += 1
        else:
            for index, value in enumerate(outer[i] for i in self):
                out.add(index, value, 0)
        return out.build(self._length)


class _Runs:
    """Collects runs, merging a run into the previous one when it continues it."""

    __slots__ = ("ends", "origins", "starts", "steps")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.steps: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, origin: int, step: int, end: int | None = None) -> None:
        if end is None or step:
            end = origin
        if self.starts and step == self.steps[-1]:
            if step and self.origins[-1] + (start - self.starts[-1]) == origin:
                return
            if not step and self.origins[-1] == origin and self.ends[-1] == end:
                return
        self.starts.append(start)
        self.origins.append(origin)
        self.steps.append(step)
        self.ends.append(end)

    def build(self, length: int) -> OffsetMap:
        return OffsetMap(self.starts, self.origins, self.steps, length, self.ends)


class TextBuilder:
    """Builds a reader's text, its offset map and its blocks, paragraph by paragraph.

    `copy` adds text found as is in the source, `put` text that stands for something else;
    `collapse` adds markup text with white space collapsed as a browser does. `paragraph` and
    `space` ask for a separator that is only written when more text follows, so no paragraph
    or block starts or ends with a separator. A block is a run of text with one role; it ends
    at a paragraph break or where the role changes.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._runs = _Runs()
        self._next = 0  # the source offset just after the last character written
        self.blocks: list[Block] = []
        self._role: str | None = None  # role of the open block
        self._block_start = 0
        self._content_end = 0
        self._break: int | None = None  # a paragraph break is due, at this source offset
        self._space: int | None = None  # a space is due, at this source offset
        self._open = False  # the current paragraph has text
        self._gap = False  # skipped content since the last text

    # the text as it is so far
    def __len__(self) -> int:
        return self._length

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts[:] = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    # separators
    def paragraph(self, origin: int) -> None:
        """End the current paragraph; the next text starts a new one after a blank line."""
        if self._open:
            self._break = origin
            self._space = None
            self._open = False
            self._close_block()

    def space(self, origin: int) -> None:
        """Ask for one space before the next text of this paragraph."""
        if self._open and self._space is None:
            self._space = origin

    def gap(self) -> None:
        """Note skipped inline content (a code span): a due space is dropped before `,` `.` `)`."""
        if self._open:
            self._gap = True

    # text
    def copy(self, text: str, origin: int, role: str) -> None:
        """Add text that stands as is in the source at `origin`."""
        if text:
            self._flush(role, text[0])
            self._append(text, origin, 1)
            self._content_end = self._length

    def copy_spaced(self, text: str, origin: int, role: str) -> None:
        """Like `copy`, but outer spaces and tabs become due spaces (so skipped content between
        two pieces of text leaves one space, or none before a closing mark)."""
        core = text.strip(" \t")
        if not core:
            if text:
                self.space(origin)
            return
        lead = len(text) - len(text.lstrip(" \t"))
        if lead:
            self.space(origin)
        self.copy(core, origin + lead, role)
        if lead + len(core) < len(text):
            self.space(origin + lead + len(core))

    def put(self, text: str, origin: int, role: str, end: int | None = None) -> None:
        """Add text that is not in the source as such; it maps to `origin`.

        `end` is where its raw form (an entity, an escape) ends in the source.
        """
        if text:
            self._flush(role, text[0])
            self._append(text, origin, 0, end)
            self._content_end = self._length

    def collapse(self, text: str, origin: int, role: str) -> None:
        """Add markup text found at `origin`, each run of white space read as one space."""
        core = text.strip(SPACE)
        if not core:
            if text:
                self.space(origin)
            return
        lead = len(text) - len(text.lstrip(SPACE))
        if lead:
            self.space(origin)
        start = origin + lead
        position = 0
        for gap in _IRREGULAR_SPACE.finditer(core):
            self.copy(core[position:gap.start()], start + position, role)
            self.space(start + gap.start())
            position = gap.end()
        self.copy(core[position:], start + position, role)
        if lead + len(core) < len(text):
            self.space(start + len(core))

    def entity(self, text: str, origin: int, role: str, end: int | None = None) -> None:
        """Add the decoded text of an entity or escape whose raw form is source[origin:end]."""
        if text.strip(SPACE):
            self.put(text, origin, role, end)
        elif text:
            self.space(origin)

    def splice(self, text: str, offsets: Sequence[int], blocks: Sequence[Block]) -> None:
        """Add a piece built elsewhere (its offsets already in this source) as new paragraphs."""
        if not text:
            return
        origin = offsets[0]
        self.paragraph(self._break if self._break is not None else origin)
        self._flush(None)
        base = self._length
        if isinstance(offsets, OffsetMap):
            for (start, _, run_origin, step), raw_end in zip(offsets.runs(), offsets._ends, strict=True):
                if start < len(text):
                    self._runs.add(base + start, run_origin, step, raw_end)
        else:
            for index in range(len(text)):
                self._runs.add(base + index, offsets[index], 0)
        self._parts.append(text)
        self._length += len(text)
        self._next = offsets[len(text)]
        self.blocks.extend(Block(b.start + base, b.end + base, b.role) for b in blocks)
        self._role = None
        self._block_start = self._content_end = self._length
        self.paragraph(self._next)

    # the result
    def result(self) -> tuple[str, OffsetMap, list[Block]]:
        """(text, offsets with one entry past the end, blocks)."""
        self._close_block()
        self._runs.add(self._length, self._next, 0)
        return self.text, self._runs.build(self._length + 1), list(self.blocks)

    def document(self, path: str, source: str) -> Document:
        """The finished Document, with bylines and the dateline of wire copy labelled."""
        text, offsets, blocks = self.result()
        return Document(text, path, source=source, offsets=offsets, blocks=label_wire(text, blocks))

    # internals
    def _flush(self, role: str | None, first: str = "") -> None:
        if self._break is not None:
            if self._length:
                self._append("\n\n", self._break, 0)
            self._break = None
        elif self._space is not None:
            if first != "\n" and not (self._gap and first in _CLOSING):
                self._append(" ", self._space, 0)
            self._space = None
        self._gap = False
        if role != self._role:
            self._close_block()
            self._role = role
            self._block_start = self._length
        self._open = True

    def _append(self, text: str, origin: int, step: int, end: int | None = None) -> None:
        self._runs.add(self._length, origin, step, end)
        self._parts.append(text)
        self._length += len(text)
        self._next = origin + len(text) if step else max(origin, end or origin)

    def _close_block(self) -> None:
        if self._role is not None and self._content_end > self._block_start:
            self.blocks.append(Block(self._block_start, self._content_end, self._role))
        self._role = None


# plain text inside a markup format (ninjs body_text, NewsML inlineData, IPTC 7901 bodies)
def paragraph_spans(text: str, layout: str = "blank") -> list[tuple[int, int]]:
    """Spans of paragraphs under a layout (`copylint.readers.layout`), outer space trimmed:
    "blank" splits at blank lines only, "line" at every line end, "auto" decides."""
    if layout == "blank":
        separator = _BLANK_LINE_CR if "\r" in text else _BLANK_LINE
        return split_spans(text, separator)
    if layout == "line":
        return split_spans(text, _LINE_END)
    from .layout import paragraph_spans as layout_spans

    return layout_spans(text, layout)


def plain_piece(text: str, role: str = "body", layout: str = "auto",
                first_role: str | None = None) -> tuple[str, OffsetMap, list[Block]]:
    """Plain text as paragraphs (offsets into `text`) cut by `layout`; line ends inside a
    (hard-wrapped) paragraph kept."""
    builder = TextBuilder()
    for index, (start, end) in enumerate(paragraph_spans(text, layout)):
        builder.paragraph(start)
        chunk = text[start:end]
        paragraph_role = first_role if index == 0 and first_role else role
        if "\r" in chunk:
            position = 0
            for line_end in _LINE_END.finditer(chunk):
                builder.copy(chunk[position:line_end.start()], start + position, paragraph_role)
                builder.put("\n", start + line_end.start(), paragraph_role)
                position = line_end.end()
            builder.copy(chunk[position:], start + position, paragraph_role)
        else:
            builder.copy(chunk, start, paragraph_role)
    return builder.result()


# decoding
def line_of_byte(data: bytes, index: int) -> int:
    """1-based line of a byte offset (CRLF, CR and LF each end a line)."""
    prefix = data[:index]
    return prefix.count(b"\n") + prefix.count(b"\r") - prefix.count(b"\r\n") + 1


def line_of(text: str, index: int) -> int:
    """1-based line of a character offset in normalised text."""
    return text.count("\n", 0, index) + 1


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark announces, if the data starts with one."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def _codec(requested: str, name: str, what: str) -> str:
    try:
        return codecs.lookup(requested).name
    except LookupError:
        raise InputError(f"{name}: unknown encoding '{requested}' {what}") from None


def _detect(data: bytes, name: str) -> str:
    """The encoding charset-normalizer finds most likely for bytes that are not UTF-8."""
    from charset_normalizer import from_bytes  # only for files that need detection

    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        raise InputError(f"{name}: cannot tell the encoding (--encoding auto found none that "
                         "fits); name it with --encoding NAME")
    return codecs.lookup(best.encoding).name


def choose_encoding(data: bytes, name: str, declared: str | None = None,
                    requested: str | None = None) -> str:
    """The codec to decode a file with: a BOM first, then an encoding the user named, then the
    file's own declaration, then UTF-8 (or, with `requested="auto"`, detection when the bytes are
    not UTF-8)."""
    found = bom_encoding(data)
    if found:
        return found
    if requested and requested != "auto":
        return _codec(requested, name, "(--encoding)")
    if declared:
        return _codec(declared, name, "declared in the file")
    if requested == "auto":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return _detect(data, name)
    return "utf-8"


def decode(data: bytes, name: str, declared: str | None = None,
           requested: str | None = None) -> str:
    """Decode a file with `choose_encoding`'s codec; InputError in one line."""
    encoding = choose_encoding(data, name, declared, requested)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        byte = data[error.start] if error.start < len(data) else 0
        label = "UTF-8" if encoding.startswith("utf-8") else encoding
        hint = ("; name its encoding with --encoding (e.g. cp1252) or use --encoding auto"
                if label == "UTF-8" else "")
        raise InputError(
            f"{name}:{line_of_byte(data, error.start)}: not valid {label} at byte {error.start} "
            f"(0x{byte:02x}){hint}") from None
    return text
