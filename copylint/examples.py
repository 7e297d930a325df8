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


def check_examples(rule: Rule) -> list[ExampleFailure]:
    """Every way the rule disagrees with its own examples."""
    failures = []
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
