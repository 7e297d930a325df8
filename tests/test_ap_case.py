"""ap.lowercase-alone on a government release laid out one paragraph a line: titles and common
nouns capitalized alone are found; names, titles before names, quotations and the headline are
left alone."""

from __future__ import annotations

from conftest import FIXTURES

from copylint import lint_text

STORY = FIXTURES / "house" / "government-release.txt"


def test_titles_and_common_nouns_capitalized_alone() -> None:
    text = STORY.read_text(encoding="utf-8")
    found = [(f.line, f.column, f.suggestions[0]) for f in lint_text(text, path=str(STORY))
             if f.rule == "ap.lowercase-alone"]
    assert found == [
        (2, 94, "government"),
        (2, 146, "states"),
        (3, 24, "minister"),
        (3, 42, "police"),
        (3, 138, "hurricane"),
        (4, 5, "president"),
    ]
