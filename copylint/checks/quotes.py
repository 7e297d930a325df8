"""`quotes`: unbalanced double quotation marks, paragraph by paragraph, AP continuation aware."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

import regex

from .. import patterns
from ..document import Document
from ..findings import Match
from .base import Check, Param

_MARKS = patterns.compile(r"[“”\"]")
_OPENING_QUOTE = patterns.compile(r"[ \t]*[“\"]")


class QuotesCheck(Check):
    kind = "quotes"
    summary = "Unbalanced double quotation marks within a paragraph."
    params = {
        "straight": Param("bool", default=True, doc='also check straight " marks'),
        "continuation": Param("bool", default=True,
                              doc="a quote left open at a paragraph's end is fine when the next "
                                  "paragraph opens with a quotation mark (AP)"),
        "message_unclosed": Param("str", default="Quotation mark opened here is never closed."),
        "message_unopened": Param("str", default="Closing quotation mark with no opening mark."),
        "message_reopened": Param(
            "str", default="Quotation opened again before the previous one was closed."),
        "said": Param("str-list", default=[],
                      doc="verbs of attribution (said, added): a quotation left open before "
                          "`, he said` was meant to close there, so AP's continuation rule does "
                          "not excuse it"),
    }
    fields = frozenset({"match", "problem"})

    def setup(self, options: dict[str, Any]) -> None:
        self.straight = options["straight"]
        self.continuation = options["continuation"]
        verbs = sorted({verb.casefold() for verb in options["said"]}, key=len, reverse=True)
        speaker = r"(?:he|she|they|it|we|I|\p{Lu}[\p{L}.’'-]*(?:[ \t]+\p{Lu}[\p{L}.’'-]*){0,2})"
        self.attribution = regex.compile(
            rf"[,.!?][’'\"”]?[ \t]+{speaker}[ \t]+"
            r"(?i:" + "|".join(regex.escape(verb) for verb in verbs) + r")\b",
        ) if verbs else None
        self.problems = {
            "unclosed": options["message_unclosed"],
            "unopened": options["message_unopened"],
            "reopened": options["message_reopened"],
        }

    def _flag(self, offset: int, mark: str, problem: str) -> Match:
        return self.make(offset, offset + 1, {"match": mark, "problem": self.problems[problem]})

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        paragraphs = doc.paragraphs
        # every mark of the text in one pass; each paragraph takes those within it
        found = [(mark.start(), mark.group()) for mark in _MARKS.finditer(text)]
        if not found:
            return
        offsets = [offset for offset, _ in found]
        for index, (begin, end) in enumerate(paragraphs):
            first, last = bisect_left(offsets, begin), bisect_left(offsets, end)
            if first == last:
                continue
            curly_open: int | None = None
            straight_open: int | None = None
            for offset, char in found[first:last]:
                if char == "“":
                    if curly_open is not None:
                        yield self._flag(offset, char, "reopened")
                    curly_open = offset
                elif char == "”":
                    if curly_open is None:
                        yield self._flag(offset, char, "unopened")
                    curly_open = None
                elif self.straight and not (offset > 0 and text[offset - 1].isdigit()):
                    straight_open = offset if straight_open is None else None
            if curly_open is None and straight_open is None:
                continue
            following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            continued = (self.continuation and following is not None
                         and _OPENING_QUOTE.match(text, following) is not None)
            for offset in (curly_open, straight_open):
                if offset is None:
                    continue
                if not continued or self._attributed(text, offset, end):
                    yield self._flag(offset, text[offset], "unclosed")

    def _attributed(self, text: str, offset: int, end: int) -> bool:
        """Whether `, he said` follows an open quotation in its paragraph: it ended there."""
        return self.attribution is not None and \
            self.attribution.search(text, offset + 1, end) is not None
