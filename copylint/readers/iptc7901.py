"""IPTC 7901 and ANPA 1312: wire text framed by control characters.

A message is `SOH header STX text ETX trailer` (SYN and EOT may surround it). Only the text
between STX and ETX is copy: the header (service, number, priority, category, keyword, word count)
and the trailer are framing. The first line of the text is the headline; paragraphs start after
a blank line or on an indented line (the wire's convention), and other lines continue the
paragraph. ANPA format marks (`^` opening a line, `<` closing one) and other control characters
are not copy. A file may hold several messages. The bytes are read as UTF-8 when they are valid
UTF-8, and as Latin-1 otherwise.
"""

from __future__ import annotations

import re

from ..document import Document, normalise
from ..errors import InputError
from ._build import TextBuilder, decode, line_of
from .options import DEFAULT_OPTIONS, ReadOptions

SOH, STX, ETX = "\x01", "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]+")
_EDGE = frozenset(" \t\x7f" + "".join(chr(code) for code in range(32) if code != 10))


def _decode(data: bytes, name: str, requested: str | None) -> str:
    """UTF-8 when the bytes are valid UTF-8, else Latin-1; an encoding the user names wins."""
    if requested and requested != "auto":
        return decode(data, name, requested=requested)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _trim(source: str, start: int, end: int) -> tuple[int, int]:
    """The span of a line without outer spaces, control characters and ANPA's `^` and `<`."""
    while start < end and source[start] in _EDGE:
        start += 1
    if start < end and source[start] == "^":
        start += 1
        while start < end and source[start] in _EDGE:
            start += 1
    while end > start and source[end - 1] in _EDGE:
        end -= 1
    if end > start and source[end - 1] == "<":
        end -= 1
        while end > start and source[end - 1] in _EDGE:
            end -= 1
    return start, end


def _line(builder: TextBuilder, source: str, start: int, end: int, role: str) -> None:
    position = start
    for control in _CONTROL.finditer(source, start, end):
        builder.copy(source[position:control.start()], position, role)
        position = control.end()
    builder.copy(source[position:end], position, role)


def _message(builder: TextBuilder, source: str, start: int, end: int) -> None:
    """Read the text of one message, source[start:end] (between STX and ETX)."""
    headline = True
    blank = True
    line_start = start
    while line_start < end:
        line_end = source.find("\n", line_start, end)
        if line_end == -1:
            line_end = end
        first, last = _trim(source, line_start, line_end)
        indented = source[line_start:line_start + 1] in (" ", "\t")
        core = source[first:last]
        if not core:
            blank = True
        else:
            if headline:  # the headline is a paragraph of its own
                builder.paragraph(first)
                _line(builder, source, first, last, "headline")
                builder.paragraph(last)
                headline = False
                blank = True
            else:
                if blank or indented:
                    builder.paragraph(line_start)
                else:
                    builder.copy("\n", line_start - 1, "body")
                _line(builder, source, first, last, "body")
                blank = False
        line_start = line_end + 1
    builder.paragraph(end)


def read_iptc7901(data: bytes, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read IPTC 7901 / ANPA 1312 framed wire text."""
    source = normalise(_decode(data, name, options.encoding))
    builder = TextBuilder()
    position = 0
    messages = 0
    while True:
        stx = source.find(STX, position)
        if stx == -1:
            break
        etx = source.find(ETX, stx + 1)
        if etx == -1:
            raise InputError(f"{name}:{line_of(source, stx)}: the text opened here by STX (0x02) "
                             "has no ETX (0x03): the message is truncated")
        _message(builder, source, stx + 1, etx)
        messages += 1
        position = etx + 1
    if not messages:
        raise InputError(f"{name}: no STX (0x02) start of text: not IPTC 7901 or ANPA 1312 text")
    return builder.document(name, source)
