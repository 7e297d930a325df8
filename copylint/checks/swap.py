"""`swap`: wrong → right term lists, whole words, one pass for the whole list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..findings import Match
from .base import (
    Check,
    Param,
    ParamError,
    RuleTimeout,
    case_like,
    may_contain,
    trigger_words,
    word_list_pattern,
)
from .names_text import after_opening

_SIMPLE = re.compile(r"\w+")
#: the parameters that put conditions on the text around a term
CONTEXT_KEYS = ("preceded_by", "followed_by", "not_preceded_by", "not_followed_by")


#: lower-case words inside names (Programme for International Student Assessment)
_NAME_LINKS = frozenset({"of", "for", "on", "and", "in", "to", "at", "the", "de"})


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class SwapCheck(Check):
    kind = "swap"
    summary = "Terms to replace: each wrong form with its right one, case-aware, whole words."
    params = {
        "swap": Param("str-map", required=True, doc="wrong term: right term"),
        "ignore_case": Param("bool", default=True),
        "preserve_case": Param("bool", default=True,
                               doc="give the suggestion the case of the matched text"),
        "outside_quotes": Param("bool", default=False),
        "preceded_by": Param("str", doc="regex the text before a term must match (replaces the "
                                         "left word boundary)"),
        "followed_by": Param("str", doc="regex the text after a term must match"),
        "not_preceded_by": Param("str", doc="regex the text before a term must not match"),
        "not_followed_by": Param("str", doc="regex the text after a term must not match"),
        "sentence_start": Param("bool", default=False,
                                doc="with ignore_case off, also find a lower-case term written "
                                    "with a capital where it begins a sentence before a word in "
                                    "lower case (the capital is the sentence's, not a name's)"),
    }
    fields = frozenset({"match", "right"})

    def setup(self, options: dict[str, Any]) -> None:
        swap: dict[str, str] = options["swap"]
        if not swap:
            raise ParamError("swap", "'swap' is empty")
        self.ignore_case = options["ignore_case"]
        self.table = {(k.casefold() if self.ignore_case else k): v for k, v in swap.items()}
        self.pattern = word_list_pattern("swap", list(swap), self.ignore_case,
                                         context={key: options[key] for key in CONTEXT_KEYS})
        # terms are found from the document's tokens, around each term's longest word (and
        # where the rule's pattern matches there, for a rule with context conditions); the regex
        # over the whole text only for terms that cannot be (one with no word)
        self.context = any(options[key] for key in CONTEXT_KEYS)
        self.phrases = _phrase_index(list(swap), self.ignore_case)
        self.triggers = frozenset(self.phrases) if self.phrases else trigger_words(list(swap))
        self.preserve_case = options["preserve_case"]
        self.outside_quotes = options["outside_quotes"]
        self.sentence_start = options["sentence_start"] and not self.ignore_case

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        if not may_contain(doc, self.triggers):
            return
        for start, end in self._spans(doc):
            found = doc.text[start:end]
            right = self.table.get(found.casefold() if self.ignore_case else found)
            if right is None and self.sentence_start:
                right = self.table.get(found[0].lower() + found[1:])
                right = right[0].upper() + right[1:] if right else None
            if right is None:
                continue
            if self.preserve_case:
                right = case_like(found, right)
            if right == found:
                continue
            if self.outside_quotes and doc.in_quotation(start, end):
                continue
            yield self.make(start, end, {"match": found, "right": right})

    def _spans(self, doc: Document) -> list[tuple[int, int]]:
        """Where the terms stand: searches around each term's longest word (`_phrase_spans`),
        or the compiled word-list pattern over the whole text when that cannot be (lower-casing
        changes the text's length, or a term has no word)."""
        if self.phrases and len(doc.lower) == len(doc.text):
            return self._phrase_spans(doc)
        return [match.span() for match in self.run(self.pattern, doc.text)]

    def _phrase_spans(self, doc: Document) -> list[tuple[int, int]]:
        """Where the terms stand, found around each place the document holds a term's longest
        word (case as `ignore_case` says): as whole words, or, for a rule with context
        conditions, where the rule's pattern matches at the term's start. The longest term wins
        where two start at one place, and a term never overlaps the one before it."""
        text = doc.lower if self.ignore_case else doc.text
        match = self.pattern.match if self.context else None
        deadline = self.start_clock() if self.context else None
        capitals = self.sentence_start
        found = []
        for word in self.triggers & doc.vocabulary:
            terms = self.phrases[word]
            for position in doc.tokens.lower_starts(word):
                for term, offset in terms:
                    start = position - offset
                    end = start + len(term)
                    if start < 0 or not (text.startswith(term, start) or (
                            capitals and _capital_start(text, term, start))):
                        continue
                    if match is not None:
                        try:
                            hit = match(doc.text, start, timeout=self.time_left(deadline))
                        except TimeoutError:
                            raise RuleTimeout(self.rule_id) from None
                        if hit is not None:
                            found.append((start, -hit.end()))
                    elif (start == 0 or not _word_char(text[start - 1])) and (
                            end >= len(text) or not _word_char(text[end])):
                        found.append((start, -end))
        spans = []
        done = -1
        for start, negative_end in sorted(set(found)):
            if start >= done:
                spans.append((start, -negative_end))
                done = -negative_end
        return spans


def _capital_start(text: str, term: str, start: int) -> bool:
    """A lower-case term written with a capital at `start`, where a sentence begins, with a word
    in lower case after it (`Programme cuts were`), but for a word that links a name's words
    (`Programme for International Student Assessment`)."""
    if not term[:1].islower() or not text.startswith(term[0].upper() + term[1:], start):
        return False
    end = start + len(term)
    if text[end:end + 1] != " " or not text[end + 1:end + 2].islower():
        return False
    following = text[end + 1:end + 40].split(" ", 2)
    if following[0] in _NAME_LINKS and len(following) > 1 and following[1][:1].isupper():
        return False    # the start of a name (Programme for International Student Assessment)
    return after_opening(text, start, ".!?\n:")


def _phrase_index(terms: list[str], ignore_case: bool) -> dict[str, list[tuple[str, int]]]:
    """Each term (lower-cased when the rule ignores case) filed under its longest word, lower
    case, with that word's offset in the term: a phrase can only stand where that word does,
    and the longest word is as a rule the rarest (`free reign` under reign, `to stump out` under
    stump). Empty (search with the regex) when a term has no word, or lower-casing a term
    changes its length."""
    index: dict[str, list[tuple[str, int]]] = {}
    for term in terms:
        words = list(_SIMPLE.finditer(term))
        if not words or len(term.lower()) != len(term):
            return {}
        longest = max(words, key=lambda m: len(m.group()))
        index.setdefault(longest.group().lower(), []).append(
            (term.lower() if ignore_case else term, longest.start()))
    return index
