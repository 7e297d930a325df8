"""Text output: `path:line:column: severity rule-id message`, the shape editors and CI read."""

from __future__ import annotations

from ..findings import Finding
from .base import Reporter


def format_finding(finding: Finding) -> str:
    return (f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} "
            f"{finding.rule} {finding.message}")


class TextReporter(Reporter):
    def file(self, findings: list[Finding]) -> None:
        write = self.stream.write
        for finding in findings:
            write(format_finding(finding) + "\n")
