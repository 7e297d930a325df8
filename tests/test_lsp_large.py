"""A 1 MB document in `copylint lsp`: checks run off the message loop (hover and code actions are
answered while one runs) and results for versions the client has moved past are dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsp_client import LspClient, edit_range
from lsp_stories import story_of_size

from copylint import lint_text

SIZE = 1_000_000


@pytest.fixture(scope="module")
def big() -> str:
    return story_of_size(SIZE)


@pytest.fixture
def opened(tmp_path: Path, big: str):
    lsp = LspClient()
    lsp.initialize(tmp_path)
    uri = (tmp_path / "big.txt").as_uri()
    lsp.open(uri, big)
    diagnostics = lsp.diagnostics(uri, version=1)
    yield lsp, uri, diagnostics
    lsp.kill()


def is_published(message: dict, uri: str) -> bool:
    return (message.get("method") == "textDocument/publishDiagnostics"
            and message["params"]["uri"] == uri)


def test_hover_and_code_actions_answer_while_a_long_check_runs(opened, big) -> None:
    lsp, uri, diagnostics = opened
    assert len(big) >= SIZE and len(diagnostics) > 500
    last_line = big.count("\n")
    lsp.change(uri, 2, [{"range": edit_range(last_line, 0, last_line, 0),
                         "text": "The the end.\n"}])  # starts a check of the whole megabyte
    first = diagnostics[0]
    hover = lsp.request_id("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": first["range"]["start"]})
    action = lsp.request_id("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": first["range"],
        "context": {"diagnostics": [first]}})
    answered = set()
    while answered != {hover, action}:
        message = lsp.wait_for(lambda m: True)
        assert not is_published(message, uri), "the check of version 2 finished first"
        if message.get("id") in (hover, action):
            answered.add(message["id"])
            assert message["result"], message
            if message["id"] == hover:
                assert message["result"]["contents"]["value"].startswith(first["code"])
            else:
                assert message["result"][0]["title"] == f"Disable {first['code']} for this line"
    after = lsp.diagnostics(uri, version=2)
    assert len(after) == len(diagnostics) + 1
    assert after[-1]["range"]["start"]["line"] == last_line


def test_results_for_old_versions_are_dropped(opened, big) -> None:
    lsp, uri, _ = opened
    for version in (2, 3, 4):  # three edits in a burst, the first starting a long check
        lsp.change(uri, version, [{"range": edit_range(0, 0, 0, 0), "text": "The the "}])
    latest = lsp.diagnostics(uri, version=4)
    # exactly what copylint finds in the text with all three edits (ASCII: columns are units)
    expected = [(f.rule, f.line - 1, f.column - 1) for f in lint_text("The the " * 3 + big,
                                                                       "big.txt")]
    assert [(d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"])
            for d in latest] == expected
    assert expected[0][1:] == (0, 0)
    assert lsp.published(uri) == []  # nothing was published for versions 2 and 3
    assert lsp.shutdown() == 0
