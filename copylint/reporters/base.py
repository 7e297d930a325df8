"""The reporter interface: findings arrive file by file, so output can stream."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from ..findings import Finding
from ..rulebook import Rule


@dataclass
class ReportOptions:
    """What a reporter may need besides the findings."""

    rules: list[Rule] = field(default_factory=list)
    color: bool = False
    statistics: bool = False
    version: str = ""
    #: --unsafe-fixes: unsafe fixes count as applicable (marked [*])
    unsafe_fixes: bool = False


class Reporter:
    def __init__(self, stream: TextIO, options: ReportOptions | None = None) -> None:
        self.stream = stream
        self.options = options or ReportOptions()

    def start(self) -> None:
        """Called once before any file."""

    def file(self, path: str, findings: list[Finding]) -> None:
        """Called once per checked file, findings sorted by position."""

    def more(self, path: str, findings: list[Finding]) -> None:
        """More findings of the file last given to `file`, after those (a file of stories is
        reported story by story, so that its findings are never all held at once)."""
        self.file(path, findings)

    def finish(self, summary: dict[str, object]) -> None:
        """Called once at the end with counts and the run's errors."""
