"""`name-possessive`: a known name with its possessive stripped (Trumps team, Putins forces).

A capitalized word that is a person's surname or a country of the gazetteer with an `s` added,
followed by a word in lower case, is a possessive that lost its apostrophe. Left alone: the name
with an `s` that is a name of its own (Williams, Roberts: a known word not written in lower
case), a family in the plural after `the`, `both` or a number (the Trumps arrived), a plural
possessive (the Obamas’ home) and title-case headlines (the next word is capitalized).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..context import RunContext
from ..document import Document
from ..findings import Match
from .base import ContextCheck, Param
from .name_queries import name_queries
from .names_text import bounded
from .spelling import spelling_queries

#: words before a plural family name (the Trumps, both Clintons, two Kennedys)
_PLURAL_BEFORE = frozenset({"the", "both", "two", "three", "all", "young", "other", "those"})


class NamePossessiveCheck(ContextCheck):
    kind = "name-possessive"
    summary = "A known name whose possessive lost its apostrophe (Trumps team: Trump’s team)."
    params = {
        "apostrophe": Param("str", default="’", choices=("’", "'"),
                            doc="the apostrophe of the suggestion"),
    }
    fields = frozenset({"match", "right"})

    def setup(self, options: dict[str, Any]) -> None:
        self.apostrophe = options["apostrophe"]

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterable[Match]:
        gaz = name_queries(context).gaz
        present = doc.vocabulary & gaz.possessive_keys
        if not present:
            return []
        text = doc.text
        spelling = spelling_queries(context)
        matches = []
        for plural in present:
            if gaz.is_known_word(plural) and not spelling.is_ordinary(plural):
                continue      # a name of its own (Williams, Roberts), not a possessive
            name = gaz.possessives[plural]
            if name.lower() in gaz.ordinary and name.lower() not in doc.vocabulary:
                continue      # Songs, Masons: a name that is also a word needs the name nearby
            form = name + "s"
            for start in doc.tokens.occurrences(form):
                end = start + len(form)
                if bounded(text, start, end) and self._possessive(text, start, end):
                    matches.append(self.make(start, end, {
                        "match": form, "right": name + self.apostrophe + "s"}))
        matches.sort(key=lambda m: m.start)
        return matches

    @staticmethod
    def _possessive(text: str, start: int, end: int) -> bool:
        """Followed by a lower-case word, not preceded by a word that makes it a plural."""
        if text[end:end + 1] != " ":
            return False
        following = text[end + 1:end + 2]
        if not following.isalpha() or not following.islower():
            return False
        before = text[max(0, start - 12):start].split()
        return not (before and before[-1].lower() in _PLURAL_BEFORE)
