"""Word lists in data files: `NAME_file` for every list parameter, `lists:` for a pattern's
`\\L<name>`, relative to the pack; duplicates refused; the built-in lists moved out of the packs."""

from __future__ import annotations

import sys
from pathlib import Path

import regex
import yaml

from copylint import lint_text
from copylint.rulebook import builtin_rules_dir, load_pack, rule_files

PACK = """\
pack: desk
rules:
  - id: spelling
    kind: swap
    severity: warning
    message: "Write “{right}”."
    description: House spellings.
    swap: {utilise: use}
    swap_file: words/spelling.tsv
    examples:
      flag: ["We [[utilise]] the [[programme]]."]
      clean: ["We use the program."]
  - id: restart
    kind: sentence-start
    severity: warning
    message: "{word}"
    description: Restarts.
    abbreviations_file: words/abbreviations.txt
    examples:
      flag: ["The crowd was a mass. [[the]] police said."]
      clean: ["The plant in Springfield, Ill. employs 300. It ended at 9 a.m. sharp. Desk abbr. here."]
  - id: units
    kind: pattern
    severity: info
    message: "Unit “{match}”."
    description: Units.
    pattern: '\\d+[ \\t]*\\L<units>\\b'
    ignore_case: true
    lists: {units: words/units.txt}
    examples:
      flag: ["It is [[5 km]] and [[3 Miles]] away."]
      clean: ["It is five kilometers away."]
  - id: terms
    kind: capitalization
    severity: error
    message: "Write “{right}”."
    description: Terms.
    terms_file: words/terms.txt
    examples:
      flag: ["At [[wembley]]."]
      clean: ["At Wembley."]
  - id: groups
    kind: consistency
    severity: info
    message: "{preferred}"
    description: Groups.
    groups_file: words/groups.tsv
    examples:
      flag: ["Grey sky, [[gray]] sea."]
      clean: ["Grey sky."]
"""

FILES = {
    "spelling.tsv": "# source: the desk\nprogramme\tprogram\n",
    "abbreviations.txt": "# source: the desk\nIll\nabbr\n",
    "units.txt": "km\nmiles\n",
    "terms.txt": "Wembley\n",
    "groups.tsv": "grey\tgray\n",
}


def write(tmp_path: Path, pack: str = PACK, files: dict[str, str] | None = None) -> Path:
    directory = tmp_path / "rules"
    (directory / "words").mkdir(parents=True, exist_ok=True)
    (directory / "desk.yaml").write_text(pack, encoding="utf-8")
    for name, text in (FILES if files is None else files).items():
        (directory / "words" / name).write_text(text, encoding="utf-8")
    return directory


def test_every_list_parameter_can_be_a_file_beside_the_pack(cli, tmp_path: Path) -> None:
    directory = write(tmp_path)
    run = cli("test-rules", directory)
    assert run.code == 0, run.out + run.err
    assert "5 rules, 10 examples: 10 passed, 0 failed" in run.err
    rules = {rule.id: rule for rule in load_pack(directory / "desk.yaml").rules}
    assert rules["desk.spelling"].check.table == {"utilise": "use", "programme": "program"}


def test_a_duplicate_in_a_list_file_is_an_error_at_its_line(cli, tmp_path: Path) -> None:
    directory = write(tmp_path, files={**FILES, "terms.txt": "Wembley\n# again:\nAnfield\nWembley\n"})
    run = cli("test-rules", directory)
    assert run.code == 2
    assert run.err.strip() == (f"copylint: error: {directory / 'words' / 'terms.txt'}:4: desk.terms: "
                               "'Wembley' is listed twice (first at line 1)")


def test_list_file_mistakes_name_the_file(cli, tmp_path: Path) -> None:
    files = {**FILES, "spelling.tsv": "programme program\n"}
    del files["units.txt"]
    directory = write(tmp_path, files=files)
    run = cli("test-rules", directory)
    assert run.code == 2
    words = directory / "words"
    assert run.err.splitlines() == [
        f"copylint: error: {words / 'spelling.tsv'}:1: desk.spelling: expected a key and a value "
        "separated by a tab",
        f"{words / 'units.txt'}: desk.units: cannot read the list: no such file",
    ]


