"""Issue 10 (the run's structure): one bad file costs one file; reads, regexes and output are
bounded; nothing ends in a traceback or a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from copylint.checks import base as checks_base
from copylint.engine import Linter

DOUBLED = "The the council met.\n"


def _stories(folder: Path, count: int = 10) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"{number:02}.txt"
        path.write_text(DOUBLED, encoding="utf-8")
        paths.append(path)
    return paths


# per-file isolation --------------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bug_on_one_file_costs_that_file_only(cli, tmp_path: Path, monkeypatch,
                                                jobs: str) -> None:
    paths = _stories(tmp_path / "feed")
    real_check = Linter.check

    def failing(self: Linter, doc):
        if doc.path.endswith("03.txt"):
            raise RuntimeError("injected failure\nsecond line")
        return real_check(self, doc)

    monkeypatch.setattr(Linter, "check", failing)
    run = cli("check", "--format", "json", "-j", jobs, tmp_path / "feed")
    assert run.code == 2
    assert sorted(Path(f["path"]).name for f in run.findings) == \
        sorted(p.name for p in paths if p.name != "03.txt")
    assert [line for line in run.err.splitlines() if "03.txt" in line] == [
        f"copylint: error: internal error on {paths[3]}: RuntimeError: injected failure; "
        "please report"]
    assert "Traceback" not in run.err


def test_a_reporter_bug_on_one_file_costs_that_file_only(cli, tmp_path: Path,
                                                         monkeypatch) -> None:
    from copylint.reporters.text import TextReporter

    paths = _stories(tmp_path / "feed", 3)
    real_file = TextReporter.file

    def failing(self, path, findings):
        if path.endswith("01.txt"):
            raise ValueError("cannot format")
        return real_file(self, path, findings)

    monkeypatch.setattr(TextReporter, "file", failing)
    run = cli("check", *paths)
    assert run.code == 2
    assert [line.split(":")[0] for line in run.out.splitlines()] == [str(paths[0]), str(paths[2])]
    assert f"copylint: error: internal error on {paths[1]}: ValueError: cannot format; " \
           "please report" in run.err.splitlines()


# bounded reads -------------------------------------------------------------------------------

def test_devices_are_refused_and_the_rest_is_checked(cli, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(DOUBLED, encoding="utf-8")
    run = cli("check", "--format", "json", "/dev/zero", "/dev/urandom", good)
    assert run.code == 2
    assert [Path(f["path"]).name for f in run.findings] == ["good.txt"]
    assert "copylint: error: /dev/zero: not a regular file (a character device); copylint " \
           "reads files and standard input" in run.err.splitlines()


def test_vocabulary_from_a_device_is_refused(cli, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(DOUBLED, encoding="utf-8")
    run = cli("check", "--vocab", "/dev/zero", good)
    assert run.code == 2
    assert run.err.splitlines() == ["copylint: error: /dev/zero: not a regular file (a character "
                                    "device); copylint reads files and standard input"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_never_hangs_the_run(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(DOUBLED, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "copylint", "check", str(fifo), str(good)],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert f"copylint: error: {fifo}: not a regular file (a named pipe)" in done.stderr
    assert f"{good}:1:1: error garble.doubled-word" in done.stdout
    walked = subprocess.run([sys.executable, "-m", "copylint", "check", str(tmp_path)],
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert walked.returncode == 1, walked.stderr  # walking a folder skips the pipe


def test_endless_standard_input_stops_at_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([sys.executable, "-m", "copylint", "check", "--max-bytes",
                               "1000000", "-"], stdin=zero, capture_output=True, text=True,
                              timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        "copylint: error: <stdin>: larger than 1,000,000 bytes, the most copylint reads from one "
        "file; raise it with --max-bytes")


def test_max_bytes_per_file_in_options_and_configuration(cli, tmp_path: Path,
                                                         monkeypatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text(DOUBLED * 10, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(DOUBLED, encoding="utf-8")
    run = cli("check", "--format", "json", "--max-bytes", "100", big, small)
    assert run.code == 2 and [Path(f["path"]).name for f in run.findings] == ["small.txt"]
    (tmp_path / ".copylint.yaml").write_text("max_bytes: 100\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "big.txt: larger than 100 bytes" in cli("check", "big.txt").err


# bounded time --------------------------------------------------------------------------------

def test_the_regex_time_limit_is_per_rule_per_file(cli, tmp_path: Path, monkeypatch) -> None:
    """Each search of one paragraph is quick, but their sum passes the limit: one warning."""
    ticks = iter(range(0, 10_000))
    monkeypatch.setattr(checks_base.time, "monotonic", lambda: float(next(ticks)))
    pack = tmp_path / "desk.yaml"
    pack.write_text("""\
