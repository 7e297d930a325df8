"""Output formats: text (colour, statistics), SARIF (validated against the 2.1.0 schema), GitHub
workflow commands and JUnit XML."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXTURES, TESTS

from copylint.cli import use_color

BROKEN = FIXTURES / "broken-story.txt"


def test_sarif_is_valid_and_complete(cli) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    run = cli("check", "--format", "sarif", BROKEN)
    assert run.code == 1
    log = json.loads(run.out)
    schema = json.loads((TESTS / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "copylint"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert "names.misspelled" in rule_ids
    stacked = driver["rules"][rule_ids.index("punctuation.stacked")]
    assert stacked["defaultConfiguration"] == {"level": "error"}
    assert stacked["shortDescription"]["text"].startswith("Flags a full stop")
    results = log["runs"][0]["results"]
    assert len(results) == 20
    name = next(r for r in results if r["ruleId"] == "names.misspelled")
    assert name["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 13, "startColumn": 112, "endLine": 13, "endColumn": 121}
    assert name["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "Volodymyr"}
    assert rule_ids[name["ruleIndex"]] == "names.misspelled"


def test_github_annotations(cli, tmp_path: Path) -> None:
    story = tmp_path / "a,b.txt"
    story.write_text("The the council met yesterday.\n", encoding="utf-8")
    run = cli("check", "--format", "github", story)
    assert run.out.splitlines() == [
        f"::error file={str(story).replace(',', '%2C')},line=1,col=1,endLine=1,endColumn=8,"
        "title=garble.doubled-word::Doubled word: “The the”. (suggestion: The)",
        f"::warning file={str(story).replace(',', '%2C')},line=1,col=21,endLine=1,endColumn=30,"
        "title=ap.relative-day::AP style: name the day of the week instead of “yesterday”.",
    ]


def test_junit_one_case_per_file(cli, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Tuesday.\n", encoding="utf-8")
    run = cli("check", "--format", "junit", BROKEN, clean)
    root = ET.fromstring(run.out.split("\n", 1)[1])
    cases = root.findall("./testsuite/testcase")
    assert [case.get("name") for case in cases] == [str(BROKEN), str(clean)]
    assert len(cases[0].findall("failure")) == 20 and cases[1].findall("failure") == []
    first = cases[0].find("failure")
    assert first.get("type") == "scrape.breadcrumb" and first.get("message").startswith("1:1: ")
    suite = root.find("testsuite")  # the counts agree: files checked, files with findings
    counts = {key: root.get(key) for key in ("tests", "failures", "errors")}
    assert counts == {key: suite.get(key) for key in ("tests", "failures", "errors")}
    assert counts == {"tests": "2", "failures": "1", "errors": "0"}


def test_text_colour_and_statistics(cli) -> None:
    plain = cli("check", BROKEN)
    assert "\x1b[" not in plain.out
    coloured = cli("check", "--color", "--statistics", BROKEN)
    assert "\x1b[31m" in coloured.out and "\x1b[1m" in coloured.out
    stats = cli("check", "--statistics", BROKEN).out.split("\n\n")[-1].splitlines()
    assert stats[0].split() == ["3", "garble.lowercase-restart", "error"]
    assert sum(int(line.split()[0]) for line in stats) == 20


@pytest.mark.parametrize(("flag", "environ", "tty", "expected"), [
    (None, {}, True, True), (None, {"NO_COLOR": "1"}, True, False), (None, {}, False, False),
    (False, {}, True, False), (True, {"NO_COLOR": "1"}, False, True)])
def test_colour_decision(flag, environ, tty, expected) -> None:
    assert use_color(flag, environ, tty) is expected
