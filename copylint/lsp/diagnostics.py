"""Findings as LSP diagnostics: the range in the negotiated encoding, `source: copylint`, the rule
id as `code` with its link, the severity mapped, and the suggestion in the message."""

from __future__ import annotations

from collections.abc import Mapping

from lsprotocol import types

from ..findings import Finding, Severity
from ..rulebook import Rule
from .positions import LineIndex, to_units

SOURCE = "copylint"
#: the code of a diagnostic that says why the document could not be checked
CONFIG_ERROR = "copylint.config"
INPUT_ERROR = "copylint.input"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
BOM = "\ufeff"


def finding_range(finding: Finding, index: LineIndex, encoding: str) -> types.Range:
    """The LSP range of a finding (1-based code-point columns in the BOM-less source)."""
    return types.Range(start=_position(finding.line, finding.column, index, encoding),
                       end=_position(finding.end_line, finding.end_column, index, encoding))


def _position(line: int, column: int, index: LineIndex, encoding: str) -> types.Position:
    row = line - 1
    if row >= index.count:  # past the last line: the end of the document
        row = index.count - 1
        return types.Position(line=row, character=index.end_of_line(row, encoding))
    text = index.line(row)
    shift = 1 if row == 0 and text.startswith(BOM) else 0  # the reader dropped the BOM
    return types.Position(line=row, character=to_units(text, column - 1 + shift, encoding))


def message(finding: Finding) -> str:
    """The finding's message, with its suggestions that the message does not already show."""
    shown = [s for s in finding.suggestions if not s or f"“{s}”" not in finding.message]
    if not shown:
        return finding.message
    label = "suggestion" if len(shown) == 1 else "suggestions"
    quoted = ", ".join(f"“{s}”" if s else "delete it" for s in shown)
    return f"{finding.message} ({label}: {quoted})"


def to_diagnostic(finding: Finding, index: LineIndex, encoding: str,
                  rules: Mapping[str, Rule]) -> types.Diagnostic:
    rule = rules.get(finding.rule)
    link = rule.link if rule is not None and rule.link else None
    return types.Diagnostic(
        range=finding_range(finding, index, encoding),
        message=message(finding),
        severity=_SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=link) if link else None,
        source=SOURCE,
    )


def problem_diagnostic(text: str, code: str, line: int = 0) -> types.Diagnostic:
    """A diagnostic at the start of line `line` (0-based) saying the document was not checked."""
    start = types.Position(line=line, character=0)
    return types.Diagnostic(range=types.Range(start=start, end=start), message=text,
                            severity=types.DiagnosticSeverity.Error, code=code, source=SOURCE)
