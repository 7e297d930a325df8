"""GitHub Actions workflow commands: findings become annotations on the pull request."""

from __future__ import annotations

from ..escapes import clean_path, clean_text
from ..findings import Finding, Severity
from .base import Reporter

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def file(self, path: str, findings: list[Finding]) -> None:
        for f in findings:
            properties = ",".join([
                f"file={_escape_property(clean_path(f.path))}", f"line={f.line}", f"col={f.column}",
                f"endLine={f.end_line}", f"endColumn={f.end_column}",
                f"title={_escape_property(f.rule)}"])
            message = f.message + (f" (suggestion: {f.suggestions[0]})" if f.suggestions else "")
            self.stream.write(
                f"::{_LEVEL[f.severity]} {properties}::{_escape_data(clean_text(message))}\n")
