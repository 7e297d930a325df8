"""Plain text: paragraphs by layout, with the wire conventions for headline, bylines and dateline.

Paragraphs are cut as `--paragraphs` says (`copylint.readers.layout`: blank lines, one paragraph
a line, or hard-wrapped lines, detected per file by default). The first paragraph is the headline
when it reads as one (`copylint.readers.wire.looks_like_headline`: one short line, no final full
stop) or when a dateline follows it after at most three byline lines; the bylines and the
dateline (`KYIV, Ukraine (AP) —`) are labelled in any layout. The text is its own source, so
offsets are the identity.
"""

from __future__ import annotations

from ..document import Block, Document, normalise
from ..suppressions import blank_directives
from ._build import decode, paragraph_spans
from .layout import split
from .options import DEFAULT_OPTIONS, ReadOptions
from .wire import BYLINE, DATELINE, label_wire, looks_like_headline

#: byline lines allowed between the headline and the dateline
MAX_BYLINES = 3
#: a first line this long is copy, not a headline, whatever follows it
LONGEST_HEADLINE = 300


def read_text(data: bytes, name: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Read a plain-text story (UTF-8; a BOM, CRLF and CR line ends are accepted)."""
    source = normalise(decode(data, name, requested=options.encoding))
    text = blank_directives(source)  # a copylint- comment is not copy
    paragraphs, width = split(text, options.paragraphs)
    blocks = [Block(start, end, "body") for start, end in paragraphs] if options.continued \
        else text_blocks(text, paragraphs)
    doc = Document(text, name, blocks=blocks, paragraphs=paragraphs)
    doc.source = source  # suppression comments are read from what the file holds
    doc.wrapped = width is not None
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


def _opening(text: str, paragraphs: list[tuple[int, int]]) -> list[Block] | None:
    """The headline and bylines when the first paragraph holds them line by line (a block of
    lines under `--paragraphs blank`) and a dateline opens the paragraph after them."""
    lines = _lines(text, *paragraphs[0])
    if len(lines) < 2 or len(paragraphs) < 2 or len(lines) > MAX_BYLINES + 1:
        return None
    if not all(BYLINE.fullmatch(text, *line) for line in lines[1:]):
        return None
    if not DATELINE.match(text, *paragraphs[1]):
        return None
    return [Block(*lines[0], "headline"), *(Block(*line, "byline") for line in lines[1:])]


def _dateline_follows(text: str, paragraphs: list[tuple[int, int]]) -> bool:
    """A dateline opens one of the paragraphs after the first, past at most three bylines."""
    for start, end in paragraphs[1:MAX_BYLINES + 2]:
        if DATELINE.match(text, start, end):
            return True
        if end - start > 160 or not BYLINE.fullmatch(text, start, end):
            return False
    return False


def text_blocks(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Block]:
    """Blocks of a plain-text story: paragraphs of body, the headline, bylines and dateline."""
    if paragraphs is None:
        paragraphs = paragraph_spans(text, "auto")
    blocks = [Block(start, end, "body") for start, end in paragraphs]
    if len(paragraphs) < 2:
        return label_wire(text, blocks, bylines=0)
    opening = _opening(text, paragraphs)
    if opening is not None:
        return label_wire(text, opening + blocks[1:])
    start, end = paragraphs[0]
    single_line = "\n" not in text[start:end] and end - start <= LONGEST_HEADLINE
    if looks_like_headline(text, start, end) or (single_line and _dateline_follows(text, paragraphs)):
        blocks[0] = Block(start, end, "headline")
        return label_wire(text, blocks)
    return label_wire(text, blocks, bylines=0)
