"""Names and places: the gazetteer, known variants, near misses, names inside full names, lower
case, house spellings and the user's vocabulary; a long clean story for precision."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, TESTS

from copylint import lint_text
from copylint.gazetteer import Gazetteer, data_dir
from copylint.gazetteer import load_gazetteer as gazetteer

NAME_RULES = ("names.", "ap.names", "reuters.names")
STORY = FIXTURES / "names" / "clean-summit-story.txt"
REFERENCE = TESTS.parent.parent / "shared" / "reference" / "scraped-article.txt"


def name_findings(text: str, house: str = "ap", vocab: tuple[Path, ...] = (),
                  ) -> list[tuple[str, str, tuple[str, ...]]]:
    """(rule, flagged text, suggestions) of every name finding, in order."""
    lines = text.split("\n")
    found = []
    for f in lint_text(text, house=house, vocab=vocab):
        if f.rule.startswith(NAME_RULES):
            line = lines[f.line - 1]
            found.append((f.rule, line[f.column - 1:f.end_column - 1], f.suggestions))
    return found


def flagged(text: str, house: str = "ap") -> dict[str, str]:
    """Flagged text -> first suggestion."""
    return {span: (s[0] if s else "") for _, span, s in name_findings(text, house)}


# -- the data -------------------------------------------------------------------------------------

def test_gazetteer_size_and_types() -> None:
    gaz = gazetteer()
    assert len(gaz.entries) >= 1500
    by_type: dict[str, int] = {}
    for entry in gaz.entries:
        by_type[entry.type] = by_type.get(entry.type, 0) + 1
        assert entry.ap and entry.reuters and entry.type in ("person", "place", "organisation")
    assert by_type["person"] >= 500 and by_type["place"] >= 1000 and by_type["organisation"] >= 100


@pytest.mark.parametrize("name", [
    "Volodymyr Zelenskyy", "Recep Tayyip Erdogan", "Narendra Modi", "Mohammed bin Salman",
    "António Guterres", "Mark Rutte", "Kristalina Georgieva", "Tedros Adhanom Ghebreyesus",
    "Kyiv", "Mykolaiv", "Pokrovsk", "Khan Younis", "Belgorod region", "Texas", "Lagos", "Hamas",
    "Hezbollah", "al-Qaida", "NATO", "International Monetary Fund",
])
def test_gazetteer_holds_the_names_of_the_news(name: str) -> None:
    assert any(e.ap == name for e in gazetteer().entries)


def test_house_spellings_in_the_data() -> None:
    entries = {e.ap: e for e in gazetteer().entries}
    assert entries["Volodymyr Zelenskyy"].reuters == "Volodymyr Zelenskiy"
    assert entries["Moammar Gadhafi"].reuters == "Muammar Gaddafi"
    assert entries["al-Qaida"].reuters == "al Qaeda"


def test_ordinary_names_are_derived_from_the_word_lists() -> None:
    ordinary = gazetteer().ordinary
    assert {"chad", "nice", "reading", "jordan", "bath", "cork", "nancy", "turkey"} <= ordinary
    assert not {"kyiv", "odesa", "zelenskyy", "moscow", "netanyahu"} & ordinary


def test_word_lists_know_ordinary_words_and_real_places() -> None:
    gaz = gazetteer()
    for word in ("the", "tramp", "salmon", "pyroclastic", "carey", "zhangzhou", "aachen"):
        assert gaz.is_known_word(word), word
    for word in ("erdogen", "trudue", "modhi", "zelenskky"):
        assert not gaz.is_known_word(word), word


# -- 1. known variants ------------------------------------------------------------------------------

def test_known_variants_get_the_house_spelling() -> None:
    found = flagged("Drones hit Kiev and Nikolaev; Volodomir Zelenskyy visited Kharkov.")
    assert found == {"Kiev": "Kyiv", "Nikolaev": "Mykolaiv", "Volodomir": "Volodymyr",
                     "Kharkov": "Kharkiv"}


def test_known_variants_control() -> None:
    assert flagged("Drones hit Kyiv and Mykolaiv; Volodymyr Zelenskyy visited Kharkiv.") == {}


def test_variants_in_capitals_and_exceptions() -> None:
    assert flagged("KIEV, Ukraine — The talks began.") == {"KIEV": "KYIV"}
    assert flagged("She ordered chicken Kiev in Odessa, Texas, on Friday.") == {}


# -- 2. near misses -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "wrong", "right"), [
    ("Turkish President Recep Erdogen arrived on Monday.", "Erdogen", "Erdogan"),
    ("Canada’s former leader Justin Trudue spoke first.", "Trudue", "Trudeau"),
    ("India’s Narendra Modhi met the delegation.", "Modhi", "Modi"),
    ("Talks with Prime Minister Starmor ended late.", "Starmor", "Starmer"),
    ("Shelling damaged homes in Zaporizzhia overnight.", "Zaporizzhia", "Zaporizhzhia"),
    ("Chancellor Friedrick Merz called for calm.", "Friedrick", "Friedrich"),
    ("Mexico’s Claudia Sheinbaun answered questions.", "Sheinbaun", "Sheinbaum"),
])
def test_near_misses_are_caught_without_being_listed(text: str, wrong: str, right: str) -> None:
    assert flagged(text) == {wrong: right}
    listed = {v.split(">")[0] for e in Gazetteer(data_dir(), use_index=False).entries for v in e.variants}
    assert wrong not in listed


def test_near_miss_controls() -> None:
    text = ("Recep Tayyip Erdogan, Justin Trudeau and Narendra Modi met Keir Starmer. "
            "Iryna Bondar, a teacher from Mykolaiv, said the Whitcomb family had left. "
            "Mauritanian and Kenyan officials met in Nouakchott with John Hersey's publisher.")
    assert flagged(text) == {}


# -- 3. full names -------------------------------------------------------------------------------------

def test_ordinary_words_inside_full_names() -> None:
    found = flagged("Donald Tramp spoke with Joe Bidden; Mohammed bin Salmon listened.")
    assert found == {"Tramp": "Trump", "Bidden": "Biden", "Salmon": "Salman"}
    rules = {rule for rule, _, _ in name_findings("Donald Tramp spoke with Mohammed bin Salmon.")}
    assert rules == {"names.full-name"}


def test_ordinary_words_alone_are_left_alone() -> None:
    text = ("A tramp slept in the doorway, as bidden. Tramp and Salmon are the names of two "
            "boats; the salmon run began; King Salmon is a town in Alaska.")
    assert flagged(text) == {}


# -- 4. lower case ---------------------------------------------------------------------------------------

def test_proper_nouns_in_lower_case() -> None:
    found = flagged("The mayor of kyiv met officials from odesa and an aide to zelenskyy.")
    assert found == {"kyiv": "Kyiv", "odesa": "Odesa", "zelenskyy": "Zelenskyy"}


def test_names_that_are_ordinary_words_are_never_flagged_in_lower_case() -> None:
    text = ("A hanging chad, a nice day, some reading, jordan almonds, a hot bath, a cork, a "
            "nancy of a boy, roast turkey on china plates, a mobile phone and a buffalo.")
    assert flagged(text) == {}


def test_lower_case_control_and_addresses() -> None:
    text = ("KYIV, Ukraine (AP) — Officials in Kyiv and Odesa met Zelenskyy’s envoy; details at "
            "www.kyiv.gov.ua and press@odesa.example.org.")
    assert flagged(text) == {}


# -- 5. house spellings ---------------------------------------------------------------------------------

def test_reuters_spellings_are_wrong_under_ap() -> None:
    found = name_findings("Zelenskiy met envoys; Libya under Gaddafi backed al Qaeda.")
    assert {(r, s, sug[0]) for r, s, sug in found} == {
        ("ap.names", "Zelenskiy", "Zelenskyy"), ("ap.names", "Gaddafi", "Gadhafi"),
        ("ap.names", "al Qaeda", "al-Qaida")}


def test_ap_spellings_are_wrong_under_reuters() -> None:
    found = name_findings("Zelenskyy met envoys; Libya under Gadhafi backed al-Qaida.",
                          house="reuters")
    assert {(r, s, sug[0]) for r, s, sug in found} == {
        ("reuters.names", "Zelenskyy", "Zelenskiy"), ("reuters.names", "Gadhafi", "Gaddafi"),
        ("reuters.names", "al-Qaida", "al Qaeda")}


def test_each_house_spelling_is_clean_under_its_house() -> None:
    assert flagged("Zelenskyy met envoys; Libya under Gadhafi fought al-Qaida.") == {}
    assert flagged("Zelenskiy met envoys; Libya under Gaddafi fought al Qaeda.", house="reuters") == {}


def test_misspellings_of_house_names_get_the_house_form() -> None:
    assert flagged("Volodymyr Zelensky spoke.") == {"Zelensky": "Zelenskyy"}
    assert flagged("Volodymyr Zelensky spoke.", house="reuters") == {"Zelensky": "Zelenskiy"}
    assert flagged("Officials praised Zelenskkyy’s speech.") == {"Zelenskkyy": "Zelenskyy"}


def test_given_names_that_differ_are_checked_with_the_surname() -> None:
    assert flagged("Sergei Lavrov met Sergei Shoigu.") == {"Sergei": "Sergey"}
    assert flagged("Sergey Lavrov met Sergei Shoigu.", house="reuters") == {"Sergey": "Sergei"}


# -- 6. the user's vocabulary -----------------------------------------------------------------------------

def test_user_vocabulary_accepts_and_rejects(tmp_path: Path) -> None:
    text = "Shelling hit Zaporizzhia, Kyyev and Mariupl."
    before = flagged(text)
    assert before == {"Zaporizzhia": "Zaporizhzhia", "Mariupl": "Mariupol"}
    vocab = tmp_path / "desk.txt"
    vocab.write_text("zaporizzhia\n!Mariupl -> Mariupol\n!Kyyev\n# a comment\n", encoding="utf-8")
    found = name_findings(text, vocab=(vocab,))
    assert {(rule, span, s) for rule, span, s in found} == {
        ("names.misspelled", "Kyyev", ("Kyiv",)), ("names.misspelled", "Mariupl", ("Mariupol",))}
    assert flagged(text) == before     # the vocabulary belongs to the call that names it


def test_rule_parameters_accept_and_reject(tmp_path: Path, cli) -> None:
    (tmp_path / "desk.yaml").write_text("""pack: desk
