"""Where a `copylint-disable-next-line RULE` directive goes, format by format.

copylint reads the directive from the source of any format and silences the line after the one
it is on. The comment must not change what the reader sees, so:

- plain text: on its own line above, indented like the line (a line holding only a directive is
  not copy);
- Markdown, HTML, NITF and NewsML (an HTML or XML comment of the same text): on its own line
  above when that leaves the document's text and blocks unchanged, else at the end of the line
  before (inside a paragraph a comment line would split it: CommonMark lets `<!--` interrupt a
  paragraph), else nowhere (inside a tag, a CDATA section or `<title>` a comment is not one);
  each candidate must stay out of tags and leave the text copylint reads unchanged (checked by
  reading the edited text with copylint's own reader);
- ninjs (JSON has no comments) and IPTC 7901 (every body line is copy): no directive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..document import Document
from ..errors import CopylintError
from .positions import LineIndex

#: formats with no comment a reader skips
NO_COMMENT_FORMATS = frozenset({"ninjs", "iptc7901"})
#: formats where a whole-line directive is dropped by the reader: no need to verify
LINE_FORMATS = frozenset({"text"})
#: formats whose tags a comment must stay out of (lenient HTML parsers would not complain)
TAG_FORMATS = frozenset({"html", "nitf", "newsml"})
#: HTML elements whose content is text, where `<!--` starts no comment (RCDATA)
_TEXT_ELEMENTS = ("title", "textarea")

Reader = Callable[[str], Document]


def directive(rule: str) -> str:
    return f"<!-- copylint-disable-next-line {rule} -->"


@dataclass(frozen=True)
class Insertion:
    """Text to insert at a 0-based line and code-point column of the document."""

    line: int
    column: int
    text: str

    def apply(self, text: str, index: LineIndex) -> str:
        offset = index.starts[self.line] + self.column
        return text[:offset] + self.text + text[offset:]


def own_line(index: LineIndex, line: int, rule: str) -> Insertion:
    """The directive on a line of its own above `line`, with that line's indentation."""
    content = index.line(line)
    indent = content[: len(content) - len(content.lstrip(" \t"))]
    ending = index.line_end(line) if line + 1 < index.count else index.default_line_end()
    return Insertion(line, 0, f"{indent}{directive(rule)}{ending}")


def end_of_previous_line(index: LineIndex, line: int, rule: str) -> Insertion | None:
    """The directive at the end of the line before `line`, ahead of trailing spaces and a
    Markdown hard-break backslash (so a hard line break stays one); None on the first line or
    after a blank line."""
    if line == 0:
        return None
    previous = index.line(line - 1)
    content = previous.rstrip(" \t")
    if not content.strip():
        return None
    column = len(content) - 1 if content.endswith("\\") else len(content)
    return Insertion(line - 1, column, f" {directive(rule)}")


def inside_markup(text: str, offset: int) -> bool:
    """Whether `offset` lies inside a tag, a comment, a CDATA section or an element whose content
    is text: places where a comment is no comment."""
    if text.rfind("<", 0, offset) > text.rfind(">", 0, offset):
        return True
    if text.rfind("<!--", 0, offset) > text.rfind("-->", 0, offset):
        return True
    if text.rfind("<![CDATA[", 0, offset) > text.rfind("]]>", 0, offset):
        return True
    lower = text[:offset].lower()
    return any(lower.rfind(f"<{name}") > lower.rfind(f"</{name}") for name in _TEXT_ELEMENTS)


def _signature(doc: Document) -> tuple[object, ...]:
    """What a reader makes of a document, white space aside: its blocks and their text."""
    blocks = tuple((block.role, " ".join(doc.text[block.start:block.end].split()))
                   for block in doc.blocks)
    return blocks, " ".join(doc.text.split())


def plan(text: str, index: LineIndex, line: int, rule: str, fmt: str,
         read: Reader) -> Insertion | None:
    """Where to put a directive silencing `rule` on 0-based `line`, or None if nowhere is safe.

    `fmt` is the format copylint reads the document as; `read` reads a text the same way.
    """
    if fmt in NO_COMMENT_FORMATS or not 0 <= line < index.count:
        return None
    first = own_line(index, line, rule)
    if fmt in LINE_FORMATS:
        return first
    try:
        before = _signature(read(text))
    except CopylintError:
        return None
    for candidate in (first, end_of_previous_line(index, line, rule)):
        if candidate is None or (fmt in TAG_FORMATS and inside_markup(
                text, index.starts[candidate.line] + candidate.column)):
            continue
        try:
            after = _signature(read(candidate.apply(text, index)))
        except CopylintError:
            continue
        if after == before:
            return candidate
    return None
