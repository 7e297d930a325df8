"""Every output format, and the baseline, survive lone surrogates in a story, file names that
are not UTF-8 and file names with a newline; JUnit counts agree; SARIF says how it counts
columns."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXTURES, TESTS

from copylint.baseline import fingerprint
from copylint.findings import Finding, Severity

BROKEN = FIXTURES / "broken-story.txt"
FORMATS = ["text", "json", "sarif", "github", "junit"]
# a JSON story whose \ud800 escape (a lone surrogate) ends up in a message: the sentence-start
# rule quotes the word before the full stop
LONE = '{"body_text": "The talks ended\\ud800. then the delegates left."}\n'
LONE_MESSAGE = "Sentence restarts in lower case: “ended\ufffd. then” — a garbled or spliced sentence?"


def non_utf8_story(tmp_path: Path) -> Path:
    """A folder holding `caf\\xe9.txt`, a name that is Latin-1, not UTF-8."""
    folder = tmp_path / "stories"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as story:
        story.write(b"The the council met.\n")
    return folder


@pytest.mark.parametrize("output", FORMATS)
def test_a_file_name_that_is_not_utf8_is_written_with_byte_escapes(cli, tmp_path: Path,
                                                                   output: str) -> None:
    folder = non_utf8_story(tmp_path)
    run = cli("check", "--format", output, folder)
    assert run.code == 1, run.err
    shown = f"{folder}/caf\\xe9.txt"
    if output == "text":
        assert run.out == (f"{shown}:1:1: error garble.doubled-word [*] Doubled word: “The the”. "
                           "(fix: replace with “The”)\n")
    elif output == "json":
        assert [(f["path"], f["rule"]) for f in run.findings] == [(shown, "garble.doubled-word")]
    elif output == "sarif":
        result = json.loads(run.out)["runs"][0]["results"][0]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "file://" + str(folder).replace(" ", "%20") + "/caf%E9.txt"
    elif output == "github":
        assert run.out.startswith(f"::error file={shown},line=1,col=1,")
    else:
        case = ET.fromstring(run.out.split("\n", 1)[1]).find("./testsuite/testcase")
        assert case.get("name") == shown


@pytest.mark.parametrize("output", FORMATS)
def test_a_lone_surrogate_in_a_story_reaches_no_output_as_is(cli, tmp_path: Path,
                                                             output: str) -> None:
    story = tmp_path / "item.json"
    story.write_text(LONE, encoding="utf-8")
    run = cli("check", "--format", output, "--select", "garble", story)
    assert run.code == 1, run.err
    assert "\ud800" not in run.out
    if output == "text":
        assert run.out == f"{story}:1:39: error garble.lowercase-restart {LONE_MESSAGE}\n"
    elif output == "json":
        assert [f["message"] for f in run.findings] == [LONE_MESSAGE]
    elif output == "sarif":
        assert json.loads(run.out)["runs"][0]["results"][0]["message"]["text"] == LONE_MESSAGE
    elif output == "github":
        assert run.out.endswith(f"::{LONE_MESSAGE}\n")
    else:
        failure = ET.fromstring(run.out.split("\n", 1)[1]).find("./testsuite/testcase/failure")
        assert failure.get("message") == f"1:39: {LONE_MESSAGE}"


def test_the_baseline_keeps_surrogates_and_matches_them_again(cli, tmp_path: Path) -> None:
    story = tmp_path / "item.json"
    story.write_text(LONE, encoding="utf-8")
    folder = non_utf8_story(tmp_path)
    baseline = tmp_path / "baseline.json"
    first = cli("check", "--write-baseline", baseline, "--select", "garble", story, folder)
    assert first.code == 0, first.err  # writing a baseline succeeds
    text = baseline.read_text(encoding="utf-8")
    assert "\\udce9" in text and "\\ud800" in text
    assert len(json.loads(text)["findings"]) == 2
    again = cli("check", "--baseline", baseline, "--select", "garble", story, folder)
    assert (again.code, again.out) == (0, "")


def test_a_fingerprint_of_a_lone_surrogate_is_stable() -> None:
    text = "The talks ended\ud800. then they left."
    finding = Finding("a.json", 1, 18, 1, 22, "garble.lowercase-restart", Severity.ERROR, "m",
                      start=17, end=21)
    assert fingerprint(finding, text) == fingerprint(finding, text)
    assert fingerprint(finding, text) != fingerprint(finding, text.replace("\ud800", "\ufffd"))


def test_a_file_name_with_a_newline_stays_on_one_text_line(cli, tmp_path: Path) -> None:
    story = tmp_path / "two\nlines.txt"
    story.write_text("The the council met.\n", encoding="utf-8")
    run = cli("check", story)
    assert run.out.splitlines() == [
        f"{tmp_path}/two\\nlines.txt:1:1: error garble.doubled-word [*] Doubled word: “The the”. "
        "(fix: replace with “The”)"]
    github = cli("check", "--format", "github", story)
    assert github.out.startswith(f"::error file={tmp_path}/two%0Alines.txt,line=1,")
    assert len(github.out.splitlines()) == 1


def test_a_message_with_a_line_break_stays_on_one_text_line(cli, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("The ministry said it would\nwould reply.\n", encoding="utf-8")
    run = cli("check", "--paragraphs", "blank", story)  # one paragraph over two lines
    assert run.out == (f"{story}:1:22: error garble.doubled-word [*] Doubled word: "
                       "“would\\nwould”. (fix: replace with “would”)\n")


def test_junit_output_is_xml_whatever_the_message_holds(cli, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("The talks ended\x01. then they left.\n", encoding="utf-8")
    run = cli("check", "--format", "junit", story)
    failure = ET.fromstring(run.out.split("\n", 1)[1]).find("./testsuite/testcase/failure")
    assert failure.get("type") == "garble.lowercase-restart"
    assert "“ended\ufffd. then”" in failure.get("message")


def test_sarif_counts_code_points_and_claims_no_missing_page(cli) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(cli("check", "--format", "sarif", BROKEN).out)
    schema = json.loads((TESTS / "data" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert "informationUri" not in run["tool"]["driver"]
