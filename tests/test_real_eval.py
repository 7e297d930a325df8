"""The real-evaluation scorer (benchmarks/real_eval.py): span matching, rule classes, and a whole
run on a small evaluation set of stories written here, with the CLI's real findings."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from conftest import REPO

SPEC = importlib.util.spec_from_file_location("real_eval", REPO / "benchmarks" / "real_eval.py")
real_eval = importlib.util.module_from_spec(SPEC)
sys.modules.setdefault("real_eval", real_eval)
SPEC.loader.exec_module(real_eval)


def finding(line: int, column: int, end_column: int, end_line: int | None = None, rule: str = "x.y") -> dict:
    return {"line": line, "column": column, "end_line": end_line or line, "end_column": end_column,
            "rule": rule}


def entry(line: int, text: str, source: str, cls: str = "punctuation"):
    return real_eval.Entry(cls, line, text, real_eval.occurrences(source, text))


def test_occurrences_are_one_based_end_exclusive_code_points() -> None:
    assert real_eval.occurrences("Kyiv’s mayor. Kyiv’s", "Kyiv’s") == [(1, 7), (15, 21)]
    assert real_eval.occurrences("abc", "zz") == []


def test_a_finding_overlapping_any_occurrence_finds_the_label() -> None:
    source = "He was 84.Randall said he was 84.Randall"
    label = entry(3, "84.Randall", source)
    assert real_eval.overlaps(finding(3, 10, 11), label, len(source))       # inside the first
    assert real_eval.overlaps(finding(3, 33, 34), label, len(source))       # inside the second
    assert not real_eval.overlaps(finding(3, 1, 8), label, len(source))     # ends before it
    assert not real_eval.overlaps(finding(3, 18, 23), label, len(source))   # between the two
    assert not real_eval.overlaps(finding(4, 10, 11), label, len(source))   # another line


def test_end_column_is_exclusive_and_empty_findings_touch_edges() -> None:
    source = "abc def"
    label = entry(1, "def", source)  # columns 5..8
    assert not real_eval.overlaps(finding(1, 1, 5), label, len(source))
    assert real_eval.overlaps(finding(1, 1, 6), label, len(source))
    assert real_eval.overlaps(finding(1, 8, 8), label, len(source))
    assert not real_eval.overlaps(finding(1, 9, 9), label, len(source))


def test_multi_line_findings_cover_the_lines_between() -> None:
    source = "middle line of a long finding"
    label = entry(5, "long", source)
    assert real_eval.overlaps(finding(4, 3, 2, end_line=6), label, len(source))
    assert real_eval.overlaps(finding(5, 10, 2, end_line=6), label, len(source))
    assert not real_eval.overlaps(finding(5, 25, 2, end_line=6), label, len(source))


def test_rule_classes_by_prefix_and_keyword() -> None:
    assert real_eval.rule_classes("scrape.comment-form") == ("furniture",)
    assert real_eval.rule_classes("ap.names") == ("names", "house")
    assert real_eval.rule_classes("ap.dateline") == ("house",)
    assert real_eval.rule_classes("encoding.mojibake") == ("encoding",)
    assert real_eval.rule_classes("desk.nothing") == ()


def write_page(root: Path, kind: str, name: str, text: str, labels: dict) -> None:
    (root / kind).mkdir(parents=True, exist_ok=True)
    (root / kind / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / kind / f"{name}.labels.json").write_text(json.dumps(labels), encoding="utf-8")


@pytest.fixture
def eval_set(tmp_path: Path) -> Path:
    broken = ("Council votes on the harbour plan\n"
              "The council voted 7-2 on Tuesday to fund the harbor wall.\n"
              "The mayor said itâ€™s a fair plan.\n"
              "Leave a Reply\n")
    write_page(tmp_path, "broken", "001-harbor", broken, {
        "url": "https://example.org/a", "shape": "scraped", "layout": "line", "split": "dev",
        "defects": [{"class": "furniture", "line": 4, "text": "Leave a Reply"},
                    {"class": "encoding", "line": 3, "text": "itâ€™s"}]})
    clean = ("Port reopens after storm\n"
             "The port reopened on Friday, and US ships were the first to dock.\n"
             "Crews said the US Coast Guard cleared the channel.\n")
    write_page(tmp_path, "clean", "001-port", clean, {
        "url": "https://example.org/b", "agency": "none", "layout": "line", "split": "dev",
        "accepted": [{"class": "house", "line": 3, "text": "US Coast"}]})
    write_page(tmp_path, "clean", "002-other-split", "A quiet day.\n", {
        "url": "https://example.org/c", "agency": "none", "layout": "line", "split": "heldout",
        "accepted": []})
    return tmp_path


def test_a_whole_run_scores_recall_and_false_positives(eval_set: Path) -> None:
    pages = real_eval.load_pages(eval_set, "dev")
    assert [p.name for p in pages] == ["broken/001-harbor.txt", "clean/001-port.txt"]
    findings = real_eval.run_copylint([p.path for p in pages], "ap", ["scrape,ap.us"], [])
    real_eval.attach(pages, findings)
    figures = real_eval.score(pages)
    by_class = figures["recall"]["by_class"]
    assert by_class["furniture"]["fitting"] == {"found": 1, "total": 1, "recall": 1.0}
    assert by_class["encoding"]["any"] == {"found": 0, "total": 1, "recall": 0.0}
    assert figures["recall"]["overall"]["any"]["found"] == 1
    # the clean story: "US ships" is a false positive, "US Coast" is accepted
    assert figures["clean"]["false_positives"] == 1
    assert figures["clean"]["by_rule"] == {"ap.us": 1}
    assert figures["clean"]["words"] == 26
    assert figures["clean"]["per_1000_words"] == round(1000 / 26, 3)
    [(page, fp)] = real_eval.false_positives(pages)
    assert (page.name, fp["line"], fp["column"], fp["rule"]) == ("clean/001-port.txt", 2, 34, "ap.us")
    assert [(e.cls, e.line) for _, e in real_eval.misses(pages)] == [("encoding", 3)]


def test_the_command_prints_and_writes_the_figures(eval_set: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "figures.json"
    code = real_eval.main(["--eval", str(eval_set), "--split", "all", "--select", "scrape,ap.us",
                           "--json", str(out), "--show-misses", "--show-fps"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "furniture" in printed and "broken/001-harbor.txt:3: itâ€™s" in printed
    assert "clean/001-port.txt:2:34: ap.us" in printed
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["split"] == "all" and figures["pages"] == {"broken": 1, "clean": 2}


def test_a_label_that_is_not_on_its_line_is_an_error(eval_set: Path, capsys) -> None:
    labels = eval_set / "broken" / "001-harbor.labels.json"
    data = json.loads(labels.read_text(encoding="utf-8"))
    data["defects"][0]["line"] = 2
    labels.write_text(json.dumps(data), encoding="utf-8")
    assert real_eval.main(["--eval", str(eval_set)]) == 2
    assert "'Leave a Reply' is not on line 2 of 001-harbor.txt" in capsys.readouterr().err
