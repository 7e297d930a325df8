"""JSON output: one object with a `findings` list, written as the files are checked."""

from __future__ import annotations

import json

from ..escapes import clean_data, clean_path, clean_text
from ..findings import Finding
from .base import Reporter


class JsonReporter(Reporter):
    def start(self) -> None:
        self.stream.write('{"findings": [')
        self.first = True

    def file(self, path: str, findings: list[Finding]) -> None:
        """A file's findings in one write (an unbuffered stdout makes every write a system call)."""
        parts = []
        for finding in findings:
            record = finding.to_dict()
            record["path"] = clean_path(finding.path)
            record["message"] = clean_text(finding.message)
            record["suggestions"] = [clean_text(text) for text in finding.suggestions]
            parts.append(("\n  " if self.first else ",\n  ") + json.dumps(record, ensure_ascii=False))
            self.first = False
        if parts:
            self.stream.write("".join(parts))

    def finish(self, summary: dict[str, object]) -> None:
        self.stream.write(("]" if self.first else "\n]") + ',\n"summary": '
                          + json.dumps(clean_data(summary), ensure_ascii=False) + "}\n")
