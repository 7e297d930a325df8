"""`glued-words`: two words run together where a space was lost (`theEuropean`, `Patriotsbut`).

A token is split only when the dictionary says so: the joined form is not a word, and each part
is (the English word list shipped in rules/names: wordfreq's 50,000 most frequent words, their
first 10,000 counted as common, plus the rarer words and place names of words.txt). So brand and
name spellings that are words of their own (`YouTube`, `LinkedIn`, `McDonald`) stay whole, and
`iPhone`, `eBay`, `3.5%`, `U.S.` and web addresses are never candidates. Four shapes are tried:

- lower case joined to a capital (`theEuropean`, `advertisementBrady`): the lower-case part is a
  function word or a common word;
- a capitalized word joined to a capitalized function word (`SpotifyThe`);
- a word joined to a lower-case function word after it (`Patriotsbut`, `Canadaand`);
- a lower-case function word joined to a common word after it (`asurge`, `ofthe` is a word in
  the list and is left alone).

The word list is the one the name checks load, so the check adds no loading time to a run that
uses them; it is read on first use otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..document import Document
from ..findings import Match
from .base import Check, Param

#: a token of letters with no letter, digit or joining mark around it (not part of an address,
#: an e-mail, a code identifier or a number)
_TOKEN = regex.compile(
    r"(?<![\p{L}\p{M}\d’'@/_.\\-])\p{L}[\p{Ll}\p{Lu}]+(?![\p{L}\p{M}\d@/_(\\-]|[’'.]\p{L})")
_CAMEL = regex.compile(r"(\p{Lu}?\p{Ll}+)(\p{Lu}\p{Ll}+)")


class GluedWordsCheck(Check):
    kind = "glued-words"
    summary = "Two words run together where a space was lost, split with the word list."
    params = {
        "function_words": Param("str-list", required=True,
                                doc="short closed-class words (the, of, but) that glue to others"),
        "min_part": Param("int", default=4,
                          doc="the shortest other part of a split at a function word"),
    }
    fields = frozenset({"match", "split"})

    def setup(self, options: dict[str, Any]) -> None:
        self.function_words = frozenset(word.casefold() for word in options["function_words"])
        self.min_part: int = options["min_part"]
        self.longest_function = max((len(word) for word in self.function_words), default=0)

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        lexicon = None
        for token in _TOKEN.finditer(text):
            word = token.group()
            if len(word) < 5:
                continue
            camel = word[1:] != word[1:].lower()
            if not camel and not self._may_end_or_start_with_function_word(word):
                continue
            if lexicon is None:
                from ..gazetteer import gazetteer

                lexicon = gazetteer()
            parts = self._split(word, camel, lexicon)
            if parts:
                split = " ".join(parts)
                yield self.make(token.start(), token.end(), {"match": word, "split": split})

    def _may_end_or_start_with_function_word(self, word: str) -> bool:
        lower = word.lower()
        span = min(self.longest_function, len(lower) - self.min_part)
        return any(lower[:n] in self.function_words or lower[-n:] in self.function_words
                   for n in range(1, span + 1))

    def _split(self, word: str, camel: bool, lexicon: Any) -> tuple[str, str] | None:
        """The two words `word` runs together, or None when it is a word or not two words."""
        lower = word.lower()
        if lexicon.is_known_word(lower):
            return None
        if camel:
            humps = _CAMEL.fullmatch(word)
            if humps is None:
                return None  # three humps or more: a brand or code, not a lost space
            left, right = humps.group(1), humps.group(2)
            left_lower, right_lower = left.lower(), right.lower()
            if left[0].islower():  # theEuropean, advertisementBrady
                if left_lower in self.function_words or (
                        len(left) >= 3 and left_lower in lexicon.fast_words):
                    return left, right
                return None
            # CapitalCapital: only before a function word (SpotifyThe); brands are two words
            if right_lower in self.function_words and right_lower not in _PARTICLES and \
                    lexicon.is_known_word(left_lower):
                return left, right
            return None
        # a function word at the end (Patriotsbut) or, in lower case, at the start (asurge)
        for size in range(min(self.longest_function, len(lower) - self.min_part), 0, -1):
            head, tail = lower[:-size], lower[-size:]
            if tail in self.function_words and len(head) >= max(self.min_part, len(tail) + 2) \
                    and lexicon.is_known_word(head) and (head in lexicon.fast_words or word[0].isupper()):
                return word[:-size], word[-size:]
        if word[0].islower():
            for size in range(1, min(self.longest_function, len(lower) - self.min_part) + 1):
                head, tail = lower[:size], lower[size:]
                if head in self.function_words and tail in lexicon.fast_words:
                    return word[:size], word[size:]
        return None


#: capitalized function words that end brand names (LinkedIn, MoveOn, CheckIn): never split off
_PARTICLES = frozenset({"in", "on", "up", "out", "off"})
