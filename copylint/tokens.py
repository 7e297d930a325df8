"""Where words stand in a document: one tokenization of its text, shared by every check that
looks for words, so that no check searches the whole text once per word it asks about.

A token is a run of `\\w` characters (letters, digits, `_`). `Tokens` holds the document's tokens
(`words`: lower-cased, in order; `vocabulary`: their set; `forms`: the set as written) and answers
the questions the checks ask of a text, with exactly the answers of the `str` methods they
replace:

    occurrences(s)   every start of s in the text, overlapping ones too (find, find, ...)
    contains(s)      s in text             count(s)   text.count(s)
    first(s)         text.find(s)          starts(w)  where the token w stands as a whole word
    lower_*          the same in the lower-cased text (`Document.lower`)
    lower_scan(s)    where a find loop that goes on from each occurrence's end stops

An occurrence of a string of word characters lies inside one token, so whether a word occurs is
first a look-up in `forms` (or `vocabulary`), and a word that is not there is a search of a
short text. A long text is indexed once, on the first
question that needs places: each distinct token with the places it stands, and the distinct
tokens by the three-letter pieces they hold. An occurrence of a string that begins with a word
character starts inside one token, so it is found among the tokens that hold the string's first
run of word characters, then compared with the text there: the cost of a question is the number
of places it names, not the length of the text.
"""

from __future__ import annotations

import re
from array import array

#: texts up to this many characters are searched directly for places; longer ones are indexed
SMALL_TEXT = 32_768
_WORD = re.compile(r"\w+")
#: characters whose lower case depends on their neighbours (final sigma) or is longer (dotted
#: capital I): with one of them, the lower-cased text is not the tokens lower-cased one by one
_CONTEXT_LOWER = ("\u03a3", "\u0130")
_GRAM = 3
#: the ASCII characters that are no word characters, each turned into a space (`split_words`)
_ASCII_GAPS = str.maketrans({char: " " for char in map(chr, range(128))
                             if not (char.isalnum() or char == "_")})
#: the marks beyond ASCII that stories hold most, none a word character (`split_words`)
_COMMON_MARKS = ("“", "”", "‘", "’", "—", "–", "…", "\u00a0")


