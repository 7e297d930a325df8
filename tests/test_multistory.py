"""Files holding many stories are split story by story (copylint.readers.stories): names,
formats, offsets, findings at the file's true lines, chunk boundaries and bounded memory."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from copylint.api import build_run
from copylint.config import Config
from copylint.document import normalise
from copylint.errors import UsageError
from copylint.readers import _split, stories
from copylint.readers.stories import Story, check_story, iter_stories

STORIES = Path(__file__).parent / "fixtures" / "stories"
FORMATS = Path(__file__).parent / "fixtures" / "formats"

#: file -> [(story name, reader format, lines of the file before it)]
SPLITS = {
    "feed.jsonl": [("feed.jsonl#1", "ninjs", 0), ("feed.jsonl#2", "ninjs", 1),
                   ("feed.jsonl#3", "ninjs", 3), ("feed.jsonl#4", "ninjs", 4)],
    "wire.7901": [("wire.7901#1", "iptc7901", 0), ("wire.7901#2", "iptc7901", 5),
                  ("wire.7901#3", "iptc7901", 10)],
    "dump.txt": [("dump.txt#1", "text", 0), ("dump.txt#2", "text", 6), ("dump.txt#3", "text", 13)],
    "message.xml": [("message.xml#1", "newsml", 9), ("message.xml#2", "newsml", 21)],
}
#: file -> [(story, line, column, end column, rule)], lines and columns in the whole file
FINDINGS = {
    "feed.jsonl": [("feed.jsonl#1", 1, 160, 167, "garble.doubled-word"),
                   ("feed.jsonl#2", 3, 175, 179, "names.capitalization"),
                   ("feed.jsonl#4", 5, 117, 126, "names.misspelled")],
    "wire.7901": [("wire.7901#2", 9, 2, 9, "garble.doubled-word"),
                  ("wire.7901#2", 9, 65, 69, "names.capitalization"),
                  ("wire.7901#3", 13, 66, 69, "punctuation.stacked")],
    "dump.txt": [("dump.txt#1", 5, 14, 21, "garble.doubled-word"),
                 ("dump.txt#2", 11, 30, 34, "names.capitalization"),
                 ("dump.txt#3", 17, 56, 58, "garble.lowercase-restart")],
    "message.xml": [("message.xml#1", 17, 75, 82, "garble.doubled-word"),
                    ("message.xml#2", 27, 60, 69, "names.misspelled")],
}
#: what each finding marks in the file
FLAGGED = {"garble.doubled-word": ("the the", "The the"), "names.capitalization": ("kyiv",),
           "names.misspelled": ("Volodomir",), "punctuation.stacked": (". ,",),
           "garble.lowercase-restart": ("in",)}


@pytest.fixture(scope="module")
def run():
    return build_run(Config())


def split(name: str, data: bytes | None = None, **options) -> list[Story]:
    return list(iter_stories((STORIES / name).read_bytes() if data is None else data, name,
                             **options))


def findings_of(run, found: list[Story]) -> list[tuple[str, int, int, int, str]]:
    return [(story.name, f.line, f.column, f.end_column, f.rule)
            for story in found for f in check_story(run, story).findings]


@pytest.mark.parametrize("name", sorted(SPLITS))
def test_containers_split_into_named_stories(name: str) -> None:
    found = split(name)
    assert [(s.name, s.format, s.line_offset) for s in found] == SPLITS[name]
    assert [s.index for s in found] == list(range(1, len(found) + 1))
    assert all(s.file == name and not s.whole for s in found)


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_findings_at_true_lines_of_the_file(run, name: str) -> None:
    found = findings_of(run, split(name))
    assert found == FINDINGS[name]
    lines = normalise((STORIES / name).read_text("utf-8")).split("\n")
    for _, line, column, end, rule in found:
        assert lines[line - 1][column - 1:end - 1] in FLAGGED[rule]


def test_findings_carry_the_file_name_and_errors_the_story_and_true_line(run) -> None:
    results = [check_story(run, story) for story in split("feed.jsonl")]
    assert {f.path for r in results for f in r.findings} == {"feed.jsonl"}
    assert [r.error for r in results if r.error] == [
        "feed.jsonl#3:4: JSON is not valid: Invalid control character at (column 89)"]


def test_each_story_checks_like_the_same_text_as_its_own_file(run) -> None:
    """A story's findings, shifted back, are those of its content checked alone."""
    runs = {fmt: build_run(Config(), input_format=fmt) for fmt, in {
        (s[1],) for splits in SPLITS.values() for s in splits}}
    for name in SPLITS:
        for story in split(name):
            alone = runs[story.format].check_data(story.content, story.name)
            assert [(f.line + story.line_offset, f.column, f.rule) for f in alone.findings] == [
                (f.line, f.column, f.rule) for f in check_story(run, story).findings]


