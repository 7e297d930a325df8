"""The evaluation sets: recall on annotated broken stories by defect class, scored by line and by
span and rule class, a ceiling on findings no annotation explains, and silence on clean controls.

tests/corpus/eval was written apart from the rules. tests/corpus/eval2 was written apart too,
but rules were widened with it in the commit that added it: it is tuning data (its README says
so), and its figures measure fit, not independent recall.

A defect is found by line when any finding stands on its line; by span and class when a finding
of a rule of its class overlaps the annotated text (for consistency, whose defect has two places,
a finding whose message quotes the annotated spelling counts too). The floors are the counts
measured when they were set, less one defect a class: a real regression fails, while a change
that moves one finding does not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import TESTS

from copylint.findings import selects

#: the rules that report each annotated defect class
CLASS_RULES = {
    "scrape": ("scrape",), "stacked-punct": ("punctuation",), "garble": ("garble",),
    "quotes": ("quotes", "punctuation.quote-stack"), "ap-style": ("ap",),
    "consistency": ("consistency",), "name": ("names", "ap.names"),
}


@dataclass(frozen=True)
class Defect:
    story: str
    line: int
    kind: str
    text: str
    start: int  # 1-based column of the annotated text
    end: int  # exclusive


#: defects each class must keep finding, at least: (eval by line, eval by span and class,
#: eval2 by line, eval2 by span and class)
FLOORS = {
    "scrape": (19, 19, 10, 10), "stacked-punct": (12, 12, 11, 11), "garble": (12, 12, 10, 10),
    "quotes": (7, 4, 8, 5), "ap-style": (18, 18, 12, 12), "consistency": (8, 6, 8, 6),
    "name": (11, 11, 10, 8),
}
#: (folder, annotated defects, which FLOORS columns, findings no annotation explains at most)
SETS = {
    "eval": (TESTS / "corpus" / "eval", 96, 0, 8),
    "eval2": (TESTS / "corpus" / "eval2", 78, 2, 6),
}


def load_defects(folder: Path) -> list[Defect]:
    defects = []
    for story in sorted(folder.glob("broken-*.txt")):
        lines = story.read_text(encoding="utf-8").split("\n")
        for row in story.with_suffix(".tsv").read_text(encoding="utf-8").splitlines():
            if row.strip():
                line, kind, text = row.split("\t", 2)
                column = lines[int(line) - 1].find(text) + 1
                assert column > 0, f"{story.name}: {row!r} is not on its line"
                defects.append(Defect(story.name, int(line), kind, text, column, column + len(text)))
    return defects


def explains(defect: Defect, finding: dict) -> bool:
    """Whether a finding reports the defect: a rule of its class, over its span."""
    if not any(selects(prefix, finding["rule"]) for prefix in CLASS_RULES[defect.kind]):
        return False
    if defect.kind == "consistency" and f"“{defect.text}”" in finding["message"]:
        return True
    starts_before = (finding["line"], finding["column"]) < (defect.line, defect.end)
    ends_after = (finding["end_line"], finding["end_column"]) > (defect.line, defect.start)
    return starts_before and ends_after


def score(cli, folder: Path) -> tuple[Counter[str], Counter[str], Counter[str], int]:
    """(defects, found by line, found by span and class) per class, and unexplained findings."""
    stories = sorted(folder.glob("broken-*.txt"))
    found = cli("check", "--format", "json", "--fail-on", "never", *stories).findings
    by_story: dict[str, list[dict]] = {}
    for finding in found:
        by_story.setdefault(Path(finding["path"]).name, []).append(finding)
    total: Counter[str] = Counter()
    line: Counter[str] = Counter()
    span: Counter[str] = Counter()
    explained: set[int] = set()
    for defect in load_defects(folder):
        findings = by_story.get(defect.story, [])
        total[defect.kind] += 1
        line[defect.kind] += any(f["line"] == defect.line for f in findings)
        hits = [id(f) for f in findings if explains(defect, f)]
        span[defect.kind] += bool(hits)
        explained.update(hits)
    unexplained = sum(1 for f in found if id(f) not in explained)
    return total, line, span, unexplained


@pytest.mark.parametrize("name", list(SETS))
def test_recall_by_line_and_by_span_and_class(cli, name: str) -> None:
    folder, defects, column, ceiling = SETS[name]
    total, line, span, unexplained = score(cli, folder)
    assert sum(total.values()) == defects
    assert set(total) == set(CLASS_RULES) == set(FLOORS)
    assert all(line[kind] >= floors[column] for kind, floors in FLOORS.items()), (line, total)
    assert all(span[kind] >= floors[column + 1] for kind, floors in FLOORS.items()), (span, total)
    assert unexplained <= ceiling


@pytest.mark.parametrize("name", list(SETS))
def test_clean_controls_draw_nothing(cli, name: str) -> None:
    run = cli("check", "--format", "json", *sorted(SETS[name][0].glob("clean-*.txt")))
    assert run.findings == []
    assert run.code == 0


@pytest.mark.parametrize("preposition", ["for", "of", "to", "with", "against", "toward", "on",
                                         "from", "by"])
def test_every_preposition_of_the_self_reference_pattern(cli, tmp_path: Path,
                                                         preposition: str) -> None:
    story = tmp_path / "s.txt"
    story.write_text(f"Officials cited Germany’s old grudge {preposition} Germany in the talks.\n",
                     encoding="utf-8")
    run = cli("check", "--format", "json", "--select", "garble.self-reference", story)
    end = 17 + len(f"Germany’s old grudge {preposition} Germany")
    assert run.triples() == [(1, 17, "garble.self-reference")]
    assert run.findings[0]["end_column"] == end


def test_the_engine_reports_one_finding_for_one_span_of_one_rule(cli, tmp_path: Path) -> None:
    # both matches ("one ", "two ") report the same group: the word "end" ahead of them
    (tmp_path / "desk.yaml").write_text(
        "pack: desk\nrules:\n  - {id: ahead, kind: pattern, severity: info, message: 'Ends with {1}.',"
        " description: 'Matches that report one span twice.', pattern: '\\w+ (?=[\\w ]*(end))',"
        " group: 1, examples: {flag: ['one two [[end]]'], clean: ['one two']}}\n", encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text("one two end\n", encoding="utf-8")
    run = cli("check", "--format", "json", "--rules", tmp_path / "desk.yaml", "--select", "desk",
              story)
    assert [(f["line"], f["column"], f["end_column"], f["rule"]) for f in run.findings] == [
        (1, 9, 12, "desk.ahead")]
