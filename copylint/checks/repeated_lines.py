"""`repeated-lines`: a line that repeats an earlier line of the story word for word."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import patterns
from ..document import Document
from ..findings import Match
from .base import Check, Param, ParamError

#: what a repeated line may carry in front of it that the first did not (a bullet, a dash)
_LEAD = " \t•·*▪►–—-"
_WORD = patterns.compile(r"[\p{L}\d]+")


class RepeatedLinesCheck(Check):
    kind = "repeated-lines"
    summary = "A line that repeats an earlier line of the document word for word."
    params = {
        "min_words": Param("int", default=3, doc="shorter lines (separators, labels) are not tried"),
    }
    fields = frozenset({"match", "first_line"})

    def setup(self, options: dict[str, Any]) -> None:
        self.min_words: int = options["min_words"]
        if self.min_words < 1:
            raise ParamError("min_words", "'min_words' must be at least 1")

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        seen: dict[str, int] = {}
        for start, end in doc.whole_lines:
            line = text[start:end]
            key = line.strip().lstrip(_LEAD)  # string methods: this runs on every line
            if not key:
                continue
            first = seen.setdefault(key, start)
            if first == start or len(_WORD.findall(key)) < self.min_words:
                continue
            lead = len(line) - len(line.lstrip())
            trimmed = line.strip()
            first_line = doc.position(first)[0]
            yield self.make(start + lead, start + lead + len(trimmed),
                            {"match": trimmed, "first_line": first_line})
