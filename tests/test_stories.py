"""Whole stories through the CLI: a broken story with every defect class, exact positions;
the clean corpus stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, TESTS

BROKEN = FIXTURES / "broken-story.txt"
REFERENCE = TESTS.parent.parent / "shared" / "reference" / "scraped-article.txt"

EXPECTED_BROKEN = [
    (1, 1, "scrape.breadcrumb"),
    (2, 65, "garble.truncated-headline"),
    (4, 1, "scrape.counter"),
    (5, 1, "scrape.counter"),
    (7, 23, "ap.us"),
    (7, 111, "consistency.spelling"),
    (9, 72, "garble.self-reference"),
    (11, 25, "ap.month-with-date"),
    (11, 46, "ap.relative-day"),
    (11, 55, "punctuation.stacked"),
    (13, 49, "garble.lowercase-restart"),
    (13, 78, "garble.doubled-word"),
    (13, 112, "names.misspelled"),
    (13, 147, "names.capitalization"),
    (15, 43, "garble.lowercase-restart"),
    (15, 58, "garble.lowercase-restart"),
    (17, 41, "quotes.unbalanced"),
    (19, 38, "punctuation.quote-stack"),  # one defect, one finding: not quotes.unbalanced too
    (21, 1, "scrape.comment-form"),
    (23, 1, "scrape.comment-form"),
]


def test_broken_story_findings_exact(cli) -> None:
    run = cli("check", "--format", "json", BROKEN)
    assert run.code == 1
    assert run.triples() == EXPECTED_BROKEN


def test_broken_story_spans_and_suggestions(cli) -> None:
    findings = {(f["line"], f["rule"]): f for f in cli("check", "--format", "json", BROKEN).findings}
    name = findings[(13, "names.misspelled")]
    assert (name["column"], name["end_column"], name["suggestions"]) == (112, 121, ["Volodymyr"])
    capital = findings[(13, "names.capitalization")]
    assert capital["suggestions"] == ["Kyiv"] and capital["end_column"] == 151
    stacked = findings[(11, "punctuation.stacked")]
    assert (stacked["column"], stacked["end_column"]) == (55, 58)
    month = findings[(11, "ap.month-with-date")]
    assert month["suggestions"] == ["Dec."]
    spelling = findings[(7, "consistency.spelling")]
    assert spelling["suggestions"] == ["email"]


def test_broken_story_text_format(cli) -> None:
    run = cli("check", BROKEN)
    first = run.out.splitlines()[0]
    assert first == (f"{BROKEN}:1:1: error scrape.breadcrumb "
                     "Navigation breadcrumb, not copy: “World » Europe » Storm damage”. "
                     "(unsafe fix: delete this line)")
    assert "20 findings (16 errors, 4 warnings) in 1 of 1 file checked" in run.err


def _clean_stories() -> list[Path]:
    return sorted((TESTS / "corpus" / "clean").glob("*.txt"))


def test_clean_corpus_is_large_enough() -> None:
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in _clean_stories())
    assert words >= 3000


def test_clean_corpus_draws_at_most_one_finding(cli) -> None:
    run = cli("check", "--format", "json", *_clean_stories())
    assert len(run.findings) <= 1, run.findings


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference article is not beside the repo")
def test_reference_article_lines(cli) -> None:
    lines = {f["line"] for f in cli("check", "--format", "json", REFERENCE).findings}
    assert {1, 5, 6, 8, 10, 12, 14, 16, 18, 20, 24, 28, 30, 31} <= lines
    assert not lines & {22, 26}
    rules_on_3 = {f["rule"] for f in cli("check", "--format", "json", REFERENCE).findings
                  if f["line"] == 3}
    assert rules_on_3 <= {"consistency.spelling"}
