"""`sentence-start`: a sentence that restarts in lower case after a full stop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import patterns
from ..document import Document
from ..findings import Match
from .base import Check, Param

# a full stop (and any closing quote or bracket), white space within the paragraph, a lower-case word
_RESTART = patterns.compile(
    r"\.([”\"’')\]]*)([ \t]+|[ \t]*\n[ \t]*)(\p{Ll}[\p{L}\p{M}’'-]*)"
)
_LONGEST_TOKEN = 80


def _token_before(text: str, end: int) -> str:
    """The run of non-space characters that ends at `end` (bounded, so it stays cheap)."""
    start = end
    limit = max(0, end - _LONGEST_TOKEN)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


class SentenceStartCheck(Check):
    kind = "sentence-start"
    summary = "A sentence that restarts in lower case after a full stop, abbreviation-aware."
    params = {
        "abbreviations": Param("str-list", default=[],
                               doc="words written with a final period that do not end a sentence; "
                                   "an entry in lower case matches in any case, one with a capital "
                                   "only as written or in capitals (Ill, not ill.)"),
    }
    fields = frozenset({"match", "word", "before"})

    def setup(self, options: dict[str, Any]) -> None:
        words = [a.rstrip(".") for a in options["abbreviations"]]
        self.any_case = {word.casefold() for word in words if word == word.lower()}
        capitalised = {word for word in words if word != word.lower()}
        self.as_written = capitalised | {word.upper() for word in capitalised}

    def _is_abbreviation(self, token: str) -> bool:
        """True when the word before the full stop is an abbreviation, initial, number or address."""
        core = token.lstrip("(“\"‘'[")
        if not core or core.endswith((".", "…")):  # an ellipsis or a run of stops
            return True
        if core.casefold() in self.any_case or core in self.as_written:
            return True
        if len(core) == 1 and core.isalpha():  # an initial: John F. Kennedy
            return True
        return "." in core or "@" in core or "/" in core  # U.S., a.m., e.g., addresses

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        for match in self.run(_RESTART, text):
            word = match.group(3)
            if any(c.isupper() for c in word[1:]):  # iPhone, eBay
                continue
            if match.group(1).endswith((")", "]")):  # "(D., Tex.) called": the bracket closed
                continue
            token = _token_before(text, match.start())
            if self._is_abbreviation(token):
                continue
            start, end = match.span(3)
            yield self.make(start, end, {"match": word, "word": word, "before": token + "."})
