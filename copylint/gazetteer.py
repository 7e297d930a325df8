"""The news gazetteer and the English word lists behind the name checks (rules/names/).

Read lazily, once per process, when a name rule first checks a document (about 15 ms);
`rapidfuzz` is imported only when an edit distance is first needed. `tools/gazetteer/build.py`
writes the files; `rules/names/README.md` says where they come from.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from collections import defaultdict
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

HOUSES = ("ap", "reuters")
#: words a person's name may begin with that say what they are, not who (King Salman)
TITLE_WORDS = frozenset({
    "King", "Queen", "Prince", "Princess", "Crown", "Pope", "Sultan", "Sheikh", "Emir", "Emperor",
    "President", "Gen.", "General", "Field", "Marshal", "Sir", "Dame", "Lord", "Lady", "Ayatollah",
})
#: words after a name that are not part of who it is
NAME_SUFFIXES = frozenset({"Jr.", "Sr.", "II", "III", "IV", "V", "VI", "X", "XIV", "XVI"})
_SPECIAL_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d",
                                  "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ð": "d", "þ": "th"})
_TOKEN = re.compile(r"\w+")


def deaccent(text: str) -> str:
    """Sébastien -> Sebastien: accent-only differences between spellings are never reported."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def data_dir() -> Path:
    """rules/names beside the packs: inside the package when installed, beside it in a checkout."""
    from .rulebook import builtin_rules_dir
    return builtin_rules_dir() / "names"


class Entry(NamedTuple):
    """One name, a person, place or organisation, as each house writes it."""

    index: int
    type: str
    subtype: str
    country: str
    ap: str
    reuters: str
    variants: tuple[str, ...]
    also: tuple[str, ...]

    def form(self, house: str) -> str:
        return self.reuters if house == "reuters" else self.ap


class Fix(NamedTuple):
    """A wrong spelling and what each house writes instead.

    `kind` is "variant" (wrong under every house) or "house" (right under the other house: the
    right form of the house it is right under is None).
    """

    wrong: str
    ap: str | None
    reuters: str | None
    entry: int
    kind: str

    def right(self, house: str) -> str | None:
        return self.reuters if house == "reuters" else self.ap


class Target(NamedTuple):
    """A word of a name a misspelling may be near: where it sits, how each house spells it."""

    word: str           # as written in the spelling it comes from
    entry: int
    position: int
    ap: str | None      # None when the houses' spellings do not line up word for word
    reuters: str | None

    def right(self, house: str) -> str | None:
        return self.reuters if house == "reuters" else self.ap


INDEX_VERSION = 1


def _digest(directory: Path) -> str:
    """What the derived index depends on: the gazetteer and the ordinary words."""
    checksum = 0
    for name in ("gazetteer.tsv", "ordinary-names.txt"):
        checksum = zlib.crc32((directory / name).read_bytes(), checksum)
    return f"{checksum:08x}"


