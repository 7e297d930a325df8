"""Files that hold many stories, read story by story in memory bounded by the largest story.

    from copylint.readers.stories import iter_stories, check_story
    with open("feed.jsonl", "rb") as handle:          # or the file's bytes
        for story in iter_stories(handle, "feed.jsonl"):
            result = check_story(run, story)          # findings at the file's own lines

The containers split into stories:

- JSON Lines (`.jsonl`, `.ndjson`, or the format `jsonl`): one ninjs item a line; blank lines are
  not items. Items are named `feed.jsonl#1`, `feed.jsonl#2`, ... in the order they stand.
- IPTC 7901 / ANPA 1312 streams: one story per message (`SOH header STX text ETX trailer`). A
  message begins at the first SYN, SOH or STX after the previous message's ETX; the trailer
  stays with the message it closes.
- NewsML-G2 `newsMessage` documents: one story per `newsItem` of the message (items that carry
  no text, such as a `packageItem`'s groups of references, are not stories).
- Plain text dumps: stories are separated by a line that holds only a form feed (`\\f`, Ctrl-L;
  spaces and tabs around it allowed). A form feed never occurs in copy, is what `pr`, Emacs and
  many archive exports put between pages or documents, and is typed in any editor, so the split
  is never ambiguous. A line of `---` is not used because Markdown and many stories use it as a
  rule or front-matter fence; a blank line followed by a headline and a dateline is not used
  because roundups carry several datelines in one story and stories without a dateline would
  never split.

Every other file, and a container holding a single story, is one Story: the whole content under
the file's own name, so a caller can always iterate. Reading is streaming: a stream is read in
chunks of 1 MiB and only the story being cut (and, until a second story shows up, the start of
the file) is held in memory. Each story starts at the start of one of the file's lines (text
before it on that line becomes spaces, so columns hold), and `line_offset` says how many lines of
the file come before it: a finding on line L of the story is on line L + line_offset of the file.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING, BinaryIO

from ..errors import CopylintError
from ..findings import Finding

if TYPE_CHECKING:
    from ..runner import FileResult, Run

#: bytes read from a stream at a time
CHUNK = 1 << 20
#: extensions of JSON Lines files (one ninjs item a line)
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: format names `iter_stories` takes besides the readers' (see copylint.readers.FORMATS)
CONTAINER_FORMATS = ("jsonl", "ndjson")
_SNIFF = 8192
_FORM_FEED_LINE = frozenset(b" \t\f")
_MESSAGE_BEGIN = re.compile(rb"[\x16\x01\x02]")
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?newsItem(?=[\s/>])")
_ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?newsItem\s*>")
#: how far back a search restarts after more bytes arrive (a tag cut by a chunk boundary)
_OVERLAP = 64


@dataclass(frozen=True)
class Story:
    """One story of a file: its content, its name and where it starts in the file.

    `name` is the file's name for a whole file, `NAME#N` for the Nth story of a container.
    `format` is the reader to use (None: detect it from the name and content as usual).
    `line_offset` is the number of the file's lines before the story's first line;
    `byte_offset` where its first byte is in the file.
    """

    content: bytes | str
    name: str
    file: str
    format: str | None
    index: int = 1
    line_offset: int = 0
    byte_offset: int = 0
    whole: bool = True

    def shift(self, findings: Iterable[Finding]) -> list[Finding]:
        """The story's findings at the file's lines, under the file's name."""
        offset = self.line_offset
        return [replace(f, path=self.file, line=f.line + offset, end_line=f.end_line + offset)
                for f in findings]

    def shift_message(self, message: str) -> str:
        """An error or warning about the story (`NAME:LINE: ...`) with the line in the file."""
        if self.whole or not self.line_offset:
            return message
        prefix = f"{self.name}:"
        if not message.startswith(prefix):
            return message
        line, colon, rest = message[len(prefix):].partition(":")
        if not colon or not line.isdigit():
            return message
        return f"{prefix}{int(line) + self.line_offset}:{rest}"


