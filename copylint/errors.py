"""Errors that reach the user as one line, never as a traceback."""

from __future__ import annotations


class CopylintError(Exception):
    """Base class: the message is shown to the user as is."""


class RuleError(CopylintError):
    """A rule file is invalid; the message carries `file:line: rule-id: what is wrong`."""

    def __init__(self, path: str, line: int | None, rule_id: str | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.rule_id = rule_id
        self.problem = problem
        where = f"{path}:{line}" if line else path
        who = f" {rule_id}:" if rule_id else ""
        super().__init__(f"{where}:{who} {problem}")


class InputError(CopylintError):
    """A file to check could not be read or decoded."""


class UsageError(CopylintError):
    """An option names something that does not exist (a rule, a pack, a house)."""


class RuleErrors(RuleError):
    """Several mistakes in rule files, reported together: one `file:line: ...` line each."""

    def __init__(self, errors: list[RuleError]) -> None:
        first = errors[0]
        super().__init__(first.path, first.line, first.rule_id, first.problem)
        self.errors = errors
        self.args = ("\n".join(str(error) for error in errors),)

    def __str__(self) -> str:
        return self.args[0]
