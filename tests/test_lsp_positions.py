"""LSP positions and the open-document store, without a server: line ends as LSP counts them,
code units of each encoding, and incremental edits."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls")

from copylint.lsp.documents import OpenDocument, uri_path
from copylint.lsp.positions import UTF8, UTF16, UTF32, LineIndex, from_units, to_units


def test_only_cr_lf_and_crlf_end_lines() -> None:
    # U+2028, U+0085 and form feed are characters inside a line for LSP (and for copylint)
    index = LineIndex("one\u2028still one\x0c\x85\r\ntwo\rthree\nfour")
    assert index.count == 4
    assert [index.line(i) for i in range(4)] == ["one\u2028still one\x0c\x85", "two", "three",
                                                 "four"]
    assert [index.line_end(i) for i in range(3)] == ["\r\n", "\r", "\n"]
    assert index.default_line_end() == "\r\n"
    assert LineIndex("no line end").default_line_end() == "\n"


@pytest.mark.parametrize(("encoding", "units"), [(UTF8, [0, 1, 5, 9, 10, 11, 13]),
                                                  (UTF16, [0, 1, 3, 5, 6, 7, 8]),
                                                  (UTF32, [0, 1, 2, 3, 4, 5, 6])])
def test_code_points_to_units_and_back(encoding, units) -> None:
    line = "a👍🏽 e\u0301!"  # a, two astral characters, space, e + combining acute, !
    assert [to_units(line, column, encoding) for column in range(7)] == units
    assert [from_units(line, unit, encoding) for unit in units] == list(range(7))


def test_positions_inside_a_character_or_past_the_line_end() -> None:
    line = "👍x"
    assert from_units(line, 1, UTF16) == 1   # half a surrogate pair: after the character
    assert from_units(line, 2, UTF8) == 1    # the middle of a 4-byte sequence likewise
    assert from_units(line, 99, UTF16) == 2  # past the end: the end of the line
    assert to_units("\ud83c", 1, UTF16) == 1  # a lone surrogate counts as it would be sent


def test_incremental_edits_in_each_encoding() -> None:
    document = OpenDocument("file:///story.txt", "Café 👍 the the\r\nnext line\n", 1)
    # "Café " is 5 units and the emoji 2, so the first "the " is UTF-16 units 8-12
    document.replace((0, 8), (0, 12), "a ", UTF16)
    assert document.text == "Café 👍 a the\r\nnext line\n"
    # "Café " is 6 bytes and the emoji 4: from after "a" (byte 12) to "line" on the next line
    document.replace((0, 12), (1, 4), "", UTF8)
    assert document.text == "Café 👍 a line\n"
    document.replace((5, 0), (9, 9), "end", UTF32)  # past the last line: appended
    assert document.text == "Café 👍 a line\nend"
    document.replace(None, None, "whole", UTF16)
    assert document.text == "whole"
    assert document.index.count == 1


def test_file_uris_become_paths() -> None:
    assert str(uri_path("file:///home/desk/stories/kyiv%20floods.md")) == \
        "/home/desk/stories/kyiv floods.md"
    assert uri_path("untitled:Untitled-1") is None
