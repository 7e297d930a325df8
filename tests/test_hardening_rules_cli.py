"""`copylint rules` lists every pack, house packs marked; messages without raw fields;
`copylint explain` of another house's rule and of a user rule's kind parameters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from copylint.rulebook import builtin_rules_dir, load_pack, rule_files

_RAW_FIELD = re.compile(r"\{\w+\}")


def pack_lines(out: str) -> list[str]:
    return [line.split(":")[0] for line in out.splitlines() if line and not line.startswith(" ")]


@pytest.mark.parametrize(("house", "active", "inactive"), [("ap", "ap", "reuters"),
                                                           ("reuters", "reuters", "ap")])
def test_rules_lists_every_pack_and_says_which_house_is_active(cli, house: str, active: str,
                                                               inactive: str) -> None:
    run = cli("rules", "--house", house)
    assert run.code == 0
    assert pack_lines(run.out) == sorted(
        ["punctuation", "garble", "scrape", "quotes", "consistency", "names", "spelling", "spun",
         "truncation", "wordbreaks", "encoding",
         f"{active} (house style, active)",
         f"{inactive} (house style, not active", ], key=lambda label: label.split(" ")[0])
    assert f"{inactive} (house style, not active: --house {inactive}):" in run.out
    assert "  reuters.names " in run.out and "  ap.names " in run.out


def test_rules_show_no_raw_template_fields(cli) -> None:
    text = cli("rules").out
    assert not _RAW_FIELD.search(text)
    records = json.loads(cli("rules", "--format", "json").out)
    assert len(records) == sum(len(load_pack(path).rules) for path in rule_files(builtin_rules_dir()))
    by_id = {record["id"]: record for record in records}
    assert by_id["garble.self-reference"]["message"] == "Garbled fragment: “…” refers to … twice."
    assert by_id["garble.self-reference"]["message_template"] == (
        "Garbled fragment: “{match}” refers to {1} twice.")
    assert (by_id["reuters.names"]["house"], by_id["reuters.names"]["active"]) == ("reuters", False)
    assert (by_id["ap.us"]["house"], by_id["ap.us"]["active"]) == ("ap", True)
    assert not any(_RAW_FIELD.search(record["message"]) for record in records)


def test_explain_renders_the_message_and_an_example_of_it(cli) -> None:
    run = cli("explain", "garble.self-reference")
    assert run.code == 0
    assert "\nMessage: Garbled fragment: “…” refers to … twice.\n" in run.out
    assert ("  for example: Garbled fragment: “Germany’s support for Germany” refers to Germany "
            "twice.\n") in run.out
    assert "{1}" not in run.out


def test_explain_of_another_houses_rule_says_to_use_that_house(cli) -> None:
    run = cli("explain", "reuters.names")
    assert run.code == 0
    assert ("In the reuters house pack, which checks copy only with --house reuters (or 'house: "
            "reuters' in the configuration); the house now is ap.") in run.out
    assert "Message: Reuters spelling: “…”, not “…”." in run.out
    same_house = cli("explain", "reuters.names", "--house", "reuters")
    assert same_house.code == 0 and "house pack, which checks" not in same_house.out


def test_explain_shows_the_kind_parameters_of_a_user_rule(cli, tmp_path: Path) -> None:
    (tmp_path / "desk.yaml").write_text("""\
pack: desk
rules:
  - id: units
    kind: pattern
    severity: info
    message: "Unit {0}."
    description: Units.
    pattern: '\\d+ km'
    trigger: [km]
    examples:
      flag: ["It is [[5 km]]\\naway."]
      clean: ["It is near."]
""", encoding="utf-8")
    run = cli("explain", "desk.units", "--rules", tmp_path / "desk.yaml")
    assert run.code == 0, run.err
    assert "\nParameters of the kind 'pattern' ([set]: this rule sets it):\n" in run.out
    assert "  pattern (text, required) [set]: regex (the `regex` module's syntax)\n" in run.out
    assert ("  scope (text, default line; one of line, sentence, paragraph, document): the text "
            "one match may span") in run.out
    assert ("  trigger (a list, default empty; or trigger_file: a list file) [set]: a speed hint: "
            "words (case-insensitive)") in run.out
    assert "  It is [[5 km]]\n    away.\n" in run.out
    assert "Message: Unit ….\n  for example: Unit 5 km.\n" in run.out


BUILTIN_RULES = [rule for path in rule_files(builtin_rules_dir()) for rule in load_pack(path).rules]


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=[rule.id for rule in BUILTIN_RULES])
def test_every_builtin_rule_is_documented_in_ruffs_shape(rule) -> None:
    """What it flags (one sentence: the summary `copylint rules` shows), why, an example and what
    to write instead, each paragraph saying something; a link, where there is one, is https."""
    parts = rule.description.split("\n\n")
    assert [part.split(":")[0] for part in parts[1:]] == ["Why", "Example", "Instead"]
    assert all(part.split(":", 1)[1].strip() for part in parts[1:])
    assert parts[0].startswith("Flags ") and rule.summary == " ".join(parts[0].split())
    assert rule.link is None or rule.link.startswith("https://")


def test_every_pack_is_among_the_documented_rules() -> None:
    packs = {rule.pack for rule in BUILTIN_RULES}
    assert packs == {path.stem for path in rule_files(builtin_rules_dir())}
