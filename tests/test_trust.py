"""Issue 9: nothing lets a CI gate pass without checking or fail for the wrong reason."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TESTS

from copylint import lint_text
from copylint.findings import selects
from copylint.rulebook import builtin_rules_dir, load_pack, rule_files

# one path from content to findings --------------------------------------------------------------

FIXTURE_FILES = sorted(
    p for p in [*FIXTURES.rglob("*"), *(TESTS / "corpus").rglob("*")]
    if p.is_file() and p.suffix in (".txt", ".md", ".html", ".xml", ".json", ".7901")
    and not p.name.endswith(".labels.json"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(TESTS)))
def test_api_and_cli_give_identical_findings(cli, path: Path) -> None:
    run = cli("check", "--format", "json", "--fail-on", "never", path)
    through_cli = [(f["line"], f["column"], f["end_line"], f["end_column"], f["rule"],
                    f["message"], f["suggestions"]) for f in run.findings]
    through_api = [(f.line, f.column, f.end_line, f.end_column, f.rule, f.message,
                    list(f.suggestions)) for f in lint_text(path.read_bytes(), path=str(path))]
    assert through_api == through_cli


def test_api_knows_headline_and_dateline() -> None:
    story = ("US strikes hit depot near Kyiv.\n\nKYIV, Ukraine (AP) — US officials said the "
             "strikes ended.\n")
    rules = [(f.line, f.rule) for f in lint_text(story, path="story.txt")]
    assert (1, "ap.us") not in rules  # US is right in a headline
    assert (3, "ap.us") in rules
    assert (1, "ap.headline-period") in rules


# --changed-since ----------------------------------------------------------------------------------

ODD_NAMES = ["café.txt", "two words.txt", "tab\there.txt", 'quote"d.txt', "back\\slash.txt",
             "plain.txt", "ünïcödé dir/nested story.txt"]


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_since_reads_every_file_name(cli, tmp_path: Path, monkeypatch) -> None:
    _git("init", "-q", cwd=tmp_path)
    _git("config", "user.email", "desk@example.org", cwd=tmp_path)
    _git("config", "user.name", "Desk", cwd=tmp_path)
    for name in ODD_NAMES:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("The council met.\n", encoding="utf-8")
    _git("add", "-A", cwd=tmp_path)
    _git("commit", "-qm", "first", cwd=tmp_path)
    for name in ODD_NAMES:
        (tmp_path / name).write_text("The council met.\nThe the council left.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "--format", "json", "--changed-since", "HEAD", ".")
    assert run.code == 1
    assert sorted((Path(f["path"]).as_posix(), f["line"]) for f in run.findings) == \
        sorted((name, 2) for name in ODD_NAMES)


def test_changed_since_git_errors_are_one_readable_line(cli, tmp_path: Path, monkeypatch) -> None:
    story = tmp_path / "s.txt"
    story.write_text("Fine.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outside = cli("check", "--changed-since", "HEAD", "s.txt")
    assert outside.code == 2
    assert outside.err.splitlines() == [
        "copylint: error: --changed-since: not inside a git work tree: fatal: not a git "
        "repository (or any of the parent directories): .git"]
    _git("init", "-q", cwd=tmp_path)
    bad = cli("check", "--changed-since", "no-such-branch", "s.txt")
    assert bad.code == 2
    assert bad.err.splitlines() == [
        "copylint: error: --changed-since: 'no-such-branch' is not a commit git knows (a branch, "
        "tag or commit id; fetch it first in a shallow clone)"]


# suppression directives ----------------------------------------------------------------------------

@pytest.mark.parametrize(("directive", "message"), [
    ("<!-- copylint-disable-lin garble -->",
     "'copylint-disable-lin' is not a copylint directive; did you mean "
     "'copylint-disable-line'?"),
    ("<!-- copylint-disabled garble -->",
     "'copylint-disabled' is not a copylint directive; did you mean 'copylint-disable'?"),
    ("<!-- copylint-disable-next-line garbel -->",
     "copylint-disable-next-line names 'garbel', which is no rule or pack"),
    ("<!-- copylint-disable garble.doubled-wrd, ap -->",
     "copylint-disable names 'garble.doubled-wrd', which is no rule or pack"),
])
def test_wrong_directives_are_reported_and_silence_nothing(cli, tmp_path: Path, directive: str,
                                                           message: str) -> None:
    story = tmp_path / "s.md"
    story.write_text(f"{directive}\nThe the council met.\n\nThe the mayor spoke.\n",
                     encoding="utf-8")
    run = cli("check", "--format", "json", story)
    assert run.code == 1
    assert [(f["line"], f["column"], f["rule"]) for f in run.findings] == [
        (1, 1, "copylint.bad-directive"), (2, 1, "garble.doubled-word"),
        (4, 1, "garble.doubled-word")]
    assert message in run.findings[0]["message"]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_same_line_directive_with_a_reason(cli, tmp_path: Path, suffix: str) -> None:
    body = ("The the council met. <!-- copylint-disable-line garble.doubled-word -- a quote -->\n"
            "\nThe the mayor spoke.\n")
    if suffix == ".html":
        body = "<p>" + body.replace("\n\n", "</p>\n<p>").rstrip("\n") + "</p>\n"
    story = tmp_path / f"s{suffix}"
    story.write_text(body, encoding="utf-8")
    run = cli("check", "--format", "json", story)
    second = body.splitlines().index(next(line for line in body.splitlines() if "mayor" in line))
    assert [(f["line"], f["rule"]) for f in run.findings] == [(second + 1, "garble.doubled-word")]


def test_bad_directive_can_be_ignored_like_any_rule(cli, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("<!-- copylint-disabel -->\nFine copy.\n", encoding="utf-8")
    assert cli("check", "--format", "json", story).code == 1
    assert cli("check", "--format", "json", "--ignore", "copylint.bad-directive", story).code == 0


# configuration --------------------------------------------------------------------------------

DOUBLED_AND_PERCENT = "The the rate rose 5 percent.\n"


@pytest.mark.parametrize("written", ["off", "no", "false", "'off'"])
def test_severity_off_as_the_readme_writes_it(cli, tmp_path: Path, monkeypatch,
                                              written: str) -> None:
    (tmp_path / ".copylint.yaml").write_text(f"severity: {{ap.percent: {written}}}\n",
                                             encoding="utf-8")
    (tmp_path / "s.txt").write_text(DOUBLED_AND_PERCENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "--format", "json", "s.txt")
    assert [f["rule"] for f in run.findings] == ["garble.doubled-word"]


def test_rule_severity_on_beats_its_pack_off(cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / ".copylint.yaml").write_text("severity: {ap: off, ap.percent: on}\n",
                                             encoding="utf-8")
    (tmp_path / "s.txt").write_text("It rose 5 percent on November 5.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [f["rule"] for f in cli("check", "--format", "json", "s.txt").findings] == ["ap.percent"]


@pytest.mark.parametrize(("name", "text"), [
    (".copylint.yaml", "fail-on: error\nrespect-gitignore: false\n"),
    ("pyproject.toml", "[tool.copylint]\nfail-on = \"error\"\n"),
])
def test_config_keys_in_the_command_line_spelling(cli, tmp_path: Path, monkeypatch, name: str,
                                                  text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "s.txt").write_text("It happened yesterday.\n", encoding="utf-8")  # a warning
    monkeypatch.chdir(tmp_path)
    run = cli("check", "s.txt")
    assert run.code == 0 and "ap.relative-day" in run.out


@pytest.mark.parametrize(("text", "line", "name"), [
    ("house: ap\nseverity:\n  garble: info\n  nosuchpack: info\n", 4, "nosuchpack"),
    ("disable:\n  - ap\n  - punctuation.stackd\n", 3, "punctuation.stackd"),
    ("overrides:\n  - files: 'a/**'\n    enable: [garble.doubld-word]\n", 3, "garble.doubld-word"),
])
def test_unknown_rule_in_configuration_names_file_and_line(cli, tmp_path: Path, monkeypatch,
                                                           text: str, line: int,
                                                           name: str) -> None:
    (tmp_path / ".copylint.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "s.txt").write_text("Fine.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "s.txt")
    assert run.code == 2
    [message] = run.err.splitlines()
    assert message.startswith(f"copylint: error: {tmp_path / '.copylint.yaml'}:{line}: "
                              f"no rule or pack named '{name}'")


def test_invalid_pyproject_near_the_copy_is_an_error(cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.copylint]\nfail_on = 'error\n",
                                             encoding="utf-8")
    (tmp_path / "s.txt").write_text("The the end.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "s.txt")
    assert run.code == 2
    assert run.err.startswith(f"copylint: error: {tmp_path / 'pyproject.toml'}: invalid TOML")


# Ctrl-C --------------------------------------------------------------------------------------

SLOW_PACK = """\
pack: slow
rules:
  - id: backtrack
    kind: pattern
    severity: error
    message: "slow"
    description: A pattern that backtracks, so checking takes a while.
    pattern: '(?:a|aa)+c'
    examples:
      flag: ["[[aac]]"]
      clean: ["b"]
