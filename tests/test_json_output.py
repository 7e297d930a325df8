"""JSON output of a file with many findings (a feed dump of many stories): written in bounded
pieces, not gathered whole, and still one valid document."""

from __future__ import annotations

import io
import json

from copylint import lint_text
from copylint.reporters import make_reporter
from copylint.reporters.json import WRITE_SIZE


class CountingStream(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return super().write(text)


def test_a_file_of_many_findings_is_written_in_bounded_pieces() -> None:
    text = "".join(f"Officials said the the plan No. {n} was ready on Monday.\n\n"
                   for n in range(3000))
    findings = lint_text(text, path="dump.txt")
    assert len(findings) == 3000
    stream = CountingStream()
    reporter = make_reporter("json", stream)
    reporter.start()
    reporter.file("dump.txt", findings)
    reporter.finish({"files": 1})
    longest_record = max(len(json.dumps(f.to_dict(), ensure_ascii=False)) for f in findings)
    body = stream.sizes[1:-1]
    assert len(body) > 1 and max(body) < WRITE_SIZE + longest_record + 10
    data = json.loads(stream.getvalue())
    assert [(f["line"], f["column"], f["rule"]) for f in data["findings"][:2]] == [
        (1, 16, "garble.doubled-word"), (3, 16, "garble.doubled-word")]
    assert len(data["findings"]) == 3000
