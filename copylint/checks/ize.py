"""`ize-spelling`: British -ise spellings whose -ize form is the American word
(`sensitising`, `Criticising`, `mobilisation`), found with the word lists rather than a list.

A word ending in -ise, -ised, -ising, -isation (and their plurals) is flagged when its -ize
counterpart is an English word and the -ise form itself is not one of the 10,000 most common words
(so `advise`, `surprise`, `exercise`, `merchandise` and `promise`, whose -ize forms are no words
or rare, stay clean). A capitalized word is tried only at the start of a sentence: elsewhere it
is a name (`International Labour Organisation`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..context import RunContext
from ..document import Document
from ..findings import Match
from .base import ContextCheck, case_like
from .name_queries import rare_words

_ENDINGS = ("ise", "ises", "ised", "ising", "iser", "isers", "isation", "isations")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)]*[ \t]+|\n[ \t]*)[\"“‘(]?$")


def american(word: str) -> str:
    """sensitising -> sensitizing: the -is- of the ending becomes -iz-."""
    index = word.lower().rfind("is")
    return word[:index] + ("IZ" if word[index:index + 2].isupper() else "iz") + word[index + 2:]


class IzeSpellingCheck(ContextCheck):
    kind = "ize-spelling"
    summary = "British -ise spellings whose -ize form is the American word, by the word lists."
    params: dict[str, Any] = {}
    fields = frozenset({"match", "right"})

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterator[Match]:
        from ..gazetteer import load_gazetteer  # the word lists the name checks load

        lexicon = load_gazetteer()
        # the document's rarer words (the set difference the name checks share) with a British
        # ending
        candidates = [word for word in rare_words(doc, context)
                      if word.endswith(_ENDINGS) and len(word) > 6 and word.isalpha()]
        if not candidates:
            return
        text, lower = doc.text, doc.lower
        if len(lower) != len(text):
            return
        for word in candidates:
            if not lexicon.is_known_word(american(word)):
                continue
            for position in doc.tokens.lower_scan(word):
                end = position + len(word)
                found = text[position:end]
                standalone = (position == 0 or not text[position - 1].isalnum()) and \
                    (end == len(text) or not text[end].isalnum())
                if standalone and (found[0].islower() or
                                   _SENTENCE_START.search(text, max(0, position - 4), position)):
                    right = case_like(found, american(word))
                    yield self.make(position, end, {"match": found, "right": right})
