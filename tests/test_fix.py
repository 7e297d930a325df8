"""Autofix (issue 13): safe by default, byte-exact, idempotent, atomic, in every format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copylint import fix_text, lint_text
from copylint.fixes import write as fix_write
from copylint.fixes.source import FixError
from copylint.readers import read_document

STORY = """\
Storm hits the coast

MIAMI (AP) — The the storm reached kyiv on November 5, officials said.

24

Residents fled towards the hills at 4am, the mayor said.
"""

FIXED_SAFE = """\
Storm hits the coast

MIAMI (AP) — The storm reached Kyiv on Nov. 5, officials said.

24

Residents fled toward the hills at 4 a.m., the mayor said.
"""


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


# the interface -------------------------------------------------------------------------------

def test_fix_applies_safe_fixes_and_reports_what_is_left(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "s.txt", STORY)
    run = cli("check", "--format", "json", "--fix", path)
    assert path.read_text(encoding="utf-8") == FIXED_SAFE
    assert run.code == 1  # the counter line is left: deleting lines is unsafe
    assert [(f["line"], f["rule"], f["fix"]["safety"]) for f in run.findings] == [
        (5, "scrape.counter", "unsafe")]


def test_unsafe_fixes_only_when_asked(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "s.txt", STORY)
    run = cli("check", "--fix", "--unsafe-fixes", path)
    assert run.code == 0, run.out
    assert path.read_text(encoding="utf-8") == FIXED_SAFE.replace("24\n\n", "")


def test_diff_shows_the_fixes_and_writes_nothing(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "s.txt", STORY)
    run = cli("check", "--diff", path)
    assert run.code == 1
    assert path.read_text(encoding="utf-8") == STORY
    assert run.out == (
        f"--- a/{path}\n+++ b/{path}\n@@ -1,7 +1,7 @@\n Storm hits the coast\n \n"
        "-MIAMI (AP) — The the storm reached kyiv on November 5, officials said.\n"
        "+MIAMI (AP) — The storm reached Kyiv on Nov. 5, officials said.\n \n 24\n \n"
        "-Residents fled towards the hills at 4am, the mayor said.\n"
        "+Residents fled toward the hills at 4 a.m., the mayor said.\n")
    assert "5 fixes in 1 diff" in run.err
    clean = _write(tmp_path, "clean.txt", FIXED_SAFE.replace("24\n\n", ""))
    nothing = cli("check", "--diff", clean)
    assert nothing.code == 0 and nothing.out == ""


def test_fix_on_standard_input_writes_only_the_text(cli) -> None:
    run = cli("check", "--fix", "-", input=STORY.encode())
    assert run.out == FIXED_SAFE
    assert "<stdin>:5:1: error scrape.counter" in run.err


def test_text_output_marks_fixes_and_counts_them(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "s.txt", STORY)
    run = cli("check", path)
    lines = run.out.splitlines()
    assert f"{path}:3:14: error garble.doubled-word [*] Doubled word: “The the”. " \
           "(fix: replace with “The”)" in lines
    assert f"{path}:5:1: error scrape.counter Share, view or comment counter left by the " \
           "scraper: “24”. (unsafe fix: delete this line)" in lines
    assert run.err.rstrip().endswith("; 5 fixable with --fix (1 more with --unsafe-fixes)")
    unsafe = cli("check", "--unsafe-fixes", path)
    assert f"{path}:5:1: error scrape.counter [*] Share" in unsafe.out


def test_show_fixes_lists_what_was_applied(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "s.txt", STORY)
    run = cli("check", "--fix", "--show-fixes", path)
    shown = [line for line in run.err.splitlines() if line.startswith("copylint: fixed ")]
    assert shown == [
        f"copylint: fixed {path}:3:14: garble.doubled-word: replace with “The”",
        f"copylint: fixed {path}:3:36: names.capitalization: replace with “Kyiv”",
        f"copylint: fixed {path}:3:44: ap.month-with-date: replace with “Nov.”",
        f"copylint: fixed {path}:7:16: ap.toward: replace with “toward”",
        f"copylint: fixed {path}:7:38: ap.time-of-day: replace with “ a.m.”"]


def test_fix_and_diff_together_is_a_usage_error(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "s.txt", STORY)
    run = cli("check", "--fix", "--diff", path)
    assert run.code == 2 and "choose one" in run.err


def test_fix_text_api() -> None:
    fixed = fix_text(STORY, path="s.txt")
    assert fixed.text == FIXED_SAFE
    assert [a.rule for a in fixed.applied] == ["garble.doubled-word", "names.capitalization",
                                               "ap.month-with-date", "ap.toward", "ap.time-of-day"]
    assert [f.rule for f in fixed.findings] == ["scrape.counter"]
    assert fix_text(STORY.encode(), path="s.txt", unsafe=True).text == \
        FIXED_SAFE.replace("24\n\n", "").encode()


# byte-exact --------------------------------------------------------------------------------

@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("final", [True, False])
def test_line_ends_bom_and_final_newline_are_kept(tmp_path: Path, ending: str, bom: bytes,
                                                  final: bool) -> None:
    text = STORY.replace("\n", ending)
    if not final:
        text = text.rstrip(ending)
    fixed = fix_text(bom + text.encode(), path="s.txt").text
    expected = FIXED_SAFE.replace("\n", ending)
    if not final:
        expected = expected.rstrip(ending)
    assert fixed == bom + expected.encode()


def test_other_encodings_are_written_back_in_their_own(cli, tmp_path: Path) -> None:
    text = "Caf\u00e9 owners in kyiv said the the rent rose.\n"
    path = _write(tmp_path, "s.txt", text.encode("cp1252"))
    cli("check", "--fix", "--encoding", "cp1252", path)
    assert path.read_bytes() == "Caf\u00e9 owners in Kyiv said the rent rose.\n".encode("cp1252")
    utf16 = _write(tmp_path, "u.txt", "\ufeff".encode("utf-16-be") + text.encode("utf-16-be"))
    cli("check", "--fix", utf16)
    assert utf16.read_bytes() == b"\xfe\xff" + \
        "Caf\u00e9 owners in Kyiv said the rent rose.\n".encode("utf-16-be")


DASH_PACK = """\
pack: desk
rules:
  - id: dash
    kind: pattern
    severity: error
    fix: safe
    message: "Use a dash."
    description: Two hyphens stand for a dash.
    suggest: "—"
    pattern: '--'
    examples:
      flag: ["Officials[[--]]all of them--left."]
      clean: ["Officials — all of them — left."]
      fixed: ["Officials—all of them—left."]
  - id: qa
    kind: pattern
    severity: error
    fix: safe
    message: "Write Q&A."
    description: Questions and answers.
    suggest: "Q&A <live>"
    pattern: '\\bQandA\\b'
    examples:
      flag: ["The [[QandA]] ran."]
      clean: ["The Q&A ran."]
      fixed: ["The Q&A <live> ran."]
