"""Encoding damage: `mojibake` (UTF-8 read as Latin-1 or Windows-1252) and `entities` (HTML
character references left in the text), each with the repaired text as the suggestion.

Mojibake is found and repaired by ftfy, the library made for it (imported only when a document
holds the telltale pair of characters: a lead byte read as `Ã`, `Â`, `â`... followed by a
continuation byte read as `€`, `™`, `©`...). Entities are decoded by the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..findings import Match
from .base import Check, Param

#: a UTF-8 lead byte (0xC2-0xF4) read as Latin-1/Windows-1252, then a continuation byte
#: (0x80-0xBF) read the same way: how every mojibake sequence starts
_LEADS = "\u00c2-\u00f4"
_FOLLOWERS = ("\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
              "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e"
              "\u0178\u00a0-\u00bf")
_SIGNATURE = re.compile(f"[{_LEADS}][{_FOLLOWERS}]")
#: the run of text around a signature that is repaired as one piece
_PIECE = re.compile(r"[^\s]+")


class MojibakeCheck(Check):
    kind = "mojibake"
    summary = "Text decoded with the wrong encoding (itâ€™s for it’s), repaired by ftfy."
    params = {
        "uncurl_quotes": Param("bool", default=False,
                               doc="let the repair turn curly quotes straight (off: keep ’ “ ”)"),
    }
    fields = frozenset({"match", "fixed"})

    def setup(self, options: dict[str, Any]) -> None:
        self.uncurl = options["uncurl_quotes"]

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        if text.isascii():
            return
        done = -1
        for signature in _SIGNATURE.finditer(text):
            if signature.start() < done:
                continue
            piece = _piece_at(text, signature.start())
            done = piece[1]
            found = text[piece[0]:piece[1]]
            fixed = _repair(found, self.uncurl)
            if fixed is not None and fixed != found:
                start, end, fixed = _trim(found, fixed, piece[0])
                yield self.make(start, end, {"match": text[start:end], "fixed": fixed})


def _piece_at(text: str, offset: int) -> tuple[int, int]:
    """The run of non-space characters around `offset`."""
    start = offset
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    found = _PIECE.match(text, start)
    return start, found.end() if found else offset + 1


def _repair(piece: str, uncurl: bool) -> str | None:
    """ftfy's repair of a piece of text it judges to be mojibake, else None."""
    import ftfy  # only for documents that show the telltale characters
    from ftfy.badness import is_bad

    if not is_bad(piece):
        return None
    return ftfy.fix_text_segment(piece, uncurl_quotes=uncurl)


def _trim(found: str, fixed: str, origin: int) -> tuple[int, int, str]:
    """Narrow a repair to the characters that change: the same text on both sides is left out."""
    head = 0
    while head < min(len(found), len(fixed)) and found[head] == fixed[head]:
        head += 1
    tail = 0
    while tail < min(len(found), len(fixed)) - head and found[-1 - tail] == fixed[-1 - tail]:
        tail += 1
    return origin + head, origin + len(found) - tail, fixed[head:len(fixed) - tail]


#: `&amp;`, `&#8217;`, `&#x2019;`, `&nbsp;`
_ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: the same with the `&` lost (`it rsquo;s`, `#8217;`): searched only when one of them occurs
_BARE_ENTITY = re.compile(r"(?<![&\w#])#[0-9]{3,5};|(?<!&)(?:[lr][sd]quo|[mn]dash|hellip|nbsp|quot|"
                          r"amp|apos);")
_BARE_HINTS = ("quo;", "dash;", "hellip;", "nbsp;", "quot;", "amp;", "apos;", "#")


class EntitiesCheck(Check):
    kind = "entities"
    summary = "HTML character references left in the text (&amp;, &#8217;), decoded."
    params = {}
    fields = frozenset({"match", "decoded"})

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        if ";" not in text:
            return
        found_all = list(_ENTITY.finditer(text)) if "&" in text else []
        if any(hint in text for hint in _BARE_HINTS):
            found_all += [found for found in _BARE_ENTITY.finditer(text)
                          if text[found.start() - 1:found.start()] != "&"]
        if not found_all:
            return
        from html import unescape  # only for a text where something looks like an entity

        for found in sorted(found_all, key=lambda match: match.start()):
            raw = found.group()
            decoded = unescape(raw if raw.startswith("&") else "&" + raw)
            if decoded in (raw, "&" + raw):
                continue  # not an entity HTML knows
            yield self.make(found.start(), found.end(), {"match": raw, "decoded": decoded})
