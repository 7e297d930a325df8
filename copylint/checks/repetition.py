"""`repetition`: the same word twice in a row ("the the"), with exceptions ("had had")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import compress
from operator import eq
from typing import Any

from ..document import Document
from ..findings import Match
from ..tokens import Tokens
from .base import Check, Param

# the standard library's engine is about twice as fast as `regex` on this back reference;
# [^\W\d_] is a Unicode letter
_ANY_WORD = r"[^\W\d_]+(?:[’'-][^\W\d_]+)*"
_DOUBLED = re.compile(
    r"(?<![\w’'-])(" + _ANY_WORD + r")([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w’'-])",
    re.IGNORECASE,
)


class RepetitionCheck(Check):
    kind = "repetition"
    summary = "A word written twice in a row."
    params = {
        "exceptions": Param("str-list", default=[],
                            doc="words that may legitimately be doubled (case-insensitive)"),
        "phrases": Param("bool", default=False,
                         doc="find phrases of two or three words written twice in a row (`on "
                             "Tuesday on Tuesday`) instead of single words"),
    }
    fields = frozenset({"match", "word"})

    def setup(self, options: dict[str, Any]) -> None:
        self.exceptions = {word.casefold() for word in options["exceptions"]}
        self.phrases: bool = options["phrases"]

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        if self.phrases:
            yield from self._phrases(doc)
            return
        words = doc.words
        exceptions = self.exceptions
        doubled = (words[i] for i in doc.repeats(1))  # a C-level pass over the shared tokens
        candidates = {word for word in doubled if word.isalpha() and word not in exceptions}
        text = doc.text
        lower = doc.lower
        tokens = doc.tokens
        # two-token repeats may be one compound written twice ("they'll they'll", "well-being
        # well-being"): try the compound with each joining mark it can have (in a long text,
        # the mark that joins the two tokens there: a compound written twice, bounded as a pair
        # must be, is joined so where its tokens come back)
        starts = tokens.token_starts if tokens.indexed else None
        for i in doc.repeats(2):
            if i >= len(words) - 3:
                break
            first, second = words[i], words[i + 1]
            if second == words[i + 3] and first.isalpha() and second.isalpha():
                if starts is not None:
                    joint = starts[i] + len(first)
                    marks = lower[joint] if starts[i + 1] == joint + 1 and lower[joint] in "’'-" \
                        else ""
                else:
                    marks = "’'-"
                for mark in marks:
                    compound = first + mark + second
                    if compound not in exceptions and (
                            starts is not None or tokens.lower_contains(compound)):
                        candidates.add(compound)
        if not candidates:
            return  # no word follows itself anywhere: skip the search
        if len(lower) != len(text):  # lower-casing moved offsets (rare letters): the regex
            spans = [(m.start(), m.end(), m.group(1)) for m in _DOUBLED.finditer(text)
                     if m.group(1).casefold() not in exceptions]
        else:
            doubled_at = _doubled_at(words) if tokens.indexed else {}
            spans = sorted(span for word in candidates
                           for span in _pairs(text, lower, word, _starts(tokens, word, doubled_at)))
        for start, end, first in spans:
            if "\n" in text[start:end] and _across_blocks(doc, start, end):
                continue  # a headline ending with the word the dateline opens with is no double
            yield self.make(start, end, {"match": text[start:end], "word": first})

    def _phrases(self, doc: Document) -> Iterator[Match]:
        """Phrases of two or three words written twice in a row, found from the shared tokens:
        a word that comes back two or three tokens later is a candidate (a C-level pass)."""
        words = doc.words
        found: set[tuple[str, ...]] = set()
        #: phrase -> the tokens it stands twice from (for a long text: where to try its pattern)
        doubled: dict[tuple[str, ...], list[int]] = {}
        for size in (2, 3):
            for i in doc.repeats(size):   # shared with the doubled words (size 2)
                if i >= len(words) - 2 * size + 1:
                    break
                phrase = tuple(words[i:i + size])
                if phrase == tuple(words[i + size:i + 2 * size]):
                    doubled.setdefault(phrase, []).append(i)
                    if all(w.isalpha() for w in phrase) and len(set(phrase)) == size:
                        found.add(phrase)
        text = doc.text
        tokens = doc.tokens
        near_folds = _near_folds(tokens) if tokens.indexed else []
        for phrase in sorted(found):
            body = r"[ \t]+".join(re.escape(word) for word in phrase)
            # the phrase twice; that no word character, apostrophe or hyphen touches it is
            # checked where it matches (`_standing`): a pattern without the lookarounds compiles
            # four times faster, and one is compiled for every phrase found
            pattern = re.compile(rf"({body})[ \t]+{body}", re.IGNORECASE)
            if tokens.indexed:
                # a match starts a token, and its tokens are the phrase twice in lower case
                # unless one holds a letter that folds beyond its lower case: in a long text
                # the pattern is tried only there, not searched for through the whole text
                starts = tokens.token_starts
                reach = 2 * len(phrase)
                candidates = {starts[i] for i in doubled[phrase]}
                candidates.update(starts[j - k] for j in near_folds for k in range(reach)
                                  if j >= k)
                matches = _matches_at(pattern, text, sorted(candidates))
            else:
                matches = _standing(pattern, text)
            for match in matches:
                yield self.make(match.start(), match.end(),
                                {"match": match.group(), "word": match.group(1)})


def _near_folds(tokens: Tokens) -> list[int]:
    """The indexes of the tokens that hold a letter folding beyond its lower case (ſ, ς, ı)."""
    starts = tokens.token_starts
    return [bisect_left(starts, start) for start in tokens.fold_starts()]


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`_standing(pattern, text)` for a pattern that can match only at one of `starts` (sorted):
    the match standing alone at each start not inside the previous match."""
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match is not None and _alone(text, match):
                yield match
                end = match.end()