class Tokens:
    """The tokens of one document's text and the questions checks ask about them (see the
    module's doc)."""

    def __init__(self, text: str, small: int | None = None) -> None:
        self.text = text
        self._lower: str | None = None
        #: lower-casing works character by character: the lower-cased text's tokens are the
        #: tokens lower-cased, at the same places
        self.plain_case = text.isascii() or not any(c in text for c in _CONTEXT_LOWER)
        #: a long text is indexed (`small`: the longest text that is not; tests lower it)
        self.indexed = len(text) > (SMALL_TEXT if small is None else small) and self.plain_case
        self._written: list[str] | None = None
        self._words: list[str] | None = None
        self._forms: frozenset[str] | None = None
        self._vocabulary: frozenset[str] | None = None
        self._positions: dict[str, list[int]] | None = None
        self._order: array | None = None
        self._grams: dict[str, list[str]] | None = None
        self._folded: dict[str, list[str]] | None = None
        self._held: dict[tuple[str, bool], list[str]] = {}

    @property
    def lower(self) -> str:
        """The text in lower case (`Document.lower`)."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    # -- the tokens ----------------------------------------------------------------------------
    @property
    def written(self) -> list[str]:
        """The tokens as written, in order: the one pass over a short text (a long one is
        indexed instead, in one pass that keeps one string per distinct token)."""
        if self._written is None:
            self._written = split_words(self.text)
        return self._written

    @property
    def words(self) -> list[str]:
        """The tokens of the lower-cased text, in order (the tokens lower-cased one by one,
        unless the text holds a letter whose lower case depends on its neighbours)."""
        if self._words is None:
            if self.indexed:
                self._index()
            else:
                self._words = list(map(str.lower, self.written)) if self.plain_case \
                    else split_words(self.lower)
        assert self._words is not None
        return self._words

    @property
    def forms(self) -> frozenset[str]:
        """The set of tokens as written."""
        if self._forms is None:
            self._forms = frozenset(self.positions if self.indexed else self.written)
        return self._forms

    @property
    def vocabulary(self) -> frozenset[str]:
        """The set of tokens of the lower-cased text (each distinct token lower-cased once)."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(map(str.lower, self.forms)) if self.plain_case \
                else frozenset(self.words)
        return self._vocabulary

    def _within(self, piece: str) -> bool:
        """Whether `piece` (word characters only) occurs in the text: it lies inside a token."""
        if piece in self.forms:
            return True
        if self.indexed:
            return bool(self._holding(piece, lower=False))
        return piece in self.text

    def _lower_within(self, piece: str) -> bool:
        """Whether `piece` (word characters only) occurs in the lower-cased text."""
        if not self.plain_case:
            return piece in self.lower
        if piece in self.vocabulary:
            return True
        if self.indexed:
            return bool(self._holding(piece, lower=True))
        return piece in self.lower

    # -- the index of a long text --------------------------------------------------------------
    @property
    def positions(self) -> dict[str, array]:
        """Each distinct token (as written) -> where it starts, in order."""
        if self._positions is None:
            self._index()
        assert self._positions is not None
        return self._positions

    def _index(self) -> None:
        """One pass over a long text: each distinct token's places, every token's start and the
        lower-cased tokens in order, sharing one string per distinct token (a long text's tokens
        would otherwise take some hundred bytes each)."""
        table: dict[str, array] = {}
        get = table.get
        order = array("q")
        add_start = order.append
        words: list[str] = []
        add_word = words.append
        lowered: dict[str, str] = {}      # token -> its lower case, one string for each
        canonical: dict[str, str] = {}    # lower case -> the one string kept for it
        for match in _WORD.finditer(self.text):
            token = match[0]
            start = match.start()
            add_start(start)
            places = get(token)
            if places is None:
                table[token] = places = array("q")
                folded = token.lower()
                lowered[token] = folded = canonical.setdefault(folded, folded)
                add_word(folded)
            else:
                add_word(lowered[token])
            places.append(start)
        self._positions = table
        self._order = order
        self._words = words

    @property
    def token_starts(self) -> array:
        """Where each token starts, in order (`words[i]` starts at `token_starts[i]`); a long,
        plainly lower-cased text's only."""
        assert self.indexed, "token starts are kept for indexed texts"
        self.positions  # noqa: B018 -- one pass builds both
        assert self._order is not None
        return self._order

    def fold_starts(self) -> list[int]:
        """Where the tokens stand that hold a letter a case-insensitive regex (`re.IGNORECASE`)
        may match beyond its lower case (ſ, ς, ı, µ, ß: their upper case lower-cases to another
        letter), in order."""
        special = [form for form in self.forms if not form.isascii() and any(
            char.upper().lower() != char.lower() for char in form)]
        return sorted(start for form in special for start in self.positions[form])

    def _forms_of(self, word: str) -> list[str]:
        """The distinct tokens whose lower case is `word` (Kyiv, KYIV, kyiv for kyiv)."""
        if self._folded is None:
            folded: dict[str, list[str]] = {}
            for token in self.positions:
                folded.setdefault(token.lower(), []).append(token)
            self._folded = folded
        return self._folded.get(word, [])

    def _holding(self, piece: str, lower: bool) -> list[str]:
        """The distinct tokens that hold `piece` (in their lower case, if `lower`)."""
        key = (piece, lower)
        found = self._held.get(key)
        if found is None:
            found = self._held[key] = self._find_holding(piece, lower)
        return found

    def _find_holding(self, piece: str, lower: bool) -> list[str]:
        if len(piece) < _GRAM:
            if lower:
                return [token for token in self.positions if piece in token.lower()]
            return [token for token in self.positions if piece in token]
        grams = self._gram_index()
        folded = piece.lower()
        keys = {folded[i:i + _GRAM] for i in range(len(folded) - _GRAM + 1)}
        fewest = min((grams.get(key, ()) for key in keys), key=len)
        if lower:
            return [token for token in fewest if piece in token.lower()]
        return [token for token in fewest if piece in token]

    def _gram_index(self) -> dict[str, list[str]]:
        """Three-letter piece of a lower-cased token -> the distinct tokens holding it."""
        if self._grams is None:
            grams: dict[str, list[str]] = {}
            for token in self.positions:
                folded = token.lower()
                for key in {folded[i:i + _GRAM] for i in range(len(folded) - _GRAM + 1)}:
                    holders = grams.get(key)
                    if holders is None:
                        grams[key] = [token]
                    else:
                        holders.append(token)
            self._grams = grams
        return self._grams

    def _indexed_occurrences(self, needle: str, lower: bool) -> list[int] | None:
        """Every start of `needle` in the (lower-cased) text, from the index; None when the
        needle holds no word character, so the index cannot answer. The needle is looked for
        where the run of word characters in it that stands in the fewest places stands."""
        runs = list(_WORD.finditer(needle))
        if not runs:
            return None
        # a run shorter than a three-letter piece is looked for through every distinct token:
        # only when the needle has no longer one
        longer = [run for run in runs if len(run.group()) >= _GRAM]
        runs = longer or runs[:1]
        positions = self.positions
        best: tuple[int, str, int, list[str]] | None = None
        for run in runs:
            holders = self._holding(run.group(), lower)
            places = sum(len(positions[token]) for token in holders)
            if best is None or places < best[0]:
                best = (places, run.group(), run.start(), holders)
        assert best is not None
        _, piece, offset, holders = best
        found = []
        for token in holders:
            form = token.lower() if lower else token
            inside = form.find(piece)
            while inside != -1:
                found.extend(start + inside for start in positions[token])
                inside = form.find(piece, inside + 1)
        found.sort()
        if needle == piece:
            return found
        haystack = self.lower if lower else self.text
        return [start - offset for start in found
                if start >= offset and haystack.startswith(needle, start - offset)]

    # -- the questions -------------------------------------------------------------------------
    def _absent(self, needle: str, lower: bool) -> bool:
        """A cheap proof that `needle` does not occur: its first run of word characters does
        not (False when it cannot tell)."""
        run = needle if needle.isalnum() else _first_run(needle)
        if run is None:
            return False
        return not (self._lower_within(run) if lower else self._within(run))

    def occurrences(self, needle: str) -> list[int]:
        """Every start of `needle` in the text, in order (overlapping ones too)."""
        return self._occurrences(needle, lower=False)

    def lower_occurrences(self, needle: str) -> list[int]:
        """Every start of `needle` in the lower-cased text, in order."""
        return self._occurrences(needle, lower=True)

    def _occurrences(self, needle: str, lower: bool) -> list[int]:
        if self._absent(needle, lower):
            return []
        if self.indexed:
            found = self._indexed_occurrences(needle, lower)
            if found is not None:
                return found
        return _find_all(self.lower if lower else self.text, needle)

    def lower_scan(self, needle: str) -> list[int]:
        """Where `needle` stands in the lower-cased text, each search going on from the end of
        the last occurrence (`find(needle, end)`): the occurrences that do not overlap."""
        found = []
        end = 0
        for start in self.lower_occurrences(needle):
            if start >= end:
                found.append(start)
                end = start + len(needle)
        return found

    def contains(self, needle: str) -> bool:
        """`needle in text`."""
        if needle.isalnum():
            return self._within(needle)
        if self._absent(needle, lower=False):
            return False
        if self.indexed:
            return bool(self.occurrences(needle))
        return needle in self.text

    def lower_contains(self, needle: str) -> bool:
        """`needle in lower`."""
        if needle.isalnum():
            return self._lower_within(needle)
        if self._absent(needle, lower=True):
            return False
        if self.indexed:
            return bool(self.lower_occurrences(needle))
        return needle in self.lower

    def count(self, needle: str) -> int:
        """`text.count(needle)`: occurrences that do not overlap, from the left."""
        if not needle:
            return self.text.count(needle)
        if self._absent(needle, lower=False):
            return 0
        if not self.indexed:
            return self.text.count(needle)
        return _without_overlaps(self.occurrences(needle), len(needle))

    def lower_count(self, needle: str) -> int:
        """`lower.count(needle)`."""
        if not needle:
            return self.lower.count(needle)
        if self._absent(needle, lower=True):
            return 0
        if not self.indexed:
            return self.lower.count(needle)
        return _without_overlaps(self.lower_occurrences(needle), len(needle))

    def first(self, needle: str) -> int:
        """`text.find(needle)`."""
        if self._absent(needle, lower=False):
            return -1 if needle else 0
        if not self.indexed:
            return self.text.find(needle)
        found = self.occurrences(needle)
        return found[0] if found else -1

    def starts(self, word: str) -> list[int]:
        """Where `word` (word characters only) stands as a whole token, as written."""
        if word not in self.forms:
            return []
        if self.indexed:
            return list(self.positions[word])
        return _whole(self.text, word)

    def lower_starts(self, word: str) -> list[int]:
        """Where `word` (word characters only) stands as a whole token of the lower-cased text."""
        if word not in self.vocabulary:
            return []
        if self.indexed:
            positions = self.positions
            forms = self._forms_of(word)
            if len(forms) == 1:
                return list(positions[forms[0]])
            return sorted(start for form in forms for start in positions[form])
        return _whole(self.lower, word)


