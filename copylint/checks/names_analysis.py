"""What one document holds for the name rules, found once and shared by all of them: listed
wrong spellings, near misses of names, ordinary words wrong inside a name."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..context import RunContext
from ..document import Document
from ..gazetteer import Target
from .name_queries import NameQueries, name_queries, rare_words
from .names_text import (
    POSSESSIVE,
    TITLE_ENDS,
    UPPER_RUN,
    after_title,
    bounded,
    close_enough,
    doubling_only,
    edit_distance,
    ending_only,
    name_slots,
)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    found: str
    target: Target | None = None     # near-miss and full-name hits
    phrase: str = ""                 # fix hits: the listed wrong phrase
    context: str = ""



class NameAnalysis:
    """Every place in one document where some name rule may have something to say."""

    def __init__(self, doc: Document, queries: NameQueries, rare: frozenset[str]) -> None:
        self.text = doc.text
        self.tokens = doc.tokens
        self.vocabulary = doc.vocabulary
        #: the words outside the most frequent (every candidate is one: they are never skipped)
        self.rare = rare
        self.queries = queries
        self.gaz = queries.gaz

    def present(self, table: str) -> frozenset[str]:
        """The document's words among the gazetteer's key set `table`."""
        return self.queries.in_document(table, self.vocabulary, self.rare)

    @cached_property
    def interesting(self) -> frozenset[str]:
        """The document's words that some name rule looks for (a small set)."""
        return self.present("interesting")

    def occurrences(self, word: str, capitalized: bool) -> Iterator[int]:
        """Starts of `word` (lower case) as a whole word: Capitalized, or else in lower case."""
        text = self.text
        form = word[0].upper() + word[1:] if capitalized else word
        # a bounded occurrence is a whole token: only those are looked at
        for start in self.tokens.starts(form):
            if bounded(text, start, start + len(form)):
                yield start

    def prev_word(self, start: int) -> tuple[str, int]:
        """The word just before `start` (one space between), and where it starts."""
        text = self.text
        if start < 2 or text[start - 1] not in " \u00a0":
            return "", -1
        end = start - 1
        begin = max(text.rfind(" ", max(0, end - 40), end), text.rfind("\n", max(0, end - 40), end),
                    text.rfind("\u00a0", max(0, end - 40), end)) + 1
        word = text[begin:end]
        while word and not (word[-1].isalnum() or word[-1] == "."):
            word = word[:-1]
        while word and not word[0].isalnum():
            word, begin = word[1:], begin + 1
        return word, begin

    def next_word(self, end: int) -> str:
        """The word just after `end` (one space between), without a possessive or punctuation."""
        text = self.text
        if end >= len(text) - 1 or text[end] not in " \u00a0":
            return ""
        stop = text.find(" ", end + 1, end + 40)
        word = text[end + 1:stop if stop != -1 else end + 40].split("\n", 1)[0]
        word = POSSESSIVE.sub("", word.rstrip(".,;:!?)”’\"'"))
        return word

    # variants, house spellings ---------------------------------------------------------------
    @cached_property
    def fix_hits(self) -> list[Hit]:
        gaz = self.gaz
        text = self.text
        tokens = self.tokens
        hits = []
        for trigger in self.interesting & gaz.trigger_keys:
            for phrase in gaz.triggers[trigger]:
                for form in gaz.search_forms(phrase):
                    for start in tokens.occurrences(form):
                        end = start + len(form)
                        if bounded(text, start, end):
                            hits.append(Hit(start, end, form, phrase=phrase))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    @cached_property
    def _fix_spans(self) -> tuple[list[int], list[int]]:
        """The fix hits' starts, in order, and the furthest end of the hits up to each."""
        starts, reach = [], []
        furthest = -1
        for hit in self.fix_hits:
            furthest = max(furthest, hit.end)
            starts.append(hit.start)
            reach.append(furthest)
        return starts, reach

    def in_fix(self, start: int, end: int) -> bool:
        """Whether a fix hit overlaps text[start:end]."""
        starts, reach = self._fix_spans
        index = bisect_left(starts, end)
        return index > 0 and reach[index - 1] > start

    # near misses ------------------------------------------------------------------------------
    @cached_property
    def candidates(self) -> list[str]:
        """Words of the document that are no known word and no name, nor a listed variant, and
        stand capitalized (only a capitalized word can be a name). Whether one is near a name
        at all is asked where it stands in a name-like place (`_near`)."""
        gaz = self.gaz
        skip = self.queries.skip_words
        unknown = self.queries.unknown_words
        forms = self.tokens.forms
        found = []
        for word in self.rare - skip:
            if word[0].upper() + word[1:] not in forms:
                continue    # a word the dictionary is asked about only when it stands capitalized
            if word not in unknown:
                if len(word) < 4 or not word.isalpha() or gaz.is_known_word(word):
                    skip.add(word)      # never a candidate: decided once per run
                    continue
                unknown.add(word)
            found.append(word)
        return found

    @cached_property
    def near_hits(self) -> list[Hit]:
        hits = []
        text = self.text
        for word in self.candidates:
            for start in self.occurrences(word, capitalized=True):
                end = start + len(word)
                found = text[start:end]
                if UPPER_RUN.match(found) or self.in_fix(start, end):
                    continue
                hit = self._near(word, found, start, end)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _near(self, word: str, found: str, start: int, end: int) -> Hit | None:
        prev, prev_start = self.prev_word(start)
        if self.text[start - 2:start - 1] in (",", ";"):
            prev, prev_start = "", -1   # an item of a list (Afganistan, Ukrane): a name of its own
        following = self.next_word(end)
        person_words = self.gaz.person_words
        titled = prev in TITLE_ENDS and after_title(self.text, prev_start + len(prev))
        alone = len(word) >= 6 and not following[:1].isupper() and not prev[:1].isupper()
        if not (titled or alone or POSSESSIVE.sub("", prev) in person_words
                or following in person_words):
            return None     # no name-like place: nothing to ask
        if not self.queries.may_be_name(word):
            self.queries.skip_words.add(word)   # near no name at all: decided once per run
            return None
        best = self._anchored(word, prev, prev_start, following)
        if best is not None:
            return Hit(start, end, found, best, context="name")
        if titled and not following[:1].isupper():
            # after a title, a surname ends the name: a word with another capitalized word after
            # it is a given name (Environment Minister Maisa Rojas), never a surname misspelled
            options = [(d, t) for d, t in self.queries.near(word, "surnames")
                       if close_enough(d, word, t.word) and (d == 1 or len(t.word) >= 8)]
            if options:
                return Hit(start, end, found, options[0][1], context="title")
        if alone:
            options = [(d, t) for d, t in self.queries.near(word, "alone")
                       if (d == 1 and not ending_only(word, t.word.lower()))
                       or (d == 2 and doubling_only(word, t.word.lower()))]
            if options:
                return Hit(start, end, found, options[0][1], context="alone")
        return None

    def _anchored(self, word: str, prev: str, prev_start: int, following: str) -> Target | None:
        """The word of a person's name that `word` stands for, when it stands beside the rest."""
        gaz = self.gaz
        best: tuple[int, Target] | None = None
        for anchor, after in ((POSSESSIVE.sub("", prev), True), (following, False)):
            for entry_index, position, house in gaz.person_words.get(anchor, ()):
                if anchor[:1].islower() and not self._particle_supported(
                        entry_index, position, house, prev_start, after):
                    continue
                words = gaz.entries[entry_index].form(house).split()
                others = range(position + 1, len(words)) if after else range(position)
                for q in others:
                    target_word = words[q]
                    if (len(target_word) < 4 or not target_word[0].isupper()
                            or target_word[0].lower() != word[0]):
                        continue
                    distance = edit_distance(word, target_word.lower(), 2)
                    if close_enough(distance, word, target_word, anchor) and (
                            best is None or distance < best[0]):
                        best = (distance, gaz.target_at(entry_index, q, house))
        return best[1] if best else None

    def _particle_supported(self, entry_index: int, position: int, house: str,
                            prev_start: int, after: bool) -> bool:
        """`bin` or `al` alone anchors nothing: the word on its other side must fit too."""
        if not after or position == 0:
            return False
        before, _ = self.prev_word(prev_start)
        words = self.gaz.entries[entry_index].form(house).split()
        return before == words[position - 1]

    # ordinary words inside names -----------------------------------------------------------------
    @cached_property
    def full_name_hits(self) -> list[Hit]:
        gaz = self.gaz
        hits = []
        anchors = gaz.confusable_anchors
        forms = self.tokens.forms
        for word in self.interesting & gaz.confusable_keys:
            # a word written capitalized nowhere has no occurrence to look at (the cheaper test)
            if word[0].upper() + word[1:] not in forms or anchors[word].isdisjoint(self.vocabulary):
                continue
            for start in self.occurrences(word, capitalized=True):
                end = start + len(word)
                found = self.text[start:end]
                if UPPER_RUN.match(found) or self.in_fix(start, end):
                    continue
                prev, prev_start = self.prev_word(start)
                anchor = POSSESSIVE.sub("", prev)
                for surname in gaz.confusables[word]:
                    target = self._full_name(anchor, prev_start, surname)
                    if target is not None:
                        hits.append(Hit(start, end, found, target, context="full-name"))
                        break
        return hits

    @cached_property
    def sequence_hits(self) -> list[Hit]:
        """A word of a name of two words or more, a small edit away, the rest of the name spelled
        right beside it: `Georgia Meloni`, `World Heath Organization` (the word may be a real one)."""
        gaz = self.gaz
        vocabulary = self.vocabulary
        seen: set[tuple[int, str]] = set()
        hits = []
        for key in self.present("sequence_keys"):
            for entry_index, house, spelled, lowered in gaz.sequences[key]:
                if len(lowered - vocabulary) != 1 or (entry_index, house) in seen:
                    continue  # a name needs all its words but one in the document
                seen.add((entry_index, house))
                missing = [i for i, w in enumerate(spelled) if w.lower() not in vocabulary]
                if len(missing) != 1 or len(spelled[missing[0]]) < 4:
                    continue
                words = list(spelled)
                if len(words) == 2 and not self._distinctive(words[1 - missing[0]]):
                    continue  # "Bill Liston" is not "Bill Clinton": one common word is no context
                before, after = " ".join(words[:missing[0]]), " ".join(words[missing[0] + 1:])
                if (before and not self.tokens.contains(before)) or (
                        after and not self.tokens.contains(after)):
                    continue  # the rest of the name is not written as in the name: no regex
                hits.extend(self._sequence(entry_index, house, words, missing[0]))
        return hits

    def _distinctive(self, word: str) -> bool:
        """A word that marks a name on its own: not a frequent English word, not short."""
        return len(word) >= 4 and word.lower() not in self.gaz.fast_words

    def _sequence(self, entry_index: int, house: str, words: list[str], index: int,
                  ) -> Iterator[Hit]:
        gaz = self.gaz
        expected = words[index]
        for start, found, phrase in name_slots(self.tokens, words, index):
            limit = 1 if len(expected) <= 5 else 2
            distance = edit_distance(found.lower(), expected.lower(), limit)
            if distance == 0 or distance > limit:
                continue
            if phrase.lower() in gaz.name_forms or UPPER_RUN.match(found):
                continue  # another name (South Korea beside North Korea), or capitals
            lower = found.lower()
            if not (gaz.is_known_word(lower) or lower in gaz.name_words_lower):
                continue  # an unknown word is the near-miss check's to report
            if self.in_fix(start, start + len(found)):
                continue
            yield Hit(start, start + len(found), found, gaz.target_at(entry_index, index, house),
                      context="full-name")

    def _full_name(self, anchor: str, prev_start: int, surname: str) -> Target | None:
        gaz = self.gaz
        for entry_index, position, house in gaz.person_words.get(anchor, ()):
            words = gaz.entries[entry_index].form(house).split()
            if surname not in words[position + 1:]:
                continue
            if anchor[:1].islower() and not self._particle_supported(
                    entry_index, position, house, prev_start, True):
                continue
            return gaz.target_at(entry_index, words.index(surname), house)
        return None



def analysis(doc: Document, context: RunContext) -> NameAnalysis:
    """The document's analysis, made once while it is being checked."""
    return context.for_document(doc, "names.analysis", lambda: NameAnalysis(
        doc, name_queries(context), rare_words(doc, context)))
