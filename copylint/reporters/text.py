"""Text output: `path:line:column: severity rule-id message`, the shape editors and CI read."""

from __future__ import annotations

from collections import Counter

import click

from ..escapes import line_path, line_text
from ..findings import Finding
from .base import Reporter

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def fix_note(finding: Finding, unsafe_fixes: bool = False) -> tuple[str, str]:
    """(marker, note): `[*]` when --fix would apply the finding's fix, and what it would do;
    a suggestion without a fix is shown as one."""
    fix = finding.fix
    if fix is not None:
        applies = fix.safety == "safe" or unsafe_fixes
        kind = "fix" if fix.safety == "safe" else "unsafe fix"
        return ("[*] " if applies else "", f" ({kind}: {fix.describe()})")
    shown = [s for s in finding.suggestions if s]
    if shown:
        return "", f" (suggestion: {' or '.join(f'“{s}”' for s in shown)})"
    return "", ""


def format_finding(finding: Finding, color: bool = False, unsafe_fixes: bool = False) -> str:
    """One line, whatever the file name or message holds (see copylint.escapes)."""
    severity = str(finding.severity)
    marker, note = fix_note(finding, unsafe_fixes)
    path, message, note = line_path(finding.path), line_text(finding.message), line_text(note)
    if not color:
        return f"{path}:{finding.line}:{finding.column}: {severity} {finding.rule} {marker}{message}{note}"
    where = click.style(f"{path}:{finding.line}:{finding.column}:", bold=True)
    level = click.style(severity, fg=_COLORS.get(severity), bold=True)
    rule = click.style(finding.rule, dim=True)
    return f"{where} {level} {rule} {click.style(marker, fg='cyan')}{message}" \
           f"{click.style(note, dim=True)}"


class TextReporter(Reporter):
    def start(self) -> None:
        self.counts: Counter[str] = Counter()
        self.severity_of: dict[str, str] = {}

    def file(self, path: str, findings: list[Finding]) -> None:
        write = self.stream.write
        color = self.options.color
        for finding in findings:
            write(format_finding(finding, color, self.options.unsafe_fixes) + "\n")
            self.counts[finding.rule] += 1
            self.severity_of[finding.rule] = str(finding.severity)

    def finish(self, summary: dict[str, object]) -> None:
        if not self.options.statistics or not self.counts:
            return
        self.stream.write("\n")
        for rule, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0])):
            self.stream.write(f"{count:>6}  {rule:<36} {self.severity_of[rule]}\n")
