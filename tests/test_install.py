"""A non-editable wheel install, run from another directory, finds every shipped pack."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from wheel_support import installed_wheel, site_packages


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy the tracked tree")
def test_wheel_ships_the_rule_packs(tmp_path: Path) -> None:
    env, python = installed_wheel(tmp_path, site_packages())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(python), "-c", "import copylint.rulebook as r; "
                            "print(r.builtin_rules_dir())"],
                           capture_output=True, text=True, cwd=elsewhere)
    assert where.returncode == 0, where.stderr
    assert str(env) in where.stdout, "the packs must come from the installed wheel"
    listing = subprocess.run([str(env / "bin" / "copylint"), "rules"],
                             capture_output=True, text=True, cwd=elsewhere)
    assert listing.returncode == 0, listing.stderr
    packs = {line.split(":")[0].split(" ")[0] for line in listing.stdout.splitlines()
             if line and not line.startswith(" ")}
    assert packs >= {"punctuation", "garble", "scrape", "quotes", "consistency", "names", "ap"}
    story = elsewhere / "s.txt"
    story.write_text("The the convoy left kyiv.\n", encoding="utf-8")
    check = subprocess.run([str(env / "bin" / "copylint"), "check", "s.txt"],
                           capture_output=True, text=True, cwd=elsewhere)
    assert check.returncode == 1
    assert "s.txt:1:1: error garble.doubled-word" in check.stdout
