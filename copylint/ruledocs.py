"""What `copylint rules` and `copylint explain` print about packs and rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .checks import KINDS
from .checks.base import Param
from .listfiles import FILE_SUFFIX, LIST_KINDS
from .rulebook import Example, Pack, Rule, Rulebook

_TYPE_NAMES = {
    "str": "text", "bool": "true/false", "int": "a number", "group": "a group number or name",
    "str-list": "a list", "str-map": "a mapping", "str-lists": "a list of lists",
    "named-lists": "names: list files or lists",
}


def pack_label(pack: Pack, rulebook: Rulebook) -> str:
    """`ap (house style, active)`, `reuters (house style, not active: --house reuters)`."""
    if not pack.house:
        return pack.name
    if pack in rulebook.packs:
        return f"{pack.name} (house style, active)"
    return f"{pack.name} (house style, not active: --house {pack.house})"


def all_packs(rulebook: Rulebook) -> list[Pack]:
    """The active packs and the house packs of other houses, by name."""
    return sorted([*rulebook.packs, *rulebook.inactive], key=lambda pack: pack.name)


def rule_record(rule: Rule, pack: Pack, rulebook: Rulebook) -> dict[str, object]:
    """One rule for `copylint rules --format json`."""
    return {"id": rule.id, "pack": rule.pack, "house": pack.house,
            "active": pack in rulebook.packs, "kind": rule.kind,
            "severity": str(rule.severity), "message": rule.message_outline,
            "message_template": rule.message, "summary": rule.summary, "link": rule.link,
            "path": rule.path, "line": rule.line,
            "fix": None if rule.fix is None else {"safety": rule.fix.safety,
                                                  "delete": rule.fix.delete}}


def example_message(rule: Rule) -> str | None:
    """The message the rule gives on its first flag example, with every field filled."""
    from .checks import RuleTimeout
    from .engine import rule_matches
    from .examples import example_document

    for example in rule.flag[:1]:
        try:
            matches = rule_matches(rule, example_document(example.text))
        except RuleTimeout:
            return None
        if matches:
            return matches[0].message
    return None


def marked(example: Example) -> str:
    """An example with its flagged spans in [[...]], each line after the first indented."""
    text = example.text
    for start, end in sorted(example.spans, reverse=True):
        text = text[:start] + "[[" + text[start:end] + "]]" + text[end:]
    return text.replace("\n", "\n    ")


def _shown_default(param: Param) -> str:
    value: Any = param.default
    if value is None:
        return ""
    if isinstance(value, bool):
        return f", default {'true' if value else 'false'}"
    if isinstance(value, (list, dict)):
        return ", default empty" if not value else ""
    return f", default {value}"


def parameter_lines(kind: str, rule: Rule | None = None) -> Iterator[str]:
    """The parameters of a rule kind: type, default, choices and documentation, one a line;
    those `rule` sets are marked."""
    check_class = KINDS[kind]
    for name, param in check_class.params.items():
        what = _TYPE_NAMES.get(param.kind, param.kind)
        details = what + (", required" if param.required else _shown_default(param))
        if param.choices:
            details += f"; one of {', '.join(param.choices)}"
        if param.kind in LIST_KINDS:
            details += f"; or {name}{FILE_SUFFIX}: a list file"
        used = rule is not None and name in rule.check.options and \
            rule.check.options[name] != param.default
        line = f"  {name} ({details}){' [set]' if used else ''}"
        yield f"{line}: {param.doc}" if param.doc else line
