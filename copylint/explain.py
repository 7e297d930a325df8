"""The explanation of one rule, as `copylint explain` prints it and the language server's hover
shows it: message, how it is fixed, rationale, link, examples and the parameters of its kind."""

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


def explain_lines(rule: Rule, note: str | None = None) -> list[str]:
    """The lines of a rule's explanation; the flagged examples show their marks as [[...]].

    The message is shown with its fields as “…”, then as the rule words it on its first flag
    example; the kind's parameters close it. `note` (another house's rule) follows the title.
    """
    from .ruledocs import example_message, marked, parameter_lines

    lines = [f"{rule.id} ({rule.kind}, {rule.severity}) — {rule.path}:{rule.line}"]
    if note:
        lines += ["", note]
    lines += ["", f"Message: {rule.message_outline}"]
    example = example_message(rule)
    if example and example != rule.message_outline:
        lines.append(f"  for example: {example}")
    lines.append(f"Fix: {describe_fix(rule)}")
    if rule.description:
        lines += ["", rule.description]
    if rule.link:
        lines += ["", f"See: {rule.link}"]
    lines += ["", "Flagged:"]
    lines += [f"  {marked(example)}" for example in rule.flag]
    lines += ["", "Not flagged:"]
    lines += [f"  {marked(example)}" for example in rule.clean]
    if rule.fixed:
        lines += ["", "Fixed:"]
        lines += [f"  {marked(example)}" for example in rule.fixed]
    lines += ["", f"Parameters of the kind '{rule.kind}' ([set]: this rule sets it):"]
    lines += list(parameter_lines(rule.kind, rule))
    return lines


def explain_text(rule: Rule, note: str | None = None) -> str:
    return "\n".join(explain_lines(rule, note))
