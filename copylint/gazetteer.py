"""The news gazetteer and the English word lists behind the name checks (rules/names/).

A `Gazetteer` is read-only once loaded: `load_gazetteer()` reads the shipped one once per
process (about 15 ms) and every run shares it; what a run learns while checking (words found
to be known, edit-distance answers) is kept in that run's `NameQueries`
(copylint/checks/name_queries.py). `tools/gazetteer/build.py` writes the files;
`rules/names/README.md` says where they come from.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from .gazetteer_data import (
    INDEX_VERSION,
    Entry,
    Fix,
    NameIndexes,
    Target,
    data_dir,
    deaccent,
    read_entries,
    read_pairs,
    read_ranked,
    source_digest,
    trigger_word,
)
from .wordlist import GroupedWords

__all__ = ["Entry", "Fix", "Gazetteer", "Target", "data_dir", "deaccent", "load_gazetteer",
           "trigger_word"]


#: tables a story rarely needs (near-miss targets, the entries behind them): a pickled gazetteer
#: keeps them apart, as one pickle of their own read on first use (`Gazetteer.unpack`), which
#: halves the loading of the cached gazetteer for the stories that need none of them
PACKED = ("entries", "targets", "surnames", "confusables", "possessives", "person_entries",
          "given_targets", "country_entries")
#: the kinds of near-miss bucket (`Gazetteer.bucket`)
BUCKET_KINDS = ("all", "surnames", "alone", "given")
#: tables that only a story with something name-like needs, each pickled apart in a cached
#: gazetteer and read on first use (together 5 ms of the 28 its entry took to load; a clean story
#: reads one or two of them)
LAZY = ("person_words", "never_candidates", "name_forms", "name_words_lower", "fixes",
        "triggers")


class _Table(cached_property):
    """A derived table (a cached property) that an unpickled gazetteer reads from its packed
    tables rather than derive it again."""

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is not None and instance._read_apart(self.attrname):
            return instance.__dict__[self.attrname]
        return super().__get__(instance, owner)


class Gazetteer:
    """The loaded data with the indexes the checks use.

    The indexes are derived from gazetteer.tsv; build.py stores them in index.json, which is
    read instead (a few milliseconds rather than twenty) while it matches gazetteer.tsv. Entries
    read from the index carry no `variants` or `also`: read with `use_index=False` for those.
    """

    def __init__(self, directory: Path, use_index: bool = True) -> None:
        self.directory = directory
        self.words = GroupedWords(directory / "words.txt")
        fast = int(self.words.header.get("fast", "0"))
        self.fast_words = frozenset(read_ranked(directory / "common-words.txt", fast))
        self.ordinary = frozenset(
            (directory / "ordinary-names.txt").read_text(encoding="utf-8").split())
        self.confusables = read_pairs(directory / "confusables.tsv")
        loaded = self._stored_index(directory) if use_index else None
        if loaded is None:
            from .gazetteer_index import build_indexes

            self.entries = read_entries(directory / "gazetteer.tsv")
            indexes = build_indexes(self.entries, self.ordinary, self.fast_words)
        else:
            self.entries, indexes = loaded
        self.name_words_lower = indexes.name_words_lower
        self.capitalized = indexes.capitalized
        self.person_words = indexes.person_words
        self.targets = indexes.targets
        self.surnames = indexes.surnames
        self.fixes = indexes.fixes
        self.triggers = indexes.triggers
        self.variant_words_lower = indexes.variant_words_lower

    @staticmethod
    def _stored_index(directory: Path) -> tuple[list[Entry], NameIndexes] | None:
        index = directory / "index.json"
        if not index.exists():
            return None
        import json  # only when the gazetteer is built, not when it comes from the cache

        data = json.loads(index.read_text(encoding="utf-8"))
        if data.get("version") != INDEX_VERSION or data.get("source") != source_digest(directory):
            return None
        return NameIndexes.from_json(data)

    # -- pickling: the rarely needed tables apart --------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        self.unpack()
        state = dict(self.__dict__)
        state.pop("_buckets_read", None)
        tables = {name: state.pop(name) for name in PACKED if name in state}
        state["_packed"] = pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)
        state["_lazy"] = {name: pickle.dumps(state.pop(name), protocol=pickle.HIGHEST_PROTOCOL)
                          for name in LAZY if name in state}
        # each near-miss bucket apart too: a story with an unknown capitalized word asks for a
        # letter or two, and reads those (a millisecond) rather than every packed table
        state["_bucket_blobs"] = {
            (kind, letter): pickle.dumps(self._bucket(kind, letter), pickle.HIGHEST_PROTOCOL)
            for kind in BUCKET_KINDS for letter in self._bucket_letters(kind)}
        return state

    def __getattr__(self, name: str) -> Any:
        """A table kept apart (only called for a name missing from the instance)."""
        if self._read_apart(name):
            return self.__dict__[name]
        raise AttributeError(f"'Gazetteer' object has no attribute '{name}'")

    def _read_apart(self, name: str) -> bool:
        """Read the table `name` if an unpickled gazetteer keeps it apart (with the other
        packed tables, or alone); whether it is now in the instance."""
        state = self.__dict__
        if name in PACKED and state.get("_packed") is not None:
            self.unpack()
        elif name in state.get("_lazy", ()):
            self._read_lazy(name)
        return name in state

    def _read_lazy(self, name: str) -> None:
        from .cache import collector_paused

        blob = self.__dict__["_lazy"].get(name)
        if blob is not None:
            with collector_paused():
                self.__dict__[name] = pickle.loads(blob)  # our own pickle, from our own cache

    def unpack(self) -> None:
        """Read every table kept apart now, once: before a run over many files forks its
        workers, so that they share them (reading them twice at once, from two threads, does no
        harm: the second gives the same tables)."""
        for name in self.__dict__.get("_lazy", ()):
            if name not in self.__dict__:
                self._read_lazy(name)
        packed = self.__dict__.get("_packed")
        if packed is None:
            return
        from .cache import collector_paused

        with collector_paused():
            tables = pickle.loads(packed)  # our own pickle, from inside our own cache entry
        self.__dict__.update(tables)
        self.__dict__["_packed"] = None

    def index_data(self) -> dict:
        """The derived indexes as plain JSON data (what build.py stores in index.json)."""
        indexes = NameIndexes(*(getattr(self, name) for name in NameIndexes._fields))
        return indexes.to_json(self.entries, source_digest(self.directory))

    # -- words -----------------------------------------------------------------------------
    def is_known_word(self, lower: str) -> bool:
        """True for an English word or a real place name (lower case)."""
        if lower in self.fast_words:
            return True
        return (lower if lower.isascii() else deaccent(lower)) in self.words

    @_Table
    def never_candidates(self) -> frozenset[str]:
        """Lower-case words never checked as near misses: the most frequent English words, the
        words of every right name, and the listed wrong spellings of one word (a word of a longer
        listed one, Sholz of Olaf Sholz, is a near miss when it stands without the rest)."""
        single = frozenset(phrase.lower() for phrase in self.fixes if " " not in phrase)
        return self.fast_words | self.name_words_lower | single

    # -- derived tables (built on first use, the same for every run) --------------------------
    @cached_property
    def sequences(self) -> dict[str, list[tuple[int, str, tuple[str, ...], frozenset[str]]]]:
        """Lower-case word -> the names of two words or more (entry, house) to look at when a
        document holds it. Each name is filed under its two rarest words (not frequent English,
        then longest), so one misspelled word still leaves a key, and frequent words like
        `world` or `south` do not send every document through every name that has them."""
        table: dict[str, list[tuple[int, str, tuple[str, ...], frozenset[str]]]] = \
            defaultdict(list)
        fast = self.fast_words

        def rarity(word: str) -> tuple[bool, int]:
            return (word not in fast, len(word))

        for entry in self.entries:
            for house in ("ap", "reuters"):
                words = entry.form(house).split()
                if len(words) < 2 or (house == "reuters" and entry.reuters == entry.ap):
                    continue
                keys = sorted({w.lower() for w in words}, key=rarity, reverse=True)[:2]
                if len(words) == 2:  # the word that stays right must be a distinctive one
                    keys = [k for k in keys if k not in fast and len(k) >= 4]
                item = (entry.index, house, tuple(words), frozenset(w.lower() for w in words))
                for word in keys:
                    table[word].append(item)
        return dict(table)

    @cached_property
    def sequence_keys(self) -> frozenset[str]:
        """The keys of `sequences` as a set (set & set walks the smaller one: the document's)."""
        return frozenset(self.sequences)

    @_Table
    def name_forms(self) -> frozenset[str]:
        """Every spelling of every name, lower case (to tell one name from a misspelled other)."""
        return frozenset(form.lower() for e in self.entries for form in (e.ap, e.reuters))

    @cached_property
    def trigger_keys(self) -> frozenset[str]:
        return frozenset(self.triggers)

    @cached_property
    def confusable_keys(self) -> frozenset[str]:
        return frozenset(self.confusables)

    @cached_property
    def confusable_anchors(self) -> dict[str, frozenset[str]]:
        """Ordinary word -> the words (lower case) that stand before the surnames it resembles:
        without one of them in a document, the word cannot be a misspelled name there."""
        before: dict[str, set[str]] = defaultdict(set)
        for word, entries in self.person_words.items():
            for entry_index, position, house in entries:
                words = self.entries[entry_index].form(house).split()
                for later in words[position + 1:]:
                    before[later].add(word.lower())
        return {w: frozenset(a for name in names for a in before.get(name, ()))
                for w, names in self.confusables.items()}

    @cached_property
    def lower_phrases(self) -> dict[str, dict[str, str]]:
        """Names of two words or more written in lower case -> as they must be written (sri lanka
        -> Sri Lanka, volodymyr zelenskyy -> Volodymyr Zelenskyy), keyed by their longest word
        that is no ordinary word; names whose every word is an ordinary word (west bank, united
        states, will smith, chase young) are left out."""
        table: dict[str, dict[str, str]] = defaultdict(dict)
        for entry in self.entries:
            for form in dict.fromkeys((entry.ap, entry.reuters)):
                words = form.split()
                if len(words) < 2 or not all(w.isalpha() for w in words):
                    continue
                rare = [w.lower() for w in words
                        if w[0].isupper() and w.lower() not in self.ordinary and len(w) >= 4]
                if rare:
                    table[max(rare, key=len)].setdefault(form.lower(), form)
        return dict(table)

    @cached_property
    def lower_phrase_keys(self) -> frozenset[str]:
        return frozenset(self.lower_phrases)

    @cached_property
    def capitalized_keys(self) -> frozenset[str]:
        return frozenset(self.capitalized)

    @cached_property
    def interesting(self) -> frozenset[str]:
        """Every lower-case word some name rule looks for: one set intersection a document."""
        return self.trigger_keys | self.confusable_keys | self.capitalized_keys

    @_Table
    def possessives(self) -> dict[str, str]:
        """Lower-case name + s -> the name, for every surname and country whose plain plural
        is no name of its own (trumps -> Trump: `Trumps team` lost its apostrophe)."""
        names: dict[str, str] = {}
        for entry in self.entries:
            words = entry.ap.split()
            if entry.type == "person" and len(words) >= 2:
                head = words[-1]
            elif "country" in entry.subtype.split(",") and len(words) == 1:
                head = words[0]
            else:
                continue
            if len(head) >= 4 and head.isalpha() and head[0].isupper() and not head.endswith("s"):
                plural = head.lower() + "s"
                if plural not in self.name_words_lower:
                    names[plural] = head
        return names

    @cached_property
    def possessive_keys(self) -> frozenset[str]:
        return frozenset(self.possessives)

    @_Table
    def person_entries(self) -> frozenset[int]:
        return frozenset(e.index for e in self.entries if e.type == "person")

    @_Table
    def given_targets(self) -> dict[str, list[Target]]:
        """The words of people's names (given names and the rest), as near-miss targets by first
        letter."""
        given: dict[str, list[Target]] = defaultdict(list)
        for word, places in self.person_words.items():
            if len(word) >= 4 and word[0].isupper() and word.replace("-", "").isalpha():
                entry_index, position, house = places[0]
                given[word[0].lower()].append(self.target_at(entry_index, position, house))
        return dict(given)

    @cached_property
    def standalone_words(self) -> frozenset[str]:
        """Lower-case name words a story may write alone, with no given name or title ever
        introducing them: every word of a place or organisation, and the surnames of leaders
        (Putin, Merkel). Another person's surname (Larson of an athlete or a legislator) is
        introduced in wire copy before it stands alone."""
        alone = {"leader", "former-leader", "group-leader"}
        words: set[str] = set()
        for entry in self.entries:
            for form in {entry.ap, entry.reuters}:
                parts = form.lower().split()
                if entry.type != "person":
                    words.update(parts)
                elif alone.intersection(entry.subtype.split(",")) and parts:
                    words.add(parts[-1])
        return frozenset(words)

    @_Table
    def country_entries(self) -> frozenset[int]:
        return frozenset(e.index for e in self.entries if "country" in e.subtype.split(","))

    def bucket(self, kind: str, letter: str) -> tuple[list[Target], list[str]]:
        """Near-miss targets with this first letter, and their words in lower case: `all`
        (every name word that may stand alone); `surnames` (after a title); `alone` (places and
        organisations of seven letters or more, countries of six, surnames of nine or more);
        `given` (the other words of people's names). Made on demand, or read from its own
        pickle in a cached gazetteer: a story asks for a few letters."""
        blobs = self.__dict__.get("_bucket_blobs")
        if blobs is None or self.__dict__.get("_packed") is None:
            return self._bucket(kind, letter)
        read = self.__dict__.setdefault("_buckets_read", {})
        found = read.get((kind, letter))
        if found is None:
            blob = blobs.get((kind, letter))
            found = read[(kind, letter)] = pickle.loads(blob) if blob is not None else ([], [])
        return found  # type: ignore[no-any-return]

    def _bucket_letters(self, kind: str) -> list[str]:
        tables = self.given_targets if kind == "given" else (
            self.surnames if kind == "surnames" else self.targets)
        return sorted(tables)

    def _bucket(self, kind: str, letter: str) -> tuple[list[Target], list[str]]:
        if kind == "given":
            targets = self.given_targets.get(letter, [])
        elif kind == "surnames":
            targets = self.surnames.get(letter, [])
        else:
            targets = self.targets.get(letter, [])
            if kind == "alone":
                persons, countries = self.person_entries, self.country_entries
                targets = [t for t in targets if len(t.word) >= (
                    9 if t.entry in persons else 6 if t.entry in countries else 7)]
        return targets, [t.word.lower() for t in targets]

    # -- pure questions ------------------------------------------------------------------------
    def search_forms(self, phrase: str) -> tuple[str, ...]:
        """How a listed wrong phrase may appear: as listed, capitalized at a sentence start,
        in capitals, and in lower case when that is no ordinary word."""
        found = [phrase]
        if phrase[0].islower():
            found.append(phrase[0].upper() + phrase[1:])
        if phrase.upper() != phrase:
            found.append(phrase.upper())
        lower = phrase.lower()
        if " " not in phrase and lower != phrase and lower not in self.ordinary:
            found.append(lower)
        return tuple(dict.fromkeys(found))

    def target_at(self, entry_index: int, position: int, house: str) -> Target:
        """The word at `position` of the entry's spelling under `house`, as a target."""
        entry = self.entries[entry_index]
        ap_words, reuters_words = entry.ap.split(), entry.reuters.split()
        words = reuters_words if house == "reuters" else ap_words
        word = words[position]
        if len(ap_words) == len(reuters_words):
            return Target(word, entry_index, position, ap_words[position], reuters_words[position])
        other = ap_words if house == "reuters" else reuters_words
        if word in other:
            return Target(word, entry_index, position, word, word)
        return Target(word, entry_index, position, word if house == "ap" else None,
                      word if house == "reuters" else None)


#: the tables derived from the entries, built before the gazetteer is cached
DERIVED = ("never_candidates", "sequences", "sequence_keys", "name_forms", "trigger_keys",
           "confusable_keys", "confusable_anchors", "lower_phrases", "lower_phrase_keys",
           "capitalized_keys", "interesting", "possessives", "possessive_keys", "person_entries",
           "given_targets", "country_entries")


def _prepared(directory: Path) -> Gazetteer:
    gazetteer = Gazetteer(directory)
    for name in DERIVED:
        getattr(gazetteer, name)
    return gazetteer


@cache
def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """The gazetteer in `directory` (the shipped one by default), read once per process and
    never changed afterwards; with its derived tables, from the cache (`copylint.cache`) while
    none of its files has changed."""
    from .cache import cached, file_stamps

    directory = directory or data_dir()
    return cached("gazetteer", file_stamps(directory), lambda: _prepared(directory))
