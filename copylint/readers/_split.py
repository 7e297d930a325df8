"""Cutting a stream into the pieces that are stories, chunk by chunk (for copylint.readers.stories).

A Scanner holds the bytes read so far from the start of a line of the file; splitters ask it to
search (reading more chunks as needed), cut pieces and release what they no longer need.
Offsets are absolute (bytes from the start of the file); lines are counted as the readers count
them (LF, CRLF or CR).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

#: bytes read from a stream at a time
CHUNK = 1 << 20
#: how far back a search restarts after more bytes arrive (a mark cut by a chunk boundary)
_OVERLAP = 64
_FORM_FEED_LINE = frozenset(b" \t\f")
#: a plain-text story longer than this (a file of no form feeds: an archive, a book) is cut into
#: segments of at most about this size, at paragraph breaks, so that memory stays bounded (twice
#: the longest feature story; a segment's tables cost about 20 times its size)
SEGMENT_BYTES = 1 << 17
_PARAGRAPH_BREAK = re.compile(rb"(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)")
_LINE_BREAK = re.compile(rb"\r\n?|\n")
_MESSAGE_BEGIN = re.compile(rb"[\x16\x01\x02]")
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?newsItem(?=[\s/>])")
_ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?newsItem\s*>")


@dataclass
class Piece:
    """Bytes of one story (starting at the start of its line), where they start in the file,
    and how many lines of the file come before them."""

    content: bytes
    byte_offset: int
    line_offset: int
    #: the piece goes on from the one before it (a segment of a long story, not a story)
    continued: bool = False


class Scanner:
    """A stream read in chunks into a buffer whose first byte starts a line of the file.

    Splitters release what they no longer need; the buffer drops it when the next chunk comes,
    unless `keep_all` (the file may still turn out to be one story, kept whole).
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
        if not self.keep_all and self.released > self.base:  # at most once a chunk
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

    def piece(self, start: int, end: int, continued: bool = False) -> Piece:
        """The bytes [start, end) as a story starting at the start of its line."""
        line_start = self.line_start(start)
        prefix = bytes(self.buffer[line_start - self.base:start - self.base])
        with memoryview(self.buffer) as view:  # one copy of the bytes, not two
            content = b" " * _width(prefix, line_start == 0) + bytes(
                view[start - self.base:end - self.base])
        return Piece(content, start, self.lines_before(line_start), continued)

    def find_before(self, needle: bytes, start: int, limit: int) -> int:
        """The offset of the first `needle` in [start, limit), reading chunks as far as `limit`
        only; -1 when there is none."""
        while True:
            found = self.buffer.find(needle, max(start - self.base, 0), limit - self.base)
            if found != -1:
                return self.base + found
            if self.end >= limit or not self.more():
                return -1

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


def _split_jsonl(scanner: Scanner) -> Iterator[Piece]:
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


def _split_text(scanner: Scanner) -> Iterator[Piece]:
    """Pieces between lines that hold only a form feed; a piece longer than SEGMENT_BYTES is cut
    into segments at paragraph breaks (`_segment_end`), each `continued` from the one before."""
    segment = SEGMENT_BYTES
    start = position = 0
    continued = False
    while True:
        limit = start + segment
        feed = scanner.find_before(b"\f", position, limit)
        if feed == -1:
            if scanner.eof and scanner.end <= limit:
                yield scanner.piece(start, scanner.end, continued)
                return
            cut = _segment_end(scanner, start, limit)
            yield scanner.piece(start, cut, continued)
            if cut >= scanner.end and scanner.eof:
                return
            start = position = cut
            continued = True
            scanner.release(start)
            continue
        while (line_end := _line_end(scanner, feed)) is None:
            scanner.more()  # the line goes on in the next chunk
        line_start = scanner.line_start(feed)
        line = scanner.buffer[line_start - scanner.base:line_end[0] - scanner.base]
        if not set(line) <= _FORM_FEED_LINE:
            position = feed + 1
            continue
        yield scanner.piece(start, line_start, continued)
        start = position = line_end[1]
        continued = False
        scanner.release(start)


def _segment_end(scanner: Scanner, start: int, limit: int) -> int:
    """Where a segment starting at `start` ends, at most at `limit` if it can: after the last
    paragraph break (a blank line) in the second half of [start, limit), else after the last line
    end there, else after the first line end past `limit` (a line longer than half a segment)."""
    while scanner.end < limit and scanner.more():
        pass
    buffer, base = scanner.buffer, scanner.base
    low, high = (start + limit) // 2 - base, min(limit, scanner.end) - base
    cut = -1
    for found in _PARAGRAPH_BREAK.finditer(buffer, low, high):
        cut = base + found.end()
    if cut == -1:
        last = max(buffer.rfind(b"\n", low, high), buffer.rfind(b"\r", low, high))
        cut = base + last + 1 if last != -1 else -1
    if cut == -1:
        _, cut = scanner.search(_LINE_BREAK, limit)
        if cut == -1:
            return scanner.end
    return _past_crlf(scanner, cut)


def _past_crlf(scanner: Scanner, cut: int) -> int:
    """`cut`, or one byte more when it falls between the CR and the LF of one line end."""
    if scanner.buffer[cut - 1 - scanner.base] != 0x0D:
        return cut
    while cut >= scanner.end and scanner.more():
        pass
    if cut < scanner.end and scanner.buffer[cut - scanner.base] == 0x0A:
        return cut + 1
    return cut


def _line_end(scanner: Scanner, offset: int) -> tuple[int, int] | None:
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


def _split_iptc7901(scanner: Scanner) -> Iterator[Piece]:
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


def _split_newsml(scanner: Scanner) -> Iterator[Piece]:
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


SPLITTERS: dict[str, Callable[[Scanner], Iterator[Piece]]] = {
    "jsonl": _split_jsonl, "text": _split_text, "iptc7901": _split_iptc7901,
    "newsml": _split_newsml,
}
