"""The evaluation set (tests/corpus/eval), written apart from the rules: recall on annotated broken
stories by defect class, and silence on clean controls."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import TESTS

EVAL = TESTS / "corpus" / "eval"
# the share of annotated defects, by class, that must draw a finding on their line
RECALL_FLOOR = {"scrape": 0.95, "stacked-punct": 0.9, "garble": 0.9, "quotes": 0.9,
                "ap-style": 0.95, "consistency": 0.85, "name": 0.4}


def _lines_with_findings(cli, paths: list[Path]) -> set[tuple[str, int]]:
    run = cli("check", "--format", "json", "--fail-on", "never", *paths)
    return {(Path(f["path"]).name, f["line"]) for f in run.findings}


def test_recall_by_defect_class(cli) -> None:
    stories = sorted(EVAL.glob("broken-*.txt"))
    flagged = _lines_with_findings(cli, stories)
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for story in stories:
        for row in story.with_suffix(".tsv").read_text(encoding="utf-8").splitlines():
            if row.strip():
                line, kind, _ = row.split("\t", 2)
                total[kind] += 1
                found[kind] += (story.name, int(line)) in flagged
    assert set(total) == set(RECALL_FLOOR)
    recall = {kind: found[kind] / total[kind] for kind in total}
    assert all(recall[kind] >= floor for kind, floor in RECALL_FLOOR.items()), recall


def test_clean_controls_draw_nothing(cli) -> None:
    run = cli("check", "--format", "json", *sorted(EVAL.glob("clean-*.txt")))
    assert run.findings == []
    assert run.code == 0


EVAL2 = TESTS / "corpus" / "eval2"  # a second set, by another author, also written apart


def test_second_evaluation_set(cli) -> None:
    stories = sorted(EVAL2.glob("broken-*.txt"))
    flagged = _lines_with_findings(cli, stories)
    rows = [row.split("\t", 2) for story in stories
            for row in story.with_suffix(".tsv").read_text(encoding="utf-8").splitlines()
            if row.strip()]
    names = [story.name for story in stories for row in
             story.with_suffix(".tsv").read_text(encoding="utf-8").splitlines() if row.strip()]
    found = sum((name, int(line)) in flagged for name, (line, _, _) in zip(names, rows, strict=True))
    assert found / len(rows) >= 0.9, f"{found} of {len(rows)}"
    clean = cli("check", "--format", "json", *sorted(EVAL2.glob("clean-*.txt")))
    assert clean.findings == []
