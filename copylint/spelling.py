"""The spelling check's data (rules/spelling/) and the questions a run asks of it.

`load_spelling()` reads the dictionary once per process (from the cache) and never changes it;
each run keeps its own `SpellingQueries`, with what it learned about the words it met (known,
unknown, the correction of a misspelling). `tools/spelling/build.py` writes the files;
`rules/spelling/README.md` says where they come from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .wordlist import GroupedWords

#: the least frequent word (zipf) ever suggested as a correction
SUGGEST_MIN_ZIPF = 3.0
#: how much more frequent (in zipf) the correction must be than any other word as near
SUGGEST_MARGIN = 1.0
#: the least frequent word (zipf) that may be half of a compound written as one word
COMPOUND_MIN_ZIPF = 3.0
#: the same when one half has three letters only (eye, out, sun)
COMPOUND_SHORT_ZIPF = 4.0


def spelling_dir() -> Path:
    from .rulebook import builtin_rules_dir
    return builtin_rules_dir() / "spelling"


class SpellingData:
    """The dictionary, the words corrections are chosen from, and the word-formation parts."""

    def __init__(self, directory: Path) -> None:
        self.words = GroupedWords(directory / "words.txt")
        self._frequent: dict[str, str] = {}
        for line in (directory / "frequent.txt").read_text(encoding="ascii").split("\n"):
            if line and line[0] != "#":
                self._frequent[line[0]] = " " + line + " "
        parts: dict[str, tuple[str, ...]] = {}
        for line in (directory / "affixes.txt").read_text(encoding="utf-8").split("\n"):
            if line and line[0] != "#":
                key, _, values = line.partition(":")
                parts[key.strip()] = tuple(values.split())
        self.prefixes = tuple(sorted(parts.get("prefix", ()), key=len, reverse=True))
        self.suffixes = tuple(sorted(parts.get("suffix", ()), key=len, reverse=True))

    def frequent_line(self, letter: str) -> str:
        """The corrections starting with `letter`, as `word:zipf*10` separated by spaces."""
        return self._frequent.get(letter, "")

    def derived(self, word: str) -> str | None:
        """How `word` is made of known words, if it is: `prefix` (reelect), `ending`
        (livestreams), or None. The ending is written on without a spelling change, and not where
        the dictionary has the changed form (occured: occurred; truely: truly)."""
        words = self.words
        if not word.startswith(self.prefixes):
            return "ending" if self._ending(word) else None
        for prefix in self.prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 4:
                rest = word[len(prefix):]
                if rest in words or self._ending(rest):
                    return "prefix"
        return "ending" if self._ending(word) else None

    def _ending(self, word: str) -> bool:
        if not word.endswith(self.suffixes):
            return False
        words = self.words
        for suffix in self.suffixes:
            base = word[:-len(suffix)]
            if not word.endswith(suffix) or len(base) < 3 or base not in words:
                continue
            if suffix == "d" and not base.endswith("e"):
                continue
            if suffix[0] in "aeiouy" and base + base[-1] + suffix in words:
                continue        # occured: occurred
            if base.endswith("e") and suffix[0] not in "aeiouy" and base[:-1] + suffix in words:
                continue        # truely: truly
            return True
        return False


def _cost(word: str, choice: str, distance: int) -> float:
    """The edit distance, with the commonest slips counted as less: a letter doubled that should
    not be, or not doubled that should be (accussing, comittee, milion, tommorow) as half an
    edit; two letters swapped, which keeps every letter (polsl: polls, not poll), as 0.75."""
    if distance <= 2 and undoubled(word) == undoubled(choice):
        return 0.5 * distance
    if distance == 1 and sorted(word) == sorted(choice):
        return 0.75
    return distance


def undoubled(word: str) -> str:
    """The word with every doubled letter written once (committee: comite)."""
    return "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])


@cache
def load_spelling(directory: Path | None = None) -> SpellingData:
    """The spelling data in `directory` (the shipped one by default), read once per process and
    never changed afterwards; from the cache (`copylint.cache`: 2 ms rather than 7) while none of
    its files has changed."""
    from .cache import cached, file_stamps

    directory = directory or spelling_dir()
    return cached("spelling", file_stamps(directory), lambda: SpellingData(directory))


class SpellingQueries:
    """One run's answers: which words are known, and the correction of each misspelling."""

    def __init__(self, data: SpellingData) -> None:
        self.data = data
        #: what this run found out about words: known or not
        self._known: dict[str, bool] = {}
        self._zipfs: dict[str, dict[str, int]] = {}
        self._near: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
        self._by_length: dict[str, dict[int, list[str]]] = {}
        #: words the spelling check never needs to look at again in this run: known or too short
        #: (what the shipped data says; never what one story showed)
        self.settled: set[str] = set()
        self._corrections: dict[str, str | None] = {}
        self._frequent_left: set[str] | None = None

    def is_known(self, word: str) -> bool:
        """A word of the dictionary, or one made of known words (a prefix, an ending, or two
        frequent words written as one), unless it differs from a frequent word only in a doubled
        letter (untill, occurence: the commonest slip)."""
        known = self._known.get(word)
        if known is None:
            data = self.data
            known = self._known[word] = word in data.words or (
                (data.derived(word) is not None or self._compound(word))
                and not self._doubling_slip(word))
        return known

    def is_ordinary(self, word: str) -> bool:
        """A word dictionaries write in lower case, frequent enough to be a correction."""
        return self.zipf10(word) > 0

    def zipf10(self, word: str) -> int:
        """The frequency (zipf times ten) of a word corrections are chosen from, else 0."""
        return self._table(word[:1]).get(word, 0)

    def _table(self, letter: str) -> dict[str, int]:
        """The corrections starting with `letter` -> their zipf * 10 (read on first use)."""
        table = self._zipfs.get(letter)
        if table is None:
            table = self._zipfs[letter] = {}
            for item in self.data.frequent_line(letter).split():
                entry, _, zipf = item.partition(":")
                table[entry] = int(zipf)
        return table

    def _choices(self, letter: str, length: int) -> tuple[list[str], list[int]]:
        """The corrections with this first letter and a length within two of `length`."""
        key = (letter, length)
        found = self._near.get(key)
        if found is None:
            by_length = self._by_length.get(letter)
            if by_length is None:
                by_length = self._by_length[letter] = {}
                for word in self._table(letter):
                    by_length.setdefault(len(word), []).append(word)
            table = self._table(letter)
            words = [w for size in range(length - 2, length + 3) for w in by_length.get(size, ())]
            found = self._near[key] = (words, [table[w] for w in words])
        return found

    def unsettled_frequent(self, vocabulary: frozenset[str], frequent: frozenset[str],
                           ) -> frozenset[str]:
        """The words of a document's `vocabulary` among the `frequent` words the run had not
        settled when first asked (at a run's first document: after `warm_up`, the few frequent
        words the dictionary does not hold), less those settled since.

        The frequent words left are kept as a set that loses each word found settled (a settled
        word stays settled), so that a document's words are looked up among the few frequent
        words not yet met rather than among all of them."""
        if self._frequent_left is None:
            self._frequent_left = set(frequent - self.settled)
        left = self._frequent_left
        met = vocabulary & left
        if not met:
            return met
        found = met - self.settled
        if len(found) != len(met):
            left -= met - found
        return found

    def warm_up(self) -> None:
        """Settle every dictionary word at once (about 30 ms): worth it before a run over many
        files, where it saves a look-up per distinct word."""
        self.settled.update(self.data.words)

    def _compound(self, word: str) -> bool:
        """Two frequent words written as one (cookfire, groundwave, eyewall): of four letters
        or more, or of three when both are very frequent (eye, wall)."""
        zipf10 = self.zipf10
        for i in range(3, len(word) - 2):
            least = COMPOUND_MIN_ZIPF if i >= 4 and len(word) - i >= 4 else COMPOUND_SHORT_ZIPF
            if zipf10(word[:i]) >= least * 10 and zipf10(word[i:]) >= least * 10:
                return True
        return False

    def _doubling_slip(self, word: str) -> bool:
        """A frequent word that is `word` with one letter doubled, or one doubled letter single."""
        zipf10 = self.zipf10
        least = SUGGEST_MIN_ZIPF * 10
        for i in range(1, len(word)):
            if word[i] == word[i - 1] and zipf10(word[:i] + word[i + 1:]) >= least:
                return True
        return any(zipf10(word[:i] + word[i] + word[i:]) >= least for i in range(1, len(word)))

    def correction(self, word: str) -> str | None:
        """The one clear correction of an unknown lower-case word, or None: a word with the same
        first letter a letter away (a letter added, dropped, changed, two swapped) or only
        doubled differently, frequent, and far more frequent than any other word as near."""
        if word in self._corrections:
            return self._corrections[word]
        found = self._correct(word)
        self._corrections[word] = found
        return found

    def _correct(self, word: str) -> str | None:
        from rapidfuzz import process
        from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

        words, zipfs = self._choices(word[0], len(word))
        # Levenshtein counts a swap of two letters as two edits, and so are two doubling slips
        near = process.extract(word, words, scorer=Levenshtein.distance, score_cutoff=2,
                               limit=None)
        scored = []
        for choice, _, index in near:
            cost = _cost(word, choice, DamerauLevenshtein.distance(word, choice, score_cutoff=2))
            if 0 < cost <= 1:
                scored.append((cost, zipfs[index], choice))
        if not scored:
            return None
        nearest = min(c for c, _, _ in scored)
        ranked = sorted(((z, c) for d, z, c in scored if d == nearest), reverse=True)
        best_zipf, best = ranked[0]
        if best_zipf < SUGGEST_MIN_ZIPF * 10:
            return None
        if len(ranked) > 1 and ranked[1][0] > best_zipf - SUGGEST_MARGIN * 10:
            return None        # two words as near and as likely: no clear correction
        return best
