"""A non-editable wheel install, run from another directory, finds every shipped pack."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy the tracked tree")
def test_wheel_ships_the_rule_packs(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(wheels), str(REPO)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    wheel = next(wheels.glob("copylint-*.whl"))
    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    # the dependencies come from the environment running the tests (its .pth files, such as an
    # editable copylint, are not processed: only the directories are added)
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    Path(target, "parent-env.pth").write_text(
        "\n".join(p for p in sys.path if p.endswith("site-packages")) + "\n", encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--quiet", str(wheel)], capture_output=True, text=True)
    if install.returncode != 0 and "no such option: --python" in install.stderr:
        pytest.skip("pip too old for --python")
    assert install.returncode == 0, install.stderr
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
