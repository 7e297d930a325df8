"""The running count of a check: files, findings by severity, errors, and the exit status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .findings import Severity
from .runner import FileResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class Tally:
    """What the run has seen so far; `threshold` is the lowest severity that fails it."""

    threshold: Severity | None
    counts: Counter[str] = field(default_factory=Counter)
    checked: int = 0
    with_findings: int = 0
    failing: bool = False
    errors: list[str] = field(default_factory=list)
    baseline: list[dict[str, object]] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        """Count one checked file (its errors are added by the caller as they are shown)."""
        self.checked += 1
        self.baseline.extend(result.baseline)
        if result.findings:
            self.with_findings += 1
        for finding in result.findings:
            self.counts[str(finding.severity)] += 1
            if self.threshold is not None and finding.severity >= self.threshold:
                self.failing = True

    def summary(self) -> dict[str, object]:
        """The counts as the JSON output's `summary`."""
        return {"files_checked": self.checked, "files_with_findings": self.with_findings,
                "errors": self.counts["error"], "warnings": self.counts["warning"],
                "infos": self.counts["info"], "input_errors": self.errors}

    def sentence(self) -> str:
        """The one-line summary printed on stderr."""
        total = sum(self.counts.values())
        detail = ", ".join(f"{self.counts[name]} {name}{'s' if self.counts[name] != 1 else ''}"
                           for name in ("error", "warning", "info") if self.counts[name])
        files = f"file{'s' if self.checked != 1 else ''}"
        failed = f"; {len(self.errors)} could not be checked" if self.errors else ""
        return (f"copylint: {total} finding{'s' if total != 1 else ''}"
                f"{f' ({detail})' if detail else ''} in {self.with_findings} of {self.checked} "
                f"{files} checked{failed}")

    def exit_status(self) -> int:
        return EXIT_ERROR if self.errors else EXIT_FINDINGS if self.failing else EXIT_CLEAN
