"""Wire-copy conventions: the headline, deck, bylines and datelines that open a story.

Shared by every reader: plain text finds its headline with `looks_like_headline`, and
`label_wire` labels the bylines and datelines of any format's body blocks.
"""

from __future__ import annotations

import regex

from .. import patterns
from ..document import Block

_NAME = r"\p{Lu}[\p{L}\p{M}.'’-]*(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}.'’-]*|de|da|van|von|al-\p{L}+)){0,4}"
_AGENCY = r"(?:The[ \t]+)?Associated[ \t]+Press(?:[ \t]+\p{L}+){0,2}|AP|Reuters|AFP|Bloomberg"
_AFFILIATION = r"\p{Lu}[\p{L}\p{M}]*(?:[ \t]+\p{L}[\p{L}\p{M}]*){0,4}"
#: `By JANE DOE`, `By Jane Doe and John Roe, Associated Press`, `Associated Press Writer`
BYLINE = patterns.compile(
    rf"(?:(?:By|BY)[ \t]+{_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|AND|&)[ \t]+){_NAME})*"
    rf"(?:(?:[ \t]*[,|;][ \t]*|\s+)(?:{_AGENCY}|{_AFFILIATION}))?"
    rf"|(?:{_AGENCY})(?:[ \t]+(?:Writer|Correspondent|Reporter|Editor)s?)?)"
    r"[ \t]*[=<]?")

_CITY = r"\p{Lu}[\p{Lu}\p{M}.'’ -]*\p{Lu}\.?"                   # the city, in capitals
_PLACE = r"(?:,[ \t]+[\p{Lu}\d][\p{L}\p{M}\d.'’ -]*?){0,3}"        # , state or country, date
_CREDIT = r"\([\p{L}\p{M}\d&.,'’ /-]{2,40}\)"                     # (AP), (Reuters), (MAY 9, 2013)
_DASH = r"(?:—|–|--?|_)"
#: a credited dateline, wherever a paragraph opens with one: a credit in parentheses and a dash or
#: colon (`KYIV, Ukraine (AP) —`, `LONDON (Reuters) -`, `BEIJING (Reuter):`, `SEOUL, South Korea —
#: (AP) —`, `LONDON (MAY 9, 2013)(POOL) -`, `CHICAGO (AP) _`)
CREDITED_DATELINE = patterns.compile(
    rf"{_CITY}{_PLACE}(?:[ \t]*(?:—|–))?(?:[ \t]*{_CREDIT}){{1,2}}[ \t]*(?:{_DASH}|:)")
#: a dateline where a story opens: credited, or a city and an em or en dash alone (`BEIRUT —`)
DATELINE = patterns.compile(rf"{CREDITED_DATELINE.pattern}|{_CITY}{_PLACE}[ \t]+(?:—|–)")
#: what else a story's first body paragraph may open with, right or wrong: a city with a hyphen or
#: no dash (`NEW YORK --`, `ABUJA- The`, `WASHINGTON AP —`, `NEW YORK (AP) Stocks`), a colon
#: (`NEW DELHI:`), a place in title case with a hyphen (`Gaza City - Israel`), or a credit
#: whose city was cut (`Oct 27 (The Sports Xchange) - Highlights`)
OPENING_DATELINE = patterns.compile(
    rf"{DATELINE.pattern}"
    rf"|{_CITY}{_PLACE}(?:[ \t]*(?:--?|_)(?=[ \t]+\S)|[ \t]*\(AP\)(?=[ \t]+[\p{{Lu}}“\"])|:(?=[ \t]))"
    r"|\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+){0,2}(?:,[ \t]+\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+)?)?"
    r"[ \t]+(?:--?|–)(?=[ \t]+\p{Lu})"
    rf"|(?:\p{{Lu}}\p{{Ll}}{{2,8}}\.?[ \t]+\d{{1,2}}[ \t]*)?{_CREDIT}[ \t]*(?:{_DASH}|:)(?=[ \t]+\p{{Lu}})")

