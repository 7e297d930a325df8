"""Counts of a batch run: per partition (written beside its records) and for the whole run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding

#: error lines kept in a summary (every error is also a record of the output)
MAX_MESSAGES = 100


@dataclass
class Counts:
    """Files, stories, findings by rule and by severity, errors, warnings, skipped files."""

    files: int = 0
    stories: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    error_messages: list[str] = field(default_factory=list)
    warnings: int = 0
    skipped: int = 0

    def add_findings(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.by_rule[finding.rule] += 1
            self.by_severity[str(finding.severity)] += 1

    def add_error(self, message: str) -> None:
        self.errors += 1
        if len(self.error_messages) < MAX_MESSAGES:
            self.error_messages.append(message)

    def merge(self, other: Counts) -> None:
        self.files += other.files
        self.stories += other.stories
        self.by_rule.update(other.by_rule)
        self.by_severity.update(other.by_severity)
        self.warnings += other.warnings
        self.skipped += other.skipped
        self.errors += other.errors
        room = MAX_MESSAGES - len(self.error_messages)
        self.error_messages.extend(other.error_messages[:max(room, 0)])

    @property
    def findings(self) -> int:
        return sum(self.by_rule.values())

    def to_dict(self) -> dict[str, Any]:
        return {"files": self.files, "stories": self.stories, "findings": self.findings,
                "by_severity": dict(sorted(self.by_severity.items())),
                "by_rule": dict(sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))),
                "errors": self.errors, "error_messages": self.error_messages,
                "warnings": self.warnings, "skipped": self.skipped}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Counts:
        return cls(files=data["files"], stories=data["stories"],
                   by_rule=Counter(data["by_rule"]), by_severity=Counter(data["by_severity"]),
                   errors=data["errors"], error_messages=list(data["error_messages"]),
                   warnings=data["warnings"], skipped=data["skipped"])

    def sentence(self) -> str:
        """The one-line summary on stderr."""
        detail = ", ".join(f"{self.by_severity[name]} {name}{'s' if self.by_severity[name] != 1 else ''}"
                           for name in ("error", "warning", "info") if self.by_severity[name])
        failed = f"; {self.errors} could not be checked" if self.errors else ""
        skipped = f"; {self.skipped} skipped (not news formats or binary)" if self.skipped else ""
        return (f"copylint batch: {self.findings} finding{'s' if self.findings != 1 else ''}"
                f"{f' ({detail})' if detail else ''} in {self.stories} "
                f"stor{'ies' if self.stories != 1 else 'y'} of {self.files} "
                f"file{'s' if self.files != 1 else ''}{skipped}{failed}")