@pytest.mark.parametrize("chunk", [1, 2, 7, 64, 1000])
@pytest.mark.parametrize("name", sorted(SPLITS))
def test_stream_read_in_small_chunks_splits_the_same(monkeypatch, name: str, chunk: int) -> None:
    expected = split(name)
    monkeypatch.setattr(_split, "CHUNK", chunk)
    monkeypatch.setattr(stories, "_SNIFF", 100)  # cut the files after the sniffed start
    with (STORIES / name).open("rb") as handle:
        assert list(iter_stories(handle, name)) == expected


@pytest.mark.parametrize("chunk", [1, 3, 1 << 20])
@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends_keep_true_lines(run, monkeypatch, line_end: str,
                                               chunk: int) -> None:
    monkeypatch.setattr(_split, "CHUNK", chunk)
    monkeypatch.setattr(stories, "_SNIFF", 10)
    data = (STORIES / "dump.txt").read_text("utf-8").replace("\n", line_end).encode("utf-8")
    found = split("dump.txt", data)
    assert [(s.name, s.line_offset) for s in found] == [
        (name, offset) for name, _, offset in SPLITS["dump.txt"]]
    assert findings_of(run, found) == FINDINGS["dump.txt"]


@pytest.mark.parametrize("name", sorted(p.name for p in FORMATS.iterdir()))
def test_single_story_files_are_one_whole_story(run, name: str) -> None:
    data = (FORMATS / name).read_bytes()
    [story] = iter_stories(data, name)
    assert (story.name, story.file, story.whole, story.content, story.line_offset) == (
        name, name, True, data, 0)
    assert check_story(run, story).findings == run.check_data(data, name).findings


@pytest.mark.parametrize(("data", "expected"), [
    (b"", b""),
    (b"\n  \n", b"\n  \n"),
    (b'\n{"uri": "u", "headline": "One item"}\n\n', b'\n{"uri": "u", "headline": "One item"}\n\n'),
])
def test_jsonl_with_one_item_or_none_is_the_whole_file(data: bytes, expected: bytes) -> None:
    [story] = iter_stories(data, "one.jsonl")
    assert (story.name, story.whole, story.content, story.format) == (
        "one.jsonl", True, expected, "ninjs")


def test_jsonl_items_split_whatever_the_extension_when_named_jsonl() -> None:
    data = b'{"headline": "One"}\n{"headline": "Two"}\n'
    assert [s.name for s in iter_stories(data, "export.json", "jsonl")] == [
        "export.json#1", "export.json#2"]
    assert [s.whole for s in iter_stories(data, "export.json")] == [True]


def test_a_form_feed_inside_a_line_does_not_split() -> None:
    data = b"Headline\n\nA page\fbreak inside a line.\n\fnot alone either\nEnd.\n"
    [story] = iter_stories(data, "notes.txt")
    assert story.whole and story.content == data


def test_form_feeds_in_markdown_do_not_split() -> None:
    data = b"# One\n\nText.\n\f\n# Two\n\nMore.\n"
    assert [s.name for s in iter_stories(data, "notes.md")] == ["notes.md"]


def test_newsml_item_of_a_latin1_message_is_decoded() -> None:
    message = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<newsMessage><itemSet>\n'
               '<newsItem><contentSet><inlineData>Caf\xe9 one</inlineData></contentSet></newsItem>\n'
               '<newsItem><contentSet><inlineData>Caf\xe9 two</inlineData></contentSet></newsItem>\n'
               '</itemSet></newsMessage>\n').encode("latin-1")
    found = list(iter_stories(message, "m.xml"))
    assert [(s.content, s.line_offset) for s in found] == [
        ('<newsItem><contentSet><inlineData>Café one</inlineData></contentSet></newsItem>', 2),
        ('<newsItem><contentSet><inlineData>Café two</inlineData></contentSet></newsItem>', 3)]


def test_newsml_item_alone_and_other_roots_stay_whole() -> None:
    data = (FORMATS / "story.newsml.xml").read_bytes()
    assert [s.whole for s in iter_stories(data, "story.newsml.xml")] == [True]


def test_truncated_last_message_is_an_error_at_its_true_line(run) -> None:
    data = (STORIES / "wire.7901").read_bytes() + b"\x01a0504 r i BC-Cut\r\n\x02Cut off\r\n\ttext"
    found = split("wire.7901", data)
    assert [s.name for s in found][-1] == "wire.7901#4"
    assert check_story(run, found[-1]).error == (
        "wire.7901#4:16: the text opened here by STX (0x02) has no ETX (0x03): the message is "
        "truncated")


