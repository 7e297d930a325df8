"""LanguageTool through the CLI and the configuration, against the local fake server."""

from __future__ import annotations

from pathlib import Path

import pytest
from lt_fake_server import FakeLanguageTool

STORY = "The council bought a apple. The the council met on Tuesday.\n"


@pytest.fixture
def server(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with FakeLanguageTool() as fake:
        yield fake


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "s.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _found(run) -> list[tuple[int, int, str]]:
    return [(f["line"], f["column"], f["rule"]) for f in run.findings]


def test_findings_join_native_ones_and_duplicates_are_dropped(cli, server, story) -> None:
    run = cli("check", "--format", "json", "--languagetool", server.url, story)
    assert _found(run) == [(1, 20, "languagetool/EN_A_VS_AN"), (1, 29, "garble.doubled-word")]
    lt = run.findings[0]
    assert lt["suggestions"] == ["an"] and lt["end_column"] == 21
    assert run.code == 1
    sent = len(server.checks)
    again = cli("check", "--format", "json", "--languagetool", server.url, story)
    assert _found(again) == _found(run)
    assert len(server.checks) == sent, "an unchanged story is answered from the cache"


def test_configuration_section_and_ignore(cli, server, story, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".copylint.yaml").write_text(
        f"languagetool:\n  enabled: true\n  server: {server.url}\n", encoding="utf-8")
    run = cli("check", "--format", "json", story)
    assert "languagetool/EN_A_VS_AN" in [f["rule"] for f in run.findings]
    run = cli("check", "--format", "json", "--ignore", "languagetool", story)
    assert [f["rule"] for f in run.findings] == ["garble.doubled-word"]


def test_bad_languagetool_configuration_names_file_and_line(cli, story, tmp_path: Path,
                                                             monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".copylint.yaml").write_text("fail_on: error\nlanguagetool:\n  servr: x\n",
                                             encoding="utf-8")
    run = cli("check", story)
    assert run.code == 2
    assert ".copylint.yaml:2: languagetool: unknown key 'servr' (did you mean 'server'?)" in run.err


def test_unreachable_server_is_one_line_and_native_findings_still_print(cli, story,
                                                                        tmp_path: Path,
                                                                        monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    other = tmp_path / "t.txt"
    other.write_text("It left kyiv.\n", encoding="utf-8")
    run = cli("check", "--format", "json", "--languagetool", "http://127.0.0.1:1", story, other)
    assert run.code == 2
    assert [f["rule"] for f in run.findings] == ["garble.doubled-word", "names.capitalization"]
    errors = [line for line in run.err.splitlines() if line.startswith("copylint: error:")]
    assert len(errors) == 1
    assert errors[0].startswith("copylint: error: LanguageTool: cannot reach the LanguageTool "
                                "server at http://127.0.0.1:1")
    assert "Traceback" not in run.err


def test_server_error_status(cli, server, story) -> None:
    server.status = 503
    run = cli("check", "--format", "json", "--languagetool", server.url, story)
    assert run.code == 2
    assert [f["rule"] for f in run.findings] == ["garble.doubled-word"]
    assert "LanguageTool" in run.err and "503" in run.err


def test_local_mode_without_java_is_one_line(cli, story, tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    run = cli("check", "--format", "json", "--languagetool", story)
    assert run.code == 2
    assert [f["rule"] for f in run.findings] == ["garble.doubled-word"]
    errors = [line for line in run.err.splitlines() if line.startswith("copylint: error:")]
    assert len(errors) == 1 and "Java" in errors[0]
