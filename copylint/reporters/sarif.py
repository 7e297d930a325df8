"""SARIF 2.1.0: tool and rule metadata, results with regions, suggestions as fixes.

Columns count Unicode code points (`columnKind: unicodeCodePoints`), as copylint's do. The tool
has no `informationUri`: copylint is installed from its repository, whose public address is not
fixed, and SARIF makes the property optional.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..escapes import clean_text, path_bytes, uri_path
from ..findings import Finding, Severity
from .base import Reporter

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A URI reference for a file: relative paths percent-encoded, absolute ones as file: URIs."""
    if path.startswith("<"):
        return uri_path(path.strip("<>"))
    candidate = Path(path)
    if not candidate.is_absolute():
        return uri_path(candidate.as_posix())
    try:
        return candidate.as_uri()
    except (ValueError, UnicodeEncodeError):
        return "file://" + uri_path(path_bytes(path).decode("utf-8", "replace"))


class SarifReporter(Reporter):
    def start(self) -> None:
        self.results: list[dict[str, object]] = []
        self.index = {rule.id: number for number, rule in enumerate(self.options.rules)}

    def file(self, path: str, findings: list[Finding]) -> None:
        for f in findings:
            region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                      "endColumn": f.end_column}
            location = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)},
                                             "region": region}}
            result: dict[str, object] = {
                "ruleId": f.rule, "level": _LEVEL[f.severity],
                "message": {"text": clean_text(f.message)},
                "locations": [location]}
            if f.rule in self.index:
                result["ruleIndex"] = self.index[f.rule]
            if f.suggestions:
                result["fixes"] = [{
                    "description": {"text": f"Replace with “{text}”"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(f.path)},
                        "replacements": [{"deletedRegion": region,
                                          "insertedContent": {"text": text}}]}]}
                    for text in map(clean_text, f.suggestions)]
            self.results.append(result)

    def finish(self, summary: dict[str, object]) -> None:
        rules = []
        for rule in self.options.rules:
            entry: dict[str, object] = {
                "id": rule.id, "name": rule.id,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.description or rule.message},
                "help": {"text": rule.description or rule.message},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
                "properties": {"pack": rule.pack, "kind": rule.kind}}
            if rule.link:
                entry["helpUri"] = rule.link
            rules.append(entry)
        log = {
            "$schema": SCHEMA, "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "copylint", "version": self.options.version,
                                    "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": self.results,
                "invocations": [{"executionSuccessful": not summary.get("input_errors")}],
            }]}
        self.stream.write(json.dumps(log, indent=1, ensure_ascii=False) + "\n")
