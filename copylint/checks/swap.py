"""`swap`: wrong → right term lists, whole words, one pass for the whole list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..findings import Match
from .base import Check, Param, ParamError, case_like, may_contain, trigger_words, word_list_pattern

_SIMPLE = re.compile(r"\w+")


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
    }
    fields = frozenset({"match", "right"})

    def setup(self, options: dict[str, Any]) -> None:
        swap: dict[str, str] = options["swap"]
        if not swap:
            raise ParamError("swap", "'swap' is empty")
        self.ignore_case = options["ignore_case"]
        self.table = {(k.casefold() if self.ignore_case else k): v for k, v in swap.items()}
        self.pattern = word_list_pattern("swap", list(swap), self.ignore_case, context={
            key: options[key] for key in
            ("preceded_by", "followed_by", "not_preceded_by", "not_followed_by")})
        self.triggers = trigger_words(list(swap))
        # single words with no context conditions are found by string search, not the regex
        context = any(options[key] for key in
                      ("preceded_by", "followed_by", "not_preceded_by", "not_followed_by"))
        self.simple = not context and all(_SIMPLE.fullmatch(k) for k in swap)
        self.preserve_case = options["preserve_case"]
        self.outside_quotes = options["outside_quotes"]

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        if not may_contain(doc, self.triggers):
            return
        for start, end in self._spans(doc):
            found = doc.text[start:end]
            right = self.table.get(found.casefold() if self.ignore_case else found)
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
        """Where the terms stand as whole words: string searches for the few terms the document
        holds when every term is one word, else the compiled word-list pattern."""
        text = doc.text
        lower = doc.lower
        if not self.simple or len(lower) != len(text):
            return [match.span() for match in self.run(self.pattern, text)]
        spans = []
        for word in self.triggers & doc.vocabulary:
            # a whole word stands as a whole token (found from the document's tokens)
            for position in doc.tokens.lower_starts(word):
                end = position + len(word)
                if (position == 0 or not _word_char(text[position - 1])) and (
                        end >= len(text) or not _word_char(text[end])):
                    spans.append((position, end))
        spans.sort()
        return spans
