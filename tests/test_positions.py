"""Lines and columns: 1-based, code points, right with CRLF, a BOM, tabs and non-BMP characters."""

from __future__ import annotations

import pytest

from copylint import lint_text
from copylint.document import Document


def _kyiv(text: str) -> tuple[int, int, int, int]:
    finding = next(f for f in lint_text(text) if f.rule == "names.capitalization")
    return finding.line, finding.column, finding.end_line, finding.end_column


@pytest.mark.parametrize(("text", "expected"), [
    ("Aid reached kyiv today.\n", (1, 13, 1, 17)),
    ("First line.\r\nAid reached kyiv today.\r\n", (2, 13, 2, 17)),
    ("\ufeffAid reached kyiv today.", (1, 13, 1, 17)),
    ("\tAid reached kyiv today.", (1, 14, 1, 18)),
    ("😀😀 Aid reached kyiv today.", (1, 16, 1, 20)),
    ("First line.\rAid 🇺🇦 reached kyiv.", (2, 16, 2, 20)),
])
def test_columns_count_code_points(text: str, expected: tuple[int, int, int, int]) -> None:
    assert _kyiv(text) == expected


def test_multiline_span_end_position() -> None:
    doc = Document("one\ntwo\n\nthree")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 1)
    assert doc.position(9) == (4, 1)
    assert doc.paragraphs == [(0, 7), (9, 14)]


def test_lint_text_api_matches_cli_engine() -> None:
    findings = lint_text("The the convoy left.", path="draft.txt")
    assert [(f.path, f.rule, f.column, f.end_column) for f in findings] == [
        ("draft.txt", "garble.doubled-word", 1, 8)]
    assert findings[0].suggestions == ("The",)
    assert lint_text("The the convoy left.", ignore=("garble",)) == []