def split_words(text: str) -> list[str]:
    """The runs of word characters of `text`: `_WORD.findall(text)`, about twice as fast.

    A word character (`\\w`) is one `str.isalnum` says is, or `_`. The marks beyond ASCII that
    stories hold most become spaces (`str.replace`); then, in a text left all ASCII, so does
    every ASCII character but a word character (a C-level translation), and the text is split
    at the spaces. A text with other characters beyond ASCII (accented letters) is searched with
    the regex instead."""
    if not text.isascii():
        for mark in _COMMON_MARKS:
            text = text.replace(mark, " ")
        if not text.isascii():
            return _WORD.findall(text)
    return text.translate(_ASCII_GAPS).split()


def _first_run(text: str) -> str | None:
    run = _WORD.search(text)
    return run.group() if run is not None else None


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _find_all(haystack: str, needle: str) -> list[int]:
    found = []
    find = haystack.find
    position = find(needle)
    while position != -1:
        found.append(position)
        position = find(needle, position + 1)
    return found


def _whole(haystack: str, word: str) -> list[int]:
    """Where `word` stands in `haystack` with no word character on either side."""
    size = len(word)
    limit = len(haystack)
    return [start for start in _find_all(haystack, word)
            if (start == 0 or not _word_char(haystack[start - 1]))
            and (start + size >= limit or not _word_char(haystack[start + size]))]


def _without_overlaps(starts: list[int], size: int) -> int:
    """How many of the sorted starts `str.count` counts: each at or after the last one's end."""
    counted = 0
    end = -1
    for start in starts:
        if start >= end:
            counted += 1
            end = start + size
    return counted
