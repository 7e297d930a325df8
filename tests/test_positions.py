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


def test_reader_documents_map_findings_to_source_positions() -> None:
    from copylint.document import Block
    from copylint.engine import Linter, choose_rules
    from copylint.rulebook import load_rulebook

    source = "<p>Aid reached\n<b>kyiv</b> today.</p>"
    text = "Aid reached kyiv today."
    offsets = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]  # "Aid reached " (the newline becomes a space)
    offsets += [18, 19, 20, 21]                          # "kyiv" inside <b>
    offsets += [26, 27, 28, 29, 30, 31, 32, 33]          # " today." and the end
    doc = Document(text, "story.html", source=source, offsets=offsets,
                   blocks=[Block(0, len(text), "body")])
    linter = Linter(choose_rules(load_rulebook(), ["names.capitalization"]))
    [finding] = linter.check(doc).findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 4, 2, 8)
    with pytest.raises(ValueError):
        Document(text, source=source, offsets=[0])


def test_short_lines_are_the_whole_lines_within_a_length() -> None:
    doc = Document("Share this\n\nA longer line of copy here.\n   \nRead more")
    assert doc.short_lines(10) == [(0, 10), (40, 43), (44, 53)]
    assert doc.short_lines(27) == [(0, 10), (12, 39), (40, 43), (44, 53)]
    assert doc.short_lines(3) == [(40, 43)]
    assert doc.short_lines(10) is doc.short_lines(10)   # found once per length


def test_repeats_are_the_word_tokens_that_come_back_a_gap_later() -> None:
    doc = Document("The the cat sat, sat on the cat sat mat")
    # words: the the cat sat sat on the cat sat mat
    assert doc.repeats(1) == [0, 3]
    assert doc.repeats(2) == []
    assert doc.repeats(3) == []
    assert doc.repeats(4) == [4]
    assert doc.repeats(5) == [1, 2, 3]
    assert doc.repeats(1) is doc.repeats(1)   # one pass per gap
