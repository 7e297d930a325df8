"""`collocation`: a fixed news collocation with one word swapped for a synonym, as spinners and
bad translations leave them (White Home for White House, synthetic intelligence for artificial
intelligence), with the collocation as the suggestion.

The variants are data (rules/collocations/variants.tsv, generated from WordNet by
tools/collocations/build.py). A document is checked by set intersections over its words and,
for the few variants whose two words it holds, a look-up in the document's token index
(`Document.tokens`: string searches in a story, the index in a long text). A variant of a
collocation written with capitals (White House) counts only in capitals, and not in a line set in
title case (a headline); one of a lower-case collocation only in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ..context import RunContext
from ..document import Document
from ..findings import Match
from ..tokens import Tokens
from .base import ContextCheck
from .names_text import after_opening, bounded

_CAPITALIZED = re.compile(r"\b[A-Z]")
_WORDS = re.compile(r"\b[A-Za-z]")


class Variant(NamedTuple):
    collocation: str
    proper: bool


class VariantTable:
    """variants.tsv: the lower-case variant -> its collocation, indexed by its rarer word (so that
    a document's common words call up few variants)."""

    def __init__(self, path: Path) -> None:
        #: the variant's rarer word (the `key` column) -> (the other word, the variant phrase)
        self.by_key: dict[str, list[tuple[str, str]]] = {}
        self.variants: dict[str, Variant] = {}
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line or line[0] == "#":
                continue
            variant, collocation, proper, key = line.split("\t")
            first, second = variant.split(" ")
            self.variants[variant] = Variant(collocation, proper == "1")
            self.by_key.setdefault(key, []).append((second if key == first else first, variant))
        self.keys = frozenset(self.by_key)
        #: the collocations written with capitals (White House, Prime Minister)
        self.proper_collocations = frozenset(
            variant.collocation for variant in self.variants.values() if variant.proper)


@cache
def load_variants(path: Path | None = None) -> VariantTable:
    """The shipped table, read once per process and never changed afterwards."""
    if path is None:
        from ..rulebook import builtin_rules_dir
        path = builtin_rules_dir() / "collocations" / "variants.tsv"
    return VariantTable(path)


class CollocationCheck(ContextCheck):
    kind = "collocation"
    summary = "A fixed collocation with a word swapped for a synonym (White Home: White House)."
    params: dict[str, Any] = {}
    fields = frozenset({"match", "right"})

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterable[Match]:
        table = load_variants()
        vocabulary = doc.vocabulary
        candidates: dict[str, Variant] = {}
        for key in vocabulary & table.keys:
            for other, variant in table.by_key[key]:
                if other in vocabulary:
                    candidates[variant] = table.variants[variant]
        if not candidates:
            return []
        text = doc.text
        matches = []
        for start, phrase in self._places(doc.tokens, candidates):
            end = start + len(phrase)
            variant = candidates[phrase]
            found = text[start:end]
            if not bounded(text, start, end) or not self._case_fits(text, start, found, variant):
                continue
            right = variant.collocation
            if not variant.proper and found[:1].isupper():
                right = right[:1].upper() + right[1:]
            matches.append(self.make(start, end, {"match": found, "right": right}))
        matches.sort(key=lambda m: m.start)
        return matches

    @staticmethod
    def _places(tokens: Tokens, candidates: dict[str, Variant]) -> list[tuple[int, str]]:
        """Where each candidate phrase stands in the lower-cased text."""
        return [(start, phrase) for phrase in candidates
                for start in tokens.lower_occurrences(phrase)]

    @staticmethod
    def _case_fits(text: str, start: int, found: str, variant: Variant) -> bool:
        first, second = found.split(" ")
        if not variant.proper:
            return second.islower() and (first.islower() or _sentence_start(text, start))
        if not (first[:1].isupper() and second[:1].isupper()) or found.isupper():
            return False
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:line_end if line_end != -1 else len(text)]
        words = len(_WORDS.findall(line))
        return len(_CAPITALIZED.findall(line)) * 10 < words * 6     # not a title-case line


def _sentence_start(text: str, start: int) -> bool:
    return after_opening(text, start, ".!?\n")
