"""The CLI end to end: formats, exit codes, selection, houses, user packs and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

BROKEN = FIXTURES / "broken-story.txt"
CLEAN = "The council met on Tuesday in Kyiv.\n"
DOUBLED = "The council met on Tuesday in Kyiv and and left.\n"


@pytest.fixture
def story(tmp_path: Path):
    def write(text: str | bytes, name: str = "story.txt") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    return write


def test_clean_file_exits_zero(cli, story) -> None:
    run = cli("check", story(CLEAN))
    assert (run.code, run.out) == (0, "")
    assert "0 findings in 0 of 1 file checked" in run.err


def test_json_shape(cli, story) -> None:
    path = story(DOUBLED)
    data = json.loads(cli("check", "--format", "json", path).out)
    assert data["findings"] == [{
        "path": str(path), "line": 1, "column": 36, "end_line": 1, "end_column": 43,
        "rule": "garble.doubled-word", "severity": "error", "message": "Doubled word: “and and”.",
        "suggestions": ["and"],
        "fix": {"safety": "safe", "replacement": "and", "deletes_line": False}}]
    assert data["summary"]["files_checked"] == 1


@pytest.mark.parametrize(("fail_on", "code"), [
    ("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_levels_with_a_warning(cli, story, fail_on: str, code: int) -> None:
    path = story("The council met yesterday in Kyiv.\n")  # ap.relative-day: a warning
    assert cli("check", "--fail-on", fail_on, path).code == code


def test_error_finding_fails_at_error_level(cli, story) -> None:
    assert cli("check", "--fail-on", "error", story(DOUBLED)).code == 1


def test_select_and_ignore_by_rule_and_pack(cli) -> None:
    only = cli("check", "--format", "json", "--select", "scrape", BROKEN)
    assert {f["rule"] for f in only.findings} == {
        "scrape.breadcrumb", "scrape.counter", "scrape.comment-form"}
    some = cli("check", "--format", "json", "--select", "scrape.counter,garble.doubled-word", BROKEN)
    assert [(f["line"], f["rule"]) for f in some.findings] == [
        (4, "scrape.counter"), (5, "scrape.counter"), (13, "garble.doubled-word")]
    rest = cli("check", "--format", "json", "--ignore", "scrape", "--ignore", "ap.us", BROKEN)
    rules = {f["rule"] for f in rest.findings}
    assert not any(r.startswith("scrape.") for r in rules) and "ap.us" not in rules
    assert "ap.relative-day" in rules


def test_unknown_selector_is_a_usage_error(cli) -> None:
    run = cli("check", "--select", "scrap", BROKEN)
    assert run.code == 2
    assert "no rule or pack named 'scrap' (did you mean 'scrape'?)" in run.err


def test_house_none_drops_ap_rules(cli) -> None:
    run = cli("check", "--format", "json", "--house", "none", BROKEN)
    rules = {f["rule"] for f in run.findings}
    assert rules and not any(r.startswith("ap.") for r in rules)
    assert cli("check", "--house", "guardian", BROKEN).code == 2


def test_stdin(cli) -> None:
    run = cli("check", "--format", "json", "-", input=DOUBLED)
    assert run.code == 1
    assert [(f["path"], f["line"], f["column"]) for f in run.findings] == [("<stdin>", 1, 36)]


def test_directory_is_walked_recursively(cli, story) -> None:
    story(DOUBLED, "desk/a.txt")
    story(DOUBLED, "desk/world/b.md")
    story(DOUBLED, "desk/world/c")
    story(DOUBLED, "desk/world/ignored.json")
    story(DOUBLED, "desk/.git/d.txt")
    run = cli("check", "--format", "json", story(CLEAN, "desk/z.txt").parent)
    names = sorted(Path(f["path"]).name for f in run.findings)
    assert names == ["a.txt", "b.md", "c"]


def test_bad_inputs_are_reported_and_the_rest_is_checked(cli, story) -> None:
    good = story(DOUBLED, "good.txt")
    bad_utf8 = story(b"Kyiv \xff\xfe here", "latin.txt")
    binary = story(b"\x00\x01\x02PNG", "image.txt")
    empty = story("", "empty.txt")
    run = cli("check", "--format", "json", "missing.txt", bad_utf8, binary, empty, good)
    assert run.code == 2
    assert [f["path"] for f in run.findings] == [str(good)]
    lines = run.err.splitlines()
    assert "copylint: error: missing.txt: no such file or directory" in lines
    assert f"copylint: error: {bad_utf8}:1: not valid UTF-8 at byte 5 (0xff); " \
           "name its encoding with --encoding (e.g. cp1252) or use --encoding auto" in lines
    assert f"copylint: error: {binary}: binary file, not text" in lines
    assert f"copylint: warning: {empty}: empty file, nothing to check" in lines
    assert "Traceback" not in run.err


def test_directory_without_text_files(cli, tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b\n")
    run = cli("check", tmp_path)
    assert run.code == 2
    assert "no files to check" in run.err


def test_huge_single_line_is_checked_quickly(cli, story) -> None:
    path = story("The convoy left Kyiv. " * 200_000 + "It left kyiv.")  # 4.4 MB on one line
    run = cli("check", "--format", "json", path)
    assert [(f["line"], f["rule"]) for f in run.findings] == [(1, "names.capitalization")]


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\xc3\x28 bad")
    result = subprocess.run([sys.executable, "-m", "copylint", "check", str(tmp_path / "bad.txt"),
                             str(tmp_path / "nope.txt")], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 3 and "Traceback" not in result.stderr


def test_rules_lists_every_pack(cli) -> None:
    run = cli("rules")
    assert run.code == 0
    for pack in ("punctuation", "garble", "scrape", "quotes", "consistency", "names", "ap"):
        assert any(line.startswith(pack) for line in run.out.splitlines())
    assert "  garble.doubled-word" in run.out


def test_explain_shows_message_rationale_and_examples(cli) -> None:
    run = cli("explain", "punctuation.stacked")
    assert run.code == 0
    assert "Message: Stacked punctuation" in run.out
    assert "spliced together" in run.out
    assert "hit overnight[[. ,]] an important step" in run.out
    assert cli("explain", "punctuation.stackd").code == 2


def test_test_rules_builtin_passes(cli) -> None:
    run = cli("test-rules")
    assert run.code == 0
    assert " 0 failed" in run.err


def test_unreadable_file_is_reported(cli, story, monkeypatch) -> None:
    locked = story(DOUBLED, "locked.txt")
    good = story(DOUBLED, "good.txt")
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    run = cli("check", "--format", "json", locked, good)
    assert run.code == 2
    assert f"copylint: error: {locked}: cannot read: Permission denied" in run.err.splitlines()
    assert [f["path"] for f in run.findings] == [str(good)]


def test_no_paths_is_a_usage_error(cli) -> None:
    run = cli("check")
    assert run.code == 2 and "give files, directories, or - for standard input" in run.err


def test_progress_bar_only_when_stderr_is_a_terminal(tmp_path: Path) -> None:
    import os
    import pty

    for number in range(60):
        (tmp_path / f"s{number:02}.txt").write_text("The council met on Tuesday.\n",
                                                   encoding="utf-8")
    args = [sys.executable, "-m", "copylint", "check", "-j", "1", str(tmp_path)]
    piped = subprocess.run(args, capture_output=True, text=True)
    assert "Checking" not in piped.stderr
    primary, secondary = pty.openpty()
    with subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=secondary) as process:
        os.close(secondary)
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        process.wait(timeout=60)
    os.close(primary)
    assert b"Checking" in seen and b"0 findings in 0 of 60 files checked" in seen
