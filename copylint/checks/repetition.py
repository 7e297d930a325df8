"""`repetition`: the same word twice in a row ("the the"), with exceptions ("had had")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress
from operator import eq
from typing import Any

from ..document import Document
from ..findings import Match
from .base import Check, Param

# the standard library's engine is about twice as fast as `regex` on this back reference;
# [^\W\d_] is a Unicode letter
_ANY_WORD = r"[^\W\d_]+(?:[’'-][^\W\d_]+)*"
_DOUBLED = re.compile(
    r"(?<![\w’'-])(" + _ANY_WORD + r")([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w’'-])",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def _pair(word: str) -> re.Pattern[str]:
    """The pattern for one word written twice (compiled once per word, then reused)."""
    return re.compile(_DOUBLED.pattern.replace(_ANY_WORD, re.escape(word), 1), re.IGNORECASE)


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

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        words = doc.words
        exceptions = self.exceptions
        doubled = compress(words, map(eq, words, words[1:]))  # C-level pass over the shared tokens
        candidates = {word for word in doubled if word.isalpha() and word not in exceptions}
        if not candidates:
            return  # no word follows itself anywhere: skip the regex
        # search only for the candidate words, each with its own (cached) literal-led pattern
        matches = sorted((m for word in candidates for m in _pair(word).finditer(doc.text)),
                         key=lambda m: m.start())
        for match in matches:
            first = match.group(1)
            if first.casefold() in self.exceptions:
                continue
            yield self.make(match.start(), match.end(), {"match": match.group(), "word": first})
