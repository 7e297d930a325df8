"""Code actions of `copylint lsp` over stdio: "disable this rule for the next line" puts the
directive where the format takes it, and applying the edit silences exactly that finding."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsp_client import LspClient, edit_range


@pytest.fixture
def lsp(tmp_path: Path):
    client = LspClient()
    client.initialize(tmp_path)
    yield client
    client.kill()


def actions_for(lsp: LspClient, uri: str, diagnostic: dict, only: list[str] | None = None,
                titled: str | None = "Disable ") -> list:
    """The code actions offered for a diagnostic (by default only the disable-directive ones;
    `titled=None` for all)."""
    context: dict = {"diagnostics": [diagnostic]}
    if only is not None:
        context["only"] = only
    actions = lsp.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                      "range": diagnostic["range"],
                                                      "context": context})
    return [a for a in actions if titled is None or a["title"].startswith(titled)]


def the_edit(action: dict, uri: str, version: int) -> dict:
    [change] = action["edit"]["documentChanges"]
    assert change["textDocument"] == {"uri": uri, "version": version}
    [edit] = change["edits"]
    return edit


def by_rule(diagnostics: list[dict], rule: str) -> list[dict]:
    return [d for d in diagnostics if d["code"] == rule]


def apply_and_recheck(lsp: LspClient, uri: str, edit: dict, version: int) -> list[dict]:
    """Apply an edit as an editor would (an incremental change) and get the new diagnostics."""
    lsp.change(uri, version, [{"range": edit["range"], "text": edit["newText"]}])
    return lsp.diagnostics(uri, version=version)


def test_plain_text_gets_the_directive_on_its_own_line(lsp, tmp_path) -> None:
    uri = (tmp_path / "story.txt").as_uri()
    text = ("KYIV, Ukraine (AP) — Officials met on Friday.\r\n\r\n"
            "  The mayor said the the crews were tired.\r\n")
    lsp.open(uri, text)
    diagnostics = lsp.diagnostics(uri)
    [doubled] = by_rule(diagnostics, "garble.doubled-word")
    [action] = actions_for(lsp, uri, doubled)
    assert action["title"] == "Disable garble.doubled-word for this line"
    assert action["kind"] == "quickfix"
    assert action["diagnostics"] == [doubled]
    edit = the_edit(action, uri, 1)
    # above the line, indented like it, ending the way the file's lines end
    assert edit == {"range": edit_range(2, 0, 2, 0),
                    "newText": "  <!-- copylint-disable-next-line garble.doubled-word -->\r\n"}
    after = apply_and_recheck(lsp, uri, edit, 2)
    assert by_rule(after, "garble.doubled-word") == []
    assert len(after) == len(diagnostics) - 1


def test_markdown_inside_a_paragraph_puts_it_at_the_end_of_the_line_before(lsp, tmp_path) -> None:
    uri = (tmp_path / "story.md").as_uri()
    text = ("# Rescuers reach the village\n\n"
            "Rescuers used boats on Wednesday  \n"     # a hard line break (two spaces)
            "to reach villages, and help came from kyiv.\n\n"
            "Officials said the the crews were tired.\n")
    lsp.open(uri, text, language="markdown")
    diagnostics = lsp.diagnostics(uri)
    [place] = by_rule(diagnostics, "names.capitalization")
    assert place["range"]["start"]["line"] == 3
    [action] = actions_for(lsp, uri, place)
    edit = the_edit(action, uri, 1)
    # a comment line would split the paragraph (CommonMark lets `<!--` interrupt one): the
    # directive goes at the end of the line before, ahead of the hard break's two spaces
    assert edit == {"range": edit_range(2, 32, 2, 32),
                    "newText": " <!-- copylint-disable-next-line names.capitalization -->"}
    after = apply_and_recheck(lsp, uri, edit, 2)
    assert by_rule(after, "names.capitalization") == []
    assert by_rule(after, "garble.doubled-word") == by_rule(diagnostics, "garble.doubled-word")

    # the first line of a paragraph: its own line above
    [doubled] = by_rule(after, "garble.doubled-word")
    [action] = actions_for(lsp, uri, doubled)
    edit = the_edit(action, uri, 2)
    assert edit == {"range": edit_range(5, 0, 5, 0),
                    "newText": "<!-- copylint-disable-next-line garble.doubled-word -->\n"}
    assert apply_and_recheck(lsp, uri, edit, 3) == []


NEWSML = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x" version="1" '
          'standard="NewsML-G2" standardversion="2.33">\n<contentSet><inlineXML>\n'
          '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>\n'
          "\t<p>The mayor said\n\tthe the crews were tired.</p>\n"
          "</body.content></body></nitf></inlineXML></contentSet></newsItem>\n")


@pytest.mark.parametrize(("name", "text", "line", "indent"), [
    ("story.html", "<html><body>\n<p>Officials said on Friday that\n"
                   "the the crews were tired.</p>\n</body></html>\n", 2, ""),
    ("story.nitf.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<nitf><body><body.content>\n'
                       "    <p>The mayor said\n    the the crews were tired.</p>\n"
                       "</body.content></body></nitf>\n", 3, "    "),
    ("story.xml", NEWSML, 5, "\t"),
])
def test_html_nitf_and_newsml_take_a_comment_line_inside_the_paragraph(
        lsp, tmp_path, name, text, line, indent) -> None:
    uri = (tmp_path / name).as_uri()
    lsp.open(uri, text, language="html" if name.endswith("html") else "xml")
    [doubled] = lsp.diagnostics(uri)
    [action] = actions_for(lsp, uri, doubled)
    edit = the_edit(action, uri, 1)
    assert edit == {"range": edit_range(line, 0, line, 0),
                    "newText": f"{indent}<!-- copylint-disable-next-line garble.doubled-word -->\n"}
    assert apply_and_recheck(lsp, uri, edit, 2) == []


@pytest.mark.parametrize("html", [
    # inside <title> a comment is text (RCDATA): neither placement is safe
    "<html><head><title>Rescuers reach\nthe the village</title></head>\n<body></body></html>\n",
    # the line starts inside a start tag, and so does the end of the line before
    '<html><body><p class="lead"\n data-id="7">the the village</p></body></html>\n',
])
def test_no_directive_where_a_comment_would_be_text_or_break_a_tag(lsp, tmp_path, html) -> None:
    uri = (tmp_path / "story.html").as_uri()
    lsp.open(uri, html, language="html")
    [doubled] = lsp.diagnostics(uri)
    assert doubled["range"]["start"]["line"] == 1
    assert actions_for(lsp, uri, doubled) == []


def test_ninjs_has_no_comment_syntax_so_no_directive(lsp, tmp_path) -> None:
    uri = (tmp_path / "item.json").as_uri()
    lsp.open(uri, '{"type": "text",\n "body_text": "Officials said the the crews were tired."}\n',
             language="json")
    [doubled] = lsp.diagnostics(uri)
    assert actions_for(lsp, uri, doubled) == []


def test_only_filters_by_kind_and_old_clients_get_plain_changes(tmp_path) -> None:
    lsp = LspClient()
    try:
        lsp.initialize(tmp_path, workspace={})  # no documentChanges support
        uri = (tmp_path / "story.txt").as_uri()
        lsp.open(uri, "Officials said the the crews were tired.\n")
        [doubled] = lsp.diagnostics(uri)
        assert actions_for(lsp, uri, doubled, only=["source"]) == []
        [action] = actions_for(lsp, uri, doubled, only=["quickfix"])
        assert action["edit"] == {"changes": {uri: [{
            "range": edit_range(0, 0, 0, 0),
            "newText": "<!-- copylint-disable-next-line garble.doubled-word -->\n"}]}}
    finally:
        lsp.kill()


def test_actions_come_from_the_servers_diagnostics_in_the_range(lsp, tmp_path) -> None:
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, "Officials said the the crews came from kyiv.\n\nThe the end.\n")
    diagnostics = lsp.diagnostics(uri)
    assert [d["code"] for d in diagnostics] == ["garble.doubled-word", "names.capitalization",
                                                "garble.doubled-word"]
    # a whole-line range with no diagnostics in the context: both findings of line 0
    actions = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": edit_range(0, 0, 0, 45),
        "context": {"diagnostics": []}})
    assert [a["title"] for a in actions] == [
        "Fix: replace with “the”", "Disable garble.doubled-word for this line",
        "Fix: replace with “Kyiv”", "Disable names.capitalization for this line",
        "copylint: fix all safe problems in this file"]


# fixes ------------------------------------------------------------------------------------

def test_a_finding_with_a_fix_gets_it_as_the_preferred_quick_fix(lsp, tmp_path) -> None:
    uri = (tmp_path / "story.md").as_uri()
    text = "# Storm\n\nOfficials in 👍🏽 kyiv said the the crews were tired.\n"
    lsp.open(uri, text)
    diagnostics = lsp.diagnostics(uri)
    [kyiv] = by_rule(diagnostics, "names.capitalization")
    actions = actions_for(lsp, uri, kyiv, titled=None)
    assert [a["title"] for a in actions] == [
        "Fix: replace with “Kyiv”", "Disable names.capitalization for this line",
        "copylint: fix all safe problems in this file"]
    fix = actions[0]
    assert fix["kind"] == "quickfix" and fix["isPreferred"] is True
    assert the_edit(fix, uri, 1) == {"range": edit_range(2, 18, 2, 22), "newText": "Kyiv"}
    after = apply_and_recheck(lsp, uri, the_edit(fix, uri, 1), 2)
    assert by_rule(after, "names.capitalization") == []
    assert by_rule(after, "garble.doubled-word") != []


def test_fix_all_applies_every_safe_fix_and_nothing_unsafe(lsp, tmp_path) -> None:
    uri = (tmp_path / "story.txt").as_uri()
    text = "Storm\r\n\r\nThe the crews reached kyiv on November 5.\r\n\r\n24\r\n"
    lsp.open(uri, text)
    diagnostics = lsp.diagnostics(uri)
    [doubled] = by_rule(diagnostics, "garble.doubled-word")
    [fix_all] = actions_for(lsp, uri, doubled, only=["source.fixAll"], titled=None)
    assert fix_all["kind"] == "source.fixAll.copylint" and "edit" not in fix_all  # resolved later
    resolved = lsp.request("codeAction/resolve", fix_all)
    edit = the_edit(resolved, uri, 1)
    after = apply_and_recheck(lsp, uri, edit, 2)
    assert sorted(d["code"] for d in after) == ["scrape.counter"]  # unsafe: left for a human
    assert _applied(text, edit) == "Storm\r\n\r\nThe crews reached Kyiv on Nov. 5.\r\n\r\n24\r\n"


def _applied(text: str, edit: dict) -> str:
    """The text with one LSP edit applied (UTF-16 positions)."""
    from copylint.lsp.positions import UTF16, LineIndex

    index = LineIndex(text)
    start = index.offset(edit["range"]["start"]["line"], edit["range"]["start"]["character"], UTF16)
    end = index.offset(edit["range"]["end"]["line"], edit["range"]["end"]["character"], UTF16)
    return text[:start] + edit["newText"] + text[end:]


def test_an_unsafe_fix_says_so_and_is_not_preferred(lsp, tmp_path) -> None:
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, "Storm\n\nThe crews left.\n\nLEAVE A REPLY\n")
    [form] = by_rule(lsp.diagnostics(uri), "scrape.comment-form")
    [fix] = [a for a in actions_for(lsp, uri, form, titled=None) if a["title"].startswith("Fix")]
    assert fix["title"] == "Fix: delete this line (unsafe: check it)"
    assert fix["isPreferred"] is False


def test_a_client_that_cannot_resolve_gets_fix_all_only_when_it_names_it(tmp_path) -> None:
    lsp = LspClient()
    try:
        lsp.initialize(tmp_path, resolve=False)
        uri = (tmp_path / "story.txt").as_uri()
        lsp.open(uri, "The the crews left kyiv.\n")
        [doubled, _] = lsp.diagnostics(uri)
        titles = [a["title"] for a in actions_for(lsp, uri, doubled, titled=None)]
        assert "copylint: fix all safe problems in this file" not in titles
        [fix_all] = actions_for(lsp, uri, doubled, only=["source.fixAll.copylint"], titled=None)
        edit = the_edit(fix_all, uri, 1)
        assert _applied("The the crews left kyiv.\n", edit) == "The crews left Kyiv.\n"
    finally:
        lsp.kill()
