"""The engine: runs the selected rules over a Document and turns matches into Findings."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from .checks import RuleTimeout
from .context import RunContext
from .document import Document
from .errors import UsageError
from .findings import EXTERNAL_PACKS, Finding, Fix, Match, Severity, selects
from .rulebook import FixSpec, Rule, Rulebook


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


def make_fix(spec: FixSpec, match: Match, text: str, plain: bool = True) -> Fix | None:
    """The edit that fixes one match under its rule's `fix:` (None when there is nothing to
    apply: no suggestion). Several suggestions make the fix unsafe: a human should choose.

    In plain text a deleted line takes its line end with it; in a markup format (`plain` false)
    only the line's words go, and the markup around them stays whole.
    """
    if spec.delete == "line":
        if plain:
            start, end = line_span(text, match.start, match.end)
        else:
            start = text.rfind("\n", 0, match.start) + 1
            end = text.find("\n", match.end)
            end = len(text) if end == -1 else end
        return Fix(start, end, "", spec.safety, line=True)
    if spec.delete == "match":
        start, end = _with_a_space(text, match.start, match.end)
        return Fix(start, end, "", spec.safety)
    if not match.suggestions:
        return None
    safety = spec.safety if len(match.suggestions) == 1 else "unsafe"
    replacement = match.suggestions[0]
    if not replacement:
        start, end = _with_a_space(text, match.start, match.end)
        return Fix(start, end, "", safety)
    return Fix(match.start, match.end, replacement, safety)


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole lines holding text[start:end], with one line end, so deleting them leaves no gap
    (and no doubled blank line where the lines were a paragraph of their own)."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    if last == -1:  # the last line: take the line end before it instead
        return max(first - 1, 0), len(text)
    last += 1
    alone_after_blank = first == 0 or text.startswith("\n\n", first - 2)
    if alone_after_blank and text.startswith("\n", last):
        last += 1
    elif alone_after_blank and last == len(text) and first >= 2:
        first -= 1  # the story's last paragraph: the blank line before it goes too
    return first, last


def _with_a_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Deleting words between spaces takes one of the spaces too (`a  b` is not left behind)."""
    before = text[start - 1:start] if start else ""
    after = text[end:end + 1]
    if before in (" ", "\t") and (after in (" ", "\t", "\n", "") or after in ",.;:!?"):
        return start - 1, end
    if before in ("", "\n") and after == " ":
        return start, end + 1
    return start, end


def drop_superseded(findings: list[Finding], superseding: dict[str, tuple[str, ...]],
                    ) -> list[Finding]:
    """One defect, one finding: drop a finding that overlaps a finding of a rule declared to
    supersede its rule (`supersedes:` in the rule file)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.rule in superseding:
            spans.setdefault(finding.rule, []).append((finding.start, finding.end))
    if not spans:
        return findings
    for found in spans.values():
        found.sort()
    starts = {rule: [start for start, _ in found] for rule, found in spans.items()}

    def covered(finding: Finding) -> bool:
        for rule, found in spans.items():
            if rule == finding.rule or not any(selects(s, finding.rule) for s in superseding[rule]):
                continue
            index = bisect_left(starts[rule], max(finding.end, finding.start + 1)) - 1
            if index >= 0 and found[index][1] > finding.start:
                return True
        return False

    return [finding for finding in findings if not covered(finding)]


class Linter:
    """Checks documents against a fixed list of compiled rules, in a run's context (the user's
    vocabulary and the run's caches)."""

    def __init__(self, rules: list[Rule], severities: dict[str, Severity] | None = None,
                 context: RunContext | None = None) -> None:
        self.rules = rules
        self.severities = severities or {}
        self.superseding = {rule.id: rule.supersedes for rule in rules if rule.supersedes}
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
                    match.suggestions, match.start, match.end,
                    make_fix(rule.fix, match, doc.text, doc.offsets is None)
                    if rule.fix is not None else None))
        if self.superseding:
            result.findings = drop_superseded(result.findings, self.superseding)
        result.findings.sort()
        return result