pack: desk
rules:
  - id: council
    kind: pattern
    severity: error
    message: "Council."
    description: Flags the word council.
    scope: body
    pattern: 'council'
    examples:
      flag: ["The [[council]] met."]
      clean: ["The board met."]
""", encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text("\n\n".join(["The council met."] * 8) + "\n", encoding="utf-8")
    run = cli("check", "--format", "json", "--rules", pack, "--select", "desk", story)
    assert run.err.splitlines()[0] == (
        f"copylint: warning: {story}: rule desk.council took longer than 2 s on this file and was "
        "stopped; its findings here are incomplete")
    assert len(run.findings) < 8


# configuration and paths ---------------------------------------------------------------------

@pytest.mark.parametrize("pattern", ["!", "\\"])
def test_exclude_patterns_git_cannot_read(cli, tmp_path: Path, monkeypatch, pattern: str) -> None:
    story = tmp_path / "s.txt"
    story.write_text(DOUBLED, encoding="utf-8")
    run = cli("check", "--exclude", pattern, story)
    assert run.code == 2
    assert run.err.splitlines() == [f"copylint: error: --exclude: {pattern!r} is not a valid "
                                    f"gitignore pattern (Invalid git pattern: {pattern!r})"]
    monkeypatch.chdir(tmp_path)
    for text in (f"exclude: ['{pattern}']\n", f"overrides:\n  - files: ['{pattern}']\n"):
        (tmp_path / ".copylint.yaml").write_text(text, encoding="utf-8")
        run = cli("check", "s.txt")
        assert run.code == 2 and "is not a valid gitignore pattern" in run.err
        assert str(tmp_path / ".copylint.yaml") in run.err and "Traceback" not in run.err


def test_deeply_nested_baseline_is_one_line(cli, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"findings": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text(DOUBLED, encoding="utf-8")
    run = cli("check", "--baseline", baseline, story)
    assert run.code == 2
    assert run.err.splitlines() == [f"copylint: error: {baseline}: not a copylint baseline: "
                                    "nested too deeply"]


def test_a_directive_over_two_lines_keeps_every_later_line(cli, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("<!-- copylint-disable garble -->\nThe the mayor spoke.\n<!-- copylint-enable\n"
                     "-->\n\nThe the council met.\n\nIt ended yesterday.\n", encoding="utf-8")
    run = cli("check", "--format", "json", story)
    assert [(f["line"], f["column"], f["rule"]) for f in run.findings] == [
        (6, 1, "garble.doubled-word"), (8, 10, "ap.relative-day")]


def test_an_unreadable_folder_is_reported(cli, tmp_path: Path, monkeypatch) -> None:
    _stories(tmp_path / "open", 1)
    locked = tmp_path / "locked"
    _stories(locked, 1)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    run = cli("check", "--format", "json", tmp_path)
    assert run.code == 2
    assert [Path(f["path"]).parent.name for f in run.findings] == ["open"]
    assert f"copylint: error: {locked}: cannot read the folder: Permission denied" \
        in run.err.splitlines()
    named = cli("check", locked)
    assert named.err.splitlines()[0] == \
        f"copylint: error: {locked}: cannot read the folder: Permission denied"


# output --------------------------------------------------------------------------------------

def _copylint(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "copylint", *args], capture_output=False,
                          cwd=cwd, timeout=60, **kwargs)


def test_output_to_a_full_disk_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    story = tmp_path / "s.txt"
    story.write_text(DOUBLED * 200, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = _copylint(["check", str(story)], tmp_path, stdout=full, stderr=subprocess.PIPE,
                         text=True)
    assert done.returncode == 74
    assert done.stderr.splitlines()[0] == \
        "copylint: error: cannot write the output: No space left on device"
    assert "Traceback" not in done.stderr


def test_a_closed_pipe_is_one_line(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(DOUBLED * 20_000, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "copylint", "check", str(story)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 141
    assert err.decode().splitlines()[0] == \
        "copylint: error: the output was closed before the report was complete"


def test_closed_stdout_and_stdin_are_one_line(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(DOUBLED, encoding="utf-8")
    shell = f"{sys.executable} -m copylint check {story} >&-"
    done = subprocess.run(["sh", "-c", shell], capture_output=False, stderr=subprocess.PIPE,
                          text=True, timeout=60)
    assert done.returncode == 74
    assert done.stderr.splitlines() == \
        ["copylint: error: standard output is closed; nothing can be reported"]
    shell = f"{sys.executable} -m copylint check - <&-"
    done = subprocess.run(["sh", "-c", shell], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "copylint: error: <stdin>: cannot read: standard " \
                                          "input is closed"
