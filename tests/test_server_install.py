"""`copylint serve` from a non-editable wheel, started in another directory: the page and the
packs come from the installed package."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import starlette
from conftest import REPO
from test_server_support import ServerProcess


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy the tracked tree")
def test_wheel_serves_the_page_from_another_directory(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(wheels), str(REPO)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    wheel = next(wheels.glob("copylint-*.whl"))
    env = tmp_path / "venv"
    venv.create(env, system_site_packages=True, with_pip=False)
    python = env / "bin" / "python"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--quiet", str(wheel)], capture_output=True, text=True)
    if install.returncode != 0 and "no such option: --python" in install.stderr:
        pytest.skip("pip too old for --python")
    assert install.returncode == 0, install.stderr
    # the serve extra's libraries, from the environment running the tests (no download)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    web_stack = Path(starlette.__file__).parent.parent
    (Path(site) / "serve-extra.pth").write_text(f"{web_stack}\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    process = ServerProcess((), elsewhere, python=str(python)).start()
    try:
        page = process.get("/")
        assert page.status == 200
        assert b"<title>copylint</title>" in page.body
        answer = process.post_json("/v1/check", {"text": "The the convoy left kyiv.\n"})
        assert [(f["rule"], f["column"]) for f in answer.json()["findings"]] == [
            ("garble.doubled-word", 1), ("names.capitalization", 21)]
        where = subprocess.run([str(python), "-c", "import copylint.server as s; print(s.__file__)"],
                               capture_output=True, text=True, cwd=elsewhere, check=True)
        assert str(env) in where.stdout, "the server must come from the installed wheel"
    finally:
        assert process.stop() == 0
