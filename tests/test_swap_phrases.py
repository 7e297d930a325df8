"""Swap rules find multi-word terms from the document's tokens, around each term's longest word,
with the same findings the word-list regex gives: whole words only, case as the rule says, the
longest term where two start at one place, never two overlapping terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint import lint_text
from copylint.checks import swap as swap_module

PACK = """\
pack: local
rules:
  - id: phrases
    kind: swap
    severity: warning
    message: "Write “{right}”."
    description: Set phrases.
    ignore_case: IGNORE
    swap:
      free reign: free rein
      free reign over: free rein over
      deep-seeded: deep-seated
      to stump out: to stamp out
      Bare in mind: Bear in mind
    examples:
      flag: ["They had [[free reign]]."]
      clean: ["They had free rein."]
  - id: dated
    kind: swap
    severity: warning
    message: "Write “{right}”."
    description: Months before a day, after a word in lower case.
    ignore_case: IGNORE
    preserve_case: false
    preceded_by: '[a-z][ \\t]'
    followed_by: '[ \\t]+\\d{1,2}(?![\\d:])'
    swap:
      November: Nov.
      Sept.: Sept.
      Sep.: Sept.
      Sep: Sept.
      Nov. the: Nov.
    examples:
      flag: ["It began on [[November]] 5."]
      clean: ["It began in November."]
"""

TEXTS = [
    "They had free reign over the budget, and Free Reign again; FREE REIGN in a headline.",
    "A deep-seeded fear. Deep-seeded. undeep-seeded is no word; deep-seededness neither.",
    "We want to stump out poverty; crews pulled the stump out; to stumpout is one word.",
    "Bare in mind the cost. bare in mind the cost.",
    "free  reign (two spaces) and free\nreign (a line break) are not the phrase.",
    "freereign, xfree reign, free reigns, free reign_x.",
    "It began on November 5 and on november 6, ended on Sep. 12 or Sep 3, not November 2024, "
    "not November 12:30, not Nov. 5; In November 5 was quiet; on NOVEMBER 7 and on Sept. 9.",
]


def _findings(tmp_path: Path, text: str, ignore_case: bool) -> list[tuple[int, int, str]]:
    rules = tmp_path / ("ci" if ignore_case else "cs")
    rules.mkdir(exist_ok=True)
    (rules / "local.yaml").write_text(PACK.replace("IGNORE", str(ignore_case).lower()),
                                      encoding="utf-8")
    found = lint_text(text, rule_dirs=[rules], select=["local"], house="none")
    return [(f.line, f.column, f.message) for f in found]


@pytest.mark.parametrize("ignore_case", [True, False])
def test_token_search_finds_what_the_regex_finds(tmp_path, monkeypatch, ignore_case) -> None:
    by_tokens = [_findings(tmp_path, text, ignore_case) for text in TEXTS]
    monkeypatch.setattr(swap_module, "_phrase_index", lambda terms, ignore_case: {})
    from copylint.api import _cached_run

    _cached_run.cache_clear()
    try:
        by_regex = [_findings(tmp_path, text, ignore_case) for text in TEXTS]
    finally:
        _cached_run.cache_clear()
    assert by_tokens == by_regex
    assert any(by_tokens)


def test_phrases_found_where_they_stand(tmp_path) -> None:
    found = _findings(tmp_path, TEXTS[0], ignore_case=True)
    # the longer term wins at its start; each case form is found once
    assert [(line, column) for line, column, _ in found] == [(1, 10), (1, 42), (1, 60)]
    assert found[0][2] == "Write “free rein over”."
    assert found[1][2] == "Write “Free rein”."
    assert _findings(tmp_path, TEXTS[1], ignore_case=True) == [
        (1, 3, "Write “deep-seated”."), (1, 21, "Write “Deep-seated”.")]
    assert _findings(tmp_path, TEXTS[2], ignore_case=True) == [(1, 9, "Write “to stamp out”.")]
    assert _findings(tmp_path, TEXTS[3], ignore_case=False) == [(1, 1, "Write “Bear in mind”.")]
    assert _findings(tmp_path, TEXTS[4], ignore_case=True) == []
    assert _findings(tmp_path, TEXTS[5], ignore_case=True) == []
    # context conditions: after a word in lower case, before a day of the month
    # (not before a year or a time, not a right form, "In" ends in a lower-case letter)
    assert [(column, message) for _, column, message in _findings(tmp_path, TEXTS[6], True)] == [
        (13, "Write “Nov.”."), (31, "Write “Nov.”."), (52, "Write “Sept.”."), (63, "Write “Sept.”."),
        (124, "Write “Nov.”."), (149, "Write “Nov.”.")]
    assert [column for _, column, _ in _findings(tmp_path, TEXTS[6], False)] == [13, 52, 63, 124]


def test_british_spelling_capitalized_at_sentence_start() -> None:
    """`sentence_start` (ap.american-spelling): a British spelling whose capital is only the
    sentence's is flagged; one in the middle of a sentence, before a capitalized word or a name's
    linking word, is a name's and stays."""
    text = ("LONDON (AP) — Officials met on Tuesday.\n"
            "Sceptics say the plan failed. Programme cuts followed.\n"
            "The Development Programme said so. Defence Secretary John Healey spoke.\n"
            "Programme for International Student Assessment scores fell.\n"
            "“Behaviour matters,” she said. Behaviour was poor, officials said.\n")
    found = [(f.rule, f.line, f.column, f.end_column, f.suggestions) for f in
             lint_text(text, "story.txt", select=["ap.american-spelling"])]
    assert found == [
        ("ap.american-spelling", 2, 1, 9, ("Skeptics",)),
        ("ap.american-spelling", 2, 31, 40, ("Program",)),
        ("ap.american-spelling", 5, 32, 41, ("Behavior",)),
    ]