"""


def _group_alive(pgid: int) -> list[int]:
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process groups from /proc")
def test_ctrl_c_on_a_parallel_run_exits_130_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "slow.yaml").write_text(SLOW_PACK, encoding="utf-8")
    stories = tmp_path / "stories"
    stories.mkdir()
    for number in range(400):  # minutes of work: the run is still going when Ctrl-C comes
        (stories / f"{number:03}.txt").write_text(("a" * 24 + "b ") * 40 + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "copylint", "check", "-j", "2", "--select", "slow",
         "--rules", str(tmp_path / "slow.yaml"), str(stories)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True)
    deadline = time.monotonic() + 120   # the run has begun once its two workers are forked
    while len(_group_alive(process.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)                # (a cold start on a busy machine can take seconds)
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does: the whole foreground group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.splitlines() == ["copylint: error: interrupted; the run did not finish"]
    deadline = time.monotonic() + 10
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _group_alive(process.pid) == []


# folders holding other files ----------------------------------------------------------------

def test_folders_with_other_xml_and_json_skip_them_with_a_note(cli, tmp_path: Path) -> None:
    (tmp_path / "report.xml").write_text("<testsuites><testsuite name='x'/></testsuites>\n",
                                         encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}\n',
                                           encoding="utf-8")
    (tmp_path / "story.txt").write_text("The the council met.\n", encoding="utf-8")
    run = cli("check", "--format", "json", tmp_path)
    assert run.code == 1  # the story's finding, not an input error
    assert [Path(f["path"]).name for f in run.findings] == ["story.txt"]
    assert run.summary["files_skipped"] == 2 and run.summary["files_checked"] == 1
    notes = [line for line in run.err.splitlines() if line.startswith("copylint: note:")]
    assert notes == [
        f"copylint: note: {tmp_path / 'package.json'}: not a news format (JSON without ninjs's "
        "uri, headline or body)",
        f"copylint: note: {tmp_path / 'report.xml'}: not a news format (the root element is "
        "<testsuites>); copylint reads NITF and NewsML-G2 XML"]
    assert "2 skipped (not news formats or binary)" in run.err
    named = cli("check", "--format", "json", tmp_path / "report.xml")
    assert named.code == 2 and "not a news format" in named.err


# encodings ----------------------------------------------------------------------------------

CP1252 = "Caf\u00e9 owners said \u201cthe the rent\u201d rose.\n".encode("cp1252")


def test_windows_1252_copy_with_encoding_option(cli, tmp_path: Path) -> None:
    story = tmp_path / "word-export.txt"
    story.write_bytes(CP1252)
    refused = cli("check", story)
    assert refused.code == 2 and "--encoding" in refused.err
    for option in ("cp1252", "windows-1252"):
        run = cli("check", "--format", "json", "--encoding", option, story)
        assert [(f["line"], f["column"], f["end_column"], f["rule"]) for f in run.findings] == [
            (1, 19, 26, "garble.doubled-word")]  # columns count decoded characters


def test_encoding_auto_detects_what_is_not_utf8(cli, tmp_path: Path) -> None:
    story = tmp_path / "export.txt"
    story.write_bytes(("Les \u00e9lecteurs ont vot\u00e9 \u00e0 Qu\u00e9bec, a d\u00e9clar\u00e9 "
                       "le ministre. The the vote ended.\n" * 3).encode("cp1252"))
    run = cli("check", "--format", "json", "--encoding", "auto", "--select", "garble", story)
    assert [(f["line"], f["column"], f["rule"]) for f in run.findings] == [
        (line, 57, "garble.doubled-word") for line in (1, 2, 3)]
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text("Caf\u00e9. The the end.\n", encoding="utf-8")
    again = cli("check", "--format", "json", "--encoding", "auto", utf8)
    assert [(f["column"], f["rule"]) for f in again.findings] == [(7, "garble.doubled-word")]


def test_encoding_in_configuration_and_per_glob(cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "a.txt").write_bytes(CP1252)
    (tmp_path / "b.txt").write_text("Fine copy.\n", encoding="utf-8")
    (tmp_path / ".copylint.yaml").write_text(
        "overrides:\n  - files: 'legacy/**'\n    encoding: cp1252\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "--format", "json", ".")
    assert [(Path(f["path"]).as_posix(), f["rule"]) for f in run.findings] == [
        ("legacy/a.txt", "garble.doubled-word")]
    bad = tmp_path / "bad.yaml"
    bad.write_text("encoding: klingon\n", encoding="utf-8")
    assert cli("check", "--config", bad, "b.txt").err.startswith(
        f"copylint: error: {bad}:1: 'encoding': unknown encoding 'klingon'")


# one defect, one finding ------------------------------------------------------------------

def test_one_defect_draws_one_finding(tmp_path: Path) -> None:
    text = ("The mines cause lasting harm, officials said. “They stay for years.” .”\n\n"
            "12 Comments\n")
    assert [(f.line, f.column, f.rule) for f in lint_text(text, path="s.txt")] == [
        (1, 67, "punctuation.quote-stack"), (3, 1, "scrape.counter")]


def test_every_furniture_rule_supersedes_every_other_pack() -> None:
    """A scrape rule that deletes furniture (a whole line, or a piece glued into copy) names every
    other pack in `supersedes`, those added later (spelling, spun) and LanguageTool's included."""
    rules = [rule for path in rule_files(builtin_rules_dir()) for rule in load_pack(path).rules]
    others = {rule.pack for rule in rules} - {"scrape"} | {"languagetool"}
    furniture = [rule for rule in rules if rule.pack == "scrape" and rule.fix and rule.fix.delete]
    assert len(furniture) >= 13
    for rule in furniture:
        missing = {pack for pack in others
                   if not any(selects(name, f"{pack}.any-rule") for name in rule.supersedes)}
        assert not missing, (rule.id, missing)


