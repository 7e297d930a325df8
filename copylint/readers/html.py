"""HTML: the words of the page, with entities decoded and every character mapped to the source.

The standard library's `html.parser` reads the page (it gives the line and column of every
event, and takes unclosed tags in its stride). Skipped: script, style, noscript, code, pre,
template, svg, math and other non-prose elements, elements marked `hidden`, comments and
attribute values. Block elements (p, div, li, h1-h6, blockquote, br, figcaption, td, ...)
separate paragraphs. Roles: `<h1>` and `<title>` headline, `<blockquote>` and `<q>` quote,
`<figcaption>` and table captions caption, and `class="byline"`, `"dateline"`, `"headline"`
on any element.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import unescape
from html.parser import HTMLParser

from ..document import Document, line_starts, normalise
from ..errors import InputError
from ._build import OffsetMap, decode
from ._markup import Frame, Walker
from .options import DEFAULT_OPTIONS, ReadOptions

SKIP = frozenset({
    "script", "style", "noscript", "code", "pre", "template", "svg", "math", "iframe", "object",
    "canvas", "textarea", "select", "kbd", "samp", "audio", "video", "map", "datalist",
})
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend",
    "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
    "param", "source", "track", "wbr",
})
TAG_ROLES = {
    "h1": "headline", "title": "headline", "blockquote": "quote", "q": "quote",
    "figcaption": "caption", "caption": "caption",
}
CLASS_ROLES = {"headline": "headline", "byline": "byline", "dateline": "dateline"}
#: start tags that close an open <p> (HTML's implied end tag)
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
})
_P_SCOPE = frozenset({"button", "td", "th", "caption", "table", "html", "blockquote", "div",
                      "li", "section", "article"})
_LIST_SCOPE = frozenset({"ul", "ol", "menu", "table"})
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")


def classify_html(tag: str, attrs: Mapping[str, str], parent: Frame) -> Frame:
    """Skip, block and role of an HTML (or XHTML) element."""
    if tag in SKIP or "hidden" in attrs:
        return Frame(tag, skip=True, block=tag in BLOCK, role=parent.role, mode=parent.mode)
    role = TAG_ROLES.get(tag)
    if role is None:
        classes = attrs.get("class")
        if classes:
            role = next((CLASS_ROLES[c] for c in classes.lower().split() if c in CLASS_ROLES), None)
    return Frame(tag, block=tag in BLOCK, role=role or parent.role, mode=parent.mode)


class _Parser(HTMLParser):
    def __init__(self, walker: Walker, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.walker = walker
        self.source = source
        self.line_starts = line_starts(source)

    def _origin(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        origin = self._origin()
        walker = self.walker
        if tag in _CLOSES_P:
            walker.pop_to("p", origin, _P_SCOPE)
        if tag == "li":
            walker.pop_to("li", origin, _LIST_SCOPE)
        elif tag in ("dt", "dd"):
            walker.pop_to("dt", origin, _LIST_SCOPE | {"dl"})
            walker.pop_to("dd", origin, _LIST_SCOPE | {"dl"})
        walker.start(tag, {k: v or "" for k, v in attrs} if attrs else {}, origin)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        origin = self._origin()
        self.walker.start(tag, {k: v or "" for k, v in attrs} if attrs else {}, origin)
        if tag not in VOID:
            self.walker.end(tag, origin)

    def handle_endtag(self, tag: str) -> None:
        origin = self._origin()
        if tag == "br":  # `</br>` is read as `<br>`
            self.walker.start(tag, {}, origin)
        else:
            self.walker.end(tag, origin)

    def handle_data(self, data: str) -> None:
        origin = self._origin()
        if "&" not in data:
            self.walker.data(data, origin)
            return
        # raw text (title, textarea) or a lone ampersand: decode references here
        position = 0
        for reference in _REFERENCE.finditer(data):
            decoded = unescape(reference.group())
            if decoded == reference.group():
                continue
            self.walker.data(data[position:reference.start()], origin + position)
            self.walker.entity(decoded, origin + reference.start(), origin + reference.end())
            position = reference.end()
        self.walker.data(data[position:], origin + position)

    def handle_comment(self, data: str) -> None:
        self.walker.builder.gap()

    def _reference(self, raw: str) -> None:
        origin = self._origin()
        if self.source.startswith(";", origin + len(raw)):
            raw += ";"
        decoded = unescape(raw)
        if decoded == raw:
            self.walker.data(raw, origin)
        else:
            self.walker.entity(decoded, origin, origin + len(raw))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)


def feed_html(walker: Walker, source: str, name: str) -> None:
    """Run the HTML parser over `source`, sending its events to `walker`."""
    parser = _Parser(walker, source)
    try:
        parser.feed(source)
        parser.close()
    except (AssertionError, ValueError, IndexError) as error:  # the parser does not raise on bad HTML
        line = parser.getpos()[0]
        raise InputError(f"{name}:{line}: HTML could not be parsed: {error}") from None


def html_piece(source: str, name: str, role: str = "body") -> tuple[str, OffsetMap, list]:
    """Text, offsets into `source` and blocks of an HTML string (for HTML inside other formats)."""
    walker = Walker(classify_html, Frame("#document", role=role), void=VOID)
    feed_html(walker, source, name)
    return walker.builder.result()


def declared_charset(data: bytes) -> str | None:
    """The charset a `<meta>` element declares near the top of the page."""
    found = _CHARSET.search(data, 0, 4096)
    return found.group(1).decode("ascii", "replace") if found else None


def read_html(data: bytes, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read an HTML page or fragment (UTF-8, or the charset its `<meta>` declares)."""
    source = normalise(decode(data, name, declared_charset(data), options.encoding))
    walker = Walker(classify_html, Frame("#document"), void=VOID)
    feed_html(walker, source, name)
    doc = walker.builder.document(name, source)
    doc.escapes = ((0, len(source), ("html",)),)
    return doc
