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

A plain-text story longer than `_split.SEGMENT_BYTES` (128 KiB: an archive or a book with no
form feeds) is cut into segments at paragraph breaks, each a Story marked `continued` (read with
no headline, byline or dateline at its start), so that memory stays bounded whatever the file.

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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING, BinaryIO

from ..errors import CopylintError
from ..findings import Finding
from ._split import SPLITTERS, Piece, Scanner

if TYPE_CHECKING:
    from ..runner import FileResult, Run

#: extensions of JSON Lines files (one ninjs item a line)
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: format names `iter_stories` takes besides the readers' (see copylint.readers.FORMATS)
CONTAINER_FORMATS = ("jsonl", "ndjson")
_SNIFF = 8192


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
    #: a segment of a long story, going on from the one before (read with no headline, byline
    #: or dateline at its start)
    continued: bool = False

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
    scanner = Scanner(stream)
    while len(scanner.buffer) < _SNIFF and scanner.more():
        pass
    container, fmt = container_of(bytes(scanner.buffer[:_SNIFF]), name, input_format, encoding)
    if container is None:
        scanner.read_all()
        yield Story(bytes(scanner.buffer), name, name, fmt)
        return
    transcode = _xml_transcoder(bytes(scanner.buffer[:_SNIFF]), encoding) \
        if container == "newsml" else None
    yield from _stories(scanner, SPLITTERS[container](scanner), name, fmt, transcode)


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
    options = replace(run.read_options, continued=True) if story.continued else run.read_options
    chosen = replace(run, input_format=forced, changed=None, read_options=options)
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


def _stories(scanner: Scanner, pieces: Iterator[Piece], name: str, fmt: str | None,
             transcode: Callable[[bytes], bytes | str] | None) -> Iterator[Story]:
    """Name the pieces; until a second one shows up the file may be a single story, kept whole."""
    first: Piece | None = None
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


def _story(piece: Piece, name: str, fmt: str | None, index: int,
           transcode: Callable[[bytes], bytes | str] | None) -> Story:
    content = piece.content if transcode is None else transcode(piece.content)
    return Story(content, f"{name}#{index}", name, fmt, index, piece.line_offset,
                 piece.byte_offset, whole=False, continued=piece.continued)


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
