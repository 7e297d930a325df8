"""Safe XML parsing with exact positions, for NITF and NewsML-G2.

The standard library's expat runs with every way to a billion-laughs or external-entity attack
closed, as defusedxml does: an entity declaration (internal or external, general or parameter)
stops the parse with an error, external entities and DTDs are never fetched, and parameter
entities are not parsed. Entities a DTD would define (`&nbsp;` in NITF with its DOCTYPE) are read
as the HTML entities of that name.

Expat reports byte offsets into the UTF-8 it parses; they are turned into code-point offsets of
the decoded source as the parse moves forward, so positions are exact for any text.
"""

from __future__ import annotations

import re
from html.entities import html5
from xml.parsers import expat

from ..errors import InputError
from ._markup import Walker
from ._sniff import root_element  # noqa: F401 - re-exported

_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([-\w.:]+)["']""")


class _Refused(Exception):
    """The document declares entities: refused before anything is expanded."""


def declared_encoding(data: bytes) -> str | None:
    """The encoding an XML declaration names."""
    found = _DECLARED_ENCODING.match(data[:1024])
    return found.group(1).decode("ascii") if found else None


def local(name: str) -> str:
    return name.rpartition(":")[2]


def _refuse(*_args: object) -> None:
    raise _Refused


def parse_xml(source: str, name: str, walker: Walker) -> None:
    """Parse `source` (decoded, normalised XML), sending events to `walker`; InputError if bad."""
    encoded = source.encode("utf-8")
    ascii_only = len(encoded) == len(source)
    parser = expat.ParserCreate(encoding="utf-8")  # overrides the declaration: we pass UTF-8
    parser.buffer_text = False
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    position = [0, 0]  # byte offset, code-point offset

    def origin() -> int:
        byte = parser.CurrentByteIndex
        if ascii_only:
            return byte
        if byte < position[0]:
            position[0] = position[1] = 0
        position[1] += len(encoded[position[0]:byte].decode("utf-8"))
        position[0] = byte
        return position[1]

    def start(tag: str, attrs: dict[str, str]) -> None:
        walker.start(local(tag), attrs, origin())

    def end(tag: str) -> None:
        walker.end(local(tag), origin())

    def reference_end(at: int) -> int:
        end = source.find(";", at, at + 40) if source.startswith("&", at) else -1
        return end + 1 if end != -1 else at

    def data(text: str) -> None:
        at = origin()
        if source.startswith(text, at):
            walker.data(text, at)
        else:  # a character or entity reference
            walker.entity(text, at, reference_end(at))

    def skipped(entity: str, is_parameter: bool) -> None:
        if not is_parameter:
            at = origin()
            walker.entity(html5.get(entity + ";", ""), at, reference_end(at))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.SkippedEntityHandler = skipped
    try:
        parser.Parse(encoded, True)
    except expat.ExpatError as error:
        raise InputError(
            f"{name}:{error.lineno}: XML is not well-formed: {expat.ErrorString(error.code)}") from None
    except _Refused:
        raise InputError(
            f"{name}:{parser.CurrentLineNumber}: XML entity declarations are not allowed "
            "(entity expansion and external entities are refused)") from None
