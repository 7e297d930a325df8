"""Shared by the tests of fixture stories: findings of chosen rules as (line, column, rule, the
text flagged, the first suggestion), and the same story checked in both layouts."""

from __future__ import annotations

from copylint import lint_text

Found = tuple[int, int, str, str, "str | None"]


def rule_findings(text: str, rules: tuple[str, ...]) -> list[Found]:
    """The findings of `rules` in `text`, each with the words it flags."""
    lines = text.split("\n")
    return [(f.line, f.column, f.rule, lines[f.line - 1][f.column - 1:f.end_column - 1],
             f.suggestions[0] if f.suggestions else None)
            for f in lint_text(text, select=rules)]


def assert_in_both_layouts(story: str, rules: tuple[str, ...], expected: list[Found]) -> None:
    """`story` is laid out one paragraph a line; with a blank line between paragraphs every
    finding moves to line 2 * line - 1 and nothing else changes."""
    assert rule_findings(story, rules) == expected
    blank = story.replace("\n", "\n\n")
    assert rule_findings(blank, rules) == [(2 * line - 1, *rest) for line, *rest in expected]
