"""The people of the news beyond people.yaml: former leaders, other politicians, members of
Congress, governors, sports figures and chief executives of the largest companies, each from a
source named in rules/names/README.md.

    former_leaders.yaml              former heads of state and government, by hand
    politicians.yaml                 opposition and party leaders, speakers, mayors, ministers,
                                     by hand
    sources/legislators-current.tsv  members of Congress: columns of legislators-current.csv of
                                     the unitedstates/congress-legislators project (CC0)
    legislators.yaml                 their known wrong variants, by hand
    governors.yaml                   governors, by hand
    nba_api (package, MIT)           NBA and WNBA players on current rosters
    athletes.yaml                    other sports figures, by hand
    executives.yaml                  chief executives, by hand, with their companies

`build.py` calls `add_more_people`; `Gazetteer.add` merges a person already listed elsewhere (a
governor in people.yaml) into one entry with both subtypes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LEGISLATORS = HERE / "sources" / "legislators-current.tsv"
LEGISLATOR_COLUMNS = ["bioguide_id", "type", "state", "district", "party", "last_name",
                      "first_name", "middle_name", "suffix", "nickname", "full_name",
                      "wikipedia_id"]
_INITIAL = re.compile(r"[A-Z]\.")
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")        # "Jack Reed (Rhode Island politician)"
_PARENTHESIZED = re.compile(r"^(\S+) \((\S+)\)$")   # "James (Jim)"

#: the subtypes of the people this module adds
MORE_PEOPLE_SUBTYPES = ("former-leader", "politician", "legislator", "governor", "athlete",
                        "executive")
#: adds one person: subtype, country, spec ({"ap", "reuters", "variants", "also"})
AddPerson = Callable[[str, str, dict], object]


def load(name: str) -> dict:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def with_spellings(name: str, spellings: dict) -> dict:
    return {"ap": name, **(spellings.get(name) or {})}


def check_spellings(source: str, spellings: dict, listed: set[str]) -> None:
    missing = sorted(set(spellings) - listed)
    if missing:
        raise SystemExit(f"{source}: spellings for names listed nowhere: {missing}")


# -- former leaders and other politicians, by country -------------------------------------------

def add_by_country(add: AddPerson, source: str, section: str, subtype: str) -> None:
    """The names of one section of `source`, listed by ISO country code, with its spellings."""
    data = load(source)
    spellings = data.get("spellings") or {}
    listed: set[str] = set()
    for country, names in data[section].items():
        for name in names:
            add(subtype, str(country), with_spellings(name, spellings))
            listed.add(name)
    check_spellings(source, spellings, listed)


def add_former_leaders(add: AddPerson) -> None:
    add_by_country(add, "former_leaders.yaml", "leaders", "former-leader")


def add_politicians(add: AddPerson) -> None:
    add_by_country(add, "politicians.yaml", "politicians", "politician")


# -- Congress -----------------------------------------------------------------------------------

def read_legislators(path: Path = LEGISLATORS) -> list[dict[str, str]]:
    """The rows of the local copy, checked: every column present, every member once."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or list(rows[0]) != LEGISLATOR_COLUMNS:
        raise SystemExit(f"{path}: expected the columns {LEGISLATOR_COLUMNS}")
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        if None in row.values() or None in row or not row["last_name"] or not row["first_name"]:
            raise SystemExit(f"{path}:{number}: a row of {len(LEGISLATOR_COLUMNS)} columns "
                             "with a first and a last name")
        if row["bioguide_id"] in seen:
            raise SystemExit(f"{path}:{number}: {row['bioguide_id']} listed twice")
        seen.add(row["bioguide_id"])
    return rows


def legislator_spec(row: dict[str, str]) -> dict:
    """The name as the news writes it (the project's Wikipedia title, without its qualifier or a
    middle initial: Jim Risch, Dick Durbin), and the other right forms: the official full name
    and the given name (or nickname) with the surname."""
    first, last = row["first_name"], row["last_name"]
    nickname = row["nickname"]
    parenthesized = _PARENTHESIZED.match(first)      # "James (Jim)": the nickname in brackets
    if parenthesized:
        first, nickname = parenthesized.group(1), nickname or parenthesized.group(2)
    common = f"{nickname or first} {last}"
    title = _QUALIFIER.sub("", row["wikipedia_id"]).strip()
    words = title.split()
    title = " ".join(w for i, w in enumerate(words) if i == 0 or not _INITIAL.fullmatch(w))
    ap = title if len(words) >= 2 else common
    also = {common, f"{first} {last}"}
    full = row["full_name"]
    if not any(c in full for c in '.",') and not _INITIAL.search(full):
        also.add(full)
    if _INITIAL.fullmatch(first):                     # J. French Hill: known by the middle name
        also.discard(f"{first} {last}")
    return {"ap": ap, "also": sorted(also - {ap})}


