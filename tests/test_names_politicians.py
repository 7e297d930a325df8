"""The former leaders and other politicians of tools/gazetteer/former_leaders.yaml and
politicians.yaml: the data, the builder's part, and two stories of our own, one with their names
misspelled (wrong variants and near misses) and one with them right beside words and other names
that look like them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, TESTS

from copylint.gazetteer import Gazetteer, data_dir
from copylint.gazetteer import load_gazetteer as gazetteer

sys.path.insert(0, str(TESTS.parent / "tools" / "gazetteer"))
import more_people  # tools/gazetteer/more_people.py, on the path just above
from test_names_people import findings  # (rule, line, column, flagged text, suggestion)

MISSPELLED = FIXTURES / "names" / "politicians-misspelled.txt"
CLEAN = FIXTURES / "names" / "politicians-clean.txt"


def entries() -> dict[str, object]:
    return {e.ap: e for e in gazetteer().entries}


@pytest.mark.parametrize(("name", "subtype", "country"), [
    ("Mahinda Rajapaksa", "former-leader", "LK"),
    ("Tony Blair", "former-leader", "GB"),
    ("Mahmoud Ahmadinejad", "former-leader", "IR"),
    ("Moon Jae-in", "former-leader", "KR"),
    ("Dilma Rousseff", "former-leader", "BR"),
    ("Sajith Premadasa", "politician", "LK"),
    ("Jean-Luc Mélenchon", "politician", "FR"),
    ("Pierre Poilievre", "politician", "CA"),
    ("Atiku Abubakar", "politician", "NG"),
    ("Yuriko Koike", "politician", "JP"),
])
def test_each_file_adds_its_people(name: str, subtype: str, country: str) -> None:
    entry = entries()[name]
    assert entry.type == "person"
    assert subtype in entry.subtype.split(",")
    assert entry.country == country


def test_a_person_in_people_yaml_too_is_one_entry_with_both_subtypes() -> None:
    found = entries()
    assert set(found["Geert Wilders"].subtype.split(",")) == {"group-leader", "politician"}
    assert set(found["Hussein al-Sheikh"].subtype.split(",")) == {"leader", "politician"}
    assert sum(1 for e in gazetteer().entries if e.ap == "Geert Wilders") == 1


def test_variants_and_other_right_forms() -> None:
    full = {e.ap: e for e in Gazetteer(data_dir(), use_index=False).entries}
    assert "Rajapakse>Rajapaksa" in full["Mahinda Rajapaksa"].variants
    assert "Netanyahou>Netanyahu" in full["Benjamin Netanyahu"].variants
    assert "Gerhard Schröder" in full["Gerhard Schroeder"].also
    assert "Avigdor Liberman" in full["Avigdor Lieberman"].also


@pytest.mark.parametrize("name", ["Gordon Brown", "John Major", "Stephen Harper"])
def test_people_the_possessive_check_would_misread_are_left_out(name: str) -> None:
    assert name not in entries()          # browns, majors, harpers


def test_spellings_for_a_name_listed_nowhere_stop_the_build(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "politicians.yaml").write_text(
        "politicians:\n  FR: [Anne Hidalgo]\nspellings:\n  Anne Hidalga:\n    variants: [Hidalgo]\n",
        encoding="utf-8")
    monkeypatch.setattr(more_people, "HERE", tmp_path)
    added: list[tuple[str, str, dict]] = []
    with pytest.raises(SystemExit, match="Anne Hidalga"):
        more_people.add_politicians(lambda *args: added.append(args))
    assert added == [("politician", "FR", {"ap": "Anne Hidalgo"})]


def test_misspelled_former_leaders_and_politicians() -> None:
    assert findings(MISSPELLED.read_text(encoding="utf-8")) == [
        ("names.misspelled", 1, 52, "Rajapakse", "Rajapaksa"),
        ("names.misspelled", 1, 80, "Rajapakse", "Rajapaksa"),
        ("names.misspelled", 1, 117, "Wickramasinghe", "Wickremesinghe"),
        ("names.misspelled", 2, 37, "Ahmedinejad", "Ahmadinejad"),
        ("names.near-miss", 2, 67, "Rouhanni", "Rouhani"),
        ("names.misspelled", 2, 115, "Netanyahou", "Netanyahu"),
        ("names.near-miss", 2, 138, "Benett", "Bennett"),
        ("names.misspelled", 3, 32, "Bolsanaro", "Bolsonaro"),
        ("names.misspelled", 3, 67, "Roussef", "Rousseff"),
        ("names.near-miss", 3, 105, "Macrie", "Macri"),
        ("names.misspelled", 4, 36, "Corbin", "Corbyn"),
        ("names.near-miss", 4, 59, "Milliband", "Miliband"),
        ("names.misspelled", 4, 109, "Musharaf", "Musharraf"),
        ("names.misspelled", 5, 31, "Buttigeig", "Buttigieg"),
        ("names.misspelled", 5, 72, "Guiliani", "Giuliani"),
        ("names.misspelled", 5, 118, "Mohammad", "Mohamad"),
    ]


@pytest.mark.parametrize("house", ["ap", "reuters"])
def test_right_names_and_words_that_look_like_them_stay_clean(house: str) -> None:
    """The Rajapaksa brothers, former leaders beside current ones, a given name beside a common
    surname (Harjeet Singh), carte blanche, the Browns, the key, gore."""
    assert findings(CLEAN.read_text(encoding="utf-8"), house) == []