def test_a_named_list_the_pattern_does_not_use_is_an_error(cli, tmp_path: Path) -> None:
    directory = write(tmp_path, PACK.replace("\\L<units>", "(?:km|miles)"))
    run = cli("test-rules", directory)
    assert run.code == 2
    assert run.err.strip() == (f"copylint: error: {directory / 'desk.yaml'}:29: desk.units: the "
                               "pattern does not use the list \\L<units>")


def test_the_built_in_lists_live_in_data_files_without_duplicates() -> None:
    rules_dir = builtin_rules_dir()
    ap = (rules_dir / "ap.yaml").read_text(encoding="utf-8")
    garble = (rules_dir / "garble.yaml").read_text(encoding="utf-8")
    assert "swap_file: lists/british-american.tsv" in ap and "colour:" not in ap
    assert "abbreviations_file: lists/abbreviations.txt" in garble and "Calif," not in garble
    rules = {rule.id: rule for rule in load_pack(rules_dir / "ap.yaml").rules}
    assert rules["ap.american-spelling"].check.table["colour"] == "color"
    listed = [line for line in (rules_dir / "lists" / "british-american.tsv").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert len(rules["ap.american-spelling"].check.table) == len(listed) > 1000


def test_ordinary_words_are_not_abbreviations_but_state_names_are() -> None:
    text = ("The boy fell ill. doctors said he would recover. The crowd was a mass. the police "
            "said. He was a man. the rest were boys. The plant in Springfield, Ill. employs 300. "
            "Crews left Boston, Mass. on Monday.")
    findings = [(f.column, f.rule, text[f.column - 1:f.end_column - 1])
                for f in lint_text(text, path="a.txt") if f.rule == "garble.lowercase-restart"]
    assert findings == [(19, "garble.lowercase-restart", "doctors"),
                        (72, "garble.lowercase-restart", "the"),
                        (103, "garble.lowercase-restart", "the")]


def _builtin_rule_items() -> list[dict]:
    return [item for path in rule_files(builtin_rules_dir())
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]]


def test_every_built_in_list_file_is_loaded_and_names_its_source() -> None:
    loaded = set()
    for item in _builtin_rule_items():
        loaded |= {value for key, value in item.items() if key.endswith("_file")}
        loaded |= set(item.get("lists", {}).values())
    lists_dir = builtin_rules_dir() / "lists"
    assert loaded == {f"lists/{path.name}" for path in lists_dir.iterdir()}
    for path in lists_dir.iterdir():
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


#: more than 15 plain words in one alternation is a list, and lists live in rules/lists/
_WORD_LIST = regex.compile(r"(?<![\\\w|])(?:\p{L}+\|){15,}\p{L}+(?![\w|])")


def test_no_word_list_hides_inside_a_built_in_pattern() -> None:
    patterns = {item["id"]: item["pattern"] for item in _builtin_rule_items() if item["kind"] == "pattern"}
    assert len(patterns) > 30
    assert _WORD_LIST.search("(?:" + "|".join(["word"] * 16) + ")")
    assert not [rule for rule, pattern in patterns.items() if _WORD_LIST.search(pattern)]


def test_a_british_spelling_two_ap_rules_know_is_one_finding() -> None:
    """`criticised` is in the list and ends in -ise: ap.american-spelling reports it, once; a word
    the list lacks is still found by ap.ize-spelling."""
    text = "Officials criticised the flavour of the plan and were weaponising fear, he said.\n"
    assert [(f.column, f.rule, f.suggestions) for f in lint_text(text, path="s.txt")] == [
        (11, "ap.american-spelling", ("criticized",)),
        (26, "ap.american-spelling", ("flavor",)),
        (55, "ap.ize-spelling", ("weaponizing",))]


def test_the_list_builder_adds_only_what_no_american_dictionary_accepts() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools" / "lists"))
    import british_american  # tools/lists/british_american.py

    breame = {"flavour": "flavor", "aesthetic": "esthetic", "buses": "busses",
              "philtre": "filter", "colour": "color", "Labour": "Labor", "grey": "grey"}
    american = {"flavor", "aesthetic", "esthetic", "buses", "busses", "filter", "color", "Labor"}
    added = british_american.added_pairs(breame, american, refused={"philtre": "why"},
                                         known={"colour": "color"})
    assert added == {"flavour": "flavor"}