def add_legislators(add: AddPerson) -> None:
    spellings = load("legislators.yaml").get("spellings") or {}
    listed = set()
    for row in read_legislators():
        spec = legislator_spec(row)
        add("legislator", "US", {**spec, **(spellings.get(spec["ap"]) or {})})
        listed.add(spec["ap"])
    check_spellings("legislators.yaml", spellings, listed)


# -- governors ----------------------------------------------------------------------------------

def add_governors(add: AddPerson) -> None:
    data = load("governors.yaml")
    spellings = data.get("spellings") or {}
    names = list(data["current"].values()) + list(data["former"])
    for name in names:
        add("governor", "US", with_spellings(name, spellings))
    check_spellings("governors.yaml", spellings, set(names))


# -- sports -------------------------------------------------------------------------------------

def nba_players() -> Iterator[str]:
    """Players on current NBA and WNBA rosters, as nba_api lists them (Ernest Udeh, Jr. written
    Ernest Udeh Jr.)."""
    from nba_api.stats.library import data

    active, full = data.player_index_is_active, data.player_index_full_name
    for player in (*data.players, *data.wnba_players):
        if player[active]:
            yield re.sub(r",\s+(?=(?:Jr|Sr)\.?$|[IVX]+$)", " ", player[full].strip())


def add_athletes(add: AddPerson) -> None:
    data = load("athletes.yaml")
    spellings = data.pop("spellings", None) or {}
    excluded = set(data.pop("not_added", None) or [])
    listed: set[str] = set()
    for by_country in data.values():
        for country, names in by_country.items():
            for name in names:
                add("athlete", str(country), with_spellings(name, spellings))
                listed.add(name)
    check_spellings("athletes.yaml", spellings, listed)
    players = set(nba_players())
    unknown = sorted(excluded - players)
    if unknown:
        raise SystemExit(f"athletes.yaml: not_added names nba_api does not list: {unknown}")
    for name in sorted(players - listed - excluded):
        add("athlete", "", {"ap": name})


# -- business -----------------------------------------------------------------------------------

def add_executives(add: AddPerson) -> None:
    data = load("executives.yaml")
    spellings = data.get("spellings") or {}
    listed: set[str] = set()
    for section in ("current", "former"):
        for name, _company, country in data[section]:
            add("executive", str(country), with_spellings(name, spellings))
            listed.add(name)
    check_spellings("executives.yaml", spellings, listed)


def possessive_plural(name: str, ordinary: Callable[[str], bool]) -> str | None:
    """The everyday word the name-possessive check would take for this person's stripped
    possessive (Ryan Day: days, Gary Player: players, Jim Justice: justices), if any: the last
    word of the name, as that check reads it, with an s."""
    head = name.split()[-1]
    if len(head) < 4 or not head.isalpha() or not head[0].isupper() or head.endswith("s"):
        return None
    plural = head.lower() + "s"
    return plural if ordinary(plural) else None


def add_more_people(add: AddPerson, ordinary: Callable[[str], bool]) -> tuple[dict[str, int],
                                                                             dict[str, str]]:
    """Every source above, through `add`; the number of people added by subtype, and the people
    left out because `ordinary` (an everyday word in lower case) holds for the plural of their
    surname, with that plural."""
    added: dict[str, set[str]] = {subtype: set() for subtype in MORE_PEOPLE_SUBTYPES}
    left_out: dict[str, str] = {}

    def add_unless_plural_is_a_word(subtype: str, country: str, spec: dict) -> None:
        plural = possessive_plural(spec["ap"], ordinary)
        if plural:
            left_out[spec["ap"]] = plural
        else:
            add(subtype, country, spec)
            added[subtype].add(spec["ap"])

    add_former_leaders(add_unless_plural_is_a_word)
    add_politicians(add_unless_plural_is_a_word)
    add_legislators(add_unless_plural_is_a_word)
    add_governors(add_unless_plural_is_a_word)
    add_athletes(add_unless_plural_is_a_word)
    add_executives(add_unless_plural_is_a_word)
    return {subtype: len(names) for subtype, names in added.items()}, left_out
