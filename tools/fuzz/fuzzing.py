"""Fuzzing every reader and every reporter on mutated fixtures (hypothesis).

One example: a fixture story of one format (tests/fixtures/formats), mutated by a few edits
(hostile tokens inserted, ranges deleted or repeated, bytes flipped, the end cut off), read with
its format's reader, checked with every default rule, and written by every reporter under an
awkward file name. What must hold:

- a reader returns a Document or raises a CopylintError (one line, the file name aside): never
  anything else;
- every reporter writes strict UTF-8; JSON and SARIF parse as JSON, JUnit as XML, and text
  output has one line per finding;
- every finding lies inside the source file.

tests/test_hardening_fuzz.py runs a few examples a format in the suite; tools/fuzz/run.py runs
for minutes.
"""

from __future__ import annotations

import io
import json
import os
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import strategies as st

from copylint.engine import Linter, choose_rules
from copylint.errors import CopylintError
from copylint.readers import read_document
from copylint.reporters import REPORTERS, ReportOptions, make_reporter
from copylint.rulebook import load_rulebook

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "formats"
#: fixture file and the format its reader is asked for
STORIES = {
    "story.txt": "text", "story.md": "markdown", "story.html": "html", "story.nitf.xml": "nitf",
    "story.newsml.xml": "newsml", "story.json": "ninjs", "story.7901": "iptc7901",
}
#: pieces that have broken readers before, or could
TOKENS = [
    b"<", b">", b"</i>", b"<b>" * 50, b"</p>", b"<p>", b"<br/>", b"<!--", b"-->", b"<![CDATA[",
    b"]]>", b"<script>", b"&", b"&#x110000;", b"&#0;", b"&nbsp", b"&amp;", b"&#xD800;",
    b'<!DOCTYPE x [<!ENTITY a "b">]>', b"<?xml version='1.0' encoding='latin-1'?>", b'"', b"\\",
    b"\\ud800", b"\\udc00", b"\\u2014\\udc00", b"\\ud83d\\ude00", b"{", b"}", b"[", b"]", b",",
    b":", b"null", b"1" * 5000, b"-0.0e99999", b"\x00", b"\x01", b"\x02", b"\x03", b"\x16", b"\r",
    b"\n", b"\n\n", b"\r\n", b"\t", b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"\xe2\x80", b"\xf0",
    b"> " * 40, b"- " * 40, b"* ", b"# ", b"```", b"`", b"---\n", b"---\nheadline: [\n---\n",
    b"[x](", b"![", b"|", b"\xe2\x80\x9c", b"\xe2\x80\x9d", b"...", b"\xe2\x80\xa6",
    b"<!-- copylint-disable -->", b"<!-- copylint-disable-next-line", b"copylint-enable -->",
    b"the the ", b"KYIV, Ukraine (AP) ", b"\xf0\x9f\x98\x80", b"\xcc\x81",
]
#: file names that have broken reporters before, or could
NAMES = ["story", "two words", "two\nlines", "tab\there", "a,b:c%d", os.fsdecode(b"caf\xe9"),
         "quote\"and'", "<stdin>", "back\\slash", "\u202eevil"]


@lru_cache(maxsize=1)
def linter() -> Linter:
    """Every default rule (the AP house), compiled once."""
    return Linter(choose_rules(load_rulebook(house="ap")))


def _apply(data: bytes, edits: list[tuple[str, float, float, bytes | int]]) -> bytes:
    for kind, where, length, payload in edits:
        at = int(where * len(data))
        span = int(length * (len(data) - at))
        if kind == "insert":
            assert isinstance(payload, bytes)
            data = data[:at] + payload + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + span:]
        elif kind == "repeat":
            data = data[:at + span] + data[at:at + span] * 3 + data[at + span:]
        elif kind == "flip" and data:
            assert isinstance(payload, int)
            position = min(at, len(data) - 1)
            data = data[:position] + bytes([payload]) + data[position + 1:]
        elif kind == "cut":
            data = data[:at]
    return data


_EDIT = st.tuples(
    st.sampled_from(["insert", "insert", "insert", "delete", "repeat", "flip", "cut"]),
    st.floats(0, 1), st.floats(0, 0.2),
    st.one_of(st.sampled_from(TOKENS), st.binary(max_size=8), st.integers(0, 255)))


@st.composite
def cases(draw: st.DrawFn, stories: tuple[str, ...] = tuple(STORIES)) -> tuple[str, str, bytes]:
    """(file name, format, bytes): a fixture of one format, mutated."""
    story = draw(st.sampled_from(stories))
    edits = draw(st.lists(_EDIT, min_size=1, max_size=6))
    edits = [(kind, where, length, payload if (kind == "flip") == isinstance(payload, int)
              else (b"x" if kind != "flip" else 0)) for kind, where, length, payload in edits]
    data = _apply((FIXTURES / story).read_bytes(), edits)
    name = draw(st.sampled_from(NAMES)) + Path(story).suffix
    return name, STORIES[story], data


def check_case(name: str, fmt: str, data: bytes) -> None:
    """Read, check and report one input; AssertionError (or the crash) when a property fails."""
    try:
        doc = read_document(data, name, input_format=fmt)
    except CopylintError as error:
        # one line, but for the file name itself (the CLI escapes it when it prints the error)
        message = str(error).replace(name, "NAME").strip()
        assert "\n" not in message, f"a reader error of several lines: {error!r}"
        return
    result = linter().check(doc)
    lines = doc.source.count("\n") + 1
    for finding in result.findings:
        assert 1 <= finding.line <= finding.end_line <= lines, finding
    report_all(name, result.findings)


def report_all(name: str, findings: list) -> None:
    """Every reporter, writing strict UTF-8, and each output parsed back."""
    options = ReportOptions(rules=linter().rules, version="fuzz")
    for output in REPORTERS:
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="\n")
        reporter = make_reporter(output, stream, options)
        reporter.start()
        reporter.file(name, findings)
        reporter.finish({"files_checked": 1, "input_errors": [f"{name}: an error"]})
        stream.flush()
        text = raw.getvalue().decode("utf-8")
        if output in ("json", "sarif"):
            json.loads(text)
        elif output == "junit":
            ElementTree.fromstring(text.split("\n", 1)[1])
        elif output == "text":
            assert len(text.splitlines()) == len(findings), text
