"""Every example of every shipped rule: flag examples flagged exactly at their marks, clean
examples not at all."""

from __future__ import annotations

import pytest

from copylint.examples import check_examples
from copylint.rulebook import builtin_rules_dir, load_pack, rule_files

RULES = [rule for path in rule_files(builtin_rules_dir()) for rule in load_pack(path).rules]


def test_every_default_pack_is_shipped() -> None:
    packs = {rule.pack for rule in RULES}
    assert {"punctuation", "garble", "scrape", "quotes", "consistency", "names", "ap"} <= packs


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_examples(rule) -> None:
    assert rule.flag and rule.clean
    failures = check_examples(rule)
    assert not failures, "\n".join(map(str, failures))
