"""The running count of a check: files, findings by severity, errors, and the exit status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .findings import Severity
from .runner import FileResult

if TYPE_CHECKING:
    from .fixes.apply import AppliedFix

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
    #: fixes: whether this run fixes, what it applied, what is left fixable by safety
    fixing: bool = False
    applied: list[tuple[str, AppliedFix]] = field(default_factory=list)
    diffs: int = 0
    fixable: Counter[str] = field(default_factory=Counter)
    #: files whose fixes could not be written (each is also in `errors`)
    unfixed: int = 0
    #: the file whose parts are being counted, and whether one of them had findings
    _file: str | None = field(default=None, repr=False)
    _file_findings: bool = field(default=False, repr=False)

    def starts_file(self, result: FileResult) -> bool:
        """Whether `result` is a whole file, or the first part of a file given story by story
        that is counted (`FileResult.part`), rather than a further part of the file before."""
        return result.part <= 1 or result.name != self._file

    def add(self, result: FileResult) -> None:
        """Count one checked file, or one more part of it (its errors are added by the caller as
        they are shown)."""
        if self.starts_file(result):
            self.checked += 1
            self._file, self._file_findings = result.name, False
        self.baseline.extend(result.baseline)
        self.hidden += result.hidden
        self.applied.extend((result.name, fix) for fix in result.applied)
        self.diffs += bool(result.diff)
        if result.findings and not self._file_findings:
            self.with_findings += 1
            self._file_findings = True
        for finding in result.findings:
            self.counts[str(finding.severity)] += 1
            self.by_rule[finding.rule] += 1
            self.severity_of[finding.rule] = str(finding.severity)
            if finding.fix is not None:
                self.fixable[finding.fix.safety] += 1
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
        failed = (f"; {len(self.errors) - self.unfixed} could not be checked"
                  if len(self.errors) > self.unfixed else "")
        failed += f"; {self.unfixed} could not be fixed" if self.unfixed else ""
        skipped = (f"; {len(self.skipped)} skipped (not news formats or binary)"
                   if self.skipped else "")
        hidden = f"; {self.hidden} hidden by the baseline" if self.hidden else ""
        return (f"copylint: {total} finding{'s' if total != 1 else ''}"
                f"{f' ({detail})' if detail else ''} in {self.with_findings} of {self.checked} "
                f"{files} checked{hidden}{skipped}{failed}{self.fix_sentence()}")

    def fix_sentence(self) -> str:
        """What was fixed and what --fix (and --unsafe-fixes) could still fix."""
        parts = []
        if self.applied:
            parts.append(f"{len(self.applied)} fixed" if not self.diffs else
                         f"{len(self.applied)} fixes in {self.diffs} diff"
                         f"{'s' if self.diffs != 1 else ''}")
        safe, unsafe = self.fixable["safe"], self.fixable["unsafe"]
        if safe:
            parts.append(f"{safe} fixable with --fix" + (
                f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""))
        elif unsafe:
            parts.append(f"{unsafe} fixable with --fix --unsafe-fixes")
        return "".join(f"; {part}" for part in parts)

    def fixes_lines(self) -> list[str]:
        """`--show-fixes`: one line per fix applied."""
        return [f"copylint: fixed {name}:{fix.line}:{fix.column}: {fix.rule}: {fix.description}"
                f"{' (unsafe)' if fix.safety == 'unsafe' else ''}" for name, fix in self.applied]

    def exit_status(self, baseline_written: bool = False, diff: bool = False) -> int:
        """2 on any error; with --diff, 1 when there is a fix to apply; else 1 on findings at the
        fail level, unless the run's job was to write a baseline of them."""
        if self.errors:
            return EXIT_ERROR
        if diff:
            return EXIT_FINDINGS if self.diffs else EXIT_CLEAN
        return EXIT_FINDINGS if self.failing and not baseline_written else EXIT_CLEAN
