"""The spelling pack: misspelled ordinary words with their one clear correction, then/than,
lose/loose, its/it's; what stays clean; the user's vocabulary; one run's answers kept apart from
another's."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from copylint import lint_text
from copylint.spelling import SpellingQueries, load_spelling

STORY = FIXTURES / "words" / "spelling-story.txt"


def spelling(text: str, vocab: tuple[Path, ...] = ()) -> list[tuple[int, int, str, str]]:
    """(line, column, rule, suggestion) of every spelling finding."""
    return [(f.line, f.column, f.rule, f.suggestions[0] if f.suggestions else "")
            for f in lint_text(text, select=("spelling",), vocab=vocab)]


def test_the_story_gets_exactly_its_slips() -> None:
    assert spelling(STORY.read_text(encoding="utf-8")) == [
        (3, 44, "spelling.misspelled", "government"),
        (3, 127, "spelling.misspelled", "accusing"),
        (5, 5, "spelling.misspelled", "committee"),
        (5, 61, "spelling.misspelled", "million"),
        (5, 111, "spelling.then-than", "than"),
        (7, 11, "spelling.lose-loose", "lose"),
        (9, 1, "spelling.its-it-s", "It’s"),
        (9, 58, "spelling.its-it-s", "its"),
        (9, 90, "spelling.then-than", "than"),
    ]


@pytest.mark.parametrize(("wrong", "right"), [
    ("goverment", "government"), ("accussing", "accusing"), ("comittee", "committee"),
    ("milion", "million"), ("tommorow", "tomorrow"), ("recieve", "receive"),
    ("presidnet", "president"), ("harrassment", "harassment"), ("saftey", "safety"),
])
def test_clear_corrections(wrong: str, right: str) -> None:
    assert spelling(f"Officials said the {wrong} was discussed on Monday.") == [
        (1, 20, "spelling.misspelled", right)]


@pytest.mark.parametrize("text", [
    "The Goverment Accountability Office and Sinegubov, its chief, met.",   # capitalized: names
    "See www.goverment-example.org, mail info@accussing.example, follow @comittee and #milion.",
    "The covid livestream of the ceasefire talks was reelected and tweeted.",  # known, derived
    "He said “la décision est définitive” and “le goverment a tort” at the rally.",  # French
    "The sys.stdout stream and the kwargs of f(milion) are documented.",         # code
    "A goverment, the goverment and its goverment: a term repeated, not a slip.",
    "They couldn’t say; it wasn't clear and they didn't know.",                # contractions
    "A smaller-than-expected, well-known, state-run firm in Côte d’Ivoire.",   # compounds
    "The eyewall of the storm; haute couture; prima facie evidence.",
])
def test_what_stays_clean(text: str) -> None:
    assert spelling(text) == []


def test_words_of_the_users_vocabulary_are_accepted(tmp_path: Path) -> None:
    text = "The militia signed a ceasfire with the army."
    vocab = tmp_path / "desk.txt"
    vocab.write_text("# words our desk writes\nCeasfire\n", encoding="utf-8")
    assert spelling(text) == [(1, 22, "spelling.misspelled", "ceasefire")]
    assert spelling(text, vocab=(vocab,)) == []
    assert spelling(text) == [(1, 22, "spelling.misspelled", "ceasefire")]   # that call only


def test_the_dictionary_leaves_out_what_wordfreq_has_seen_misspelled() -> None:
    queries = SpellingQueries(load_spelling())
    for word in ("government", "accusing", "livestream", "covid", "pyroclastic", "kyiv",
                 "reelect", "livestreams", "groundwave"):
        assert queries.is_known(word), word
    for word in ("goverment", "recieve", "isreal", "milion", "occured", "truely"):
        assert not queries.is_known(word), word


def test_no_correction_when_two_words_are_as_near_and_as_likely() -> None:
    queries = SpellingQueries(load_spelling())
    assert queries.correction("wich") is None       # with, which, wish, witch
    assert queries.correction("buring") is None     # burning, during, buying


def test_runs_keep_their_answers_apart() -> None:
    data = load_spelling()
    first, second = SpellingQueries(data), SpellingQueries(data)
    first.settled.add("ceasfire")
    assert "ceasfire" not in second.settled
    assert second.correction("ceasfire") == "ceasefire"


def test_the_frequent_words_left_are_those_not_settled_since_the_first_question() -> None:
    queries = SpellingQueries(load_spelling())
    queries.settled.add("alpha")
    frequent = frozenset({"alpha", "beta", "gamma", "delta"})
    story = frozenset({"alpha", "beta", "gamma", "other"})
    assert queries.unsettled_frequent(story, frequent) == {"beta", "gamma"}
    queries.settled.update({"beta", "delta"})
    assert queries.unsettled_frequent(story, frequent) == {"gamma"}
    assert queries.unsettled_frequent(story | {"delta"}, frequent) == {"gamma"}
    queries.settled.add("gamma")
    assert queries.unsettled_frequent(story, frequent) == frozenset()


def test_a_slip_at_the_start_of_a_sentence() -> None:
    text = ("“Lives are not replaceable. Saftey has to come first,” he said. Lorne Michaels "
            "spoke. Carey said. Sinegubav said. Polsl open at 7 a.m.")
    assert spelling(text) == [(1, 29, "spelling.misspelled", "Safety"),
                              (1, 115, "spelling.misspelled", "Polls")]


def test_two_letters_swapped_beat_a_letter_dropped() -> None:
    assert spelling("Voters went to the polsl on Sunday.") == [
        (1, 20, "spelling.misspelled", "polls")]


def test_pronunciation_guides_stay_clean() -> None:
    assert spelling("Dzhokhar Tsarnaev (joh-HAHR’ tsahr-NEYE’-ehv) was convicted.") == []
