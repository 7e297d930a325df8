"""Hostile input to the readers: ninjs numbers Python will not convert and escape pairs that are
not surrogate pairs, HTML nested thousands deep with stray end tags (linear, not quadratic), and
Markdown nested past markdown-it's limit (a warning, not silence)."""

from __future__ import annotations

from pathlib import Path

from copylint.readers import read_document
from copylint.readers._markup import Frame, Walker
from copylint.readers.html import VOID, classify_html


def doubled(cli, path: Path) -> list[tuple[int, int, int]]:
    run = cli("check", "--format", "json", "--select", "garble.doubled-word", path)
    assert run.code == 1, run.err
    return [(f["line"], f["column"], f["end_column"]) for f in run.findings]


def test_a_ninjs_integer_of_thousands_of_digits_is_read(cli, tmp_path: Path) -> None:
    story = tmp_path / "item.json"
    story.write_text('{"version": ' + "7" * 5000 + ',\n "body_text": "The the end."}\n')
    assert doubled(cli, story) == [(2, 16, 23)]


def test_an_escape_pair_that_is_not_a_surrogate_pair(cli, tmp_path: Path) -> None:
    story = tmp_path / "item.json"
    story.write_text('{"body_text": "A \\u2014\\udc00 dash and the the end \\udc00\\ud800."}\n')
    doc = read_document(story.read_bytes(), str(story))
    assert doc.text == "A \u2014\udc00 dash and the the end \udc00\ud800."
    assert doubled(cli, story) == [(1, 40, 47)]  # each escape maps to its own six characters


def test_a_real_surrogate_pair_is_one_character(cli, tmp_path: Path) -> None:
    story = tmp_path / "item.json"
    story.write_text('{"body_text": "Smile \\ud83d\\ude00 and the the end."}\n')
    assert read_document(story.read_bytes(), str(story)).text == "Smile \U0001f600 and the the end."
    assert doubled(cli, story) == [(1, 39, 46)]


class CountingStack(list):
    """A walker stack that counts how often an element is looked at."""

    looks = 0

    def __getitem__(self, index):  # type: ignore[override]
        CountingStack.looks += 1
        return super().__getitem__(index)

    def __iter__(self):
        CountingStack.looks += len(self)
        return super().__iter__()


def test_stray_end_tags_and_implied_ends_do_not_scan_a_deep_stack() -> None:
    walker = Walker(classify_html, Frame("#document"), void=VOID)
    walker.stack = CountingStack(walker.stack)
    for position in range(5000):
        walker.start("b", {}, position)
    CountingStack.looks = 0
    for position in range(5000):
        walker.end("i", 20000 + position)  # a stray end tag: nothing named i is open
        walker.pop_to("p", 30000 + position, frozenset({"div", "td"}))  # no p open
        walker.pop_to("li", 40000 + position, frozenset({"ul", "ol"}))
    assert CountingStack.looks < 5000, CountingStack.looks  # was 75 million (3 scans of 5,000)
    assert len(walker.stack) == 5001


def test_deeply_nested_html_is_read_and_checked(cli, tmp_path: Path) -> None:
    story = tmp_path / "deep.html"
    story.write_text("<b>" * 5000 + "the the" + "</i>" * 5000, encoding="utf-8")
    assert read_document(story.read_bytes(), str(story)).text == "the the"
    assert doubled(cli, story) == [(1, 15001, 15008)]


def test_html_end_tags_still_close_the_right_elements() -> None:
    html = ("<div><p>One <b>bold <i>and</i> the</b> end<p>Two <blockquote>Quoted"
            "</blockquote></div><p>Three</p>")
    doc = read_document(html.encode(), "a.html")
    assert doc.text == "One bold and the end\n\nTwo\n\nQuoted\n\nThree"
    assert [(doc.text[b.start:b.end], b.role) for b in doc.blocks if b.role == "quote"] == [
        ("Quoted", "quote")]


def test_markdown_nested_past_the_limit_warns_naming_the_lines_skipped() -> None:
    source = ("# Storm hits coast\n\nThe storm hit on Monday.\n\n" + "> " * 100_000 + "Deep text.\n\n"
              + "Read again.\n\n" + "- " * 30 + "Deep item.\n\nThe end.\n")
    doc = read_document(source.encode(), "story.md")
    # markdown-it skips to the end of the outermost list, so "The end." is lost too: say so
    assert doc.text == "Storm hits coast\n\nThe storm hit on Monday.\n\nRead again."
    assert doc.warnings == [
        "story.md:5: Markdown nested more than 20 levels deep (block quotes or lists): line 5 not "
        "checked",
        "story.md:9: Markdown nested more than 20 levels deep (block quotes or lists): lines 9-11 "
        "not checked"]


def test_the_nesting_warning_reaches_the_report(cli, tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("# Storm\n\n" + "> " * 30 + "The the text.\n\nThe the end.\n", encoding="utf-8")
    run = cli("check", "--format", "json", story)
    assert f"copylint: warning: {story}:3: Markdown nested more than 20 levels deep (block quotes " \
           "or lists): line 3 not checked" in run.err.splitlines()
    assert [(f["line"], f["rule"]) for f in run.findings] == [(5, "garble.doubled-word")]


def test_markdown_within_the_limit_has_no_warning() -> None:
    doc = read_document(("> " * 19 + "Quoted text.\n").encode(), "a.md")
    assert doc.text == "Quoted text."
    assert list(doc.warnings) == []


def test_markdown_text_markdown_it_changed_still_maps_forward(cli, tmp_path: Path) -> None:
    # markdown-it turns a NUL into U+FFFD, so the paragraph's text is not found in the source
    # and maps to where the reader stands: a finding there must not end before it starts
    # (found by tools/fuzz/run.py); the NUL sits past the first 8 KB, where binary sniffing looks
    story = tmp_path / "story.md"
    story.write_bytes(b"# Storm\n\n" + b"The council met. " * 530 + b"\n\nThe mayor\x00 said the the "
                      b"crews left.\n")
    run = cli("check", "--format", "json", "--select", "garble.doubled-word", story)
    assert [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in run.findings] == [
        (5, 1, 5, 2)]