rules:
  - id: local-names
    kind: names
    severity: error
    message: "Not our spelling: “{match}”."
    description: Local spellings.
    suggest: "{right}"
    checks: [vocabulary]
    reject: ["Mariupl -> Mariupol"]
    examples:
      flag: ["Shelling hit [[Mariupl]]."]
      clean: ["Shelling hit Mariupol."]
""", encoding="utf-8")
    assert cli("test-rules", tmp_path).code == 0


# -- the reference article and a long clean story -----------------------------------------------------------

@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference article is not beside the repo")
def test_reference_article_names() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    found = name_findings(text)
    assert ("names.misspelled", "Volodomir", ("Volodymyr",)) in found
    assert ("ap.names", "Zelensky", ("Zelenskyy",)) in found
    assert ("names.capitalization", "kyiv", ("Kyiv",)) in found
    assert len(found) == 3


def test_clean_story_draws_no_name_finding() -> None:
    text = STORY.read_text(encoding="utf-8")
    assert len(text.split()) >= 1500
    names = {e.ap for e in gazetteer().entries
             if re.search(r"(?<!\w)" + re.escape(e.ap) + r"(?!\w)", text)}
    assert len(names) >= 60
    for ordinary in ("Chad", "Cork", "Bath", "Reading", "Jordan", "Nancy", "nice", "turkey", "china"):
        assert ordinary in text
    assert name_findings(text) == []


def test_vocab_files_and_house_through_the_cli(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "s.txt"
    story.write_text("Volodomir Zelenskiy met Joe Bidenn in Kyyiv on Monday.\n", encoding="utf-8")
    vocab = tmp_path / "desk.txt"
    vocab.write_text("# desk names\nVolodomir\n!Kyyiv -> Kyiv\n", encoding="utf-8")
    run = cli("check", "--format", "json", "--vocab", vocab, story)
    found = [(f["column"], f["rule"], f["suggestions"]) for f in run.findings]
    assert found == [(11, "ap.names", ["Zelenskyy"]), (29, "names.near-miss", ["Biden"]),
                     (39, "names.misspelled", ["Kyiv"])]
    reuters = cli("check", "--format", "json", "--house", "reuters", "--vocab", vocab, story)
    assert [f["rule"] for f in reuters.findings] == ["names.near-miss", "names.misspelled"]
    (tmp_path / ".copylint.yaml").write_text("vocab: [desk.txt]\nhouse: reuters\n",
                                             encoding="utf-8")
    assert [f["rule"] for f in cli("check", "--format", "json", story).findings] == [
        "names.near-miss", "names.misspelled"]
    missing = cli("check", "--vocab", tmp_path / "nope.txt", story)
    assert missing.code == 2 and "nope.txt: no such vocabulary file" in missing.err


# -- names beyond the gazetteer ---------------------------------------------------------------------

WORDS_STORY = FIXTURES / "words" / "names-story.txt"


def test_names_story_gets_each_kind_of_slip() -> None:
    text = WORDS_STORY.read_text(encoding="utf-8")
    found = [(f.line, f.column, f.rule, f.suggestions[0]) for f in lint_text(text)
             if f.rule.startswith(NAME_RULES)]
    assert found == [
        (3, 114, "names.two-spellings", "Sinegubov"),
        (7, 19, "names.near-miss", "Scholz"),
        (7, 81, "names.near-miss", "Israel"),
        (9, 1, "names.possessive", "Trump’s"),
        (9, 17, "names.possessive", "Putin’s"),
        (11, 33, "names.capitalization", "Sri Lanka"),
    ]


def test_two_people_with_one_surname_are_never_one_name_spelled_twice() -> None:
    text = ("Sen. Tim Scott and Sen. Rick Scott spoke. Vitali Klitschko and Wladimir Klitschko "
            "met the Klitschkos' allies. Ted Larson met Anders Larsen; Larsen left and Larson "
            "stayed. Anna Petrov met Olga Petrova, and Petrova spoke.")
    assert [f for f in lint_text(text) if f.rule == "names.two-spellings"] == []


def test_the_lone_spelling_is_flagged_where_it_stands() -> None:
    text = ("Coach Maria Kowalczyk praised the team.\n\n“We were ready,” Kowalcyzk said, and "
            "Kowalczyk agreed.")
    found = [(f.line, f.column, f.suggestions) for f in lint_text(text)
             if f.rule == "names.two-spellings"]
    assert found == [(3, 18, ("Kowalczyk",))]


def test_possessives_need_a_noun_and_no_plural_family() -> None:
    assert flagged("Putins forces advanced as Ukraines allies met.") == {
        "Putins": "Putin’s", "Ukraines": "Ukraine’s"}
    assert flagged("The Trumps arrived; both Bidens spoke; Serena Williams said the Obamas’ "
                   "home was near.") == {}
    assert flagged("Trumps of the deck were played, and the Masons met.") == {}


def test_names_of_two_words_in_lower_case() -> None:
    assert flagged("They flew from sri lanka to new zealand for talks with the european union.") \
        == {"sri lanka": "Sri Lanka", "new zealand": "New Zealand",
            "european union": "European Union"}
    assert flagged("She ordered french fries and brussels sprouts on fine china by the west bank "
                   "of the river, in the united states of mind.") == {}


def test_a_misspelled_country_in_a_list_stands_alone() -> None:
    """A capitalized neighbour across a comma is another item of the list, not part of the name."""
    text = "Envoys\nEnvoys from Poland, Ukrane, Venezeula and Chile met in Geneva.\n"
    found = [(f.rule, f.line, f.column, f.suggestions[0])
             for f in lint_text(text, "story.txt") if f.rule.startswith("names.")]
    assert found == [("names.near-miss", 2, 21, "Ukraine"), ("names.near-miss", 2, 29, "Venezuela")]
    assert flagged("Envoys from Poland, Ukraine, Venezuela and Chile met.") == {}


def test_a_long_name_with_its_letters_doubled_wrongly() -> None:
    assert flagged("Storms hit the Carribean and the Gulf coast.") == {"Carribean": "Caribbean"}
    assert flagged("Storms hit the Caribbean and the Gulf coast.") == {}


def test_full_names_of_people_in_lower_case() -> None:
    """One finding for the whole name; a name made only of ordinary words is left alone."""
    text = "Talks\nThe envoy met volodymyr zelenskyy and emmanuel macron in Kyiv.\n"
    found = [(f.rule, f.line, f.column, f.end_column, f.suggestions[0])
             for f in lint_text(text, "story.txt") if f.rule.startswith("names.")]
    assert found == [("names.capitalization", 2, 15, 34, "Volodymyr Zelenskyy"),
                     ("names.capitalization", 2, 39, 54, "Emmanuel Macron")]
    assert flagged("Coaches chase young players, and the bill gates the farm.") == {}


def test_places_whose_lower_case_sense_news_never_uses() -> None:
    # a berlin is a carriage, a boston a card game: in copy they are the cities in lower case
    assert flagged("They flew from boston to berlin, warsaw and bangkok.") == {
        "boston": "Boston", "berlin": "Berlin", "warsaw": "Warsaw", "bangkok": "Bangkok"}
    assert flagged("She bought manila envelopes, brazil nuts and a panama hat.") == {}


def test_a_word_of_a_longer_listed_variant_is_a_near_miss_alone() -> None:
    assert flagged("Olaf Sholz said.") == {"Sholz": "Scholz"}
    assert flagged("German Chancellor Sholz said.") == {"Sholz": "Scholz"}


def test_after_a_title_a_word_before_another_name_is_a_given_name() -> None:
    # Maisa is a letter from the surname Maiga, but a surname ends the name after a title
    assert flagged("Chile's Environment Minister Maisa Rojas spoke.") == {}
    assert flagged("Mali's Prime Minister Maisa said.") == {"Maisa": "Maiga"}


@pytest.mark.parametrize("cutoff", [1, 2, 3])
def test_the_edit_distance_bound_never_hides_a_near_word(cutoff: int) -> None:
    """The cheap bound only answers for pairs further apart than the cutoff: every answer is
    rapidfuzz's distance, or cutoff + 1 where that is more than the cutoff."""
    from rapidfuzz.distance import DamerauLevenshtein

    from copylint.checks.names_text import edit_distance

    words = ["zelenskyy", "zelenskiy", "zelensky", "volodymyr", "volodomir", "kyiv", "kiev",
             "meloni", "georgia", "giorgia", "carribean", "caribbean", "heath", "health",
             "antonio", "antónio", "ab", "ba", "abc", "cab", "obama", "osama", "", "x"]
    for a in words:
        for b in words:
            exact = DamerauLevenshtein.distance(a, b)
            assert edit_distance(a, b, cutoff) == (exact if exact <= cutoff else cutoff + 1), (a, b)
