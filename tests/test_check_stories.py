"""`copylint check` on files that hold many stories: each story checked on its own, findings at
the file's true lines under the file's name, a bad item an error of its own while the others are
reported, the same with several processes; a file of one story is checked whole as before."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_multistory import FINDINGS, STORIES

from copylint.api import build_run
from copylint.config import Config
from copylint.runner import Run
from copylint.sources import Source


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_check_reports_each_story_at_the_file_lines(cli, name: str) -> None:
    run = cli("check", "--format", "json", STORIES / name)
    assert {f["path"] for f in run.findings} == {str(STORIES / name)}
    assert [(f["line"], f["column"], f["end_column"], f["rule"]) for f in run.findings] == [
        (line, column, end, rule) for _, line, column, end, rule in FINDINGS[name]]


def test_a_bad_item_is_an_error_and_the_others_are_checked(cli) -> None:
    run = cli("check", "--format", "json", STORIES / "feed.jsonl")
    assert run.code == 2
    assert run.err.splitlines()[0] == (
        f"copylint: error: {STORIES / 'feed.jsonl'}#3:4: JSON is not valid: Invalid control "
        "character at (column 89)")
    assert len(run.findings) == 3


def test_two_processes_report_what_one_does(cli, tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    shutil.copytree(STORIES, folder)
    for copy in range(3):  # enough files for the pool
        for path in list(STORIES.iterdir()):
            shutil.copy(path, folder / f"{copy}-{path.name}")
    one = cli("check", "--format", "json", "-j", "1", folder)
    two = cli("check", "--format", "json", "-j", "2", folder)
    assert one.findings == two.findings and len(one.findings) > 20
    assert sorted(one.err.splitlines()) == sorted(two.err.splitlines())


def test_a_file_of_one_story_is_checked_whole(tmp_path: Path) -> None:
    text = (STORIES / "dump.txt").read_text("utf-8").replace("\f", "")
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    run: Run = build_run(Config())
    whole = run.check_data(story.read_bytes(), str(story), story)
    assert run.check(Source(str(story), story, True)).findings == whole.findings


def test_stories_of_a_feed_share_nothing_but_the_file(cli, tmp_path: Path) -> None:
    """A name written two ways across two items is not one name spelled two ways: each item is
    a story of its own."""
    items = [{"type": "text", "headline": "Markets", "body_text": text} for text in (
        "Gov. Oleg Sinegubov spoke on Monday about the plans for the region.",
        "Sinegubav was not at the meeting, officials said on Tuesday.")]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(item) for item in items) + "\n", encoding="utf-8")
    whole = tmp_path / "both.txt"
    whole.write_text(" ".join(item["body_text"] for item in items) + "\n", encoding="utf-8")
    assert "names.two-spellings" in {f["rule"] for f in cli("check", "--format", "json",
                                                             whole).findings}
    assert "names.two-spellings" not in {f["rule"] for f in cli("check", "--format", "json",
                                                                 feed).findings}
