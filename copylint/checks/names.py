"""`names` and `name-case`: names and places of the news, checked against the gazetteer.

`names` finds, by its `checks` parameter:
  variants    known wrong spellings (Volodomir, Kiev, Nikolaev)
  house       the other house's spelling (Zelenskiy under AP, Zelenskyy under Reuters)
  near-miss   an unknown capitalized word a small edit from a name, in a name-like place: beside
              the rest of the name (Recep Erdogen), after a title (Prime Minister Modhi), or alone
              when one edit from a long name
  full-name   an ordinary word that is wrong only inside a name (Donald Tramp, not a tramp)
  vocabulary  words the user rejects (always flagged)
A rule with `house: any` checks the words both houses spell alike; one with `house: ap` or
`house: reuters` checks the words they spell differently and suggests that house's spelling.

`name-case` finds names written in lower case (kyiv), except names that are also ordinary
words (chad, nice, reading), and the `terms` it is given in any wrong case (Nato).

The user's own vocabulary (`--vocab FILE`) comes in through `set_user_vocabulary`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from weakref import WeakKeyDictionary

from ..document import Document
from ..findings import Match
from ..gazetteer import Gazetteer, Target, deaccent, gazetteer
from .base import Check, Param, ParamError, may_contain, trigger_words, word_list_pattern

CHECKS = ("variants", "house", "near-miss", "full-name", "vocabulary")
DEFAULT_TITLES = (
    "President", "Prime Minister", "Premier", "Chancellor", "King", "Queen", "Prince", "Emir",
    "Sheikh", "Sultan", "Pope", "Ayatollah", "Secretary-General", "Secretary General", "Minister",
)
_TITLE = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(t) for t in DEFAULT_TITLES) + r")\Z")
_TITLE_ENDS = frozenset(t.split()[-1] for t in DEFAULT_TITLES)
_UPPER_RUN = re.compile(r"[A-Z]{2,}")
_POSSESSIVE = re.compile(r"['’]s?\Z")
_WEB = re.compile(r"https?:|www\.|@|\.(?:com|org|net|gov|edu|io|ua|ru|uk)\b")


# -- the user's vocabulary -----------------------------------------------------------------------

@dataclass(frozen=True)
class Vocabulary:
    accept: frozenset[str] = frozenset()         # case-folded
    reject: tuple[tuple[str, str | None], ...] = ()   # (wrong as written, right or None)

    @property
    def rejected(self) -> frozenset[str]:
        return frozenset(wrong for wrong, _ in self.reject)


_USER = Vocabulary()


def parse_reject(line: str) -> tuple[str, str | None]:
    """`Wrong` or `Wrong -> Right` (also `=>` or `→`): a rejected spelling, with its fix."""
    for arrow in ("->", "=>", "→"):
        if arrow in line:
            wrong, right = (part.strip() for part in line.split(arrow, 1))
            return wrong, right or None
    return line.strip(), None


def set_user_vocabulary(accept: Iterable[str] = (), reject: Iterable[str] = ()) -> None:
    """Names the user accepts (never flagged by a name rule) and rejects (always flagged by the
    rules that check `vocabulary`, with `Wrong -> Right` giving the suggestion). Applies to every
    name rule in this process until called again; blank entries and `#` comments are ignored."""
    global _USER
    accepted = frozenset(a.strip().casefold() for a in accept
                         if a.strip() and not a.strip().startswith("#"))
    rejected = tuple(parse_reject(r) for r in reject if r.strip() and not r.strip().startswith("#"))
    _USER = Vocabulary(accepted, tuple((w, r) for w, r in rejected if w))


def user_vocabulary() -> Vocabulary:
    return _USER


# -- what one document holds, computed once for every name rule ----------------------------------

@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    found: str
    target: Target | None = None     # near-miss and full-name hits
    phrase: str = ""                 # fix hits: the listed wrong phrase
    context: str = ""


def _bounded(text: str, start: int, end: int) -> bool:
    """A whole word, not part of a handle, a path, an address or a longer word."""
    if start > 0:
        before = text[start - 1]
        if before.isalnum() or before in "_@#/\\" or (
                before == "." and start > 1 and text[start - 2].isalnum()):
            return False
    if end < len(text):
        after = text[end]
        if after.isalnum() or after in "_@/\\" or (
                after == "." and end + 1 < len(text) and text[end + 1].isalnum()):
            return False
    return True


def _in_address(text: str, start: int, end: int) -> bool:
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min((i for i in (text.find(" ", end), text.find("\n", end)) if i != -1), default=len(text))
    return bool(_WEB.search(text, left, right))


def _after_title(text: str, end: int) -> bool:
    """A title (President, Prime Minister ...) ends at `end`."""
    return bool(_TITLE.search(text, max(0, end - 30), end))


def _name_slots(text: str, words: list[str], index: int) -> Iterator[tuple[int, str, str]]:
    """Where the name's other words stand as written, one space apart, around one capitalized
    word in the place of words[index]: (its start, the word, the whole phrase). String searches
    only (no pattern to compile per name)."""
    before = " ".join(words[:index])
    after = " ".join(words[index + 1:])
    anchor = before + " " if before else " " + after
    for position in _find_all(text, anchor):
        if before:
            if position > 0 and not text[position - 1].isspace():
                continue
            start = position + len(anchor)
            end = start
            while end < len(text) and (text[end].isalnum() or text[end] in "’'-"):
                end += 1
        else:
            end = position
            start = end
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "’'-"):
                start -= 1
            if start > 0 and not text[start - 1].isspace():
                continue
        found = text[start:end]
        if len(found) < 3 or not found[0].isupper():
            continue
        if before and after and not text.startswith(" " + after, end):
            continue
        # the end of the whole phrase: the words after it were found with it when none precede
        tail = end + (len(after) + 1 if after else 0) if before else position + len(anchor)
        if tail < len(text) and (text[tail].isalnum() or text[tail] == "-"):
            continue  # the name runs on into a longer word
        phrase_start = position if before else start
        yield start, found, text[phrase_start:tail]


def _term_edge(char: str, also: str) -> bool:
    """A character that joins a term to what stands beside it (a word or an address)."""
    return char.isalnum() or char == "_" or char in also


def _find_all(haystack: str, needle: str) -> Iterator[int]:
    position = haystack.find(needle)
    while position != -1:
        yield position
        position = haystack.find(needle, position + 1)


_DISTANCE_CACHE: dict[tuple[str, str], int] = {}


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance of two lower-case words, capped at 3."""
    key = (a, b)
    cached = _DISTANCE_CACHE.get(key)
    if cached is None:
        from rapidfuzz.distance import DamerauLevenshtein
        cached = _DISTANCE_CACHE[key] = DamerauLevenshtein.distance(a, b, score_cutoff=3)
    return cached


