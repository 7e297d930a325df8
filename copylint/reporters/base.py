"""The reporter interface: findings arrive file by file, so output streams and memory stays flat."""

from __future__ import annotations

from typing import TextIO

from ..findings import Finding


class Reporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def start(self) -> None:
        """Called once before any file."""

    def file(self, findings: list[Finding]) -> None:
        """Called once per checked file, findings sorted by position."""

    def finish(self, summary: dict[str, object]) -> None:
        """Called once at the end with counts and the run's errors."""
