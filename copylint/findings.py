"""Findings and severities: what a check reports, independent of any output format."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How serious a finding is; higher is worse."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


SEVERITY_NAMES = ("error", "warning", "info")
#: rule ids not from the YAML packs: LanguageTool's (languagetool/RULE_ID) and copylint's own about
#: its directives (copylint.bad-directive, copylint.unused-suppression)
EXTERNAL_PACKS = ("languagetool", "copylint")


def selects(selector: str, rule_id: str) -> bool:
    """Whether a selector (a rule id, or a pack: the part before '.' or '/') names a rule."""
    return rule_id == selector or rule_id.startswith((selector + ".", selector + "/"))


@dataclass(frozen=True, slots=True)
class Match:
    """A span a check found in a document's text (character offsets, end exclusive)."""

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Fix:
    """A finding's fix as an edit of the checked text: replace text[start:end] (character offsets,
    end exclusive) with `replacement`. `safety` is "safe" or "unsafe"; `line` says the edit deletes
    the whole line (shown as "delete this line")."""

    start: int
    end: int
    replacement: str
    safety: str
    line: bool = False

    def describe(self) -> str:
        """How text output shows the fix."""
        if self.line:
            return "delete this line"
        if not self.replacement:
            return "delete this"
        return f"replace with “{self.replacement}”"

    def to_dict(self) -> dict[str, object]:
        return {"safety": self.safety, "replacement": self.replacement,
                "deletes_line": self.line}


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """A problem located in a file: 1-based lines, 1-based code-point columns, end exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    suggestions: tuple[str, ...] = field(default=(), compare=False)
    #: character offsets of the span in the checked text (for fingerprints; not part of output)
    start: int = field(default=-1, compare=False)
    end: int = field(default=-1, compare=False)
    #: how to fix it (None: the rule does not fix)
    fix: Fix | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix is not None else None,
        }
