"""Build copylint's wheel and install it, without its dependencies, into a fresh venv whose
libraries come from directories of the environment running the tests (no download)."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import REPO


def installed_wheel(tmp_path: Path, library_dirs: list[str]) -> tuple[Path, Path]:
    """(the venv, its python) with the wheel installed; `library_dirs` are put on its path by a
    .pth file (their own .pth files, such as an editable copylint's, are not processed)."""
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
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "test-libraries.pth").write_text("\n".join(library_dirs) + "\n", encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--quiet", str(wheel)], capture_output=True, text=True)
    if install.returncode != 0 and "no such option: --python" in install.stderr:
        pytest.skip("pip too old for --python")
    assert install.returncode == 0, install.stderr
    return env, python


def site_packages() -> list[str]:
    """The site-packages directories of the environment running the tests."""
    return [p for p in sys.path if p.endswith("site-packages")]
