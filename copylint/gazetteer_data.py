"""The records of the name data (rules/names/) and reading them: entries, fixes, targets, the
stored index. `gazetteer_index.py` derives the indexes; `gazetteer.py` answers questions."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, NamedTuple

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
INDEX_VERSION = 1


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


def trigger_word(phrase: str, common: frozenset[str] = frozenset()) -> str:
    """A lower-case word token of the phrase, in a document's vocabulary whenever the phrase is in
    its text: the longest of those that are not common words, if any."""
    tokens = _TOKEN.findall(phrase.lower())
    if not tokens:
        return phrase.lower()
    rare = [t for t in tokens if t not in common]
    return max(rare or tokens, key=len)


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


class NameIndexes(NamedTuple):
    """The tables derived from the entries (see `gazetteer_index.build_indexes`)."""

    name_words_lower: frozenset[str]
    #: names written in lower case -> as they must be written, keyed by their longest word
    capitalized: dict[str, dict[str, str]]
    #: right word of a person's name -> (entry, position, house) it holds
    person_words: dict[str, list[tuple[int, int, str]]]
    #: near-miss targets by first letter: every name word that may stand alone, and surnames
    targets: dict[str, list[Target]]
    surnames: dict[str, list[Target]]
    #: phrase as written -> its fixes; trigger word (lower case) -> phrases holding it
    fixes: dict[str, list[Fix]]
    triggers: dict[str, list[str]]
    variant_words_lower: frozenset[str]

    def to_json(self, entries: list[Entry], source: str) -> dict[str, Any]:
        """Plain JSON data for index.json (entries without variants and other forms)."""
        def targets(table: dict[str, list[Target]]) -> dict[str, list[list]]:
            return {key: [list(t) for t in items] for key, items in table.items()}

        return {
            "version": INDEX_VERSION,
            "source": source,
            "entries": [[e.type, e.subtype, e.country, e.ap, e.reuters] for e in entries],
            "name_words_lower": sorted(self.name_words_lower),
            "capitalized": self.capitalized,
            "person_words": {w: [list(p) for p in places] for w, places in self.person_words.items()},
            "targets": targets(self.targets),
            "surnames": targets(self.surnames),
            "fixes": {phrase: [list(f) for f in fixes] for phrase, fixes in self.fixes.items()},
            "triggers": self.triggers,
            "variant_words_lower": sorted(self.variant_words_lower),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> tuple[list[Entry], NameIndexes]:
        entries = [Entry(i, row[0], row[1], row[2], row[3], row[4], (), ())
                   for i, row in enumerate(data["entries"])]
        indexes = cls(
            frozenset(data["name_words_lower"]),
            data["capitalized"],
            {w: [tuple(p) for p in places] for w, places in data["person_words"].items()},
            {k: [Target(*t) for t in v] for k, v in data["targets"].items()},
            {k: [Target(*t) for t in v] for k, v in data["surnames"].items()},
            {k: [Fix(*f) for f in v] for k, v in data["fixes"].items()},
            data["triggers"],
            frozenset(data["variant_words_lower"]),
        )
        return entries, indexes


def source_digest(directory: Path) -> str:
    """What the derived index depends on: the gazetteer and the ordinary words."""
    import zlib  # only when the gazetteer is built, not when it comes from the cache

    checksum = 0
    for name in ("gazetteer.tsv", "ordinary-names.txt"):
        checksum = zlib.crc32((directory / name).read_bytes(), checksum)
    return f"{checksum:08x}"


def read_entries(path: Path) -> list[Entry]:
    """gazetteer.tsv: type, subtype, country, ap, reuters, variants, also (one entry a line)."""
    entries: list[Entry] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line or line[0] == "#":
            continue
        kind, subtype, country, ap, reuters, variants, also = line.split("\t")
        entries.append(Entry(len(entries), kind, subtype, country, ap, reuters,
                             tuple(variants.split("|")) if variants else (),
                             tuple(also.split("|")) if also else ()))
    return entries


def read_pairs(path: Path) -> dict[str, list[str]]:
    """A two-column TSV file (`#` comments) as first column -> every second column beside it."""
    table: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line and line[0] != "#":
            key, value = line.split("\t")
            table[key].append(value)
    return dict(table)


def read_ranked(path: Path, limit: int) -> list[str]:
    """The first `limit` lines of a ranked word list."""
    return path.read_text(encoding="utf-8").split("\n", limit)[:limit]
