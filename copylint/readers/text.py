"""Plain text: checked as it is, with the wire convention for the headline.

The first non-empty line is the headline when a dateline (`KYIV, Ukraine (AP) —`) opens the
body, with at most three byline lines (`By JANE DOE`, `Associated Press`) between them;
otherwise the whole text is body. The text is its own source, so offsets are the identity.
"""

from __future__ import annotations

from ..document import Block, Document, normalise
from ..suppressions import blank_directives
from ._build import BYLINE, DATELINE, decode, label_wire, paragraph_spans
from .options import DEFAULT_OPTIONS, ReadOptions

#: byline lines allowed between the headline and the dateline
MAX_BYLINES = 3


def read_text(data: bytes, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read a plain-text story (UTF-8; a BOM, CRLF and CR line ends are accepted)."""
    source = normalise(decode(data, name, requested=options.encoding))
    text = blank_directives(source)  # a copylint- comment is not copy
    paragraphs = paragraph_spans(text)
    doc = Document(text, name, blocks=text_blocks(text, paragraphs), paragraphs=paragraphs)
    doc.source = source  # suppression comments are read from what the file holds
    return doc


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-empty lines of text[start:end], outer spaces trimmed."""
    spans = []
    position = start
    while position < end:
        line_end = text.find("\n", position, end)
        if line_end == -1:
            line_end = end
        chunk = text[position:line_end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + lead + len(stripped)))
        position = line_end + 1
    return spans


def text_blocks(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Block]:
    """Blocks of a plain-text story: paragraphs of body, and the wire headline when there is one."""
    if paragraphs is None:
        paragraphs = paragraph_spans(text)
    body = [Block(start, end, "body") for start, end in paragraphs]
    if not paragraphs:
        return body
    # the lines after the headline, paragraph by paragraph, until one opens with a dateline
    head: list[Block] = []
    for index, (start, end) in enumerate(paragraphs):
        lines = _lines(text, start, end)
        if index == 0:
            headline, lines = lines[0], lines[1:]
            head.append(Block(*headline, "headline"))
        elif DATELINE.match(text, start, end):
            return label_wire(text, head + body[index:])
        for line_start, line_end in lines:
            if len(head) > MAX_BYLINES or not BYLINE.fullmatch(text, line_start, line_end):
                return label_wire(text, body, bylines=0)
            head.append(Block(line_start, line_end, "byline"))
    return label_wire(text, body, bylines=0)