"""


def test_a_replacement_the_encoding_cannot_hold_leaves_the_file(cli, tmp_path: Path) -> None:
    (tmp_path / "desk.yaml").write_text(DASH_PACK, encoding="utf-8")
    latin = "\x01a0407\r\n\x02Storm hits\r\n   Officials--and residents--left Caf\u00e9 Rio.\r\n\x03"
    path = _write(tmp_path, "wire.7901", latin.encode("latin-1"))
    run = cli("check", "--fix", "--rules", tmp_path / "desk.yaml", "--select", "desk", path)
    assert run.code == 2
    assert f"copylint: error: {path}: cannot fix: '—' cannot be written in iso8859-1; the file " \
           "is unchanged" in run.err.splitlines()
    assert path.read_bytes() == latin.encode("latin-1")


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("a.html", "<p>The QandA ran.</p>\n", "<p>The Q&amp;A &lt;live&gt; ran.</p>\n"),
    ("a.nitf.xml", '<?xml version="1.0"?><nitf><body><body.content><p>The QandA ran.</p>'
                   "</body.content></body></nitf>\n",
     '<?xml version="1.0"?><nitf><body><body.content><p>The Q&amp;A &lt;live&gt; ran.</p>'
     "</body.content></body></nitf>\n"),
    ("a.json", '{"uri": "u", "body_html": "<p>The QandA ran.</p>"}\n',
     '{"uri": "u", "body_html": "<p>The Q&amp;A &lt;live&gt; ran.</p>"}\n'),
    ("b.json", '{"uri": "u", "body_text": "The QandA ran."}\n',
     '{"uri": "u", "body_text": "The Q&A <live> ran."}\n'),
    ("a.md", "# Title\n\nThe QandA ran.\n", "# Title\n\nThe Q&A \\<live\\> ran.\n"),
])
def test_replacements_are_escaped_for_the_format(cli, tmp_path: Path, name: str, content: str,
                                                 expected: str) -> None:
    (tmp_path / "desk.yaml").write_text(DASH_PACK, encoding="utf-8")
    path = _write(tmp_path, name, content)
    run = cli("check", "--fix", "--rules", tmp_path / "desk.yaml", "--select", "desk.qa", path)
    assert run.code == 0, run.err
    assert path.read_text(encoding="utf-8") == expected
    doc = read_document(path.read_bytes(), str(path))
    assert "Q&A <live>" in doc.text


# safety of the process ----------------------------------------------------------------------

def test_suppressed_and_baselined_findings_are_never_fixed(cli, tmp_path: Path) -> None:
    text = ("<!-- copylint-disable-next-line garble.doubled-word -->\nThe the mayor spoke.\n\n"
            "The the council met.\n")
    path = _write(tmp_path, "s.txt", text)
    cli("check", "--fix", path)
    assert path.read_text(encoding="utf-8") == text.replace("The the council", "The council")
    baselined = _write(tmp_path, "b.txt", "The the council met in kyiv.\n")
    baseline = tmp_path / "baseline.json"
    cli("check", "--write-baseline", baseline, "--select", "garble", baselined)
    cli("check", "--fix", "--baseline", baseline, baselined)
    assert baselined.read_text(encoding="utf-8") == "The the council met in Kyiv.\n"


def test_an_interrupted_write_leaves_the_original(cli, tmp_path: Path, monkeypatch) -> None:
    path = _write(tmp_path, "s.txt", STORY)
    other = _write(tmp_path, "t.txt", STORY)

    def fail(temporary: str, target: Path) -> None:
        if target.name == "s.txt":
            raise OSError(28, "No space left on device")
        Path(temporary).replace(target)

    monkeypatch.setattr(fix_write, "replace", fail)
    run = cli("check", "--fix", path, other)
    assert run.code == 2
    assert path.read_text(encoding="utf-8") == STORY
    assert other.read_text(encoding="utf-8") == FIXED_SAFE  # one file's failure stops no other
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.txt", "t.txt"]  # no temporary left
    assert f"copylint: error: {path}: cannot write the fix: No space left on device; the file " \
           "is unchanged" in run.err.splitlines()
    assert "1 could not be fixed" in run.err


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.txt", "new text\n")
    with pytest.raises(FixError, match="changed on disk since it was read"):
        fix_write.write_atomically(path, b"fixed\n", b"old text\n")
    assert path.read_text(encoding="utf-8") == "new text\n"


def test_a_read_only_file_is_left_alone(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "s.txt", STORY)
    path.chmod(0o444)
    run = cli("check", "--fix", path)
    assert run.code == 2 and f"copylint: error: {path}: read-only; not fixed" in run.err
    assert path.read_text(encoding="utf-8") == STORY
    assert (path.stat().st_mode & 0o777) == 0o444


def test_the_mode_of_a_fixed_file_is_kept(cli, tmp_path: Path) -> None:
    path = _write(tmp_path, "s.txt", STORY)
    path.chmod(0o640)
    cli("check", "--fix", path)
    assert path.read_text(encoding="utf-8") == FIXED_SAFE
    assert (path.stat().st_mode & 0o777) == 0o640


FLIP_PACK = """\
pack: flip
rules:
  - id: one
    kind: swap
    severity: error
    fix: safe
    message: "one"
    description: Turns colour into color.
    suggest: "{right}"
    swap: {colour: color}
    examples:
      flag: ["The [[colour]] faded."]
      clean: ["The hue faded."]
      fixed: ["The color faded."]
  - id: two
    kind: swap
    severity: error
    fix: safe
    message: "two"
    description: Turns color into colour.
    suggest: "{right}"
    swap: {color: colour}
    examples:
      flag: ["The [[color]] faded."]
      clean: ["The hue faded."]
      fixed: ["The colour faded."]
