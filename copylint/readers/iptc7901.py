"""IPTC 7901 and ANPA 1312: wire text framed by control characters.

A message is `SOH header STX text ETX trailer` (SYN and EOT may surround it). Only the text
between STX and ETX is copy: the header (service, number, priority, category, keyword, word count)
and the trailer are framing. The first line of the text is the headline; the body's lines are
joined into paragraphs as `--paragraphs` says (`copylint.readers.layout`). By default the wire's
convention holds when a body has indented lines (a blank or indented line opens a paragraph, other
lines continue it); a hard-wrapped body also starts a paragraph after a line that stops short; any
other body has one paragraph a line. ANPA format marks (`^` opening a line, `<` closing one) and
other control characters are not copy. A file may hold several messages. The bytes are read as
UTF-8 when they are valid UTF-8, and as Latin-1 otherwise.
"""

from __future__ import annotations

import re

from ..document import Document, normalise
from ..errors import InputError
from ._build import TextBuilder, decode, line_of
from .layout import Line, soft_wrap, wrap_width
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


def _message_lines(source: str, start: int, end: int) -> list[Line]:
    """The non-empty lines of one message's text, trimmed of framing marks."""
    lines: list[Line] = []
    blank = True
    line_start = start
    while line_start < end:
        line_end = source.find("\n", line_start, end)
        if line_end == -1:
            line_end = end
        first, last = _trim(source, line_start, line_end)
        if first < last:
            if lines and not blank:
                previous = lines[-1]
                lines[-1] = Line(previous.start, previous.end, previous.indent, True)
            indent = len(source[line_start:first]) - len(source[line_start:first].lstrip(" \t"))
            lines.append(Line(first, last, indent, False))
            blank = False
        else:
            blank = True
        line_start = line_end + 1
    return lines


def _message(builder: TextBuilder, source: str, start: int, end: int, layout: str) -> None:
    """Read the text of one message, source[start:end] (between STX and ETX): the first line is
    the headline; the body's lines are joined into paragraphs as `layout` says (the wire's own
    convention, a blank or indented line opening a paragraph, is the "blank" layout)."""
    lines = _message_lines(source, start, end)
    if not lines:
        builder.paragraph(end)
        return
    headline, body = lines[0], lines[1:]
    builder.paragraph(headline.start)
    _line(builder, source, headline.start, headline.end, "headline")
    builder.paragraph(headline.end)
    if layout == "auto" and any(line.indent for line in body[1:]):
        layout = "blank"  # indented lines open paragraphs: the wire's own convention
    width = wrap_width(body) if layout == "auto" else None
    for index, line in enumerate(body):
        previous = body[index - 1] if index else None
        if previous is None or not previous.runs_on:
            joined = False
        elif layout == "blank":
            joined = line.indent <= previous.indent
        elif layout == "auto" and width is not None:
            joined = soft_wrap(source, previous, line, width)
        else:
            joined = False
        if joined:
            builder.copy("\n", source.rfind("\n", previous.end, line.start), "body")
        else:
            builder.paragraph(line.start)
        _line(builder, source, line.start, line.end, "body")
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
        _message(builder, source, stx + 1, etx, options.paragraphs)
        messages += 1
        position = etx + 1
    if not messages:
        raise InputError(f"{name}: no STX (0x02) start of text: not IPTC 7901 or ANPA 1312 text")
    return builder.document(name, source)
