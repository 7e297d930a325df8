"""How plain text is cut into paragraphs: blank lines, one paragraph a line, or hard-wrapped lines.

Copy reaches a desk in three layouts, often without saying which:

- **blank**: paragraphs separated by blank lines (each paragraph on one line, or wrapped);
- **line**: one paragraph a line with no blank lines (feeds, CMS exports, scrapers);
- **wrapped**: lines broken at a fixed width (wire copy at 64-80 columns), paragraphs separated by
  blank lines, by indentation, or by nothing but a line that stops short.

`--paragraphs auto` (the default) decides per file: blank lines always end a paragraph; the file
is *hard-wrapped* when at least half the lines that run on into another line fill the same width
(at most 100 columns; within 15 columns of it; almost no line longer); then a line break inside a block is a
soft wrap, unless the first word of the next line would have fitted on the line (the writer ended
the paragraph there), or the next line is indented deeper. In any other file every line is a
paragraph. `--paragraphs blank` splits at blank lines only; `--paragraphs line` at every line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

LAYOUTS = ("auto", "blank", "line")
#: the widest hard wrap taken for one (wire services wrap at 64-80 columns)
MAX_WRAP = 100
#: a wrapped file: this share of run-on lines lies within WRAP_BAND columns of the width (the
#: rest end their paragraphs) ...
FULL_SHARE = 0.5
WRAP_BAND = 15
#: ... and at most this share of all lines runs past the width by more than LONG_MARGIN
LONG_SHARE = 0.05
LONG_MARGIN = 10
#: fewer run-on lines than this tell nothing about a width: every line is a paragraph
MIN_RUN_ON = 3

_FIRST_WORD = re.compile(r"[ \t]*(\S+)")
_LINE_END = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class Line:
    """One non-blank line: its span in the text (outer white space trimmed) and its indent."""

    start: int
    end: int
    indent: int
    #: the line is followed directly (no blank line between) by another non-blank line
    runs_on: bool


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank lines of text[start:end], with their indentation and run-on flag
    (LF, CRLF and CR end a line)."""
    end = len(text) if end is None else end
    found: list[Line] = []
    previous_blank = True
    position = start
    breaks = _LINE_END.finditer(text, start, end) if "\r" in text else None
    while position <= end:
        if breaks is None:
            line_end = text.find("\n", position, end)
            next_start = line_end + 1
        else:
            found_break = next(breaks, None)
            line_end = found_break.start() if found_break else -1
            next_start = found_break.end() if found_break else end + 1
        if line_end == -1:
            line_end, next_start = end, end + 1
        chunk = text[position:line_end]
        stripped = chunk.strip()
        if stripped:
            if found and not previous_blank:
                last = found[-1]
                found[-1] = Line(last.start, last.end, last.indent, True)
            indent = len(chunk) - len(chunk.lstrip())
            found.append(Line(position + indent, position + indent + len(stripped), indent, False))
            previous_blank = False
        else:
            previous_blank = True
        position = next_start
    return found


def wrap_width(lines: list[Line]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when the lines are not wrapped."""
    run_on = sorted(line.end - line.start + line.indent for line in lines if line.runs_on)
    if len(run_on) < MIN_RUN_ON:
        return None
    width = run_on[int(0.9 * (len(run_on) - 1))]
    if not 30 <= width <= MAX_WRAP:
        return None
    full = sum(1 for length in run_on if width - WRAP_BAND <= length <= width + 2)
    if full < FULL_SHARE * len(run_on):
        return None
    too_long = sum(1 for line in lines if line.end - line.start + line.indent > width + LONG_MARGIN)
    if too_long > LONG_SHARE * len(lines):
        return None
    return width


def soft_wrap(text: str, line: Line, following: Line, width: int) -> bool:
    """Whether the break between two lines of a wrapped text is inside a paragraph."""
    if following.indent > line.indent:
        return False  # an indented line opens a paragraph
    first = text[following.start]
    if first.islower():
        return True  # a paragraph never opens in lower case
    word = _FIRST_WORD.match(text, following.start)
    word_length = len(word.group(1)) if word else 0
    return line.indent + (line.end - line.start) + 1 + word_length > width


def _runs(text: str, lines: list[Line], width: int | None) -> Iterator[tuple[int, int]]:
    """Paragraph spans: consecutive lines joined where the layout says they run on."""
    start: int | None = None
    for index, line in enumerate(lines):
        if start is None:
            start = line.start
        following = lines[index + 1] if line.runs_on else None
        if following is not None and width is not None and soft_wrap(text, line, following, width):
            continue
        yield start, line.end
        start = None


def split(text: str, layout: str = "auto", start: int = 0,
          end: int | None = None) -> tuple[list[tuple[int, int]], int | None]:
    """The paragraphs of text[start:end] under a layout (auto, blank or line), and the width
    the text is hard-wrapped at (None when `auto` found it is not wrapped, or for the others)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown paragraph layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    lines = lines_of(text, start, end)
    if layout == "line":
        return [(line.start, line.end) for line in lines], None
    if layout == "blank":
        return list(_blocks(lines)), None
    width = wrap_width(lines)
    return list(_runs(text, lines, width)), width


def paragraph_spans(text: str, layout: str = "auto", start: int = 0,
                    end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the paragraphs of text[start:end] under a layout: auto, blank or line."""
    return split(text, layout, start, end)[0]


def _blocks(lines: list[Line]) -> Iterator[tuple[int, int]]:
    """Runs of lines between blank lines."""
    start: int | None = None
    for line in lines:
        if start is None:
            start = line.start
        if not line.runs_on:
            yield start, line.end
            start = None
