"""Spun and mistranslated phrases: fixed collocations with a word swapped for a WordNet synonym."""

from __future__ import annotations

from conftest import FIXTURES, REPO

from copylint import lint_text
from copylint.checks.collocations import load_variants

STORY = FIXTURES / "words" / "spun-story.txt"


def spun(text: str) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, text.split("\n")[f.line - 1][f.column - 1:f.end_column - 1],
             f.suggestions[0]) for f in lint_text(text, select=("spun",))]


def test_the_story_gets_its_spun_phrases() -> None:
    assert spun(STORY.read_text(encoding="utf-8")) == [
        (3, 23, "White Home", "White House"),
        (3, 85, "synthetic intelligence", "artificial intelligence"),
        (3, 124, "Supreme Courtroom", "Supreme Court"),
        (5, 18, "tidings conference", "news conference"),
        (5, 40, "wellness care", "health care"),
    ]


def test_capitals_decide_for_names() -> None:
    assert spun("Reporters waited outside the White Home on Friday.") == [
        (1, 30, "White Home", "White House")]
    assert spun("She grew up in a white home near the river.") == []
    assert spun("White Home Decor Opens Store On Main Street") == []      # a title-case line
    assert spun("Wellness care is a growing market.") == [(1, 1, "Wellness care", "Health care")]


def test_real_phrases_are_not_in_the_table() -> None:
    table = load_variants()
    assert table.variants["white home"].collocation == "White House"
    for phrase in ("interim administration", "heavy rainfall", "labour market", "chief judge",
                   "health care", "white house"):
        assert phrase not in table.variants, phrase
    real = (REPO / "tools" / "collocations" / "real-phrases.txt").read_text(encoding="utf-8")
    listed = [line for line in real.splitlines() if line and not line.startswith("#")]
    assert len(listed) > 50 and not set(listed) & set(table.variants)


def test_a_long_document_is_read_once_with_the_same_findings() -> None:
    story = STORY.read_text(encoding="utf-8")
    long = "\n\n".join([story] * 400)           # past the limit for one search per candidate
    found = lint_text(long, select=("spun",))
    assert len(found) == 5 * 400
    assert {f.column for f in found} == {23, 85, 124, 18, 40}
