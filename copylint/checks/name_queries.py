"""What a run asks the gazetteer, with the answers it keeps: which words are never candidates,
and which name words an unknown word is a few edits from. One `NameQueries` per run (in the
run's context), so that runs in one process never share what they learned."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import RunContext
from ..document import Document
from ..gazetteer import Gazetteer, Target, load_gazetteer


class NameQueries:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        #: lower-case words never checked as near misses: the gazetteer's, and each word a
        #: document has shown to be known (or too short, or not a word) so far in this run
        self.skip_words: set[str] = set(gaz.never_candidates)
        #: words found to be no known word (so only their capitals are looked at again)
        self.unknown_words: set[str] = set()
        self._near: dict[tuple[str, str], list[tuple[int, Target]]] = {}
        self._choices: dict[tuple[str, str, int], tuple[list[Target], list[str]]] = {}
        #: word -> whether it is near any name word (bounded by the run's unknown words)
        self._may_be_name: dict[str, bool] = {}
        #: (letter, length) -> the distinct words of the `any` choices (bounded: 26 letters
        #: times the lengths of words)
        self._distinct: dict[tuple[str, int], list[str]] = {}
        #: gazetteer key set -> its words outside the most frequent, and those among them
        self._parts: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def warm_up(self) -> None:
        """Add every known English word to `skip_words` at once (about 20 ms), and read the
        gazetteer's packed tables: worth it before a run over many files, where it saves a
        word-list look-up per distinct word, and workers forked after it share the tables."""
        self.skip_words.update(self.gaz.words)
        self.gaz.unpack()

    def in_document(self, table: str, vocabulary: frozenset[str],
                    rare: frozenset[str]) -> frozenset[str]:
        """`vocabulary & keys` for the gazetteer's key set `table`, found through the story's
        rare words (`rare_words`: a few dozen) and the few keys among the frequent words, rather
        than by looking each of its hundreds of words up in a large table."""
        parts = self._parts.get(table)
        if parts is None:
            keys: frozenset[str] = getattr(self.gaz, table)
            fast = self.gaz.fast_words
            parts = self._parts[table] = (keys - fast, keys & fast)
        rare_keys, fast_keys = parts
        return (rare & rare_keys) | (vocabulary & fast_keys)

    def choices(self, kind: str, letter: str, length: int) -> tuple[list[Target], list[str]]:
        """Targets of a kind with this first letter and a length within two of `length`."""
        key = (kind, letter, length)
        found = self._choices.get(key)
        if found is None:
            if kind == "any":
                parts = [self.choices("all", letter, length), self.choices("given", letter, length)]
                found = ([t for p in parts for t in p[0]], [w for p in parts for w in p[1]])
            else:
                targets, words = self.gaz.bucket(kind, letter)
                keep = [i for i, w in enumerate(words) if abs(len(w) - length) <= 2]
                found = ([targets[i] for i in keep], [words[i] for i in keep])
            self._choices[key] = found
        return found

    def distinct_choices(self, letter: str, length: int) -> list[str]:
        """The words of the `any` choices, each once (many a given name is a surname too: a
        third of the list is repeated)."""
        key = (letter, length)
        found = self._distinct.get(key)
        if found is None:
            found = self._distinct[key] = list(dict.fromkeys(self.choices("any", letter, length)[1]))
        return found

    def may_be_name(self, word: str) -> bool:
        """Whether an unknown word (lower case) is within two edits of any name word with the same
        first letter (as `near(word, "any")` would find one): if not, no context can make it a
        near miss. One C-level scan of the distinct name words, once per word in a run."""
        found = self._may_be_name.get(word)
        if found is None:
            found = self._may_be_name[word] = any_near(
                word, self.distinct_choices(word[:1], len(word)))
        return found

    def near(self, word: str, kind: str = "all") -> list[tuple[int, Target]]:
        """Name words with the same first letter at most two edits from `word` (lower case),
        nearest first. `kind`: all, surnames, alone, given (see `Gazetteer.bucket`) or any."""
        cached = self._near.get((word, kind))
        if cached is None:
            cached = []
            targets, choices = self.choices(kind, word[:1], len(word))
            if choices:
                cached = [(d, targets[i]) for d, i in near_matches(word, choices)]
                cached.sort(key=lambda pair: pair[0])
            self._near[(word, kind)] = cached
        return cached

    def nearest_name(self, word: str) -> str | None:
        """The right spelling of the name nearest `word`, if any is within two edits."""
        near = [(d, t) for d, t in self.near(word.lower(), "all") if d <= 2]
        if not near:
            return None
        target = min(near, key=lambda o: o[0])[1]
        return target.ap or target.word


def near_matches(word: str, choices: list[str]) -> list[tuple[int, int]]:
    """(distance, index) of the choices at most two edits from `word`."""
    return list(_near_pairs(word, choices))


def any_near(word: str, choices: list[str]) -> bool:
    """Whether `near_matches` finds any of the choices (it stops at the first)."""
    return any(True for _ in _near_pairs(word, choices))


def _near_pairs(word: str, choices: list[str]) -> Iterator[tuple[int, int]]:
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

    # Levenshtein (fast) counts a swap as two edits: within three it keeps every word two
    # edits away but for a double swap, and leaves few for the exact distance
    for _, _, i in process.extract(word, choices, scorer=Levenshtein.distance,
                                   score_cutoff=3, limit=None):
        distance = DamerauLevenshtein.distance(word, choices[i], score_cutoff=2)
        if 0 < distance <= 2:
            yield distance, i


def name_queries(context: RunContext) -> NameQueries:
    """The run's queries on the shipped gazetteer."""
    return context.cached("names.queries", lambda: NameQueries(load_gazetteer()))


def rare_words(doc: Document, context: RunContext) -> frozenset[str]:
    """The document's words (lower case) outside the 10,000 most frequent English words: the
    only ones the name and spelling checks look at one by one (shared while it is checked)."""
    return context.for_document(
        doc, "words.rare", lambda: doc.vocabulary - load_gazetteer().fast_words)