def iter_stories(data: bytes | BinaryIO, name: str, input_format: str | None = None, *,
                 encoding: str | None = None) -> Iterator[Story]:
    """The stories of a file, from its bytes or from a binary stream read in chunks.

    `input_format` is the user's override (a reader format, `jsonl`, or None to detect from the
    name and the first bytes); `encoding` the user's `--encoding` (a wide encoding such as
    UTF-16 is never split). UsageError for an unknown format.
    """
    stream: BinaryIO = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    scanner = _Scanner(stream)
    while len(scanner.buffer) < _SNIFF and scanner.more():
        pass
    container, fmt = container_of(bytes(scanner.buffer[:_SNIFF]), name, input_format, encoding)
    if container is None:
        scanner.read_all()
        yield Story(bytes(scanner.buffer), name, name, fmt)
        return
    transcode = _xml_transcoder(bytes(scanner.buffer[:_SNIFF]), encoding) \
        if container == "newsml" else None
    yield from _stories(scanner, _SPLITTERS[container](scanner), name, fmt, transcode)


def container_of(head: bytes, name: str, input_format: str | None,
                 encoding: str | None = None) -> tuple[str | None, str | None]:
    """(the container to split, or None; the reader format of its stories, None if unknown)."""
    from . import bom_encoding, detect_format, resolve_format
    from ._sniff import root_element

    key = (input_format or "").strip().lower()
    if key in CONTAINER_FORMATS:
        return "jsonl", "ninjs"
    chosen = resolve_format(input_format)
    suffix = PurePath(name).suffix.lower() if name not in ("-", "<stdin>") else ""
    if suffix in JSONL_SUFFIXES and chosen in (None, "ninjs"):
        return "jsonl", "ninjs"
    try:
        fmt = chosen if chosen not in (None, "xml") else detect_format(
            head, name if chosen is None else "forced.xml")
    except CopylintError:  # not a news format: the reader says so, for the whole file
        return None, None
    bom = bom_encoding(head)
    if _wide(bom or encoding) or (fmt != "iptc7901" and b"\0" in head and not bom):
        return None, fmt
    if fmt in ("iptc7901", "text"):
        return fmt, fmt
    if fmt == "newsml" and root_element(head.decode("utf-8", "ignore").lstrip("\ufeff")) \
            == "newsMessage":
        return "newsml", fmt
    return None, fmt


def check_story(run: Run, story: Story, path: object = None, *,
                explicit: bool = True) -> FileResult:
    """Check one story with `run` (read as the story's format unless the run forces one) and
    report its findings, errors and warnings at the file's lines.

    `path` (a pathlib.Path or None) selects the configuration's per-glob overrides, as for a
    whole file; `explicit` False (a whole file met walking a folder) skips a file that is not
    news with a note instead of an error, as `copylint check` does. The run's changed lines
    (`--changed-since`) are matched against the file's lines, after the shift.
    """
    if story.whole:
        return run.check_data(story.content, story.name, path,  # type: ignore[arg-type]
                              explicit=explicit)
    forced = story.format if story.format is not None and run.input_format is None \
        else run.input_format
    chosen = replace(run, input_format=forced, changed=None)
    result = chosen.check_data(story.content, story.name, path,  # type: ignore[arg-type]
                               explicit=explicit)
    if chosen.languagetool is None:
        run.languagetool = None  # the backend failed once: it is not asked again
    result.findings = story.shift(result.findings)
    if run.changed is not None and path is not None:
        result.findings = [f for f in result.findings
                           if run.changed.changed(path, f.line, f.end_line)]  # type: ignore[arg-type]
    result.warnings = [story.shift_message(warning) for warning in result.warnings]
    if result.error:
        result.error = story.shift_message(result.error)
    return result


def _wide(encoding: str | None) -> bool:
    """Whether an encoding is not ASCII-compatible (its bytes cannot be cut at ASCII marks)."""
    if not encoding or encoding == "auto":
        return False
    try:
        return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


@dataclass
class _Piece:
    content: bytes
    byte_offset: int
    line_offset: int


