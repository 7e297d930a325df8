"""`name-possessive`: a known name with its possessive stripped (Trumps team, Putins forces).

A capitalized word that is a person's surname or a country of the gazetteer with an `s` added,
followed by a word in lower case, is a possessive that lost its apostrophe. Left alone: the name
with an `s` that is a name of its own (Williams, Roberts: a known word not written in lower
case), a family in the plural after `the`, `both` or a number (the Trumps arrived), a plural
possessive (the Obamas’ home) and title-case headlines (the next word is capitalized).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

from ..context import RunContext
from ..document import Document
from ..findings import Match
from ..gazetteer import Gazetteer
from .base import ContextCheck, Param
from .name_queries import name_queries
from .names_text import bounded
from .spelling import spelling_queries

#: words before a plural family name (the Trumps, both Clintons, two Kennedys)
_PLURAL_BEFORE = frozenset({"the", "both", "two", "three", "all", "young", "other", "those"})


class PossessiveNames:
    """Lower-case name + s -> the name, for every surname and country of the gazetteer whose
    plain plural is no name of its own."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    @cached_property
    def table(self) -> dict[str, str]:
        gaz = self.gaz
        names: dict[str, str] = {}
        for entry in gaz.entries:
            words = entry.ap.split()
            if entry.type == "person" and len(words) >= 2:
                head = words[-1]
            elif "country" in entry.subtype.split(",") and len(words) == 1:
                head = words[0]
            else:
                continue
            if len(head) >= 4 and head.isalpha() and head[0].isupper() and not head.endswith("s"):
                plural = head.lower() + "s"
                if plural not in gaz.name_words_lower:
                    names[plural] = head
        return names

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(self.table)


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
        names = context.cached("names.possessives",
                               lambda: PossessiveNames(name_queries(context).gaz))
        present = doc.vocabulary & names.keys
        if not present:
            return []
        text = doc.text
        gaz = names.gaz
        spelling = spelling_queries(context)
        matches = []
        for plural in present:
            if gaz.is_known_word(plural) and not spelling.is_ordinary(plural):
                continue      # a name of its own (Williams, Roberts), not a possessive
            name = names.table[plural]
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
