"""Inline suppressions in plain text, unused ones reported, baselines and --changed-since."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

STORY = """\
The the council met on Tuesday.

<!-- copylint-disable-next-line garble.doubled-word -->
The the council met on Wednesday.

<!-- copylint-disable garble -->
The the council met on Thursday.
The the council met on Friday. Then it said yesterday it would go.
<!-- copylint-enable -->

The the council met on Saturday.
<!-- copylint-disable-next-line -->
The the council met yesterday.
<!-- copylint-disable-next-line scrape -->
The council met on Sunday.
"""


def test_inline_suppressions(cli, tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(STORY, encoding="utf-8")
    run = cli("check", "--format", "json", path)
    assert [(f["line"], f["rule"]) for f in run.findings] == [
        (1, "garble.doubled-word"),
        (8, "ap.relative-day"),
        (11, "garble.doubled-word"),
    ]


def test_directive_lines_are_not_copy(cli, tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("<!-- copylint-disable ap -->\nThe talks ended. “We are done,” he said.\n",
                    encoding="utf-8")
    run = cli("check", "--format", "json", path)
    assert run.findings == []


def test_unused_suppressions_are_reported_on_request(cli, tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(STORY, encoding="utf-8")
    run = cli("check", "--format", "json", "--report-unused-suppressions", path)
    unused = [(f["line"], f["column"], f["message"]) for f in run.findings
              if f["rule"] == "copylint.unused-suppression"]
    assert unused == [(14, 1, "copylint-disable-next-line (scrape) suppresses nothing; remove it.")]


def test_baseline_reports_only_new_findings_after_lines_move(cli, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("The the council met.\n\nIt met yesterday.\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    written = cli("check", "--write-baseline", baseline, story)
    # writing a baseline is the job: it succeeds with the findings recorded
    assert written.code == 0 and "wrote 2 findings to the baseline" in written.err
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert [e["rule"] for e in entries] == ["garble.doubled-word", "ap.relative-day"]
    # the old findings move down three lines; one new finding arrives
    story.write_text("A new lead.\n\nIt left kyiv.\n\nThe the council met.\n\nIt met yesterday.\n",
                     encoding="utf-8")
    run = cli("check", "--format", "json", "--baseline", baseline, story)
    assert [(f["line"], f["rule"]) for f in run.findings] == [(3, "names.capitalization")]
    assert run.summary["baseline_hidden"] == 2
    assert "; 2 hidden by the baseline" in run.err
    # a second copy of an accepted finding is new
    story.write_text("The the council met.\n\nIt met yesterday.\n\nThe the council met.\n",
                     encoding="utf-8")
    run = cli("check", "--format", "json", "--baseline", baseline, story)
    assert [(f["line"], f["rule"]) for f in run.findings] == [(5, "garble.doubled-word")]


def test_missing_baseline_is_an_error(cli, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Fine.\n", encoding="utf-8")
    run = cli("check", "--baseline", tmp_path / "nope.json", story)
    assert run.code == 2 and "no such baseline file" in run.err


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_since_reports_only_changed_lines(cli, tmp_path: Path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.org")
    _git(repo, "config", "user.name", "Desk")
    story = repo / "s.txt"
    story.write_text("The the council met.\n\nIt met on Monday.\n\nIt met yesterday.\n",
                     encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first")
    story.write_text("The the council met.\n\nIt met in kyiv.\n\nIt met yesterday.\n",
                     encoding="utf-8")
    (repo / "new.txt").write_text("The the end.\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    run = cli("check", "--format", "json", "--changed-since", "HEAD", "s.txt", "new.txt")
    assert [(f["path"], f["line"], f["rule"]) for f in run.findings] == [
        ("s.txt", 3, "names.capitalization"), ("new.txt", 1, "garble.doubled-word")]
    bad = cli("check", "--changed-since", "no-such-rev", "s.txt")
    assert bad.code == 2 and bad.err.count("\n") == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_parallel_output_is_identical(cli, tmp_path: Path, jobs: str) -> None:
    for number in range(12):
        (tmp_path / f"story{number:02}.txt").write_text(  # no line repeats another
            "".join(f"Story {number}, part {part}. The the council met yesterday in kyiv.\n"
                    for part in range(number + 1)), encoding="utf-8")
    one = cli("check", "-j", "1", tmp_path)
    many = cli("check", "-j", jobs, tmp_path)
    assert many.out == one.out and many.code == one.code == 1
    assert many.out.count("\n") == 3 * sum(range(1, 13))


@pytest.mark.parametrize(("name", "text"), [
    ("s.md", "# Flood\n\n<!-- copylint-disable-next-line garble -->\nThe the council met.\n\n"
             "The the council left.\n"),
    ("s.html", "<p>Flood</p>\n<!-- copylint-disable-next-line garble -->\n"
               "<p>The the council met.</p>\n<p>The the council left.</p>\n"),
])
def test_suppression_comments_in_markdown_and_html(cli, tmp_path: Path, name: str,
                                                   text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run = cli("check", "--format", "json", "--select", "garble", path)
    lines = [f["line"] for f in run.findings]
    assert lines == ([6] if name.endswith(".md") else [4])
