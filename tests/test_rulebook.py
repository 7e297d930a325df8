"""User rule packs: loading, every rule kind, validation errors with file:line, timeouts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import copylint.checks.base as base

GOOD_PACK = """\
pack: desk
description: The desk's own rules.
rules:
  - id: no-slammed
    kind: pattern
    severity: warning
    message: "Avoid “{match}” in news copy."
    pattern: '\\bslam(?:s|med)?\\b'
    ignore_case: true
    examples:
      flag: ["The senator [[slammed]] the plan."]
      clean: ["The senator criticized the plan."]
    description: Headline verbs editorialize.
  - id: stadium
    kind: capitalization
    severity: error
    message: "Write “{right}”."
    terms: [Wembley]
    examples:
      flag: ["The final is at [[wembley]]."]
      clean: ["The final is at Wembley."]
    description: The stadium's name.
"""


def write_pack(tmp_path: Path, text: str, name: str = "desk.yaml") -> Path:
    directory = tmp_path / "rules"
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return directory


def test_user_pack_adds_rules(cli, tmp_path: Path) -> None:
    rules = write_pack(tmp_path, GOOD_PACK)
    story = tmp_path / "s.txt"
    story.write_text("The senator slammed the plan at wembley.\n", encoding="utf-8")
    run = cli("check", "--format", "json", "--rules", rules, story)
    assert [(f["column"], f["rule"], f["message"]) for f in run.findings] == [
        (13, "desk.no-slammed", "Avoid “slammed” in news copy."),
        (33, "desk.stadium", "Write “Wembley”."),
    ]
    assert cli("test-rules", rules).code == 0
    assert "desk.stadium" in cli("rules", "--rules", rules).out


def test_test_rules_reports_a_failing_example_with_file_and_line(cli, tmp_path: Path) -> None:
    rules = write_pack(tmp_path, GOOD_PACK.replace("The senator criticized the plan.",
                                                   "The senator slammed the plan."))
    run = cli("test-rules", rules)
    assert run.code == 1
    assert run.out.startswith(f"{rules / 'desk.yaml'}:12: desk.no-slammed: clean example was flagged")


@pytest.mark.parametrize(("broken", "expected"), [
    (GOOD_PACK.replace("kind: pattern", "kind: patern"),
     ":5: desk.no-slammed: unknown kind 'patern' (did you mean 'pattern'?)"),
    (GOOD_PACK.replace("    ignore_case: true\n", "    ignore_cse: true\n"),
     ":9: desk.no-slammed: unknown key 'ignore_cse' for kind 'pattern' "
     "(did you mean 'ignore_case'?)"),
    (GOOD_PACK.replace('    message: "Write “{right}”."\n', ""),
     ":14: desk.stadium: 'message' must be a non-empty string"),
    (GOOD_PACK.replace("severity: error", "severity: fatal"),
     ":16: desk.stadium: 'severity' must be one of error, warning, info"),
    (GOOD_PACK.replace("terms: [Wembley]", "terms: Wembley"),
     ":18: desk.stadium: 'terms' must be a list of strings, not a string"),
    (GOOD_PACK.replace("id: stadium", "id: no-slammed"),
     ":14: desk.no-slammed: duplicate rule id (first at line 4)"),
    (GOOD_PACK.replace("(?:s|med)?", "(?:s|med"),
     ":8: desk.no-slammed: invalid regex"),
    (GOOD_PACK.replace('      clean: ["The final is at Wembley."]\n', ""),
     ":20: desk.stadium: examples need a non-empty 'clean' list of strings"),
    (GOOD_PACK.replace("[[wembley]]", "wembley"),
     ":20: desk.stadium: a 'flag' example must mark what is flagged with [[...]]"),
    (GOOD_PACK.replace("“{match}”", "“{word}”"),
     ":7: desk.no-slammed: unknown field {word}"),
    (GOOD_PACK.replace("terms: [Wembley]", "terms: [Wembley, no]"),
     ":18: desk.stadium: 'terms' must be a list of strings; item 2 is false (YAML reads "
     "yes/no/on/off that way: quote the word)"),
    (GOOD_PACK.replace("rules:\n", "rules:\n  - [\n"),
     ":5: invalid YAML: while parsing a flow node"),
    ("pack: Desk\nrules: []\n", ":1: 'pack' must be a lower-case name"),
    ("pack: desk\nrulez: []\nrules: []\n", ":2: unknown pack key 'rulez' (did you mean 'rules'?)"),
])
def test_invalid_rule_files_give_file_line_errors(cli, tmp_path: Path, broken: str,
                                                  expected: str) -> None:
    rules = write_pack(tmp_path, broken)
    story = tmp_path / "s.txt"
    story.write_text("Text.\n")
    run = cli("check", "--rules", rules, story)
    assert run.code == 2
    message = run.err.strip()
    assert message.startswith(f"copylint: error: {rules / 'desk.yaml'}{expected}"), message
    assert len(message.splitlines()) == 1


def test_duplicate_id_across_packs(cli, tmp_path: Path) -> None:
    rules = write_pack(tmp_path, GOOD_PACK)
    write_pack(tmp_path, GOOD_PACK, "again.yaml")
    run = cli("rules", "--rules", rules)
    assert run.code == 2
    assert "duplicate rule id (also at" in run.err


def test_every_kind_loads_from_a_user_pack(cli, tmp_path: Path) -> None:
    pack = """\
    pack: kinds
    rules:
      - {id: a, kind: swap, severity: info, description: d, message: "{right}", swap: {utilise: use},
         examples: {flag: ["We [[utilise]] it."], clean: ["We use it."]}}
      - {id: b, kind: repetition, severity: info, description: d, message: "{word}",
         examples: {flag: ["It [[was was]] late."], clean: ["It was late."]}}
      - {id: c, kind: sentence-start, severity: info, description: d, message: "{word}",
         examples: {flag: ["It ended. [[then]] it began."], clean: ["It ended. Then it began."]}}
      - {id: d, kind: quotes, severity: info, description: d, message: "{problem}",
         examples: {flag: ["[[“]]Open."], clean: ["“Closed.”"]}}
      - {id: e, kind: consistency, severity: info, description: d, message: "{match}", groups: [[grey, gray]],
         prefer: first, examples: {flag: ["Grey sky, [[gray]] sea."], clean: ["Grey sky."]}}
      - {id: f, kind: boilerplate, severity: info, description: d, message: "{match}", lines: ["print page"],
         examples: {flag: ["[[Print page]]"], clean: ["Print the page, he said."]}}
      - {id: g, kind: capitalization, severity: info, description: d, message: "{right}", terms: [Reuters],
         examples: {flag: ["[[reuters]] said"], clean: ["Reuters said"]}}
      - {id: h, kind: pattern, severity: info, description: d, message: "{m}", pattern: '(?P<m>\\d+)(?= km)',
         scope: sentence, examples: {flag: ["It is [[5]] km away."], clean: ["It is 5 miles."]}}
    """
    rules = write_pack(tmp_path, pack, "kinds.yaml")
    run = cli("test-rules", rules)
    assert run.code == 0, run.out
    assert "8 rules, 16 examples: 16 passed, 0 failed" in run.err


def test_a_runaway_regex_is_stopped_with_a_warning(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(base, "REGEX_TIMEOUT_SECONDS", 0.05)
    pack = """\
    pack: slow
    rules:
      - id: backtrack
        kind: pattern
        severity: error
        message: "slow"
        description: A slow rule.
        scope: document
        pattern: '(\\w+\\s?)+\\d'
        examples:
          flag: ["[[a1]]"]
          clean: ["b"]
    """
    rules = write_pack(tmp_path, pack, "slow.yaml")
    story = tmp_path / "s.txt"
    story.write_text("word another " * 400 + "\n", encoding="utf-8")
    run = cli("check", "--select", "slow", "--rules", rules, story)
    assert run.code == 0
    assert (f"copylint: warning: {story}: rule slow.backtrack took longer than 0.05 s on this "
            "file and was stopped; its findings here are incomplete") in run.err


def test_scope_roles_and_extents(cli, tmp_path: Path) -> None:
    pack = """\
    pack: scoped
    rules:
      - id: body-only
        kind: pattern
        severity: info
        message: m
        description: A scoped rule.
        scope: [~headline, sentence]
        pattern: 'alpha'
        examples: {flag: ['an [[alpha]] here'], clean: ['beta']}
    """
    rules = write_pack(tmp_path, pack, "scoped.yaml")
    assert cli("test-rules", rules).code == 0
    from copylint.rulebook import load_pack
    rule = load_pack(rules / "scoped.yaml").rules[0]
    assert rule.skip_roles == {"headline"} and rule.roles is None
    assert rule.check.scope == "sentence"
    assert rule.applies_to("body") and not rule.applies_to("headline")
    bad = write_pack(tmp_path, pack.replace("[~headline, sentence]", "[headlines]"), "scoped.yaml")
    run = cli("test-rules", bad)
    assert run.code == 2
    assert "unknown scope 'headlines' (did you mean 'headline'?)" in run.err