def test_unknown_input_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown input format 'yaml'"):
        list(iter_stories(b"x", "a.txt", "yaml"))


def test_binary_and_utf16_files_are_not_split(run) -> None:
    data = b"One\n\f\nTwo\x00\n"
    [story] = iter_stories(data, "blob.txt")
    assert story.whole and "binary file" in check_story(run, story).error
    wide = "One\n\f\nTwo\n".encode("utf-16")
    assert [s.whole for s in iter_stories(wide, "wide.txt")] == [True]


def test_memory_is_bounded_by_the_story_not_the_file(tmp_path: Path) -> None:
    """An 8 MB JSON Lines file streamed from disk never holds more than a few chunks."""
    item = json.dumps({"uri": "u", "headline": "A headline", "body_text": "Body text. " * 400})
    path = tmp_path / "big.jsonl"
    with path.open("w") as out:
        for _ in range(8_000_000 // len(item)):
            out.write(item + "\n")
    count = 0
    tracemalloc.start()
    try:
        with path.open("rb") as handle:
            for story in iter_stories(handle, "big.jsonl"):
                count += 1
                assert story.line_offset == count - 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 8_000_000 // len(item)
    assert peak < 4 * _split.CHUNK


class _ChangedLines:
    """A stand-in for --changed-since: only these lines of the file changed."""

    def __init__(self, lines: set[int]) -> None:
        self.lines = lines

    def changed(self, path: Path, line: int, end_line: int) -> bool:
        return bool(self.lines & set(range(line, end_line + 1)))


def test_changed_lines_are_matched_at_the_file_lines() -> None:
    run = build_run(Config())
    run.changed = _ChangedLines({9})
    found = [(s.name, f.line, f.rule) for s in split("wire.7901")
             for f in check_story(run, s, STORIES / "wire.7901").findings]
    assert found == [("wire.7901#2", 9, "garble.doubled-word"),
                     ("wire.7901#2", 9, "names.capitalization")]


# -- long plain text without form feeds: segments --------------------------------------------
#: a story's paragraphs, each a line of its own with a blank line after it; the second holds a
#: doubled word, the fourth a lower-case city name
PARAGRAPHS = ["Talks resume in Geneva",
              "GENEVA (AP) — Negotiators met again on Tuesday.",
              "The the delegations sat down after a week of delays.",
              "Officials said the next round would open on Friday.",
              "A spokesman in kyiv said the offer still stood."]


def long_text(copies: int, line_end: str = "\n") -> bytes:
    """The headline, then the paragraphs again and again, each copy told apart by a number (so
    that no line repeats)."""
    parts = [PARAGRAPHS[0]]
    for copy in range(copies):
        parts += [paragraph.replace(".", f" in session {copy + 10}.")
                  for paragraph in PARAGRAPHS[1:]]
    return ((line_end * 2).join(parts) + line_end).encode("utf-8")


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("chunk", [7, 1000, 1 << 20])
def test_a_long_text_is_cut_into_segments_at_paragraph_breaks(monkeypatch, line_end: str,
                                                               chunk: int) -> None:
    monkeypatch.setattr(_split, "SEGMENT_BYTES", 1000)
    monkeypatch.setattr(_split, "CHUNK", chunk)
    data = long_text(40, line_end)
    found = split("archive.txt", data)
    assert len(found) > 5 and [s.continued for s in found] == [False] + [True] * (len(found) - 1)
    assert b"".join(s.content for s in found) == data        # nothing lost, nothing doubled
    ends = line_end.encode() * 2
    for story in found[:-1]:
        assert len(story.content) <= 1000 and story.content.endswith(ends)
    lines = normalise(data.decode("utf-8")).split("\n")
    for story in found:  # each segment starts on the file's line after its offset
        first = normalise(story.content.decode("utf-8")).split("\n")[0]
        assert lines[story.line_offset] == first


def test_segments_report_at_the_file_lines_with_no_headline_but_the_first(run, monkeypatch):
    monkeypatch.setattr(_split, "SEGMENT_BYTES", 600)
    data = long_text(12)
    found = split("archive.txt", data)
    assert len(found) >= 3
    findings = [f for story in found for f in check_story(run, story).findings]
    lines = normalise(data.decode("utf-8")).split("\n")
    marked = {(f.rule, lines[f.line - 1][f.column - 1:f.end_column - 1]) for f in findings}
    assert marked == {("garble.doubled-word", "The the"), ("names.capitalization", "kyiv")}
    doubled = [f.line for f in findings if f.rule == "garble.doubled-word"]
    assert doubled == [i + 1 for i, line in enumerate(lines) if line.startswith("The the")]
    assert len(doubled) == 12
    # a segment's first paragraph is body copy: read as a story, the dateline paragraph would
    # open it and its first line could be taken for a headline
    from copylint.readers.text import read_text
    continued = read_text(found[1].content, "x", _read_options(continued=True))
    assert {block.role for block in continued.blocks} == {"body"}
    first = read_text(found[0].content, "x", _read_options())
    assert first.blocks[0].role == "headline"


def _read_options(**values):
    from copylint.readers.options import ReadOptions

    return ReadOptions(**values)


def test_a_line_longer_than_a_segment_stays_whole(monkeypatch) -> None:
    monkeypatch.setattr(_split, "SEGMENT_BYTES", 100)
    data = ("Short opening line.\n\n" + "word " * 100 + "\n\nLast line.\n").encode()
    found = split("long-line.txt", data)
    assert b"".join(s.content for s in found) == data
    assert any(b"word " * 100 in s.content for s in found)


def test_a_text_under_a_segment_stays_one_whole_story() -> None:
    data = long_text(3)
    [story] = split("story.txt", data)
    assert story.whole and not story.continued and story.content == data


def test_memory_is_bounded_by_the_segment_in_text_without_form_feeds(tmp_path: Path) -> None:
    """An 8 MB plain-text file of no form feeds (an archive) is streamed segment by segment."""
    path = tmp_path / "archive.txt"
    paragraph = "A paragraph of copy that goes on for a while. " * 8 + "\n\n"
    with path.open("w") as out:
        for _ in range(8_000_000 // len(paragraph)):
            out.write(paragraph)
    tracemalloc.start()
    try:
        with path.open("rb") as handle:
            sizes = [len(story.content) for story in iter_stories(handle, "archive.txt")]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sum(sizes) == path.stat().st_size and max(sizes) <= _split.SEGMENT_BYTES
    # at most: two chunks read, the first segment (kept until a second one shows that the file
    # is no single story), the segment being cut and the chunk being read: none grows with the file
    assert len(sizes) >= 8 and peak < 6 * _split.CHUNK


# -- a file of stories is reported story by story ----------------------------------------------
def test_a_file_of_stories_is_reported_story_by_story_as_one_file(cli) -> None:
    """The parts reach the reporter one story at a time, yet every output reads as one file:
    the same findings at the file's lines, one file counted, one JUnit test case."""
    dump = STORIES / "dump.txt"
    merged = check_file_result(dump)
    as_json = cli("check", "--format", "json", "-j", "1", dump)
    assert [(f["line"], f["column"], f["rule"]) for f in as_json.findings] == [
        (f.line, f.column, f.rule) for f in merged.findings]
    assert as_json.summary["files_checked"] == 1 and as_json.summary["files_with_findings"] == 1
    junit = cli("check", "--format", "junit", "-j", "1", dump).out
    assert junit.count("<testcase ") == 1 and junit.count("<failure ") == len(merged.findings)
    text = cli("check", "-j", "1", dump)
    assert len(text.out.splitlines()) == len(merged.findings)
    assert "in 1 of 1 file checked" in text.err


def check_file_result(path: Path):
    from copylint.multistory import check_file
    from copylint.sources import Source

    return check_file(build_run(Config()), Source(path.name, path, True))


def test_parts_come_one_a_story_and_an_error_ends_them(monkeypatch) -> None:
    """`Run.check_parts` gives each story as it is checked; a file that goes wrong after some
    stories ends with its error as the next part."""
    from copylint.sources import Source

    run = build_run(Config())
    dump = STORIES / "dump.txt"
    parts = list(run.check_parts(Source("dump.txt", dump, True)))
    assert [p.part for p in parts] == [1, 2, 3] and {p.name for p in parts} == {"dump.txt"}
    assert [f.rule for p in parts for f in p.findings] == [
        rule for *_, rule in FINDINGS["dump.txt"]]
    checked = stories.check_story

    def failing(run, story, *args, **kwargs):
        if story.index == 3:
            raise RuntimeError("a bug met in the third story")
        return checked(run, story, *args, **kwargs)

    monkeypatch.setattr(stories, "check_story", failing)
    parts = list(run.check_parts(Source("dump.txt", dump, True)))
    assert [p.part for p in parts] == [1, 2, 3] and [p.checked for p in parts] == [True, True, False]
    assert "a bug met in the third story" in parts[-1].error