def _stories(scanner: _Scanner, pieces: Iterator[_Piece], name: str, fmt: str | None,
             transcode: Callable[[bytes], bytes | str] | None) -> Iterator[Story]:
    """Name the pieces; until a second one shows up the file may be a single story, kept whole."""
    first: _Piece | None = None
    index = 0
    for piece in pieces:
        if not piece.content.strip():
            continue
        if first is None:
            first = piece
            continue
        if index == 0:
            scanner.keep_all = False
            index = 1
            yield _story(first, name, fmt, 1, transcode)
        index += 1
        yield _story(piece, name, fmt, index, transcode)
    if index == 0:  # one story, or none: the whole file
        yield Story(bytes(scanner.buffer), name, name, fmt)


def _story(piece: _Piece, name: str, fmt: str | None, index: int,
           transcode: Callable[[bytes], bytes | str] | None) -> Story:
    content = piece.content if transcode is None else transcode(piece.content)
    return Story(content, f"{name}#{index}", name, fmt, index, piece.line_offset,
                 piece.byte_offset, whole=False)


def _xml_transcoder(head: bytes, requested: str | None) -> Callable[[bytes], bytes | str] | None:
    """For a message declaring an encoding other than UTF-8 (its declaration stays behind when an
    item is cut out): items decoded to text. Bytes that do not decode are left for the reader to
    report."""
    from ._xml import declared_encoding

    declared = declared_encoding(head)
    if requested or not declared:
        return None
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    if codec == "utf-8":
        return None

    def transcode(content: bytes) -> bytes | str:
        try:
            return content.decode(codec)
        except UnicodeDecodeError:
            return content
    return transcode