#: a headline is one short line ...
HEADLINE_CHARS = 160
HEADLINE_WORDS = 25
#: ... that is not two sentences
_SENTENCE_INSIDE = patterns.compile(r"\p{Ll}{2}[.!?][\"”’]?[ \t]+[\"“‘]?\p{Lu}")
_WORD = patterns.compile(r"[\p{L}\d]+")


def looks_like_headline(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as a headline: one short line in title or sentence case,
    no final full stop (an ellipsis is a cut headline), one sentence, not a dateline or byline."""
    line = text[start:end]
    if "\n" in line or len(line) > HEADLINE_CHARS:
        return False
    words = len(_WORD.findall(line))
    if not 2 <= words <= HEADLINE_WORDS:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "“\"‘'"):
        return False
    if line[-1] in ".,;:" and not line.endswith(("...", "…")):
        return False
    if _SENTENCE_INSIDE.search(line):
        return False
    return not (DATELINE.match(line) or BYLINE.fullmatch(line))


def _starts_line(text: str, offset: int) -> bool:
    """Whether only white space stands between the start of its line and `offset`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return not text[line_start:offset].strip()


def _split_dateline(text: str, block: Block, found: regex.Match) -> list[Block]:
    """A body block opening with a dateline, as a dateline block and the body after it."""
    rest = found.end()
    while rest < block.end and text[rest] in " \t":
        rest += 1
    pieces = [Block(block.start, found.end(), "dateline")]
    if rest < block.end:
        pieces.append(Block(rest, block.end, "body"))
    return pieces


#: short lines (decks, a scraped page's labels and timestamps) allowed before the dateline
MAX_SKIPPED = 6
#: ... each at most this long, and a headline or a line of a few words
SHORT_LINE = 80
SHORT_WORDS = 4


def _short_line(text: str, block: Block) -> bool:
    """A deck, label or stamp that may stand between a headline and the dateline."""
    if block.end - block.start > SHORT_LINE or DATELINE.match(text, block.start, block.end):
        return False
    return looks_like_headline(text, block.start, block.end) or \
        len(_WORD.findall(text, block.start, block.end)) <= SHORT_WORDS


def label_wire(text: str, blocks: list[Block], bylines: int = 3) -> list[Block]:
    """Label the bylines and datelines of a wire story's body.

    Past at most six short lines (decks, a scraped page's labels), the first body blocks that
    start a line and are wholly a byline (`By JANE DOE`, `Associated Press`) become bylines; the
    next body block that starts a line with a dateline (`ODESA, Ukraine (AP) —`, and the looser
    forms of `OPENING_DATELINE`) is split into a dateline block and the body after it. Any later
    body block that opens with a credited dateline (an aggregator's list of stories) is split too.
    """
    out = list(blocks)
    index = next((i for i, block in enumerate(out) if block.role == "body"), None)
    if index is None or any(block.role == "dateline" for block in out):
        return out
    found = skipped = 0
    while index < len(out):
        block = out[index]
        if block.role == "byline":
            index += 1
            continue
        if block.role != "body" or not _starts_line(text, block.start):
            break
        if found < bylines and block.end - block.start <= 160 and \
                BYLINE.fullmatch(text, block.start, block.end):
            out[index] = Block(block.start, block.end, "byline")
            found += 1
        elif skipped < MAX_SKIPPED and _short_line(text, block):
            skipped += 1
        else:
            break
        index += 1
    if index < len(out) and out[index].role == "body" and _starts_line(text, out[index].start):
        opening = OPENING_DATELINE.match(text, out[index].start, out[index].end)
        if opening:
            out[index:index + 1] = _split_dateline(text, out[index], opening)
            index += 1
    for position in range(len(out) - 1, index, -1):
        block = out[position]
        if block.role == "body" and _starts_line(text, block.start):
            later = CREDITED_DATELINE.match(text, block.start, block.end)
            if later:
                out[position:position + 1] = _split_dateline(text, block, later)
    return out
