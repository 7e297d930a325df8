"""The running count of a check: files, findings by severity, errors, and the exit status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .findings import Severity
from .runner import FileResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
#: the output could not be written (EX_IOERR), the run was interrupted (128 + SIGINT), the reader
#: of the output went away (128 + SIGPIPE)
EXIT_OUTPUT, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 74, 130, 141


@dataclass
class Tally:
    """What the run has seen so far; `threshold` is the lowest severity that fails it."""

    threshold: Severity | None
    counts: Counter[str] = field(default_factory=Counter)
    checked: int = 0
    with_findings: int = 0
    failing: bool = False
    errors: list[str] = field(default_factory=list)
    #: files met while walking folders that are not news formats (or are binary), skipped
    skipped: list[str] = field(default_factory=list)
    baseline: list[dict[str, object]] = field(default_factory=list)
    #: findings the baseline hid
    hidden: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    severity_of: dict[str, str] = field(default_factory=dict)

    def add(self, result: FileResult) -> None:
        """Count one checked file (its errors are added by the caller as they are shown)."""
        self.checked += 1
        self.baseline.extend(result.baseline)
        self.hidden += result.hidden
        if result.findings:
            self.with_findings += 1
        for finding in result.findings:
            self.counts[str(finding.severity)] += 1
            self.by_rule[finding.rule] += 1
            self.severity_of[finding.rule] = str(finding.severity)
            if self.threshold is not None and finding.severity >= self.threshold:
                self.failing = True

    def summary(self, statistics: bool = False) -> dict[str, object]:
        """The counts as the JSON output's `summary` (with counts by rule when asked)."""
        summary: dict[str, object] = {
            "files_checked": self.checked, "files_with_findings": self.with_findings,
            "errors": self.counts["error"], "warnings": self.counts["warning"],
            "infos": self.counts["info"], "input_errors": self.errors,
            "files_skipped": len(self.skipped), "baseline_hidden": self.hidden}
        if statistics:
            summary["statistics"] = dict(sorted(self.by_rule.items(),
                                                key=lambda item: (-item[1], item[0])))
        return summary

    def statistics_lines(self) -> list[str]:
        """`--statistics` as a table: count, rule, severity; most frequent first."""
        return [f"{count:>6}  {rule:<36} {self.severity_of[rule]}"
                for rule, count in sorted(self.by_rule.items(), key=lambda item: (-item[1], item[0]))]

    def sentence(self) -> str:
        """The one-line summary printed on stderr."""
        total = sum(self.counts.values())
        detail = ", ".join(f"{self.counts[name]} {name}{'s' if self.counts[name] != 1 else ''}"
                           for name in ("error", "warning", "info") if self.counts[name])
        files = f"file{'s' if self.checked != 1 else ''}"
        failed = f"; {len(self.errors)} could not be checked" if self.errors else ""
        skipped = (f"; {len(self.skipped)} skipped (not news formats or binary)"
                   if self.skipped else "")
        hidden = f"; {self.hidden} hidden by the baseline" if self.hidden else ""
        return (f"copylint: {total} finding{'s' if total != 1 else ''}"
                f"{f' ({detail})' if detail else ''} in {self.with_findings} of {self.checked} "
                f"{files} checked{hidden}{skipped}{failed}")

    def exit_status(self, baseline_written: bool = False) -> int:
        """2 on any error; else 1 on findings at the fail level, unless the run's job was to
        write a baseline of them."""
        if self.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failing and not baseline_written else EXIT_CLEAN
