"""`spelling`: ordinary words misspelled (goverment, accussing), with the one clear correction.

Only words written in lower case are checked: a capitalized unknown word is a name, and the name
checks judge it. A word is left alone when the dictionary knows it (or it is a known word with
a prefix or an ending), when the user's vocabulary or the rule accepts it, when it has digits,
accents or other non-ASCII letters, when it is part of an address, a handle, a hashtag, a file
name or a contraction, when it is repeated in the story (a term, not a slip), when its sentence
holds other unknown words (a quotation in another language, jargon), and when no single frequent
word is a letter away (two for long words).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from ..context import RunContext
from ..document import Document
from ..findings import Match
from ..spelling import SpellingQueries, load_spelling
from .base import ContextCheck, Param
from .name_queries import name_queries, rare_words
from .names_text import after_opening, bounded, in_address

_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z]+(?![\w'’])")
_WORD = re.compile(r"\w+")
_PARTS = re.compile(r"[-’']")


def spelling_queries(context: RunContext) -> SpellingQueries:
    return context.cached("spelling.queries", lambda: SpellingQueries(load_spelling()))


class SpellingCheck(ContextCheck):
    kind = "spelling"
    summary = "Ordinary words misspelled, with the one clear correction (goverment: government)."
    params = {
        "min_length": Param("int", default=5, doc="shorter words are never checked"),
        "max_repeats": Param("int", default=2, doc="a word written more often than this in one "
                                                   "story is taken for a term, not a slip"),
        "accept": Param("str-list", default=[], doc="words never flagged"),
    }
    fields = frozenset({"match", "right"})

    def setup(self, options: dict[str, Any]) -> None:
        self.min_length = max(3, options["min_length"])
        self.max_repeats = options["max_repeats"]
        self.accept = frozenset(a.casefold() for a in options["accept"])

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterable[Match]:
        queries = spelling_queries(context)
        capitalized: list[str] = []
        unknown = self._unknown(doc, queries, context, capitalized)
        matches = self._sentence_starts(doc, queries, context, capitalized)
        if not unknown:
            return matches
        text = doc.text
        places = self._lower_places(doc, unknown)
        for word, starts in places.items():
            if len(starts) > self.max_repeats:
                continue
            starts = [s for s in starts if not _code_like(text, s, s + len(word))]
            if not starts:
                continue  # an identifier, a handle or part of an address (in this story)
            right = queries.correction(word)
            if right is None:
                queries.settled.add(word)   # unknown with no clear correction: never flagged
                continue
            for start in starts:
                end = start + len(word)
                if not self._clean_context(doc, start, end, queries, context):
                    matches.append(self.make(start, end, {"match": word, "right": right}))
        matches.sort(key=lambda m: m.start)
        return matches

    def _unknown(self, doc: Document, queries: SpellingQueries, context: RunContext,
                 capitalized: list[str]) -> frozenset[str]:
        """The document's words (lower case) the dictionary does not know, written in lower case
        at most `max_repeats` times; those written only capitalized go to `capitalized`.

        Only what the dictionary says is settled for the whole run: what one story shows (a
        word it repeats, a word it writes capitalized) decides for that story alone, so a
        file's findings never depend on which other files the run checked, or in what order."""
        accepted = context.vocabulary.accepted_words
        settled = queries.settled
        found = set()
        tokens = doc.tokens
        # the words outside the most frequent, and the frequent ones the run had not settled
        # when it began (once the dictionary is settled, see `warm_up`, none or nearly none)
        gaz = name_queries(context).gaz
        unsettled = rare_words(doc, context) - settled
        frequent = queries.unsettled_frequent(doc.vocabulary, gaz.fast_words)
        if frequent:
            unsettled |= frequent
        for word in unsettled:
            if len(word) < self.min_length or not word.isalpha() or not word.isascii():
                settled.add(word)
            elif not tokens.contains(word):
                # written capitalized only: a name here (whether the dictionary knows it is asked
                # only where it could be flagged, in `_sentence_starts`)
                if word not in self.accept and word not in accepted:
                    capitalized.append(word)
            elif queries.is_known(word):
                settled.add(word)
            elif tokens.count(word) > self.max_repeats:
                continue  # a term of this story, not a slip
            elif word not in self.accept and word not in accepted:
                found.add(word)
        return frozenset(found)

    def _sentence_starts(self, doc: Document, queries: SpellingQueries, context: RunContext,
                         words: list[str]) -> list[Match]:
        """A capitalized word is a name, but for one written once, at the start of a sentence,
        before a word in lower case, that no list of names or words knows and that has a clear
        correction (Saftey has to come first)."""
        if not words:
            return []
        gaz = name_queries(context).gaz
        text, tokens = doc.text, doc.tokens
        matches = []
        for word in words:
            if gaz.is_known_word(word) or word in gaz.name_words_lower or \
                    tokens.lower_count(word) != 1:
                continue
            form = word[0].upper() + word[1:]
            start = tokens.first(form)
            end = start + len(word)
            if start == -1 or not _before_lower_word(text, end) or not _sentence_start(text, start):
                continue
            if queries.is_known(word):
                queries.settled.add(word)
                continue
            right = queries.correction(word)
            if right is not None and not self._clean_context(doc, start, end, queries, context):
                matches.append(self.make(start, end, {
                    "match": form, "right": right[0].upper() + right[1:]}))
        return matches

    @staticmethod
    def _lower_places(doc: Document, unknown: frozenset[str]) -> dict[str, list[int]]:
        """Where each unknown word stands written in lower case, as a whole word (with no
        apostrophe beside it)."""
        text = doc.text
        places: dict[str, list[int]] = {}
        for word in unknown:
            # a whole word is a whole token: only those are looked at
            starts = [s for s in doc.tokens.starts(word) if _whole(text, s, s + len(word))]
            if starts:
                places[word] = starts
        return places

    def _clean_context(self, doc: Document, start: int, end: int, queries: SpellingQueries,
                       context: RunContext) -> bool:
        """Where an unknown word is not a slip: a sentence with other unknown words, or with
        ordinary words with accents (another language, jargon); accented names do not count."""
        text = doc.text
        sentences = doc.sentences
        index = bisect_right(context.for_document(
            doc, "sentence.starts", lambda: [s for s, _ in sentences]), start) - 1
        begin, finish = sentences[index] if index >= 0 else (0, len(text))
        sentence = text[begin:finish]
        unknown_here = sum(1 for w in _LOWER_WORD.findall(sentence)
                           if len(w) >= self.min_length and not queries.is_known(w))
        foreign = sum(1 for w in _WORD.findall(sentence) if w[0].islower() and not w.isascii())
        return unknown_here > 2 or foreign >= 2


