"""`repetition`: the same word twice in a row ("the the"), with exceptions ("had had")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from ..document import Document
from ..findings import Match
from .base import Check, Param

# the standard library's engine is about twice as fast as `regex` on this back reference;
# [^\W\d_] is a Unicode letter
_DOUBLED = re.compile(
    r"(?<![\w’'-])([^\W\d_]+(?:[’'-][^\W\d_]+)*)([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w’'-])",
    re.IGNORECASE,
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
        words = doc.words
        if not any(a == b for a, b in pairwise(words)):
            return  # no word follows itself anywhere: skip the regex
        for match in _DOUBLED.finditer(doc.text):
            first = match.group(1)
            if first.casefold() in self.exceptions:
                continue
            yield self.make(match.start(), match.end(), {"match": match.group(), "word": first})
