"""ninjs (IPTC's JSON news format, 1.x and 2.0).

Read: the headline (`headline`, or the main entry of `headlines`), the byline (`byline` or
`by`) and the body: `body_html` (read as HTML) or else `body_text` (each line a paragraph), or
the main entry of ninjs 2.0 `bodies` (HTML preferred to plain text). Every character maps through
the JSON string's escapes (`\\u2019`, `\\"`, `\\n`) to its exact line and column in the file.
The fields are read in the order they stand in the file.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from json.scanner import py_make_scanner
from typing import Any

from ..document import Document, normalise
from ..errors import InputError
from ..sources import NotNews
from ._build import OffsetMap, TextBuilder, decode, plain_piece
from .html import html_piece
from .options import DEFAULT_OPTIONS, ReadOptions

# a surrogate pair (high then low) is one character; any other \uXXXX, a lone surrogate too, is one
_ESCAPE = re.compile(r'\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})'
                     r'|u([0-9a-fA-F]{4})|(.))|"', re.DOTALL)
#: digits beyond which Python refuses to convert a JSON integer (ninjs numbers are never read)
_LONGEST_INT = 4000
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _Located(str):
    """A JSON string value that knows where its raw text starts and ends in the file."""

    start: int
    end: int


def _parse_string(text: str, end: int, strict: bool = True) -> tuple[str, int]:
    value, after = scanstring(text, end, strict)
    located = _Located(value)
    located.start = end
    located.end = after - 1  # the closing quote
    return located, after


def _parse_int(digits: str) -> int | float:
    """A JSON integer; one too long for int() (4,300 digits) becomes a float (infinity)."""
    return int(digits) if len(digits) <= _LONGEST_INT else float(digits)


def _loads(source: str) -> Any:
    decoder = json.JSONDecoder(parse_int=_parse_int)
    decoder.parse_string = _parse_string  # type: ignore[attr-defined]
    decoder.scan_once = py_make_scanner(decoder)
    return decoder.decode(source)


def string_map(source: str, value: _Located) -> OffsetMap:
    """Offsets in the file of every character of a decoded JSON string (plus its end)."""
    builder = TextBuilder()
    position = value.start
    for escape in _ESCAPE.finditer(source, position):
        builder.copy(source[position:escape.start()], position, "body")
        if escape.group() == '"':
            break
        if escape.group(4) is not None:
            char = _SIMPLE.get(escape.group(4), escape.group(4))
        elif escape.group(3) is not None:
            char = chr(int(escape.group(3), 16))
        else:
            high, low = int(escape.group(1), 16), int(escape.group(2), 16)
            char = chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        builder.put(char, escape.start(), "body", escape.end())
        position = escape.end()
    text, offsets, _ = builder.result()
    if text != value:  # cannot happen for valid JSON; keep the map valid anyway
        return OffsetMap([0], [value.start], [0], len(value) + 1)
    return offsets


def _entry(items: Any, field: str, name: str, prefer_html: bool = False) -> tuple[Any, str]:
    """The main entry of a ninjs 2.0 list (`headlines`, `bodies`): (value, contenttype)."""
    if not isinstance(items, list):
        raise InputError(f"{name}: ninjs '{field}' must be a list")
    entries = [item for item in items if isinstance(item, dict) and isinstance(item.get("value"), str)]
    if not entries:
        return None, ""
    main = [item for item in entries if item.get("role") in (None, "main")] or entries
    if prefer_html:
        main.sort(key=lambda item: "html" not in str(item.get("contenttype", "")))
    return main[0]["value"], str(main[0].get("contenttype", ""))


def _text(value: Any, field: str, name: str) -> _Located | None:
    if value is None:
        return None
    if not isinstance(value, _Located):
        raise InputError(f"{name}: ninjs '{field}' must be a string, not {type(value).__name__}")
    return value


def read_ninjs(data: bytes, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read a ninjs document."""
    source = normalise(decode(data, name, requested=options.encoding))
    try:
        item = _loads(source)
    except json.JSONDecodeError as error:
        raise InputError(f"{name}:{error.lineno}: JSON is not valid: {error.msg} "
                         f"(column {error.colno})") from None
    except RecursionError:
        raise InputError(f"{name}: JSON is nested too deeply") from None
    if not isinstance(item, dict):
        raise NotNews(f"{name}: not a news format (JSON, but not ninjs: the top level is not "
                      "an object)")

    fields: list[tuple[_Located, str, str]] = []  # (value, role, kind)
    headline = _text(item.get("headline"), "headline", name)
    kind = "line"
    if headline is None and "headlines" in item:
        headline, contenttype = _entry(item["headlines"], "headlines", name)
        kind = "html" if "html" in contenttype else "line"
    if headline is not None:
        fields.append((headline, "headline", kind))
    byline = _text(item.get("byline", item.get("by")), "byline", name)
    if byline is not None:
        fields.append((byline, "byline", "line"))
    body = _text(item.get("body_html"), "body_html", name)
    kind = "html"
    if body is None:
        body, kind = _text(item.get("body_text"), "body_text", name), "lines"
    if body is None and "bodies" in item:
        body, contenttype = _entry(item["bodies"], "bodies", name, prefer_html=True)
        kind = "html" if "html" in contenttype else "lines"
    if body is not None:
        fields.append((body, "body", kind))
    if not fields and "uri" not in item:
        raise NotNews(f"{name}: not a news format (JSON without ninjs's uri, headline or body)")

    builder = TextBuilder()
    for value, role, kind in sorted(fields, key=lambda field: field[0].start):
        if kind == "html":
            text, offsets, blocks = html_piece(value, name, role)
        else:
            layout = options.paragraphs if kind == "lines" else "blank"
            text, offsets, blocks = plain_piece(value, role, layout)
        builder.splice(text, offsets.compose(string_map(source, value)), blocks)
    doc = builder.document(name, source)
    doc.escapes = tuple((value.start, value.end, ("html", "json") if kind == "html" else ("json",))
                        for value, _, kind in fields)
    return doc
