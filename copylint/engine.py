"""The engine: runs the selected rules over a Document and turns matches into Findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .checks import RuleTimeout
from .context import RunContext
from .document import Document
from .errors import UsageError
from .findings import EXTERNAL_PACKS, Finding, Match, Severity, selects
from .rulebook import Rule, Rulebook


@dataclass
class Result:
    """What checking one document produced: findings, and warnings about the run itself."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def selects_rule(selector: str, rule: Rule) -> bool:
    """Whether a selector (a rule id or a pack) names the rule."""
    return selects(selector, rule.id)


def choose_rules(rulebook: Rulebook, select: Iterable[str] = (),
                 ignore: Iterable[str] = ()) -> list[Rule]:
    """The rules left after --select (ids or packs; all when empty) and --ignore."""
    rules = rulebook.rules
    known = {rule.id for rule in rules} | {rule.pack for rule in rules}
    select, ignore = list(select), list(ignore)
    for selector in select + ignore:
        external = any(selects(pack, selector) for pack in EXTERNAL_PACKS)
        if not external and not any(selects_rule(selector, rule) for rule in rules):
            import difflib  # only error messages need it

            near = difflib.get_close_matches(selector, sorted(known), n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise UsageError(f"no rule or pack named '{selector}'{hint}; see 'copylint rules'")
    if select:
        rules = [rule for rule in rules if any(selects_rule(s, rule) for s in select)]
    return [rule for rule in rules if not any(selects_rule(s, rule) for s in ignore)]


def rule_matches(rule: Rule, doc: Document, context: RunContext | None = None) -> list[Match]:
    """A rule's matches in a document, within the block roles its scope allows."""
    context = context or RunContext()
    if rule.roles is None and not rule.skip_roles:
        return list(rule.check.matches(doc, None, context))
    regions = None
    if rule.roles is not None and rule.check.supports_regions:
        # search only the blocks of the rule's roles (a headline rule reads one line a story)
        regions = [(b.start, b.end) for b in doc.blocks if rule.applies_to(b.role)]
        if not regions:
            return []
    return [m for m in rule.check.matches(doc, regions, context)
            if rule.applies_to(doc.role_at(m.start))]


class Linter:
    """Checks documents against a fixed list of compiled rules, in a run's context (the user's
    vocabulary and the run's caches)."""

    def __init__(self, rules: list[Rule], severities: dict[str, Severity] | None = None,
                 context: RunContext | None = None) -> None:
        self.rules = rules
        self.severities = severities or {}
        self.context = context or RunContext()

    def check(self, doc: Document, context: RunContext | None = None) -> Result:
        context = context or self.context
        try:
            return self._check(doc, context)
        finally:
            context.release()

    def _check(self, doc: Document, context: RunContext) -> Result:
        result = Result(doc.path)
        seen: set[tuple[str, int, int]] = set()
        for rule in self.rules:
            try:
                matches = rule_matches(rule, doc, context)
            except RuleTimeout as timeout:
                result.warnings.append(
                    f"rule {rule.id} took longer than {timeout.seconds:g} s on this file "
                    "and was stopped; its findings here are incomplete")
                continue
            for match in matches:
                key = (rule.id, match.start, match.end)
                if key in seen:
                    continue
                seen.add(key)
                line, column, end_line, end_column = doc.span_position(match.start, match.end)
                result.findings.append(Finding(
                    doc.path, line, column, end_line, end_column, rule.id,
                    self.severities.get(rule.id, rule.severity), match.message,
                    match.suggestions, match.start, match.end))
        result.findings.sort()
        return result
