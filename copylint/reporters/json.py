"""JSON output: one object with a `findings` list, written as the files are checked."""

from __future__ import annotations

import json

from ..escapes import clean_data, clean_path, clean_text
from ..findings import Finding
from .base import Reporter

#: characters gathered before a write
WRITE_SIZE = 1 << 16


class JsonReporter(Reporter):
    def start(self) -> None:
        self.stream.write('{"findings": [')
        self.first = True

    def file(self, path: str, findings: list[Finding]) -> None:
        """A file's findings in writes of about 64 KB (an unbuffered stdout makes every write a
        system call; one write for a whole file of many stories would hold all its JSON)."""
        parts: list[str] = []
        size = 0
        for finding in findings:
            record = finding.to_dict()
            record["path"] = clean_path(finding.path)
            record["message"] = clean_text(finding.message)
            record["suggestions"] = [clean_text(text) for text in finding.suggestions]
            part = ("\n  " if self.first else ",\n  ") + json.dumps(record, ensure_ascii=False)
            self.first = False
            parts.append(part)
            size += len(part)
            if size >= WRITE_SIZE:
                self.stream.write("".join(parts))
                parts, size = [], 0
        if parts:
            self.stream.write("".join(parts))

    def finish(self, summary: dict[str, object]) -> None:
        self.stream.write(("]" if self.first else "\n]") + ',\n"summary": '
                          + json.dumps(clean_data(summary), ensure_ascii=False) + "}\n")
