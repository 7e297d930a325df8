"""The explanation of one rule, as `copylint explain` prints it and the language server's hover
shows it: message, how it is fixed, rationale, link and examples."""

from __future__ import annotations

from .rulebook import Rule


def describe_fix(rule: Rule) -> str:
    """How `explain` states whether and how a rule fixes."""
    if rule.fix is None:
        return "none (the finding needs an editor)"
    what = {None: "applies the suggestion", "match": "deletes the match",
            "line": "deletes the whole line"}[rule.fix.delete]
    if rule.fix.safety == "safe":
        return f"safe: {what}; `copylint check --fix` applies it"
    return f"unsafe: {what}; applied only with `--fix --unsafe-fixes` (check it first with --diff)"


def explain_lines(rule: Rule) -> list[str]:
    """The lines of a rule's explanation; the flagged examples show their marks as [[...]]."""
    lines = [f"{rule.id} ({rule.kind}, {rule.severity}) — {rule.path}:{rule.line}",
             "", f"Message: {rule.message}", f"Fix: {describe_fix(rule)}"]
    if rule.description:
        lines += ["", rule.description]
    if rule.link:
        lines += ["", f"See: {rule.link}"]
    lines += ["", "Flagged:"]
    for example in rule.flag:
        marked = example.text
        for start, end in sorted(example.spans, reverse=True):
            marked = marked[:start] + "[[" + marked[start:end] + "]]" + marked[end:]
        lines.append(f"  {marked}")
    lines += ["", "Not flagged:"]
    lines += [f"  {example.text}" for example in rule.clean]
    if rule.fixed:
        lines += ["", "Fixed:"]
        lines += [f"  {example.text}" for example in rule.fixed]
    return lines


def explain_text(rule: Rule) -> str:
    return "\n".join(explain_lines(rule))