class Gazetteer:
    """The loaded data with the indexes the checks use.

    The indexes are derived from gazetteer.tsv; build.py stores them in index.json, which is
    read instead (a few milliseconds rather than twenty) while it matches gazetteer.tsv. Entries
    read from the index carry no `variants` or `also`: read with `use_index=False` for those.
    """

    def __init__(self, directory: Path, use_index: bool = True) -> None:
        self.entries: list[Entry] = []
        self._read_words(directory)
        index = directory / "index.json"
        if use_index and index.exists():
            data = json.loads(index.read_text(encoding="utf-8"))
            if data.get("version") == INDEX_VERSION and data.get("source") == _digest(directory):
                self._load_index(data)
                return
        self._read_entries(directory / "gazetteer.tsv")
        self._index()

    def index_data(self, directory: Path) -> dict:
        """The derived indexes as plain JSON data (see `_load_index`)."""
        def targets(table: dict[str, list[Target]]) -> dict[str, list[list]]:
            return {key: [list(t) for t in items] for key, items in table.items()}

        return {
            "version": INDEX_VERSION,
            "source": _digest(directory),
            # variants and other right forms live on in the indexes below
            "entries": [[e.type, e.subtype, e.country, e.ap, e.reuters] for e in self.entries],
            "name_words_lower": sorted(self.name_words_lower),
            "capitalized": self.capitalized,
            "person_words": {w: [list(p) for p in places] for w, places in self.person_words.items()},
            "targets": targets(self.targets),
            "surnames": targets(self.surnames),
            "fixes": {phrase: [list(f) for f in fixes] for phrase, fixes in self.fixes.items()},
            "triggers": self.triggers,
            "variant_words_lower": sorted(self.variant_words_lower),
        }

    def _load_index(self, data: dict) -> None:
        self.entries = [Entry(i, row[0], row[1], row[2], row[3], row[4], (), ())
                        for i, row in enumerate(data["entries"])]
        self.name_words_lower = frozenset(data["name_words_lower"])
        self.capitalized = data["capitalized"]
        self.person_words = data["person_words"]
        self.targets = {k: [Target(*t) for t in v] for k, v in data["targets"].items()}
        self.surnames = {k: [Target(*t) for t in v] for k, v in data["surnames"].items()}
        self.fixes = {k: [Fix(*f) for f in v] for k, v in data["fixes"].items()}
        self.triggers = data["triggers"]
        self.variant_words_lower = frozenset(data["variant_words_lower"])

    # -- reading ---------------------------------------------------------------------------
    def _read_entries(self, path: Path) -> None:
        entries = self.entries
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line or line[0] == "#":
                continue
            kind, subtype, country, ap, reuters, variants, also = line.split("\t")
            entries.append(Entry(len(entries), kind, subtype, country, ap, reuters,
                                 tuple(variants.split("|")) if variants else (),
                                 tuple(also.split("|")) if also else ()))

    def _read_words(self, directory: Path) -> None:
        groups: dict[str, str] = {}
        fast = 0
        for line in (directory / "words.txt").read_text(encoding="ascii").split("\n"):
            if line.startswith("# fast:"):
                fast = int(line.split(":")[1])
            elif line and line[0] != "#":
                groups[line[:3]] = " " + line + " "
        self._word_groups = groups
        text = (directory / "common-words.txt").read_text(encoding="utf-8")
        self.fast_words = frozenset(text.split("\n", fast)[:fast])
        self.ordinary = frozenset(
            (directory / "ordinary-names.txt").read_text(encoding="utf-8").split())
        self.confusables: dict[str, list[str]] = defaultdict(list)
        for line in (directory / "confusables.tsv").read_text(encoding="utf-8").split("\n"):
            if line and line[0] != "#":
                word, name = line.split("\t")
                self.confusables[word].append(name)

    # -- indexes ---------------------------------------------------------------------------
    def _index(self) -> None:
        entries = self.entries
        #: right word -> the entry it belongs to (-1 when several share it), under each house
        owners: dict[str, dict[str, int]] = {"ap": {}, "reuters": {}}
        for entry in entries:
            index = entry.index
            for house, form in (("ap", entry.ap), ("reuters", entry.reuters)):
                owner = owners[house]
                for word in (*form.split(), *(w for a in entry.also for w in a.split())):
                    if owner.setdefault(word, index) != index:
                        owner[word] = -1
        words = owners["ap"].keys() | owners["reuters"].keys()
        self.right_words = frozenset(words)
        #: every right word (and hyphen part) of every name, lower case, accents kept and dropped
        lower_words: set[str] = set()
        for word in words:
            for part in word.split("-") if "-" in word else (word,):
                part = part.strip(".,")
                if part:
                    lower = part.lower()
                    lower_words.add(lower)
                    if not lower.isascii():
                        lower_words.add(deaccent(lower))
        self.name_words_lower = frozenset(lower_words)
        #: names written in lower case -> as they must be written (kyiv -> Kyiv): one-word names
        #: and surnames, not the other words of longer names (de novo, bete noire, sweet william)
        #: (a hyphenated name as a whole: al-qaida, not the noire of Pointe-Noire), keyed by its
        #: longest word
        capitalized: dict[str, dict[str, str]] = defaultdict(dict)
        ordinary = self.ordinary
        for entry in entries:
            for form in (entry.ap, entry.reuters):
                name = [w for w in form.split() if w not in NAME_SUFFIXES]
                if entry.type == "person" and len(name) >= 2:
                    head = name[-1]
                elif len(name) == 1:
                    head = name[0]
                else:
                    continue
                parts = head.split("-")
                lower = head.lower()
                if (lower != head and all(p.isalpha() for p in parts) and len(head) >= 4
                        and not all(p.lower() in ordinary for p in parts if p[:1].isupper())):
                    key = max(parts, key=len).lower()
                    capitalized[key].setdefault(lower, head)
        self.capitalized = dict(capitalized)

        #: right word of a person's name -> (entry, position, house) it holds
        self.person_words: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        #: near-miss targets by lower-case first letter: every name word that may stand alone
        #: (surnames, places, organisations), and surnames only
        self.targets: dict[str, list[Target]] = defaultdict(list)
        self.surnames: dict[str, list[Target]] = defaultdict(list)
        fixes: list[Fix] = []
        for entry in entries:
            ap_words = entry.ap.split()
            reuters_words = ap_words if entry.reuters == entry.ap else entry.reuters.split()
            if entry.type == "person":
                for position, word in enumerate(ap_words):
                    if word not in TITLE_WORDS:
                        self.person_words[word].append((entry.index, position, "ap"))
                if reuters_words is not ap_words:
                    for position, word in enumerate(reuters_words):
                        if word not in TITLE_WORDS:
                            self.person_words[word].append((entry.index, position, "reuters"))
            self._add_targets(entry, ap_words, reuters_words)
            if entry.variants:
                fixes.extend(self._variant_fixes(entry, ap_words, reuters_words))
            if reuters_words is not ap_words and deaccent(entry.ap) != deaccent(entry.reuters):
                fixes.extend(self._house_fixes(entry, ap_words, reuters_words, owners))
        #: phrase as written -> its fixes; trigger word (lower case) -> phrases holding it
        self.fixes: dict[str, list[Fix]] = defaultdict(list)
        for fix in fixes:
            if " " not in fix.wrong:
                # never flag alone a word that is someone else's right name under that house
                houses = ("ap", "reuters") if fix.kind == "variant" else \
                    ("ap",) if fix.ap is not None else ("reuters",)
                if any(owners[h].get(fix.wrong, fix.entry) != fix.entry for h in houses):
                    continue
            if fix not in self.fixes[fix.wrong]:
                self.fixes[fix.wrong].append(fix)
        self.triggers: dict[str, list[str]] = defaultdict(list)
        for phrase in self.fixes:
            self.triggers[trigger_word(phrase, self.fast_words)].append(phrase)
        self.variant_words_lower = frozenset(
            w.lower() for phrase in self.fixes for w in _TOKEN.findall(phrase))

    def _add_targets(self, entry: Entry, ap_words: list[str], reuters_words: list[str]) -> None:
        person = entry.type == "person"
        aligned = len(ap_words) == len(reuters_words)
        for house, words in (("ap", ap_words), ("reuters", reuters_words)):
            if house == "reuters" and words is ap_words:
                break
            last = ""
            if person:
                named = [w for w in words if w not in NAME_SUFFIXES]
                last = named[-1] if len(named) >= 2 else ""
            for position, word in enumerate(words):
                if len(word) < 4 or not word[0].isupper() or word in TITLE_WORDS:
                    continue
                if person and word != last:
                    continue  # a given name is checked beside the surname, never alone
                if house == "reuters" and word in ap_words:
                    continue
                if aligned:
                    target = Target(word, entry.index, position, ap_words[position],
                                    reuters_words[position])
                elif word in (ap_words if house == "reuters" else reuters_words):
                    target = Target(word, entry.index, position, word, word)
                else:
                    target = Target(word, entry.index, position, word if house == "ap" else None,
                                    word if house == "reuters" else None)
                key = word[0].lower()
                self.targets[key].append(target)
                if person:
                    self.surnames[key].append(target)

    @staticmethod
    def _variant_fixes(entry: Entry, ap_words: list[str], reuters_words: list[str]) -> list[Fix]:
        fixes = []
        aligned = len(ap_words) == len(reuters_words)
        for variant in entry.variants:
            wrong, _, named = variant.partition(">")
            if named:  # one wrong word of the name: "Volodomir>Volodymyr"
                ap = reuters = named
                if aligned and named in ap_words:
                    reuters = reuters_words[ap_words.index(named)]
            else:
                ap, reuters = entry.ap, entry.reuters
            fixes.append(Fix(wrong, ap, reuters, entry.index, "variant"))
        return fixes

    @staticmethod
    def _house_fixes(entry: Entry, ap: list[str], reuters: list[str],
                     owners: dict[str, dict[str, int]]) -> list[Fix]:
        """One house's spelling, flagged under the other (Zelenskiy under AP, Zelenskyy under
        Reuters). For people, a differing surname is matched alone unless it is someone else's
        right name (Qassem Soleimani), a differing given name only with the next word (Sergei
        Lavrov, not every Sergei), and an article only by the house that drops it (al-Assad under
        AP; Bashar Assad under Reuters). Other names are matched whole."""

        def fix(wrong_house: str, wrong: str, right: str) -> Fix:
            if wrong_house == "reuters":   # a Reuters form, wrong under AP
                return Fix(wrong, right, None, entry.index, "house")
            return Fix(wrong, None, right, entry.index, "house")

        if entry.type != "person" or len(ap) != len(reuters):
            return [fix("reuters", entry.reuters, entry.ap), fix("ap", entry.ap, entry.reuters)]
        fixes = []
        for i, (a, r) in enumerate(zip(ap, reuters, strict=True)):
            if deaccent(a) == deaccent(r):
                continue
            last = all(w in NAME_SUFFIXES for w in ap[i + 1:])
            for house, wrong, right, wrong_words, right_words in (
                    ("reuters", r, a, reuters, ap), ("ap", a, r, ap, reuters)):
                judged = "ap" if house == "reuters" else "reuters"   # the house it is wrong under
                longer = wrong.endswith("-" + right)    # al-Assad where the house writes Assad
                shorter = right.endswith("-" + wrong)   # Assad where the house writes al-Assad
                alone = owners[judged].get(wrong, entry.index) == entry.index
                if longer or (last and not shorter and alone):
                    fixes.append(fix(house, wrong, right))
                elif (last or shorter) and i > 0:
                    fixes.append(fix(house, f"{wrong_words[i - 1]} {wrong}",
                                     f"{right_words[i - 1]} {right}"))
                elif not last:
                    fixes.append(fix(house, f"{wrong} {wrong_words[i + 1]}",
                                     f"{right} {right_words[i + 1]}"))
        return fixes

    # -- queries ---------------------------------------------------------------------------
    @cached_property
    def skip_words(self) -> set[str]:
        """Lower-case words never checked as near misses: the most frequent English words, the
        words of every right name and of every listed wrong spelling, and each word a document
        has shown to be known (or too short, or not a word) so far in this process."""
        return set(self.fast_words | self.name_words_lower | self.variant_words_lower)

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

    @cached_property
    def name_forms(self) -> frozenset[str]:
        """Every spelling of every name, lower case (to tell one name from a misspelled other)."""
        return frozenset(form.lower() for e in self.entries for form in (e.ap, e.reuters))

    def warm_up(self) -> None:
        """Add every known English word to `skip_words` at once (about 20 ms): worth it before a
        run over many files, where it saves a word-list look-up per distinct word."""
        skip = self.skip_words
        for group in self._word_groups.values():
            skip.update(group.split())

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
    def capitalized_keys(self) -> frozenset[str]:
        return frozenset(self.capitalized)

    @cached_property
    def interesting(self) -> frozenset[str]:
        """Every lower-case word some name rule looks for: one set intersection a document."""
        return self.trigger_keys | self.confusable_keys | self.capitalized_keys

    @cached_property
    def person_entries(self) -> frozenset[int]:
        return frozenset(e.index for e in self.entries if e.type == "person")

    @cached_property
    def _forms(self) -> dict[str, tuple[str, ...]]:
        return {}

    def search_forms(self, phrase: str) -> tuple[str, ...]:
        """How a listed wrong phrase may appear: as listed, capitalized at a sentence start,
        in capitals, and in lower case when that is no ordinary word."""
        forms = self._forms.get(phrase)
        if forms is None:
            found = [phrase]
            if phrase[0].islower():
                found.append(phrase[0].upper() + phrase[1:])
            if phrase.upper() != phrase:
                found.append(phrase.upper())
            lower = phrase.lower()
            if " " not in phrase and lower != phrase and lower not in self.ordinary:
                found.append(lower)
            forms = self._forms[phrase] = tuple(dict.fromkeys(found))
        return forms

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

    @cached_property
    def _near_cache(self) -> dict[tuple[str, str], list[tuple[int, Target]]]:
        return {}

    @cached_property
    def _buckets(self) -> dict[str, dict[str, tuple[list[Target], list[str]]]]:
        """Near-miss targets by first letter: `all` (every name word that may stand alone);
        `surnames` (after a title); `alone` (places and organisations of seven letters or more,
        surnames of nine or more); `given` (the other words of people's names)."""
        persons = self.person_entries
        given: dict[str, list[Target]] = defaultdict(list)
        for word, places in self.person_words.items():
            if len(word) >= 4 and word[0].isupper() and word.replace("-", "").isalpha():
                entry_index, position, house = places[0]
                given[word[0].lower()].append(self.target_at(entry_index, position, house))
        kinds: dict[str, dict[str, tuple[list[Target], list[str]]]] = {}
        for kind, source in (("all", self.targets), ("surnames", self.surnames),
                             ("alone", self.targets), ("given", given)):
            table = {}
            for key, targets in source.items():
                if kind == "alone":
                    targets = [t for t in targets if len(t.word) >= (9 if t.entry in persons else 7)]
                table[key] = (targets, [t.word.lower() for t in targets])
            kinds[kind] = table
        return kinds

    @cached_property
    def _near_lists(self) -> dict[tuple[str, str, int], tuple[list[Target], list[str]]]:
        return {}

    def _choices(self, kind: str, letter: str, length: int) -> tuple[list[Target], list[str]]:
        """Targets of a kind with this first letter and a length within two of `length`."""
        key = (kind, letter, length)
        found = self._near_lists.get(key)
        if found is None:
            if kind == "any":
                parts = [self._choices("all", letter, length), self._choices("given", letter, length)]
                found = ([t for p in parts for t in p[0]], [w for p in parts for w in p[1]])
            else:
                targets, words = self._buckets[kind].get(letter, ((), ()))
                keep = [i for i, w in enumerate(words) if abs(len(w) - length) <= 2]
                found = ([targets[i] for i in keep], [words[i] for i in keep])
            self._near_lists[key] = found
        return found

    def may_be_name(self, word: str) -> bool:
        """Whether an unknown word (lower case) is within two edits of any name word with the same
        first letter: if not, no context can make it a near miss."""
        cached = self._near_cache.get((word, "any"))
        if cached is not None:
            return bool(cached)
        _, choices = self._choices("any", word[:1], len(word))
        if not choices:
            return False
        process, _, levenshtein = _rapidfuzz()
        # most unknown words are near nothing: one C-level scan says so without the full list
        if process.extractOne(word, choices, scorer=levenshtein.distance, score_cutoff=3) is None:
            self._near_cache[(word, "any")] = []
            return False
        return bool(self.near(word, "any"))

    def near(self, word: str, kind: str = "all") -> list[tuple[int, Target]]:
        """Name words with the same first letter at most two edits from `word` (lower case),
        nearest first. `kind`: all, surnames, alone, given (see `_buckets`) or any."""
        cached = self._near_cache.get((word, kind))
        if cached is None:
            cached = []
            targets, choices = self._choices(kind, word[:1], len(word))
            if choices:
                cached = [(d, targets[i]) for d, i in self._near_matches(word, choices)]
                cached.sort(key=lambda pair: pair[0])
            self._near_cache[(word, kind)] = cached
        return cached

    def _near_matches(self, word: str, choices: list[str]) -> list[tuple[int, int]]:
        """(distance, index) of the choices at most two edits from `word`."""
        process, damerau, levenshtein = _rapidfuzz()
        found = []
        # Levenshtein (fast) counts a swap as two edits: within three it keeps every word two
        # edits away but for a double swap, and leaves few for the exact distance
        for _, _, i in process.extract(word, choices, scorer=levenshtein.distance,
                                       score_cutoff=3, limit=None):
            distance = damerau.distance(word, choices[i], score_cutoff=2)
            if 0 < distance <= 2:
                found.append((distance, i))
        return found

    def is_known_word(self, lower: str) -> bool:
        """True for an English word or a real place name (lower case)."""
        if lower in self.fast_words:
            return True
        word = lower if lower.isascii() else deaccent(lower)
        group = self._word_groups.get(word[:3])
        return group is not None and f" {word} " in group


_RAPIDFUZZ: tuple | None = None


def _rapidfuzz() -> tuple:
    """rapidfuzz's process, DamerauLevenshtein and Levenshtein, imported on first use."""
    global _RAPIDFUZZ
    if _RAPIDFUZZ is None:
        from rapidfuzz import process
        from rapidfuzz.distance import DamerauLevenshtein, Levenshtein
        _RAPIDFUZZ = (process, DamerauLevenshtein, Levenshtein)
    return _RAPIDFUZZ


def trigger_word(phrase: str, common: frozenset[str] = frozenset()) -> str:
    """A lower-case word token of the phrase, in a document's vocabulary whenever the phrase is in
    its text: the longest of those that are not common words, if any."""
    tokens = _TOKEN.findall(phrase.lower())
    if not tokens:
        return phrase.lower()
    rare = [t for t in tokens if t not in common]
    return max(rare or tokens, key=len)


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded on first use."""
    return Gazetteer(data_dir())