def test_a_caption_line_gets_one_finding_whatever_its_words() -> None:
    text = ("Storm hits the capital\n\nWASHINGTON (AP) — The storm hit on Monday.\n\n"
            "Officials tour the White Home after the goverment storm on Monday. (AP Photo/Jane Doe)"
            "\n\nThe storm moved east on Tuesday, officials said.\n")
    assert [(f.line, f.column, f.rule) for f in lint_text(text, path="s.txt")] == [
        (5, 1, "scrape.caption")]


# statistics and baselines -------------------------------------------------------------------

def test_statistics_in_every_output_format(cli) -> None:
    story = FIXTURES / "broken-story.txt"
    json_run = cli("check", "--format", "json", "--statistics", story)
    statistics = json_run.summary["statistics"]
    assert statistics["scrape.counter"] == 2 and sum(statistics.values()) == len(json_run.findings)
    for output in ("sarif", "github", "junit"):
        run = cli("check", "--format", output, "--statistics", story)
        table = [line for line in run.err.splitlines() if not line.startswith("copylint:")]
        assert sum(int(line.split()[0]) for line in table) == len(json_run.findings)
        if output == "sarif":
            json.loads(run.out)  # stdout stays valid SARIF


def test_python_claim_matches_what_ci_tests() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'requires-python = ">=3.10"' in text
    assert "tomli>=1.1; python_version < '3.11'" in text
    assert "3.10" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


# a file's findings depend on that file alone ---------------------------------------------------

def test_a_files_findings_never_depend_on_the_other_files_of_the_run(cli, tmp_path: Path) -> None:
    """What one story shows (a word it repeats, a word it writes capitalized, an identifier)
    decides for that story only: the same file gets the same findings alone, after other files,
    in one process or two."""
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "a.txt").write_text("The goverment said the goverment and the goverment would act. "
                                "Hosses ran. Hosses and Mr. Hosses left.\n", encoding="utf-8")
    for number in range(1, 10):
        (feed / f"b{number}.txt").write_text(
            f"The goverment acted on day {number}. Hosses were sold.\n", encoding="utf-8")
    alone = cli("check", "--format", "json", "--select", "spelling", feed / "b5.txt").findings
    assert [(f["line"], f["column"], f["rule"]) for f in alone] == [
        (1, 5, "spelling.misspelled"), (1, 31, "spelling.misspelled")]
    for jobs in ("1", "2"):
        together = cli("check", "--format", "json", "--select", "spelling", "-j", jobs, feed)
        assert [f for f in together.findings if f["path"].endswith("b5.txt")] == alone
