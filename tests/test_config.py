"""Configuration files: discovery, keys, per-glob overrides, errors with file:line, `copylint config`."""

from __future__ import annotations

from pathlib import Path

import pytest

DOUBLED = "The council met on Tuesday in Kyiv and and left.\n"
WARNED = "The council met yesterday in Kyiv.\n"  # ap.relative-day, a warning


@pytest.fixture
def desk(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "sports").mkdir()
    (tmp_path / "news" / "a.txt").write_text(DOUBLED + WARNED, encoding="utf-8")
    (tmp_path / "sports" / "b.txt").write_text(DOUBLED + WARNED, encoding="utf-8")
    return tmp_path


def _rules(run) -> list[tuple[str, str, str]]:
    return [(Path(f["path"]).as_posix(), f["rule"], f["severity"]) for f in run.findings]


def test_yaml_config_keys_and_overrides(cli, desk: Path) -> None:
    (desk / ".copylint.yaml").write_text(
        "fail_on: error\n"
        "format: json\n"
        "severity:\n  ap: info\n"
        "overrides:\n"
        "  - files: 'sports/**'\n"
        "    disable: [garble.doubled-word]\n", encoding="utf-8")
    run = cli("check", ".")
    assert _rules(run) == [
        ("news/a.txt", "garble.doubled-word", "error"),
        ("news/a.txt", "ap.relative-day", "info"),
        ("sports/b.txt", "ap.relative-day", "info"),
    ]
    assert run.code == 1  # the doubled word is an error


def test_config_found_in_a_parent_directory_and_cli_wins(cli, desk: Path, monkeypatch) -> None:
    (desk / ".copylint.yaml").write_text("fail_on: never\ndisable: [ap]\n", encoding="utf-8")
    monkeypatch.chdir(desk / "news")
    run = cli("check", "--format", "json", "a.txt")
    assert run.code == 0
    assert [f["rule"] for f in run.findings] == ["garble.doubled-word"]
    assert cli("check", "--fail-on", "error", "a.txt").code == 1


def test_pyproject_tool_table(cli, desk: Path) -> None:
    (desk / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.copylint]\nhouse = "none"\nexclude = ["sports/"]\n',
        encoding="utf-8")
    run = cli("check", "--format", "json", ".")
    assert _rules(run) == [("news/a.txt", "garble.doubled-word", "error")]


def test_explicit_config_file_and_extra_rule_dirs(cli, desk: Path) -> None:
    packs = desk / "packs"
    packs.mkdir()
    (packs / "desk.yaml").write_text(
        "pack: desk\nrules:\n  - id: council\n    kind: pattern\n    severity: info\n"
        "    message: m\n    description: Council.\n    pattern: council\n"
        "    examples: {flag: ['[[council]]'], clean: ['board']}\n", encoding="utf-8")
    config = desk / "conf" / "copylint.yml"
    config.parent.mkdir()
    config.write_text("rules: [../packs]\npacks: [desk]\nformat: json\n", encoding="utf-8")
    run = cli("check", "--config", config, "news/a.txt")
    assert [f["rule"] for f in run.findings] == ["desk.council", "desk.council"]


@pytest.mark.parametrize(("text", "expected"), [
    ("hose: ap\n", ".copylint.yaml:1: unknown key 'hose' (did you mean 'house'?)"),
    ("house: ap\nfail_on: sometimes\n",
     ".copylint.yaml:2: 'fail_on' must be one of error, warning, info, never, not 'sometimes'"),
    ("severity:\n  ap: loud\n", ".copylint.yaml:1: 'severity': ap: 'loud' is not one of"),
    ("overrides:\n  - files: x\n    disabel: [ap]\n",
     ".copylint.yaml:3: unknown override key 'disabel' (did you mean 'disable'?)"),
    ("jobs: 0\n", ".copylint.yaml:1: 'jobs' must be a whole number of at least 1"),
    ("format: [\n", ".copylint.yaml:2: invalid YAML"),
    ("disable: [scrap]\n", "no rule or pack named 'scrap' (did you mean 'scrape'?)"),
])
def test_bad_configuration_is_one_line_and_exit_2(cli, desk: Path, text: str, expected: str) -> None:
    (desk / ".copylint.yaml").write_text(text, encoding="utf-8")
    run = cli("check", "news/a.txt")
    assert run.code == 2
    assert expected in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_toml_error_names_the_line(cli, desk: Path) -> None:
    (desk / "pyproject.toml").write_text('[tool.copylint]\nhouse = "ap"\nfailon = "error"\n',
                                         encoding="utf-8")
    run = cli("check", "news/a.txt")
    assert run.code == 2
    assert "pyproject.toml:3: unknown key 'failon' (did you mean 'fail_on'?)" in run.err


def test_config_command_prints_values_and_origins(cli, desk: Path) -> None:
    (desk / ".copylint.yaml").write_text("house: none\nfail_on: error\n", encoding="utf-8")
    run = cli("config")
    assert run.code == 0
    lines = run.out.splitlines()
    assert any(line.startswith("house: none  # ") and line.endswith(".copylint.yaml:1")
               for line in lines)
    assert "format: text  # default" in lines


def test_config_output_is_yaml_that_reads_back_as_the_same_configuration(cli, desk: Path) -> None:
    (desk / ".copylint.yaml").write_text(
        "house: none\nfail-on: error\nseverity: {ap.percent: off, garble: info}\n"
        "disable: [consistency]\nencoding: cp1252\njobs: 2\n"
        "overrides:\n  - files: 'sports/**'\n    disable: [ap.time-of-day]\n", encoding="utf-8")
    printed = cli("config").out
    pasted = desk / "pasted.yaml"
    pasted.write_text(printed, encoding="utf-8")
    again = cli("config", "--config", pasted)
    assert again.code == 0, again.err
    assert [line.split("  #")[0] for line in again.out.splitlines()[2:]] == \
        [line.split("  #")[0] for line in printed.splitlines()[2:]]
    assert "severity: {ap.percent: 'off', garble: info}" in printed


def test_gitignore_is_respected_when_walking(cli, desk: Path) -> None:
    (desk / ".gitignore").write_text("sports/\n", encoding="utf-8")
    run = cli("check", "--format", "json", "--select", "garble", ".")
    assert [Path(f["path"]).as_posix() for f in run.findings] == ["news/a.txt"]
    run = cli("check", "--format", "json", "--select", "garble", "--no-gitignore", ".")
    assert len(run.findings) == 2
