"""A pattern rule's `anchor_words` speed hint: the pattern is tried only where one of the words
stands as a whole token, with the same findings as a scan of the whole text."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint import lint_text
from copylint.errors import RuleError

PACK = """\
pack: local
rules:
  - id: day-first
    kind: pattern
    severity: warning
    message: "Month first: “{match}”."
    description: Day-first dates.
    ANCHOR
    pattern: '(?<=\\b(?P<day>\\d{1,2})[ \\t]+)(?:March|Sept\\.|May)(?!\\w)'
    examples:
      flag: ["It began on [[21 March]]."]
      clean: ["It began on March 21."]
"""

TEXT = ("It began on 21 March and 4 Sept. in 2023, not on March 21 or in Marches, and 5 May.\n"
        "Summarch 3 March; x21 March; 7 MarchX and 9 Sept.\n")


def _findings(tmp_path: Path, anchor: str) -> list[tuple[int, int, int]]:
    rules = tmp_path / anchor.split(":")[0].strip()
    rules.mkdir(exist_ok=True)
    (rules / "local.yaml").write_text(PACK.replace("ANCHOR", anchor), encoding="utf-8")
    return [(f.line, f.column, f.end_column)
            for f in lint_text(TEXT, rule_dirs=[rules], select=["local"], house="none")]


def test_anchor_words_find_what_a_whole_scan_finds(tmp_path) -> None:
    scanned = _findings(tmp_path, "trigger: []")
    anchored = _findings(tmp_path, "anchor_words: [March, Sept., May]")
    # 21 March, 4 Sept., 5 May, 3 March, 9 Sept.; not x21 March, 7 MarchX, March 21, Marches
    assert anchored == scanned == [(1, 13, 21), (1, 26, 33), (1, 78, 83), (2, 10, 17),
                                   (2, 43, 50)]


def test_an_anchor_word_must_start_with_a_word(tmp_path) -> None:
    with pytest.raises(RuleError, match=r"anchor word '\.\.\.' does not start with a word"):
        _findings(tmp_path, "anchor_words: ['...']")
