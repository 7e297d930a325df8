"""The pre-commit hook end to end: a real `pre-commit try-repo` against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hook_fails_on_a_defect_and_passes_once_fixed(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1",
           "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _run(["git", "init", "-q"], drafts, env)
    story = drafts / "story.txt"
    story.write_text("KYIV, Ukraine (AP) — The the council met on Tuesday.\n", encoding="utf-8")
    _run(["git", "add", "story.txt"], drafts, env)
    try_repo = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "copylint",
                "--all-files", "--color", "never"]
    failing = _run(try_repo, drafts, env)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "story.txt:1:22: error garble.doubled-word" in failing.stdout
    story.write_text("KYIV, Ukraine (AP) — The council met on Tuesday.\n", encoding="utf-8")
    _run(["git", "add", "story.txt"], drafts, env)
    passing = _run(try_repo, drafts, env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
