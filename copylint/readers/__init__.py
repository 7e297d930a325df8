"""Readers: turn a file of any supported format into the Document the engine checks.

Each reader returns a Document whose text is the words a reader sees (paragraphs separated by a
blank line), whose source is the normalised file, with one source offset per text character so
findings land on the file's lines and columns, and with blocks labelled headline, byline,
dateline, body, quote or caption.

    from copylint.readers import read_document
    doc = read_document(path.read_bytes(), str(path))            # format from name and content
    doc = read_document(data, "<stdin>", input_format="nitf")    # or named

The format comes from `input_format` when given, else from the file name's extension, else
from the content (extensionless files, standard input, `.xml`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath

from ..document import Document
from ..errors import UsageError
from ._build import bom_encoding
from ._sniff import NEWSML_ROOTS, root_element
from .options import DEFAULT_OPTIONS, PARAGRAPH_LAYOUTS, ReadOptions
from .text import read_text

__all__ = [
    "DEFAULT_OPTIONS", "EXTENSIONS", "FORMATS", "PARAGRAPH_LAYOUTS", "READERS", "SUFFIXES",
    "ReadOptions", "Reader", "detect_format", "read_document", "resolve_format", "source_encoding",
]

Reader = Callable[[bytes, str, ReadOptions], Document]


def _lazy(module: str, function: str) -> Reader:
    """A reader whose module (and its parser library) is imported on first use only."""
    def read(data: bytes, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{module}"), function)(data, name, options)
    return read


#: every format, by the name `--input-format` takes
READERS: dict[str, Reader] = {
    "text": read_text,
    "markdown": _lazy("markdown", "read_markdown"),
    "html": _lazy("html", "read_html"),
    "nitf": _lazy("nitf", "read_nitf"),
    "newsml": _lazy("newsml", "read_newsml"),
    "ninjs": _lazy("ninjs", "read_ninjs"),
    "iptc7901": _lazy("iptc7901", "read_iptc7901"),
}
FORMATS: tuple[str, ...] = tuple(READERS)

#: file extensions and their formats; `.xml` is told apart by its root element
EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".nitf": "nitf", ".newsml": "newsml", ".xml": "xml",
    ".json": "ninjs", ".ninjs": "ninjs",
    ".anpa": "iptc7901", ".ipt": "iptc7901", ".7901": "iptc7901",
}
#: the extensions a directory walk should pick up ("" for files without one)
SUFFIXES: frozenset[str] = frozenset(EXTENSIONS) | {""}

_ALIASES = {
    "txt": "text", "plain": "text", "md": "markdown", "htm": "html", "xhtml": "html",
    "newsml-g2": "newsml", "newsmlg2": "newsml", "g2": "newsml", "json": "ninjs",
    "anpa": "iptc7901", "anpa1312": "iptc7901", "7901": "iptc7901", "iptc": "iptc7901",
}
_SNIFF = 4096
_BINARY_SNIFF = 8192
# compiled on first use (through `re`'s cache): only content without a telling extension needs them
_MARKDOWN = (
    r"(?m)\A---[ \t]*\n|^#{1,6}[ \t]+\S|^(?:```|~~~)|\]\((?:https?://|/|#)[^)\s]*\)"
    r"|^\[[^\]\n]+\]:[ \t]*\S")
#: a character or string every match of _MARKDOWN holds
_MARKDOWN_MARKS = ("---", "#", "```", "~~~", "](", "]:")
_HTML = (
    r"(?i)<(?:!doctype[ \t\n]+html|html|head|body|p|div|h[1-6]|article|section|span|br|a[ \t\n]"
    r"|em|strong|ul|ol|li|table|blockquote|figure|img|meta|title)\b")


def resolve_format(input_format: str | None) -> str | None:
    """The canonical format name of `input_format` (None or "auto": detect); UsageError if unknown."""
    if input_format is None:
        return None
    key = input_format.strip().lower()
    if key in ("", "auto"):
        return None
    key = _ALIASES.get(key, key)
    if key not in READERS and key != "xml":
        raise UsageError(f"unknown input format '{input_format}'; choose from "
                         f"{', '.join(FORMATS)} (or auto)")
    return key


def _head(data: bytes) -> str:
    """The start of the file as text, for sniffing (markup is ASCII in any common encoding)."""
    head = data[:_SNIFF]
    encoding = bom_encoding(head)
    if encoding:
        return head.decode(encoding, "ignore").lstrip("\ufeff")
    return head.decode("utf-8", "ignore")


def _xml_format(text: str, name: str) -> str:
    root = root_element(text)
    if root == "nitf":
        return "nitf"
    if root in NEWSML_ROOTS:
        return "newsml"
    if root is not None and root.lower() == "html":
        return "html"
    from ..sources import NotNews

    what = f"the root element is <{root}>" if root else "no root element found"
    raise NotNews(f"{name}: not a news format ({what}); copylint reads NITF and NewsML-G2 XML")


def sniff(data: bytes) -> str:
    """The format of a file without a telling extension, from its first bytes."""
    if data[:1] in (b"\x01", b"\x16") or (b"\x02" in data[:_SNIFF] and b"\x01" in data[:_SNIFF]):
        return "iptc7901"
    head = _head(data)
    stripped = head.lstrip()
    if stripped.startswith("<"):
        root = root_element(stripped) if stripped.startswith(("<?xml", "<!--")) else None
        if root is None and not re.match(_HTML, stripped):
            root = root_element(stripped)
        if root == "nitf":
            return "nitf"
        if root in NEWSML_ROOTS:
            return "newsml"
        return "html"
    if stripped.startswith("{"):
        return "ninjs"
    # each search only where the text holds a character its pattern needs (most plain text
    # holds none: a search over 4 KB costs far more than looking for one character)
    if "<" in head and re.search(_HTML, head) and \
            re.search(r"</(?:p|div|h[1-6]|body|html)>", head, re.IGNORECASE):
        return "html"
    if any(mark in head for mark in _MARKDOWN_MARKS) and re.search(_MARKDOWN, head):
        return "markdown"
    return "text"


def detect_format(data: bytes, name: str) -> str:
    """The format of a file: from its extension, else from its content."""
    suffix = PurePath(name).suffix.lower() if name not in ("-", "<stdin>") else ""
    found = EXTENSIONS.get(suffix)
    if found == "xml":
        return _xml_format(_head(data), name)
    return found or sniff(data)


def read_document(data: bytes | str, name: str = "<text>", input_format: str | None = None,
                  options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """The one way from a file's content to the Document the engine checks.

    The CLI, `lint_text`, `test-rules`, the LanguageTool backend and every adapter call this, so
    they cannot disagree. `data` is the file's bytes, or text already decoded (then read as UTF-8
    whatever the file declares; lone surrogates, which no file can hold, become U+FFFD). `name`
    is the path shown in findings and errors; `input_format` (a name in FORMATS, an alias such as
    `md` or `anpa`, `xml`, or None/`auto`) overrides detection. Bad input raises InputError
    (one line).
    """
    if isinstance(data, str):
        data = _utf8(data)
        # already decoded: an encoding named in the file or by the user no longer applies
        options = ReadOptions("utf-8", options.paragraphs)
    chosen = resolve_format(input_format)
    if chosen == "xml":
        chosen = _xml_format(_head(data), name)
    fmt = chosen or detect_format(data, name)
    if fmt != "iptc7901" and b"\0" in data[:_BINARY_SNIFF] and not bom_encoding(data):
        from ..sources import BinaryFile

        raise BinaryFile(f"{name}: binary file, not text")
    doc = READERS[fmt](data, name, options)
    doc.format = fmt
    return doc


def source_encoding(data: bytes, name: str, fmt: str, options: ReadOptions = DEFAULT_OPTIONS,
                    ) -> str:
    """The codec the reader for `fmt` decoded `data` with (for writing a fixed file back)."""
    from ._build import choose_encoding

    requested = options.encoding
    if fmt == "iptc7901" and not (requested and requested != "auto"):
        found = bom_encoding(data)
        if found:
            return found
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return "latin-1"
        return "utf-8"
    declared = None
    if fmt == "html":
        from .html import declared_charset

        declared = declared_charset(data)
    elif fmt in ("nitf", "newsml"):
        from ._xml import declared_encoding

        declared = declared_encoding(data)
    return choose_encoding(data, name, declared, requested)




def _utf8(text: str) -> bytes:
    """Text as UTF-8; a lone surrogate (from a JSON `\\ud800` escape) becomes U+FFFD."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", "\ufffd", text).encode("utf-8")
