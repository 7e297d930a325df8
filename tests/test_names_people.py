"""The people added from the sources of tools/gazetteer/more_people.py (members of Congress,
governors, sports figures, chief executives): the data, the builder's parts, and two stories, one
with their names misspelled and one with them right beside ordinary words that look like them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, TESTS

from copylint import lint_text
from copylint.gazetteer import Gazetteer, data_dir
from copylint.gazetteer import load_gazetteer as gazetteer

sys.path.insert(0, str(TESTS.parent / "tools" / "gazetteer"))
import more_people  # tools/gazetteer/more_people.py, on the path just above

MISSPELLED = FIXTURES / "names" / "people-misspelled.txt"
CLEAN = FIXTURES / "names" / "people-clean.txt"


def entries() -> dict[str, object]:
    return {e.ap: e for e in gazetteer().entries}


# -- the data -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "subtype", "country"), [
    ("Amy Klobuchar", "legislator", "US"),
    ("Dick Durbin", "legislator", "US"),        # the name the news uses, not Richard J. Durbin
    ("Jim Risch", "legislator", "US"),
    ("Gretchen Whitmer", "governor", "US"),
    ("Abigail Spanberger", "governor", "US"),
    ("Novak Djokovic", "athlete", "RS"),
    ("Caitlin Clark", "athlete", "US"),
    ("Victor Wembanyama", "athlete", ""),       # from the nba_api rosters
    ("Satya Nadella", "executive", "US"),
    ("Lee Jae-yong", "executive", "KR"),
])
def test_each_source_adds_its_people(name: str, subtype: str, country: str) -> None:
    entry = entries()[name]
    assert entry.type == "person"
    assert subtype in entry.subtype.split(",")
    assert entry.country == country


def test_a_person_of_two_sources_is_one_entry_with_both_subtypes() -> None:
    found = entries()
    assert set(found["Gavin Newsom"].subtype.split(",")) == {"figure", "governor"}
    assert set(found["Chuck Schumer"].subtype.split(",")) == {"figure", "legislator"}
    assert sum(1 for e in gazetteer().entries if e.ap == "Chuck Schumer") == 1


def test_house_and_other_right_forms() -> None:
    assert entries()["Lee Jae-yong"].reuters == "Jay Y. Lee"
    full = {e.ap: e for e in Gazetteer(data_dir(), use_index=False).entries}
    assert "Charles Schumer" in full["Chuck Schumer"].also
    assert "J.B. Pritzker" in full["JB Pritzker"].also
    assert "Shumer>Schumer" in full["Chuck Schumer"].variants
    assert "Novak Djoković" in full["Novak Djokovic"].also


@pytest.mark.parametrize("name", ["Chris Sale", "Gary Player", "Jim Justice", "Tim Cook",
                                  "Derek Tran", "Adem Bona"])
def test_people_the_name_checks_would_misread_are_left_out(name: str) -> None:
    assert name not in entries()


def test_the_shipped_copy_of_congress() -> None:
    rows = more_people.read_legislators()
    assert len(rows) == 537
    assert sum(1 for r in rows if r["type"] == "sen") == 100
    assert {r["state"] for r in rows} >= {"CA", "TX", "NY", "PR", "DC"}


# -- the builder's parts --------------------------------------------------------------------------

def row(first: str, last: str, full: str, wikipedia: str, nickname: str = "") -> dict[str, str]:
    return {"first_name": first, "last_name": last, "nickname": nickname, "full_name": full,
            "wikipedia_id": wikipedia}


@pytest.mark.parametrize(("fields", "ap", "also"), [
    (row("Charles", "Schumer", "Charles E. Schumer", "Chuck Schumer", "Chuck"),
     "Chuck Schumer", ["Charles Schumer"]),
    (row("John", "Reed", "Jack Reed", "Jack Reed (Rhode Island politician)", "Jack"),
     "Jack Reed", ["John Reed"]),
    (row("George", "Whitesides", "George Whitesides", "George T. Whitesides"),
     "George Whitesides", []),
    (row("James (Jim)", "Moylan", "James C. Moylan", "James Moylan"),
     "James Moylan", ["Jim Moylan"]),
    (row("J.", "Hill", "J. French Hill", "French Hill (politician)"),
     "French Hill", []),
    (row("Shelley", "Capito", "Shelley Moore Capito", "Shelley Moore Capito"),
     "Shelley Moore Capito", ["Shelley Capito"]),
    (row("Bonnie", "Watson Coleman", "Bonnie Watson Coleman", ""),
     "Bonnie Watson Coleman", []),
])
def test_legislators_are_named_as_the_news_names_them(fields: dict[str, str], ap: str,
                                                      also: list[str]) -> None:
    assert more_people.legislator_spec(fields) == {"ap": ap, "also": also}


def test_a_damaged_copy_of_congress_stops_the_build(tmp_path: Path) -> None:
    header = "\t".join(more_people.LEGISLATOR_COLUMNS)
    good = "S000148\tsen\tNY\t\tDemocrat\tSchumer\tCharles\tE.\t\tChuck\tCharles E. Schumer\tChuck Schumer"
    short = tmp_path / "short.tsv"
    short.write_text(f"# a comment\n{header}\n{good}\nS000149\tsen\tNY\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"short\.tsv:3: a row of 12 columns"):
        more_people.read_legislators(short)
    twice = tmp_path / "twice.tsv"
    twice.write_text(f"{header}\n{good}\n{good}\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"twice\.tsv:3: S000148 listed twice"):
        more_people.read_legislators(twice)
    renamed = tmp_path / "renamed.tsv"
    renamed.write_text(header.replace("nickname", "nick") + f"\n{good}\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="expected the columns"):
        more_people.read_legislators(renamed)


def test_the_plural_the_possessive_check_would_misread() -> None:
    words = {"days", "players", "cooks"}.__contains__
    assert more_people.possessive_plural("Ryan Day", words) is None        # Day: three letters
    assert more_people.possessive_plural("Gary Player", words) == "players"
    assert more_people.possessive_plural("Tim Cook", words) == "cooks"
    assert more_people.possessive_plural("Jabari Smith Jr.", words) is None   # as the check reads
    assert more_people.possessive_plural("Jalen Brunson", words) is None
    assert more_people.possessive_plural("Sam Burns", words) is None       # ends in s already


# -- stories --------------------------------------------------------------------------------------

def findings(text: str, house: str = "ap") -> list[tuple[str, int, int, str, str]]:
    """(rule, line, column, flagged text, first suggestion) of every finding, in order."""
    lines = text.split("\n")
    return [(f.rule, f.line, f.column, lines[f.line - 1][f.column - 1:f.end_column - 1],
             f.suggestions[0] if f.suggestions else "")
            for f in lint_text(text, house=house)]


def test_misspelled_legislators_governors_athletes_and_executives() -> None:
    assert findings(MISSPELLED.read_text(encoding="utf-8")) == [
        ("names.misspelled", 1, 68, "Shumer", "Schumer"),
        ("names.near-miss", 1, 102, "Klobucher", "Klobuchar"),
        ("names.misspelled", 2, 12, "Newsome", "Newsom"),
        ("names.near-miss", 2, 49, "Hochel", "Hochul"),
        ("names.misspelled", 3, 6, "Alexandria Ocasio Cortez", "Alexandria Ocasio-Cortez"),
        ("names.near-miss", 3, 45, "Murkowksi", "Murkowski"),
        ("names.misspelled", 4, 26, "Zuckerburg", "Zuckerberg"),
        ("names.near-miss", 4, 48, "Haung", "Huang"),
        ("names.near-miss", 4, 98, "Nadela", "Nadella"),
        ("names.misspelled", 5, 8, "Buffet", "Buffett"),
        ("names.misspelled", 6, 17, "Djokovich", "Djokovic"),
        ("names.near-miss", 6, 39, "Alcarez", "Alcaraz"),
        ("names.misspelled", 6, 90, "Mahommes", "Mahomes"),
        ("names.misspelled", 6, 138, "Kelsey", "Kelce"),
        ("names.near-miss", 7, 9, "Antetokoumpo", "Antetokounmpo"),
        ("names.near-miss", 7, 50, "Wembenyama", "Wembanyama"),
        ("names.misspelled", 7, 94, "Otani", "Ohtani"),
        ("names.capitalization", 8, 14, "wembanyama", "Wembanyama"),
    ]


@pytest.mark.parametrize("house", ["ap", "reuters"])
def test_right_names_and_words_that_look_like_them_stay_clean(house: str) -> None:
    """Two senators named Scott, Larsen and Larson, Lee and Li, plurals of words that are
    surnames (days, players, justices, kings, hills: their people are left out), bona fide."""
    assert findings(CLEAN.read_text(encoding="utf-8"), house) == []


def test_the_two_houses_spell_a_chairman_differently() -> None:
    text = "Samsung Electronics Chairman Jay Y. Lee met the board; Lee Jae-yong spoke later."
    assert findings(text, "ap") == [("ap.names", 1, 30, "Jay Y. Lee", "Lee Jae-yong")]
    assert findings(text, "reuters") == [("reuters.names", 1, 56, "Lee Jae-yong", "Jay Y. Lee")]