def _before_lower_word(text: str, end: int) -> bool:
    return text[end:end + 1] == " " and text[end + 1:end + 2].islower()


def _sentence_start(text: str, start: int) -> bool:
    """At the start of a line or after the end of a sentence (and an opening quote)."""
    return after_opening(text, start, ".!?\n:")


def _code_like(text: str, start: int, end: int) -> bool:
    """Part of an address, handle, file name, contraction or code (sys.stdout, f(x), don't)."""
    if not bounded(text, start, end) or in_address(text, start, end):
        return True
    before, after = text[start - 1:start], text[end:end + 1]
    if (before and before in "'’`_") or (after and after in "'’`(_"):
        return True
    if before == "-" or after == "-":      # a syllable of a pronunciation guide (tsahr-NEYE’-ehv)
        left = max(text.rfind(" ", 0, start), text.rfind("(", 0, start)) + 1
        right = min((i for i in (text.find(" ", end), text.find(")", end)) if i != -1),
                    default=len(text))
        return any(len(part) > 1 and part.isupper() for part in _PARTS.split(text[left:right]))
    return False


def _whole(text: str, start: int, end: int) -> bool:
    """The word is not part of a longer word (a letter, digit, underscore or apostrophe beside)."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’"):
        return False
    return end >= len(text) or not (text[end].isalnum() or text[end] in "_'’")
