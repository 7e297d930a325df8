"""`name-possessive`: a known name with its possessive stripped (Trumps team, Putins forces).

A capitalized word that is a person's surname or a country of the gazetteer with an `s` added,
followed by a word in lower case, is a possessive that lost its apostrophe. Left alone: the name
with an `s` that is a name of its own (Williams, Roberts: a known word not written in lower
case), a family in the plural after `the`, `both` or a number (the Trumps arrived) or before a
verb (Bidens said), a plural possessive (the Obamas’ home), the surname of someone else after a
given name that is not the known person's (Andress Bennetts) and title-case headlines (the next
word is capitalized).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..context import RunContext
from ..document import Document
from ..findings import Match
from .base import ContextCheck, Param
from .name_queries import name_queries, rare_words
from .names_text import TITLE_ENDS, bounded
from .spelling import spelling_queries

#: words before a plural family name (the Trumps, both Clintons, two Kennedys)
_PLURAL_BEFORE = frozenset({"the", "both", "two", "three", "all", "young", "other", "those"})


class NamePossessiveCheck(ContextCheck):
    kind = "name-possessive"
    summary = "A known name whose possessive lost its apostrophe (Trumps team: Trump’s team)."
    params = {
        "apostrophe": Param("str", default="’", choices=("’", "'"),
                            doc="the apostrophe of the suggestion"),
        "plural_verbs": Param("str-list", default=[],
                              doc="words after which the name with an s is a family in the "
                                  "plural (said, were): never a possessive"),
    }
    fields = frozenset({"match", "right"})

    def setup(self, options: dict[str, Any]) -> None:
        self.apostrophe = options["apostrophe"]
        self.plural_verbs = frozenset(word.lower() for word in options["plural_verbs"])

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterable[Match]:
        queries = name_queries(context)
        gaz = queries.gaz
        present = queries.in_document("possessive_keys", doc.vocabulary,
                                      rare_words(doc, context))
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
                if bounded(text, start, end) and self._possessive(text, start, end) and \
                        self._own_name(text, start, name, gaz.name_forms):
                    matches.append(self.make(start, end, {
                        "match": form, "right": name + self.apostrophe + "s"}))
        matches.sort(key=lambda m: m.start)
        return matches

    def _possessive(self, text: str, start: int, end: int) -> bool:
        """Followed by a lower-case word that is no verb of a plural subject, not preceded by a
        word that makes it a plural."""
        if text[end:end + 1] != " ":
            return False
        following = text[end + 1:end + 2]
        if not following.isalpha() or not following.islower():
            return False
        next_word = text[end + 1:end + 16].split(maxsplit=1)[0].rstrip(".,;:!?")
        if next_word in self.plural_verbs:
            return False
        before = text[max(0, start - 12):start].split()
        return not (before and before[-1].lower() in _PLURAL_BEFORE)

    @staticmethod
    def _own_name(text: str, start: int, name: str, name_forms: frozenset[str]) -> bool:
        """Not the surname of someone else: a capitalized word before it (not at a sentence
        start) must be a title or the known person's given name (Donald Trumps team, not
        Andress Bennetts)."""
        before = text[max(0, start - 40):start]
        words = before.split()
        if not before.endswith(" ") or not words:
            return True
        previous = words[-1]
        if not (previous.isalpha() and previous[0].isupper()):
            return True
        if len(words) == 1 and start - len(before) == 0:
            return True       # the text starts with it
        at_start = len(words) < 2 or words[-2][-1:] in ".!?”\""
        return at_start or previous in TITLE_ENDS or \
            f"{previous} {name}".lower() in name_forms
