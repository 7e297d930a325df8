"""`name-variants`: one name spelled two ways in one story (Gov. Oleg Sinegubov ... Sinegubav).

Two capitalized words a letter apart (added, dropped, changed, or two swapped; never the first)
are one name spelled two ways when one
of them is introduced (after a given name or a title) and the other never is, stands alone, and
is written no more often. Two real people are never flagged: when both spellings come with a
given name of their own (Tim Scott, Rick Scott; Larson and Larsen with their own first names),
or the two differ only at the end (Klitschko, Klitschkos; Petrov, Petrova), or the lone one is
an ordinary word or a name the gazetteer knows to stand alone (a place, an organisation, a
leader's surname). Another known person's surname is no excuse: wire copy introduces a person
before writing the surname alone.

Linear in the story: only words that are not among the 10,000 most frequent and stand
capitalized only are compared, each with the few that are the same but for one letter (found
through their forms with one letter dropped), and only the pairs one edit apart are looked for
in the text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..context import RunContext
from ..document import Document
from ..findings import Match
from .base import ContextCheck, Param
from .name_queries import name_queries, rare_words
from .names_text import UPPER_RUN, bounded, edit_distance, ending_only

#: short words before a surname that introduce it without a given name
_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "gov", "sen", "rep", "gen", "lt", "col", "maj", "capt", "sgt",
    "president", "minister", "governor", "senator", "mayor", "judge", "chancellor", "premier",
    "coach", "officer", "detective", "professor", "prof", "chief", "director", "secretary",
})


@dataclass
class _Uses:
    """Where one spelling stands, and what introduces it."""

    starts: list[int]
    given: set[str]          # capitalized words right before it (given names)
    titled: bool = False


def _pairs(words: Iterable[str]) -> set[tuple[str, str]]:
    """Pairs of words with the same first letter that may be one edit apart (a letter added,
    dropped or changed, or two neighbours swapped, never the first letter): those that are the
    same once one letter after the first, or none, is dropped from each. Each word is filed
    under those shortened forms, so it meets only its near neighbours, however many words a
    long text holds. A pair is ordered shorter word first, or alphabetically for two of one
    length, whatever order the words come in (a set's order changes from one process to the
    next), so a word near two others is always reported with the same one."""
    by_key: dict[str, list[str]] = {}
    for word in _with_neighbours(set(words)):
        for key in {word, *(word[:i] + word[i + 1:] for i in range(1, len(word)))}:
            by_key.setdefault(key, []).append(word)
    pairs = set()
    for group in by_key.values():
        for i, word in enumerate(group):
            for other in group[i + 1:]:
                pairs.add((word, other) if (len(word), word) < (len(other), other) else (other, word))
    return pairs


def _with_neighbours(words: set[str]) -> list[str]:
    """The words that share their first letter with another word of their length or one letter
    more or less: only those can share a shortened form (which keeps the first letter and drops
    one letter or none), and most stories have none."""
    by_letter: dict[str, list[str]] = {}
    for word in words:
        by_letter.setdefault(word[0], []).append(word)
    kept: list[str] = []
    for group in by_letter.values():
        if len(group) > 1:
            lengths = Counter(map(len, group))
            kept += [word for word in group if sum(
                lengths[len(word) + step] for step in (-1, 0, 1)) > 1]
    return kept


class NameVariantsCheck(ContextCheck):
    kind = "name-variants"
    summary = "One name spelled two ways in one story (Sinegubov, Sinegubav)."
    params = {
        "min_length": Param("int", default=5, doc="shorter names are never compared"),
    }
    fields = frozenset({"match", "right"})

    def setup(self, options: dict[str, Any]) -> None:
        self.min_length = max(4, options["min_length"])

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterable[Match]:
        gaz = name_queries(context).gaz
        forms = doc.tokens.forms
        # only a word that stands capitalized and never in lower case can be one of a pair (the
        # others would be dropped by `_uses`): they are never paired
        pairs = _pairs(w for w in rare_words(doc, context) - forms
                       if len(w) >= self.min_length and w.isalpha() and w[0].upper() + w[1:] in forms)
        if not pairs:
            return []
        text = doc.text
        uses: dict[str, _Uses | None] = {}
        matches = []
        for a, b in sorted(pairs):
            if edit_distance(a, b, 1) != 1 or ending_only(a, b) or ending_only(b, a):
                continue
            found = [self._uses(w, doc, uses) for w in (a, b)]
            if found[0] is None or found[1] is None:
                continue
            first, second = (a, found[0]), (b, found[1])
            for (right, known), (wrong, lone) in ((first, second), (second, first)):
                if not (known.given or known.titled) or lone.given - known.given:
                    continue      # the right one is never introduced, or each has its own name
                if len(lone.starts) > len(known.starts) or lone.given:
                    continue      # the lone spelling is the one written with the given name
                wrong_word = text[lone.starts[0]:lone.starts[0] + len(wrong)]
                if wrong in gaz.standalone_words:
                    continue      # a place's or a leader's name of its own
                right_word = text[known.starts[0]:known.starts[0] + len(right)]
                for start in lone.starts:
                    matches.append(self.make(start, start + len(wrong),
                                             {"match": wrong_word, "right": right_word}))
                break
        matches.sort(key=lambda m: m.start)
        return matches

    def _uses(self, word: str, doc: Document, cache: dict[str, _Uses | None]) -> _Uses | None:
        """Where the word stands capitalized (not in capitals, not as part of a longer proper
        noun), or None when it is also written in lower case (an ordinary word)."""
        if word in cache:
            return cache[word]
        found: _Uses | None = None
        form = word[0].upper() + word[1:]
        text = doc.text
        if not doc.tokens.contains(word):
            found = _Uses([], set())
            for start in doc.tokens.starts(form):   # a bounded occurrence is a whole token
                end = start + len(form)
                if not bounded(text, start, end) or UPPER_RUN.match(text, start):
                    continue
                after = text[end:end + 2]
                if after[:1] == " " and after[1:2].isupper():
                    continue      # Larson Street, Sinegubov Foundation: another proper noun
                before = _word_before(text, start)
                if before.lower().rstrip(".") in _TITLES:
                    found.titled = True
                elif before[:1].isupper() and before.isalpha() and len(before) > 1:
                    found.given.add(before)
                found.starts.append(start)
            if not found.starts:
                found = None
        cache[word] = found
        return found


def _word_before(text: str, start: int) -> str:
    """The word right before `start` (one space between), with a final period kept (Gov.)."""
    if start < 2 or text[start - 1] != " ":
        return ""
    begin = start - 1
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    return text[begin:start - 1]
