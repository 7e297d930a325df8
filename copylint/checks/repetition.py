"""`repetition`: the same word twice in a row ("the the"), with exceptions ("had had")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..document import Document
from ..findings import Match
from .base import Check, Param

_DOUBLED = regex.compile(
    r"(?<![\w’'-])(\p{L}+(?:[’'-]\p{L}+)*)([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w’'-])",
    regex.IGNORECASE,
)


class RepetitionCheck(Check):
    kind = "repetition"
    summary = "A word written twice in a row."
    params = {
        "exceptions": Param("str-list", default=[],
                            doc="words that may legitimately be doubled (case-insensitive)"),
    }
    fields = frozenset({"match", "word"})

    def setup(self, options: dict[str, Any]) -> None:
        self.exceptions = {word.casefold() for word in options["exceptions"]}

    def find(self, doc: Document) -> Iterator[Match]:
        for match in self.run(_DOUBLED, doc.text):
            first, second = match.group(1), match.group(3)
            if first.casefold() in self.exceptions:
                continue
            yield self.make(match.start(), match.end(), {"match": match.group(), "word": first})
