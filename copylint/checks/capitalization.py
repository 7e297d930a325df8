"""`capitalization`: terms that must always be written with given capitals (Kyiv, not kyiv)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..findings import Match
from .base import Check, Param, ParamError, may_contain, trigger_words, word_list_pattern


class CapitalizationCheck(Check):
    kind = "capitalization"
    summary = "Proper nouns written with the wrong capitals."
    params = {
        "terms": Param("str-list", required=True, doc="each term as it must be written"),
        "allow_upper": Param("bool", default=True,
                             doc="accept the term in capitals (datelines, all-caps headlines)"),
    }
    fields = frozenset({"match", "right"})

    def setup(self, options: dict[str, Any]) -> None:
        terms: list[str] = options["terms"]
        if not terms:
            raise ParamError("terms", "'terms' is empty")
        self.canonical = {term.casefold(): term for term in terms}
        self.allow_upper = options["allow_upper"]
        self.triggers = trigger_words(terms)
        # not inside web or e-mail addresses (www.kyiv.gov.ua, press@kyiv.org)
        self.pattern = word_list_pattern("terms", terms, ignore_case=True, context={
            "not_preceded_by": r"[./@]", "not_followed_by": r"\.\w|@"})

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        if not may_contain(doc, self.triggers):
            return
        for match in self.run(self.pattern, doc.text):
            found = match.group()
            right = self.canonical.get(found.casefold())
            if right is None or found == right:
                continue
            if self.allow_upper and found == right.upper():
                continue
            yield self.make(match.start(), match.end(), {"match": found, "right": right})
