"""`copylint serve` from a non-editable wheel, started in another directory: the page and the
packs come from the installed package."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import starlette
from test_server_support import ServerProcess
from wheel_support import installed_wheel, site_packages


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy the tracked tree")
def test_wheel_serves_the_page_from_another_directory(tmp_path: Path) -> None:
    # the serve extra's libraries come from the environment running the tests
    web_stack = str(Path(starlette.__file__).parent.parent)
    env, python = installed_wheel(tmp_path, [web_stack, *site_packages()])
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