"""


def test_fixes_that_never_settle_are_a_rule_bug(cli, tmp_path: Path) -> None:
    (tmp_path / "flip.yaml").write_text(FLIP_PACK, encoding="utf-8")
    path = _write(tmp_path, "s.txt", "The colour faded.\n")
    run = cli("check", "--fix", "--rules", tmp_path / "flip.yaml", "--select", "flip", path)
    assert run.code == 2
    assert "fixes of flip.one, flip.two undo each other (a rule bug: please report); the file " \
           "is unchanged" in run.err or "did not settle" in run.err
    assert path.read_text(encoding="utf-8") == "The colour faded.\n"


def test_fixing_twice_changes_nothing_in_every_format(cli, tmp_path: Path) -> None:
    for source in sorted((FIXTURES / "formats").iterdir()):
        path = tmp_path / source.name
        path.write_bytes(source.read_bytes())
        cli("check", "--fix", "--unsafe-fixes", path)
        once = path.read_bytes()
        assert once != source.read_bytes(), source.name
        read_document(once, str(path))  # still reads in its format
        again = cli("check", "--diff", "--unsafe-fixes", path)
        assert again.code == 0 and again.out == "", (source.name, again.out)


def test_every_fixed_example_of_every_rule_is_checked(cli) -> None:
    run = cli("test-rules")
    assert run.code == 0, run.out
    listed = json.loads(cli("rules", "--format", "json").out)
    assert sum(1 for rule in listed if rule["fix"]) >= 20


# properties over generated stories ---------------------------------------------------------

CLEAN = ["Officials said the talks would resume on Monday.", "The council met in Kyiv.",
         "Residents waited for news, and the mayor spoke briefly.",
         "“We will rebuild,” she said."]
DEFECTS = ["The the convoy left.", "It happened in kyiv.", "Prices rose 5 percent.",
           "The vote was on November 5.", "He moved towards the door.",
           "The storm hit at dawn.Residents fled.", "Prices rose,, then fell.",
           "The ministers met in Brussels , officials said.", "Volodomir Zelenskyy spoke."]
FURNITURE = ["24", "LEAVE A REPLY", "Related posts"]

paragraphs = st.lists(st.one_of(st.sampled_from(CLEAN), st.sampled_from(DEFECTS),
                                st.sampled_from(FURNITURE)), min_size=1, max_size=8)


def _render(fmt: str, items: list[str]) -> tuple[str, bytes]:
    def html(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;")

    if fmt == "text":
        return "s.txt", ("Storm hits coast\n\n" + "\n\n".join(items) + "\n").encode()
    if fmt == "markdown":
        return "s.md", ("# Storm hits coast\n\n" + "\n\n".join(items) + "\n").encode()
    if fmt == "html":
        body = "\n".join(f"<p>{html(p)}</p>" for p in items)
        return "s.html", f"<html><body><h1>Storm hits coast</h1>\n{body}\n</body></html>\n".encode()
    if fmt == "nitf":
        body = "\n".join(f"<p>{html(p)}</p>" for p in items)
        return "s.nitf", (f'<?xml version="1.0" encoding="UTF-8"?>\n<nitf><body><body.head>'
                          f"<hedline><hl1>Storm hits coast</hl1></hedline></body.head>\n"
                          f"<body.content>\n{body}\n</body.content></body></nitf>\n").encode()
    if fmt == "ninjs":
        body = "".join(f"<p>{html(p)}</p>" for p in items)
        return "s.json", json.dumps({"uri": "u", "headline": "Storm hits coast",
                                     "body_html": body}, ensure_ascii=False, indent=1).encode()
    body = "\r\n".join("   " + p for p in items)
    return "s.7901", f"\x01a0407\r\n\x02Storm hits coast\r\n{body}\r\n\x03".encode()


FORMATS = ["text", "markdown", "html", "nitf", "ninjs", "iptc7901"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(FORMATS), items=paragraphs, unsafe=st.booleans())
@example(fmt="nitf", items=["24"], unsafe=True)   # a counter line right after the headline
def test_fixing_is_idempotent_exact_and_keeps_the_format(fmt: str, items: list[str],
                                                         unsafe: bool) -> None:
    name, data = _render(fmt, items)
    once = fix_text(data, path=name, unsafe=unsafe)
    twice = fix_text(once.text, path=name, unsafe=unsafe)
    assert twice.text == once.text and twice.applied == []
    read_document(once.text, name)  # the fixed file parses in its format
    # every line no fix touched is still there, in order
    touched = {applied.line for applied in once.applied}
    if not any("line" in a.description for a in once.applied):
        old_lines = data.decode().splitlines()
        kept = [line for number, line in enumerate(old_lines, 1) if number not in touched]
        new_lines = once.text.decode().splitlines()
        iterator = iter(new_lines)
        assert all(any(line == new for new in iterator) for line in kept)
    left = {f.rule for f in lint_text(once.text, path=name)
            if f.fix is not None and (f.fix.safety == "safe" or unsafe)}
    assert left == set()


def test_deleting_a_line_in_markup_keeps_the_block_before_whole() -> None:
    """The blank line a reader puts between two blocks is not the source's: deleting the line
    after it must not reach into the markup of the block before (it broke the NITF here)."""
    name, data = _render("nitf", ["24"])
    fixed = fix_text(data, path=name, unsafe=True)
    assert [(a.rule, a.line) for a in fixed.applied] == [("scrape.counter", 4)]
    assert fixed.text == data.replace(b"<p>24</p>", b"<p></p>")


def test_the_hook_that_fixes(tmp_path: Path) -> None:
    hooks = (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: copylint-fix" in hooks and "entry: copylint check --fix" in hooks
    # the installed console script next to this interpreter: CI runs the venv without activating it
    script = Path(sys.executable).parent / "copylint"
    result = subprocess.run([str(script), "check", "--help"], capture_output=True, text=True)
    assert "--unsafe-fixes" in result.stdout
