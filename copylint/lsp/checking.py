"""Checking one snapshot of a document, on the lint thread: the run for its configuration, the
findings, and their diagnostics in the negotiated encoding."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from lsprotocol import types

from ..findings import Finding
from ..readers import EXTENSIONS
from ..runner import Run
from .diagnostics import CONFIG_ERROR, INPUT_ERROR, problem_diagnostic, to_diagnostic
from .documents import LANGUAGE_FORMATS
from .positions import LineIndex
from .runs import Prepared, RunCache


@dataclass(frozen=True)
class Snapshot:
    """The text of one document at one version, as the lint thread sees it."""

    uri: str
    version: int
    text: str
    name: str
    path: Path | None
    language: str = ""

    @property
    def input_format(self) -> str | None:
        """The format the languageId names, for a document whose extension tells nothing."""
        if PurePath(self.name).suffix.lower() in EXTENSIONS:
            return None
        return LANGUAGE_FORMATS.get(self.language.lower())


@dataclass
class Outcome:
    """What checking one snapshot gave."""

    snapshot: Snapshot
    index: LineIndex
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    prepared: Prepared | None = None
    #: why the document was not checked (configuration or input error), one line
    error: str | None = None
    #: why the document was skipped (not a news format, binary), one line
    skipped: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def run(self) -> Run | None:
        """The run that checked the document, reading it as its snapshot says."""
        if self.prepared is None or self.prepared.run is None:
            return None
        return run_for(self.prepared.run, self.snapshot)


def run_for(run: Run, snapshot: Snapshot) -> Run:
    fmt = snapshot.input_format
    return run if fmt is None or fmt == run.input_format else dataclasses.replace(run, input_format=fmt)


def check_snapshot(cache: RunCache, snapshot: Snapshot, encoding: str,
                   root: Path | None) -> Outcome:
    """Check one snapshot; never raises for bad configuration or input (they become one
    diagnostic at the top of the document, or at the line the error names)."""
    index = LineIndex(snapshot.text)
    prepared = cache.for_document(snapshot.path, root)
    outcome = Outcome(snapshot, index, prepared=prepared)
    if prepared.run is None:
        outcome.error = f"copylint: configuration error: {prepared.error}"
        outcome.diagnostics = [problem_diagnostic(outcome.error, CONFIG_ERROR)]
        return outcome
    cache.activate(prepared)
    result = run_for(prepared.run, snapshot).check_data(snapshot.text, snapshot.name,
                                                        snapshot.path, explicit=False)
    outcome.warnings = list(result.warnings)
    if result.skipped:
        outcome.skipped = result.skipped
        return outcome
    if result.error:
        outcome.error = result.error
        line = _error_line(result.error, snapshot.name, index.count)
        outcome.diagnostics = [problem_diagnostic(f"copylint: {result.error}", INPUT_ERROR, line)]
        return outcome
    outcome.findings = result.findings
    outcome.diagnostics = [to_diagnostic(finding, index, encoding, prepared.rules)
                           for finding in result.findings]
    return outcome


def _error_line(error: str, name: str, lines: int) -> int:
    """The 0-based line an input error names (`name:LINE: ...`), else 0."""
    found = re.match(rf"{re.escape(name)}:(\d+)[:\s]", error)
    if not found:
        return 0
    return max(0, min(int(found.group(1)) - 1, lines - 1))