class _Scanner:
    """A stream read in chunks into a buffer whose first byte starts a line of the file.

    Offsets are absolute (bytes from the start of the file). Splitters release what they no
    longer need; the buffer drops it when the next chunk comes, unless `keep_all` (the file
    may still turn out to be one story).
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.buffer = bytearray()
        self.base = 0  # the offset of buffer[0]
        self.eof = False
        self.keep_all = True
        self.released = 0
        self._counted = 0  # lines before this offset are known:
        self._lines = 0
        self._cr_before = False

    @property
    def end(self) -> int:
        return self.base + len(self.buffer)

    def more(self) -> bool:
        """Read the next chunk; False at the end of the stream."""
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        if not self.keep_all and self.released - self.base > len(self.buffer) // 2:
            cut = self.line_start(self.released)
            self.lines_before(cut)
            del self.buffer[:cut - self.base]
            self.base = cut
        self.buffer += chunk
        return True

    def read_all(self) -> None:
        while self.more():
            pass

    def release(self, offset: int) -> None:
        self.released = max(self.released, offset)

    def line_start(self, offset: int) -> int:
        """The offset where the line holding `offset` starts."""
        relative = offset - self.base
        found = max(self.buffer.rfind(b"\n", 0, relative), self.buffer.rfind(b"\r", 0, relative))
        return self.base + found + 1

    def lines_before(self, offset: int) -> int:
        """Line ends (LF, CRLF or CR, as the readers count them) before `offset`; offsets asked
        must not decrease."""
        start, end = self._counted - self.base, offset - self.base
        if end > start:
            buffer = self.buffer
            self._lines += (buffer.count(b"\n", start, end) + buffer.count(b"\r", start, end)
                            - buffer.count(b"\r\n", start, end))
            if self._cr_before and buffer[start] == 0x0A:
                self._lines -= 1  # the LF of a CRLF cut between two counts
            self._cr_before = buffer[end - 1] == 0x0D
            self._counted = offset
        return self._lines

    def piece(self, start: int, end: int) -> _Piece:
        """The bytes [start, end) as a story starting at the start of its line."""
        line_start = self.line_start(start)
        prefix = bytes(self.buffer[line_start - self.base:start - self.base])
        content = b" " * _width(prefix, line_start == 0) + bytes(
            self.buffer[start - self.base:end - self.base])
        return _Piece(content, start, self.lines_before(line_start))

    def search(self, needle: bytes | re.Pattern[bytes], start: int) -> tuple[int, int]:
        """(start, end) of the first match at or after `start`, reading chunks until there is
        one; (-1, -1) at the end of the stream."""
        while True:
            relative = max(start - self.base, 0)
            if isinstance(needle, bytes):
                found = self.buffer.find(needle, relative)
                if found != -1:
                    return self.base + found, self.base + found + len(needle)
            else:
                match = needle.search(self.buffer, relative)
                if match is not None:
                    return self.base + match.start(), self.base + match.end()
            start = max(start, self.end - _OVERLAP)  # a mark cut by the chunk boundary
            if not self.more():
                return -1, -1


def _width(prefix: bytes, file_start: bool) -> int:
    """Columns taken by the text before a story on its first line (code points; Latin-1 when
    the bytes are not UTF-8)."""
    try:
        text = prefix.decode("utf-8")
    except UnicodeDecodeError:
        return len(prefix)
    return len(text) - (1 if file_start and text.startswith("\ufeff") else 0)


def _split_jsonl(scanner: _Scanner) -> Iterator[_Piece]:
    """One piece a line; blank lines join the item after them."""
    start = line = 0
    while True:
        newline, after = scanner.search(b"\n", line)
        if newline == -1:
            if scanner.end > start:
                yield scanner.piece(start, scanner.end)
            return
        blank = not bytes(scanner.buffer[line - scanner.base:newline - scanner.base]).strip()
        line = after
        if not blank:
            yield scanner.piece(start, after)
            scanner.release(after)
            start = after


def _split_text(scanner: _Scanner) -> Iterator[_Piece]:
    """Pieces between lines that hold only a form feed."""
    start = position = 0
    while True:
        feed, _ = scanner.search(b"\f", position)
        if feed == -1:
            yield scanner.piece(start, scanner.end)
            return
        while (line_end := _line_end(scanner, feed)) is None:
            scanner.more()  # the line goes on in the next chunk
        line_start = scanner.line_start(feed)
        line = scanner.buffer[line_start - scanner.base:line_end[0] - scanner.base]
        if not set(line) <= _FORM_FEED_LINE:
            position = feed + 1
            continue
        yield scanner.piece(start, line_start)
        start = position = line_end[1]
        scanner.release(start)


def _line_end(scanner: _Scanner, offset: int) -> tuple[int, int] | None:
    """(where the line holding `offset` ends, where the next starts); None if not read yet."""
    relative = offset - scanner.base
    buffer = scanner.buffer
    ends = [i for i in (buffer.find(b"\n", relative), buffer.find(b"\r", relative)) if i != -1]
    if not ends:
        return (scanner.end, scanner.end) if scanner.eof else None
    end = min(ends)
    if buffer[end] == 0x0D:
        if end + 1 == len(buffer) and not scanner.eof:
            return None  # CR or CRLF: the next chunk says
        if end + 1 < len(buffer) and buffer[end + 1] == 0x0A:
            return scanner.base + end, scanner.base + end + 2
    return scanner.base + end, scanner.base + end + 1


def _split_iptc7901(scanner: _Scanner) -> Iterator[_Piece]:
    """One piece a message: from its SYN, SOH or STX to the next message's."""
    start = 0
    while True:
        _, after = scanner.search(b"\x03", start)
        if after == -1:
            break
        begin, _ = scanner.search(_MESSAGE_BEGIN, after)
        if begin == -1:
            break
        yield scanner.piece(start, begin)
        scanner.release(begin)
        start = begin
    yield scanner.piece(start, scanner.end)


def _split_newsml(scanner: _Scanner) -> Iterator[_Piece]:
    """One piece a `newsItem` element of a `newsMessage`."""
    position = 0
    while True:
        begin, _ = scanner.search(_ITEM_START, position)
        if begin == -1:
            return
        _, end = scanner.search(_ITEM_END, begin)
        if end == -1:
            end = scanner.end  # not closed: the reader reports it
        yield scanner.piece(begin, end)
        scanner.release(end)
        position = end


_SPLITTERS: dict[str, Callable[[_Scanner], Iterator[_Piece]]] = {
    "jsonl": _split_jsonl, "text": _split_text, "iptc7901": _split_iptc7901,
    "newsml": _split_newsml,
}