def _standing(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""The matches of `pattern` (the phrase twice) that no word character, apostrophe or hyphen
    touches, left to right, as `finditer` gives them for the pattern inside the lookarounds
    `(?<![\w’'-])` and `(?![\w’'-])`: a phrase matches in one way only where it starts, so a
    match that is touched is tried again one character on."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        if _alone(text, match):
            yield match
            position = match.end()
        else:
            position = match.start() + 1


def _alone(text: str, match: re.Match[str]) -> bool:
    """Whether no word character, apostrophe or hyphen stands just before or after a match."""
    start, end = match.span()
    return (start == 0 or not _is_word_char(text[start - 1])) and (
        end >= len(text) or not _is_word_char(text[end]))


def _across_blocks(doc: Document, start: int, end: int) -> bool:
    """Whether a span runs from one paragraph (or block: headline, dateline) into the next."""
    starts = [begin for begin, _ in doc.paragraphs]
    index = bisect_right(starts, start) - 1
    if index < 0 or doc.paragraphs[index][1] < end:
        return True
    return doc.role_at(start) != doc.role_at(end - 1)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_’'-"


def _doubled_at(words: list[str]) -> dict[str, list[int]]:
    """Token -> the indexes where it is followed by itself (a C-level pass picks them)."""
    found: dict[str, list[int]] = {}
    for i in compress(range(len(words) - 1), map(eq, words, words[1:])):
        found.setdefault(words[i], []).append(i)
    return found


def _starts(tokens: Tokens, word: str, doubled_at: dict[str, list[int]]) -> list[int]:
    """Where a doubled `word` may begin: everywhere it stands in the lower-cased text, or, in an
    indexed text, where it stands as a token followed by itself (a doubled word begins and ends
    one, with only white space before the next)."""
    if tokens.indexed and word.isalpha():
        starts = tokens.token_starts
        return [starts[i] for i in doubled_at.get(word, ())]
    return tokens.lower_occurrences(word)


def _pairs(text: str, lower: str, word: str, starts: list[int]) -> Iterator[tuple[int, int, str]]:
    """Where `word` (lower case; `starts`: where it stands) is written twice in a row: white
    space between the two (at most one line break), no letter, digit, hyphen or apostrophe
    around them. After a pair, the search goes on after its second word."""
    size = len(word)
    limit = len(text)
    floor = 0
    for position in starts:
        if position < floor:
            continue
        floor = position + 1
        end = position + size
        if position == 0 or not _is_word_char(text[position - 1]):
            gap = end
            while gap < limit and text[gap] in " \t":
                gap += 1
            if gap < limit and text[gap] == "\n":
                gap += 1
                while gap < limit and text[gap] in " \t":
                    gap += 1
            second = gap + size
            if gap > end and lower.startswith(word, gap) and (
                    second >= limit or not _is_word_char(text[second])) and (
                    end >= limit or not _is_word_char(text[end])):
                yield position, second, text[position:end]
                floor = second