def _ending_only(word: str, target: str) -> bool:
    """The words differ only in their last letter or by a letter added at the end: the shape of a
    name in another language or a derived word (Germano, Yaroslav, Kentuck), not of a typo."""
    stem = min(len(word), len(target)) - (1 if len(word) == len(target) else 0)
    return word[:stem] == target[:stem]


def _close_enough(distance: int, candidate: str, target: str, anchor: str = "") -> bool:
    """The edits a name of this length may carry and still be taken for that name."""
    if distance == 0 or abs(len(candidate) - len(target)) > 2:
        return False
    if len(target) >= 6:
        return distance == 1 or (distance == 2 and len(target) >= 7
                                 and candidate[0] == target[0].lower())
    if len(target) == 5:
        return distance == 1
    return distance == 1 and len(anchor) >= 5      # Modi: only beside a long given name


class _Analysis:
    """Every place in one document where some name rule may have something to say."""

    def __init__(self, doc: Document, gaz: Gazetteer) -> None:
        # no reference to the document itself: it is the key of the weak cache that holds this
        self.text = doc.text
        self.vocabulary = doc.vocabulary
        self.gaz = gaz

    @cached_property
    def interesting(self) -> frozenset[str]:
        """The document's words that some name rule looks for (a small set)."""
        return self.vocabulary & self.gaz.interesting

    def occurrences(self, word: str, capitalized: bool) -> Iterator[int]:
        """Starts of `word` (lower case) as a whole word: Capitalized, or else in lower case."""
        text = self.text
        form = word[0].upper() + word[1:] if capitalized else word
        for start in _find_all(text, form):
            if _bounded(text, start, start + len(form)):
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
        word = _POSSESSIVE.sub("", word.rstrip(".,;:!?)”’\"'"))
        return word

    # variants, house spellings ---------------------------------------------------------------
    @cached_property
    def fix_hits(self) -> list[Hit]:
        gaz = self.gaz
        text = self.text
        hits = []
        for trigger in self.interesting & gaz.trigger_keys:
            for phrase in gaz.triggers[trigger]:
                for form in gaz.search_forms(phrase):
                    for start in _find_all(text, form):
                        end = start + len(form)
                        if _bounded(text, start, end):
                            hits.append(Hit(start, end, form, phrase=phrase))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def in_fix(self, start: int, end: int) -> bool:
        return any(h.start < end and start < h.end for h in self.fix_hits)

    # near misses ------------------------------------------------------------------------------
    @cached_property
    def candidates(self) -> list[str]:
        """Words of the document that are no known word and no name, nor a listed variant."""
        gaz = self.gaz
        skip = gaz.skip_words
        text = self.text
        found = []
        for word in self.vocabulary - skip:
            if len(word) < 4 or not word.isalpha():
                skip.add(word)      # never a candidate: decided once per process
            elif word[0].upper() + word[1:] not in text:
                continue            # only a capitalized word can be a name (the cheap test first)
            elif gaz.is_known_word(word) or not gaz.may_be_name(word):
                skip.add(word)      # a known word, or near no name at all
            else:
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
                if _UPPER_RUN.match(found) or self.in_fix(start, end):
                    continue
                hit = self._near(word, found, start, end)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _near(self, word: str, found: str, start: int, end: int) -> Hit | None:
        gaz = self.gaz
        prev, prev_start = self.prev_word(start)
        following = self.next_word(end)
        best = self._anchored(word, prev, prev_start, following)
        if best is not None:
            return Hit(start, end, found, best, context="name")
        if prev in _TITLE_ENDS and _after_title(self.text, prev_start + len(prev)):
            options = [(d, t) for d, t in gaz.near(word, "surnames")
                       if _close_enough(d, word, t.word) and (d == 1 or len(t.word) >= 8)]
            if options:
                return Hit(start, end, found, options[0][1], context="title")
        if len(word) >= 6 and not following[:1].isupper() and not prev[:1].isupper():
            options = [(d, t) for d, t in gaz.near(word, "alone")
                       if d == 1 and not _ending_only(word, t.word.lower())]
            if options:
                return Hit(start, end, found, options[0][1], context="alone")
        return None

    def _anchored(self, word: str, prev: str, prev_start: int, following: str) -> Target | None:
        """The word of a person's name that `word` stands for, when it stands beside the rest."""
        gaz = self.gaz
        best: tuple[int, Target] | None = None
        for anchor, after in ((_POSSESSIVE.sub("", prev), True), (following, False)):
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
                    distance = _distance(word, target_word.lower())
                    if _close_enough(distance, word, target_word, anchor) and (
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
        for word in self.interesting & gaz.confusable_keys:
            if anchors[word].isdisjoint(self.vocabulary):
                continue
            for start in self.occurrences(word, capitalized=True):
                end = start + len(word)
                found = self.text[start:end]
                if _UPPER_RUN.match(found) or self.in_fix(start, end):
                    continue
                prev, prev_start = self.prev_word(start)
                anchor = _POSSESSIVE.sub("", prev)
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
        for key in vocabulary & gaz.sequence_keys:
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
                if (before and before not in self.text) or (after and after not in self.text):
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
        for start, found, phrase in _name_slots(self.text, words, index):
            distance = _distance(found.lower(), expected.lower())
            if distance == 0 or distance > (1 if len(expected) <= 5 else 2):
                continue
            if phrase.lower() in gaz.name_forms or _UPPER_RUN.match(found):
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


_ANALYSES: WeakKeyDictionary[Document, _Analysis] = WeakKeyDictionary()


def analysis(doc: Document) -> _Analysis:
    found = _ANALYSES.get(doc)
    if found is None:
        found = _ANALYSES[doc] = _Analysis(doc, gazetteer())
    return found


# -- the rule kinds ------------------------------------------------------------------------------

def _accepted(rule_accept: frozenset[str], text: str) -> bool:
    folded = text.casefold()
    return folded in rule_accept or folded in _USER.accept


class NamesCheck(Check):
    kind = "names"
    summary = ("Names and places of the news: known wrong spellings, near misses, the other "
               "house's spelling, ordinary words inside a name.")
    params = {
        "checks": Param("str-list", default=["variants"], doc=f"any of {', '.join(CHECKS)}"),
        "house": Param("str", default="any", choices=("any", "ap", "reuters"),
                       doc="any: names both houses spell alike; ap, reuters: names they spell "
                           "differently, with that house's spelling"),
        "accept": Param("str-list", default=[], doc="words never flagged"),
        "reject": Param("str-list", default=[], doc="words always flagged (`Wrong -> Right`)"),
        "allow": Param("str-list", default=[], doc="phrases in which a match is right "
                                                   "(chicken Kiev, Odessa, Texas)"),
    }
    fields = frozenset({"match", "right", "name"})

    def setup(self, options: dict[str, Any]) -> None:
        checks = options["checks"]
        unknown = [c for c in checks if c not in CHECKS]
        if unknown or not checks:
            raise ParamError("checks", f"'checks' takes {', '.join(CHECKS)}; not {unknown or '[]'}")
        self.checks = frozenset(checks)
        self.house = options["house"]
        if "house" in self.checks and self.house == "any":
            raise ParamError("house", "the 'house' check needs 'house: ap' or 'house: reuters'")
        self.accept = frozenset(a.casefold() for a in options["accept"])
        self.reject = tuple(parse_reject(r) for r in options["reject"])
        self.allow = tuple(options["allow"])
        self.allow_triggers = trigger_words(list(self.allow)) if self.allow else frozenset()

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        found = analysis(doc)
        matches: list[Match] = []
        if self.checks & {"variants", "house"}:
            matches += self._fixes(found)
        if "near-miss" in self.checks:
            matches += self._targets(found, found.near_hits)
        if "full-name" in self.checks:
            matches += self._targets(found, found.full_name_hits + found.sequence_hits)
        if "vocabulary" in self.checks:
            matches += self._rejected(doc)
        if self.allow and matches and may_contain(doc, self.allow_triggers):
            allowed = [(s, s + len(p)) for p in self.allow for s in _find_all(doc.text, p)]
            matches = [m for m in matches
                       if not any(a <= m.start and m.end <= b for a, b in allowed)]
        yield from _longest(matches)

    def _applies(self, ap: str | None, reuters: str | None) -> str | None:
        """The suggestion under this rule's house, or None when the rule leaves it alone."""
        same = ap is not None and reuters is not None and deaccent(ap) == deaccent(reuters)
        if self.house == "any":
            return ap if same else None
        if same:
            return None
        return reuters if self.house == "reuters" else ap

    def _fixes(self, found: _Analysis) -> list[Match]:
        matches = []
        gaz = found.gaz
        for hit in found.fix_hits:
            if _accepted(self.accept, hit.found):
                continue
            for fix in gaz.fixes[hit.phrase]:
                if fix.kind == "variant" and "variants" not in self.checks:
                    continue
                if fix.kind == "house":
                    if "house" not in self.checks:
                        continue
                    right = fix.right(self.house)
                    if right is None:
                        continue
                else:
                    right = self._applies(fix.ap, fix.reuters)
                    if right is None:
                        continue
                start, found, right = _narrow(hit.start, hit.found, _like(hit.found, right))
                if right == found:
                    continue
                name = gaz.entries[fix.entry].form(self.house)
                matches.append(self.make(start, start + len(found),
                                         {"match": found, "right": right, "name": name}))
                break
        return matches

    def _targets(self, found: _Analysis, hits: list[Hit]) -> list[Match]:
        matches = []
        gaz = found.gaz
        for hit in hits:
            target = hit.target
            assert target is not None
            right = self._applies(target.ap, target.reuters)
            if right is None or _accepted(self.accept, hit.found) or hit.found in _USER.rejected:
                continue      # a word the user rejects is reported by the vocabulary check
            name = gaz.entries[target.entry].form(self.house)
            matches.append(self.make(hit.start, hit.end,
                                     {"match": hit.found, "right": _like(hit.found, right),
                                      "name": name}))
        return matches

    def _rejected(self, doc: Document) -> list[Match]:
        matches = []
        text = doc.text
        for wrong, right in (*self.reject, *_USER.reject):
            if wrong.casefold() in self.accept:
                continue
            for start in _find_all(text, wrong):
                end = start + len(wrong)
                if _bounded(text, start, end):
                    suggestion = right or _nearest_name(wrong) or ""
                    match = self.make(start, end, {"match": wrong, "right": suggestion,
                                                   "name": suggestion})
                    if not suggestion:
                        match = Match(match.start, match.end, match.message, ())
                    matches.append(match)
        return matches


def _like(found: str, right: str) -> str:
    """The suggestion in the case of what was found (KIEV -> KYIV; Al Qaeda -> Al-Qaida)."""
    if found.isupper() and len(found) > 1:
        return right.upper()
    if found[:1].isupper() and right[:1].islower():
        return right[:1].upper() + right[1:]
    return right


def _narrow(start: int, found: str, right: str) -> tuple[int, str, str]:
    """Report only the words that differ: `Volodymyr Zelensky` -> `Zelensky` (Zelenskyy)."""
    wrong_words, right_words = found.split(" "), right.split(" ")
    if len(wrong_words) != len(right_words) or len(wrong_words) == 1:
        return start, found, right
    differ = [i for i, (w, r) in enumerate(zip(wrong_words, right_words, strict=True)) if w != r]
    if not differ:
        return start, found, right
    first, last = differ[0], differ[-1]
    offset = sum(len(w) + 1 for w in wrong_words[:first])
    return (start + offset, " ".join(wrong_words[first:last + 1]),
            " ".join(right_words[first:last + 1]))


def _nearest_name(word: str) -> str | None:
    gaz = gazetteer()
    near = [(d, t) for d, t in gaz.near(word.lower(), "all") if d <= 2]
    if not near:
        return None
    target = min(near, key=lambda o: o[0])[1]
    return target.ap or target.word


def _longest(matches: list[Match]) -> list[Match]:
    """Drop a match that lies inside a longer one (Zelensky inside Vladimir Zelensky)."""
    matches.sort(key=lambda m: (m.start, -m.end))
    kept: list[Match] = []
    for match in matches:
        if kept and match.start < kept[-1].end and match.end <= kept[-1].end:
            continue
        kept.append(match)
    return kept


class NameCaseCheck(Check):
    kind = "name-case"
    summary = "Names of the news written in lower case (kyiv), and given terms in any wrong case."
    params = {
        "terms": Param("str-list", default=[], doc="terms as they must be written, checked in "
                                                   "every wrong case (NATO: Nato, nato)"),
        "gazetteer": Param("bool", default=True, doc="also every name of the gazetteer that is "
                                                     "not an ordinary word, in lower case"),
        "accept": Param("str-list", default=[], doc="words never flagged"),
        "allow_upper": Param("bool", default=True, doc="accept terms in capitals"),
    }
    fields = frozenset({"match", "right"})

    def setup(self, options: dict[str, Any]) -> None:
        terms: list[str] = options["terms"]
        self.use_gazetteer = options["gazetteer"]
        if not terms and not self.use_gazetteer:
            raise ParamError("terms", "give 'terms' or leave 'gazetteer' on")
        self.canonical = {term.casefold(): term for term in terms}
        self.triggers = trigger_words(terms) if terms else frozenset()
        self.simple = all(re.fullmatch(r"\w+", term) for term in terms)
        self.pattern = word_list_pattern("terms", terms, ignore_case=True, context={
            "not_preceded_by": r"[./@#]", "not_followed_by": r"\.\w|@"}) if terms else None
        self.accept = frozenset(a.casefold() for a in options["accept"])
        self.allow_upper = options["allow_upper"]

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        spans: set[tuple[int, int]] = set()
        matches = []
        if self.pattern is not None and may_contain(doc, self.triggers):
            for start, end in self._term_spans(doc):
                found = doc.text[start:end]
                right = self.canonical.get(found.casefold())
                if right is None or found == right or (self.allow_upper and found == right.upper()):
                    continue
                if _accepted(self.accept, found):
                    continue
                spans.add((start, end))
                matches.append(self.make(start, end, {"match": found, "right": right}))
        if self.use_gazetteer:
            found_in = analysis(doc)
            gaz = found_in.gaz
            text = doc.text
            for key in found_in.interesting & gaz.capitalized_keys:
                for word, right in gaz.capitalized[key].items():
                    if _accepted(self.accept, word):
                        continue
                    for start in found_in.occurrences(word, capitalized=False):
                        end = start + len(word)
                        if (start, end) in spans or _in_address(text, start, end) or (
                                text[start - 1:start] == "-" and text[end:end + 1] == "-"):
                            continue      # inside a code-like word (leds-alix-source)
                        matches.append(self.make(start, end, {"match": word, "right": right}))
        matches.sort(key=lambda m: m.start)
        yield from matches

    def _term_spans(self, doc: Document) -> list[tuple[int, int]]:
        """Where the terms stand: string searches when every term is one word, else the pattern
        (which also keeps out of web and e-mail addresses)."""
        text, lower = doc.text, doc.lower
        if not self.simple or len(lower) != len(text):
            return [m.span() for m in self.run(self.pattern, text)]
        spans = []
        for word in self.triggers & doc.vocabulary:
            for start in _find_all(lower, word):
                end = start + len(word)
                if (start == 0 or not _term_edge(text[start - 1], "./@#")) and (
                        end >= len(text) or not _term_edge(text[end], "@")) and not (
                        text[end:end + 1] == "." and text[end + 1:end + 2].isalnum()):
                    spans.append((start, end))
        spans.sort()
        return spans


NAME_KINDS: tuple[type[Check], ...] = (NamesCheck, NameCaseCheck)

__all__ = ["NAME_KINDS", "NameCaseCheck", "NamesCheck", "set_user_vocabulary", "user_vocabulary"]
