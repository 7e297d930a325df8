"""Runs the examples every rule carries: `flag` copy must be flagged at the marked spans, `clean`
copy not at all."""

from __future__ import annotations

from dataclasses import dataclass

from .checks import RuleTimeout
from .document import Document
from .engine import rule_matches
from .readers import read_document
from .rulebook import Example, Rule


@dataclass(frozen=True)
class ExampleFailure:
    rule: Rule
    example: Example
    problem: str

    def __str__(self) -> str:
        return f"{self.rule.path}:{self.example.line}: {self.rule.id}: {self.problem}"


def _show(text: str, spans: list[tuple[int, int]]) -> str:
    out, position = [], 0
    for start, end in sorted(spans):
        out.append(text[position:start] + "[[" + text[start:end] + "]]")
        position = end
    out.append(text[position:])
    return "".join(out)


def example_document(text: str) -> Document:
    """An example is read as a plain-text story, through the factory every check uses (so a first
    line before a dateline is a headline, as in `copylint check`)."""
    return read_document(text, "<example>", "text")


MAX_PASSES = 10


def fix_example(rule: Rule, text: str, unsafe: bool = True) -> str:
    """An example with the rule's fixes applied, pass after pass, until none is left."""
    from .engine import make_fix
    from .findings import Finding
    from .fixes.apply import choose, expected_text

    assert rule.fix is not None
    for _ in range(MAX_PASSES):
        doc = example_document(text)
        fixes = [make_fix(rule.fix, match, doc.text) for match in rule_matches(rule, doc)]
        candidates = [Finding("<example>", 1, 1, 1, 1, rule.id, rule.severity, "", (), f.start,
                              f.end, f) for f in fixes
                      if f is not None and (unsafe or f.safety == "safe")]
        if not candidates:
            return doc.text
        text = expected_text(doc.text, [f.fix for f in choose(candidates, {}) if f.fix])
    return text


def _check_fixed(rule: Rule) -> list[ExampleFailure]:
    """A fixable rule's flag examples, fixed, read as its `fixed` examples say, and are clean."""
    failures = []
    for example, wanted in zip(rule.flag, rule.fixed, strict=True):
        try:
            got = fix_example(rule, example.text)
            left = list(rule_matches(rule, example_document(got)))
        except RuleTimeout:
            failures.append(ExampleFailure(rule, example, "timed out fixing its own example"))
            continue
        if got != wanted.text:
            failures.append(ExampleFailure(rule, wanted, f"fixed example reads {got!r}, "
                                                         f"expected {wanted.text!r}"))
        elif left:
            failures.append(ExampleFailure(rule, wanted, "fixed example is still flagged: "
                                           f"{_show(got, [(m.start, m.end) for m in left])!r}"))
    return failures


def check_examples(rule: Rule) -> list[ExampleFailure]:
    """Every way the rule disagrees with its own examples."""
    failures = _check_fixed(rule) if rule.fix is not None else []
    for example in rule.flag + rule.clean:
        try:
            found = sorted({(m.start, m.end)
                            for m in rule_matches(rule, example_document(example.text))})
        except RuleTimeout:
            failures.append(ExampleFailure(rule, example, "timed out on its own example"))
            continue
        wanted = sorted(example.spans)
        if found == wanted:
            continue
        if not example.spans:
            problem = f"clean example was flagged: {_show(example.text, found)!r}"
        elif not found:
            problem = f"flag example was not flagged: {_show(example.text, wanted)!r}"
        else:
            problem = (f"flag example flagged {_show(example.text, found)!r}, "
                       f"expected {_show(example.text, wanted)!r}")
        failures.append(ExampleFailure(rule, example, problem))
    return failures
