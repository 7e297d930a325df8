"""Hostile and mistaken YAML in rule packs and configuration: alias bombs, huge numbers, keys
YAML 1.1 reads as booleans, wrong types for `kind`, and every mistake of a pack in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.checks import KINDS
from copylint.yamlsource import ALIAS_LIMIT, load_yaml

KIND_NAMES = ", ".join(sorted(KINDS))

RULE = """\
  - id: {id}
    kind: {kind}
    severity: warning
    message: "Write “{{right}}”."
    description: A test rule.
    {params}
    examples:
      flag: ["{flag}"]
      clean: ["{clean}"]
"""


def pack(*rules: str, head: str = "pack: desk\nrules:\n") -> str:
    return head + "".join(rules)


def swap_rule(params: str, flag: str = "He said [[yes]].", clean: str = "He said aye.",
              rule_id: str = "words", kind: str = "swap") -> str:
    return RULE.format(id=rule_id, kind=kind, params=params, flag=flag, clean=clean)


def bomb(levels: int) -> str:
    """`levels` levels of lists of ten aliases of the level below: 10**levels strings."""
    lines = ['b0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"b{level}: &b{level} [{', '.join([f'*b{level - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


def nested_bomb(levels: int) -> str:
    """The same, written as one flow list whose first item holds the whole expansion."""
    text = '&b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'
    for level in range(1, levels):
        text = f"&b{level} [{text}, {', '.join([f'*b{level - 1}'] * 9)}]"
    return text


def run_pack(cli, tmp_path: Path, text: str):
    directory = tmp_path / "rules"
    directory.mkdir(exist_ok=True)
    (directory / "desk.yaml").write_text(text, encoding="utf-8")
    return cli("test-rules", directory), directory / "desk.yaml"


def one_error_line(run) -> str:
    assert run.code == 2
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err[:500]
    return lines[0]


def test_an_alias_bomb_in_a_rule_pack_is_refused_with_its_line(cli, tmp_path: Path) -> None:
    # six levels: a million strings; nine would be a billion. Used where a list of strings is
    # expected, the old loader built the error message from the repr of the whole expansion.
    text = pack(swap_rule(f"terms: [{nested_bomb(7)}]", "[[wembley]]", "Wembley",
                          kind="capitalization"))
    run, path = run_pack(cli, tmp_path, text)
    line = one_error_line(run)
    assert line == (f"copylint: error: {path}:8: invalid YAML: aliases here repeat more than "
                    f"{ALIAS_LIMIT:,} items in all (an alias bomb?); write the values out")


def test_an_alias_bomb_in_the_configuration_is_refused(cli, tmp_path: Path) -> None:
    config = tmp_path / ".copylint.yaml"
    config.write_text(bomb(9) + "disable: *b8\n", encoding="utf-8")
    story = tmp_path / "s.txt"
    story.write_text("Text.\n", encoding="utf-8")
    run = cli("check", "--config", config, story)
    line = one_error_line(run)
    assert line.startswith(f"copylint: error: {config}:4: invalid YAML: aliases here repeat more "
                           "than 10,000 items")


def test_aliases_below_the_limit_still_work(cli, tmp_path: Path) -> None:
    text = pack(swap_rule("terms: &stadiums [Wembley, Anfield]", "[[wembley]]", "Wembley",
                          kind="capitalization"),
                swap_rule("terms: *stadiums", "[[anfield]]", "Anfield", rule_id="again",
                          kind="capitalization"))
    run, _ = run_pack(cli, tmp_path, text)
    assert run.code == 0, run.err + run.out
    assert "2 rules, 4 examples: 4 passed, 0 failed" in run.err


def test_an_alias_inside_itself_is_refused() -> None:
    import yaml

    with pytest.raises(yaml.YAMLError, match="an alias refers to the collection it stands in"):
        load_yaml("a: &a [1, *a]\n")


@pytest.mark.parametrize("where", ["group", "value", "anywhere"])
def test_a_huge_integer_is_a_one_line_error(cli, tmp_path: Path, where: str) -> None:
    digits = "9" * 5000
    params = {"group": f"pattern: 'x'\n    group: {digits}",
              "value": f"swap: {{nine: {digits}}}",
              "anywhere": "swap: {yes: aye}"}[where]
    head = f"pack: desk\nsize: {digits}\nrules:\n" if where == "anywhere" else "pack: desk\nrules:\n"
    run, path = run_pack(cli, tmp_path, pack(swap_rule(params), head=head))
    line = one_error_line(run)
    number = 2 if where == "anywhere" else 9 if where == "group" else 8
    assert line == (f"copylint: error: {path}:{number}: invalid YAML: a number of 5,000 "
                    "characters is too long (at most 100); quote it if it is text")


def test_a_huge_integer_in_the_configuration(cli, tmp_path: Path) -> None:
    config = tmp_path / ".copylint.yaml"
    config.write_text("jobs: " + "1" * 4400 + "\n", encoding="utf-8")
    run = cli("config", "--config", config)
    line = one_error_line(run)
    assert line.startswith(f"copylint: error: {config}:1: invalid YAML: a number of 4,400 characters")


@pytest.mark.parametrize(("kind", "shown"), [("[pattern]", "a list"), ("{name: pattern}", "a mapping"),
                                             ("7", "the number 7"), ("no", "false")])
def test_a_kind_that_is_not_a_name_is_a_one_line_error(cli, tmp_path: Path, kind: str,
                                                       shown: str) -> None:
    run, path = run_pack(cli, tmp_path, pack(swap_rule("swap: {yes: aye}", kind=kind)))
    assert one_error_line(run) == (
        f"copylint: error: {path}:4: desk.words: unknown kind {shown}; kinds: {KIND_NAMES}")


def test_yaml_boolean_words_as_swap_keys_are_read_as_the_words(cli, tmp_path: Path) -> None:
    text = pack(swap_rule("swap: {yes: aye, no: nay, on: upon, off: away}",
                          "[[Yes]], [[no]], [[on]] and [[off]].", "Aye, nay, upon and away."))
    run, _ = run_pack(cli, tmp_path, text)
    assert run.code == 0, run.out + run.err


def test_a_yaml_boolean_as_a_swap_value_says_to_quote_it(cli, tmp_path: Path) -> None:
    run, path = run_pack(cli, tmp_path, pack(swap_rule("swap: {yes: aye, nay: no}")))
    assert one_error_line(run) == (
        f"copylint: error: {path}:8: desk.words: 'swap' must be a mapping of strings to strings; "
        "the value of 'nay' is false (YAML reads yes/no/on/off that way: quote the word)")


def test_every_mistake_in_a_pack_is_reported_in_one_run(cli, tmp_path: Path) -> None:
    text = pack(
        swap_rule("swap: {yes: aye}", kind="swapp"),
        swap_rule("swap: {yes: aye}", rule_id="second").replace("severity: warning",
                                                                 "severity: fatal"),
        swap_rule("pattern: '\\bslam(?:s|med\\b'", rule_id="third", kind="pattern",
                  flag="[[slams]]", clean="x"),
        swap_rule("swap: {yes: aye}", rule_id="fourth", clean="[[marked]] clean"),
        head="pack: desk\nhouse: Big\nrules:\n")
    run, path = run_pack(cli, tmp_path, text)
    assert run.code == 2
    assert run.err.splitlines() == [
        f"copylint: error: {path}:2: 'house' must be a lower-case name",
        f"{path}:5: desk.words: unknown kind 'swapp' (did you mean 'swap'?); kinds: {KIND_NAMES}",
        f"{path}:15: desk.second: 'severity' must be one of error, warning, info",
        f"{path}:27: desk.third: invalid regex '\\bslam(?:s|med\\b': missing ) at position 16",
        f"{path}:39: desk.fourth: a 'clean' example has no [[...]] marks",
    ]


def test_mistakes_in_two_packs_are_reported_together(cli, tmp_path: Path) -> None:
    directory = tmp_path / "rules"
    directory.mkdir()
    (directory / "a.yaml").write_text(pack(swap_rule("swap: {yes: aye}", kind="swapp")))
    (directory / "b.yaml").write_text(pack(swap_rule("swap: {yes: aye}", clean="[[x]]"),
                                           head="pack: other\nrules:\n"))
    story = tmp_path / "s.txt"
    story.write_text("Text.\n")
    run = cli("check", "--rules", directory, story)
    assert run.code == 2
    places = [line.removeprefix("copylint: error: ").split(": ")[0] for line in run.err.splitlines()]
    assert places == [f"{directory / 'a.yaml'}:4", f"{directory / 'b.yaml'}:11"]


def test_a_rule_without_a_description_is_refused(cli, tmp_path: Path) -> None:
    run, path = run_pack(cli, tmp_path, pack(swap_rule("swap: {yes: aye}").replace(
        "    description: A test rule.\n", "")))
    assert one_error_line(run) == (
        f"copylint: error: {path}:3: desk.words: a rule needs a 'description': what it flags, why, "
        "an example and what to write instead")


def test_deep_nesting_is_a_one_line_error(cli, tmp_path: Path) -> None:
    run, path = run_pack(cli, tmp_path, "pack: desk\nrules: " + "[" * 5000 + "]" * 5000 + "\n")
    line = one_error_line(run)
    assert line.startswith(f"copylint: error: {path}:2: invalid YAML:")
