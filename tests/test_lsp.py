"""`copylint lsp` run for real as a subprocess, spoken to over stdio with JSON-RPC: initialize with
each position encoding, open, change, save, hover, shutdown and exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pygls")

from lsp_client import LspClient, edit_range

from copylint.cli import main

DATELINE = "KYIV, Ukraine (AP) — Officials met on Friday.\n\n"
#: 34 code points, 36 UTF-16 units, 41 UTF-8 bytes: an emoji with a skin tone (two astral
#: characters) and an e with a combining acute accent
PREFIX = "Officials 👍🏽 and cafe\u0301 staff said "
STORY = DATELINE + PREFIX + "the the plan was ready on Friday.\n"


@pytest.fixture
def client():
    started: list[LspClient] = []

    def start(*args: str, cwd: Path | None = None) -> LspClient:
        started.append(LspClient(*args, cwd=cwd))
        return started[-1]

    yield start
    for one in started:
        one.kill()


def doubled(diagnostics: list[dict]) -> dict:
    [found] = [d for d in diagnostics if d["code"] == "garble.doubled-word"]
    return found


@pytest.mark.parametrize(("offered", "chosen", "start", "end"), [
    (None, "utf-16", 36, 43),                 # no preference: UTF-16, the protocol's default
    (["utf-16"], "utf-16", 36, 43),
    (["utf-8", "utf-16"], "utf-8", 41, 48),
    (["utf-32", "utf-16"], "utf-32", 34, 41),
    (["utf-32", "utf-8"], "utf-32", 34, 41),
])
def test_positions_after_emoji_and_combining_marks_in_each_encoding(
        client, tmp_path, offered, chosen, start, end) -> None:
    lsp = client()
    result = lsp.initialize(tmp_path, encodings=offered)
    assert result["capabilities"]["positionEncoding"] == chosen
    assert result["serverInfo"]["name"] == "copylint"
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, STORY)
    found = doubled(lsp.diagnostics(uri, version=1))
    assert found["range"] == edit_range(2, start, 2, end)
    assert found["source"] == "copylint"
    assert found["severity"] == 1
    assert found["message"] == "Doubled word: “the the”. (suggestion: “the”)"
    assert lsp.shutdown() == 0


def test_incremental_changes_are_applied_in_the_negotiated_encoding(client, tmp_path) -> None:
    lsp = client()
    lsp.initialize(tmp_path, encodings=["utf-16"])
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, STORY)
    assert doubled(lsp.diagnostics(uri, version=1))["range"]["start"]["character"] == 36
    # replace the second "the" (UTF-16 units 40-43 on line 2) with "a": the doubled word goes
    lsp.change(uri, 2, [{"range": edit_range(2, 40, 2, 43), "text": "a"}])
    assert [d["code"] for d in lsp.diagnostics(uri, version=2)] == []
    # insert an emoji before "Officials" and double "plan": the new finding sits two units on
    lsp.change(uri, 3, [{"range": edit_range(2, 0, 2, 0), "text": "🌊 "},
                        {"range": edit_range(2, 45, 2, 45), "text": "plan "}])
    [found] = lsp.diagnostics(uri, version=3)
    assert found["code"] == "garble.doubled-word"
    assert found["message"] == "Doubled word: “plan plan”. (suggestion: “plan”)"
    # changes apply in order: after "🌊 " (3 units) the line reads "🌊 Officials ... the a plan",
    # so unit 45 is the start of "plan" and "plan plan" spans 45-54
    assert found["range"] == edit_range(2, 45, 2, 54)


def test_a_whole_text_change_and_save_are_checked(client, tmp_path) -> None:
    lsp = client()
    lsp.initialize(tmp_path)
    path = tmp_path / "story.txt"
    uri = path.as_uri()
    lsp.open(uri, STORY)
    assert doubled(lsp.diagnostics(uri, version=1))
    lsp.change(uri, 2, [{"text": DATELINE + "Help came from kyiv.\n"}])
    [found] = lsp.diagnostics(uri, version=2)
    assert (found["code"], found["range"]) == ("names.capitalization", edit_range(2, 15, 2, 19))
    assert found["message"] == "Proper noun in lower case: “kyiv” should be “Kyiv”."
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["code"] for d in lsp.diagnostics(uri, version=2)] == ["names.capitalization"]


def test_crlf_lines_and_a_bom_keep_columns(client, tmp_path) -> None:
    lsp = client()
    lsp.initialize(tmp_path)
    uri = (tmp_path / "story.txt").as_uri()
    text = "\ufeff" + STORY.replace("\n", "\r\n")
    lsp.open(uri, text)
    assert doubled(lsp.diagnostics(uri))["range"] == edit_range(2, 36, 2, 43)
    lsp.change(uri, 2, [{"text": "\ufeffthe the plan\r\n"}])
    # the BOM is character 0 of the editor's first line
    assert doubled(lsp.diagnostics(uri, version=2))["range"] == edit_range(0, 1, 0, 8)


def test_the_format_comes_from_the_extension_or_the_language_id(client, tmp_path) -> None:
    lsp = client()
    lsp.initialize(tmp_path)
    markdown = "---\nheadline: Rescuers reach the the village\n---\n\n`the the` in code.\n"
    untitled = "untitled:Untitled-1"
    lsp.open(untitled, markdown, language="markdown")
    [found] = lsp.diagnostics(untitled)
    # "headline: Rescuers reach " is 25 characters
    assert (found["code"], found["range"]) == ("garble.doubled-word", edit_range(1, 25, 1, 32))
    html = '<html><body><p>They met in <b>kyiv</b> on Friday.</p></body></html>\n'
    uri = (tmp_path / "story.html").as_uri()
    lsp.open(uri, html, language="plaintext")  # the extension wins over the languageId
    [found] = lsp.diagnostics(uri)
    assert (found["code"], found["range"]) == ("names.capitalization", edit_range(0, 30, 0, 34))


def test_ninjs_positions_go_through_json_escapes(client, tmp_path) -> None:
    lsp = client()
    lsp.initialize(tmp_path, encodings=["utf-16"])
    ninjs = ('{"uri": "urn:x", "type": "text",\n'
             ' "body_text": "Rescuers \\u2014 \\ud83c\\udf0a said the the water rose."}\n')
    uri = (tmp_path / "item.json").as_uri()
    lsp.open(uri, ninjs, language="json")
    found = doubled(lsp.diagnostics(uri))
    # the escapes are source text: ` "body_text": "` 15, `Rescuers ` 9, `\u2014 ` 7,
    # `\ud83c\udf0a` 12, ` said ` 6: "the the" starts at 49
    assert found["range"] == edit_range(1, 49, 1, 56)


def test_severity_link_and_suggestion(client, tmp_path) -> None:
    (tmp_path / ".copylint.yaml").write_text("severity:\n  garble.doubled-word: info\n"
                                             "rules: [desk]\n")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "desk.yaml").write_text(
        "pack: desk\nrules:\n  - id: slammed\n    kind: pattern\n    severity: warning\n"
        "    message: \"Avoid {match}.\"\n    description: Slammed editorializes.\n"
        "    pattern: '\\bslammed\\b'\n    suggest: criticized\n"
        "    link: https://example.org/stylebook#slam\n"
        "    examples:\n      flag: ['He [[slammed]] it.']\n      clean: ['He criticized it.']\n")
    lsp = client()
    lsp.initialize(tmp_path)
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, STORY + "\nThe senator slammed the plan.\n")
    diagnostics = lsp.diagnostics(uri)
    assert doubled(diagnostics)["severity"] == 3  # information
    [slam] = [d for d in diagnostics if d["code"] == "desk.slammed"]
    assert slam["severity"] == 2
    assert slam["codeDescription"] == {"href": "https://example.org/stylebook#slam"}
    assert slam["message"] == "Avoid slammed. (suggestion: “criticized”)"
    assert "codeDescription" not in doubled(diagnostics)
    # the rule pack is re-read when it changes
    pack = tmp_path / "desk" / "desk.yaml"
    pack.write_text(pack.read_text().replace("Avoid {match}.", "Do not write {match}."))
    lsp.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": pack.as_uri(), "type": 2}]})
    [slam] = [d for d in lsp.diagnostics(uri) if d["code"] == "desk.slammed"]
    assert slam["message"] == "Do not write slammed. (suggestion: “criticized”)"


def test_hover_shows_the_rule_explanation(client, tmp_path) -> None:
    lsp = client()
    lsp.initialize(tmp_path)
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, STORY)
    found = doubled(lsp.diagnostics(uri))
    inside = {"line": 2, "character": found["range"]["start"]["character"] + 2}
    hover = lsp.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": inside})
    explained = CliRunner().invoke(main, ["explain", "garble.doubled-word"]).stdout
    assert hover["contents"] == {"kind": "plaintext", "value": explained.rstrip("\n")}
    outside = {"line": 0, "character": 2}
    assert lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                              "position": outside}) is None


def test_closing_clears_the_diagnostics_and_exit_without_shutdown_fails(client, tmp_path) -> None:
    lsp = client()
    lsp.initialize(tmp_path)
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, STORY)
    assert lsp.diagnostics(uri)
    lsp.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert lsp.diagnostics(uri) == []
    lsp.notify("exit", None)
    assert lsp.proc.wait(timeout=60) == 1  # exit before shutdown: status 1, as LSP says


def test_bad_input_is_one_diagnostic_at_its_line(client, tmp_path) -> None:
    lsp = client()
    lsp.initialize(tmp_path)
    uri = (tmp_path / "item.json").as_uri()
    lsp.open(uri, '{"type": "text",\n "body_text": "the the",\n', language="json")
    [problem] = lsp.diagnostics(uri)
    assert problem["code"] == "copylint.input"
    assert problem["range"]["start"]["line"] in (1, 2)
    assert "item.json" in problem["message"]


def test_a_json_file_that_is_not_ninjs_is_skipped_and_said_once(client, tmp_path) -> None:
    lsp = client()
    lsp.initialize(tmp_path)
    uri = (tmp_path / "package.json").as_uri()
    lsp.open(uri, '{"name": "desk-tools", "version": "1.0"}\n', language="json")
    assert lsp.diagnostics(uri, version=1) == []
    lsp.change(uri, 2, [{"text": '{"name": "desk-tools", "version": "1.1"}\n'}])
    assert lsp.diagnostics(uri, version=2) == []
    logged = [m["params"] for m in lsp.inbox if m.get("method") == "window/logMessage"]
    assert logged == [{"type": 3, "message": f"copylint: not checked: {tmp_path / 'package.json'}: "
                                             "not a news format (JSON without ninjs's uri, "
                                             "headline or body)"}]


def test_without_the_extra_the_command_says_how_to_install_it() -> None:
    blocked = ("import sys; sys.modules['pygls'] = None; from copylint.cli import main; "
               "main(['lsp'])")
    run = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 2
    [line] = run.stderr.splitlines()
    assert line.startswith("copylint: error: the language server needs pygls and lsprotocol")
    assert line.endswith("install them with: pip install 'copylint[lsp]'")
