"""Configuration in `copylint lsp`: the nearest .copylint.yaml and its vocabulary files, reloaded
when they change; client settings from initializationOptions, didChangeConfiguration and
workspace/configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pygls")

from lsp_client import LspClient

STORY = "Officials in Kherzon said Volodymyr Zelenskyy would visit.\n\nThe the end.\n"
WATCHING = {"didChangeWatchedFiles": {"dynamicRegistration": True},
            "workspaceEdit": {"documentChanges": True}}


@pytest.fixture
def start():
    started: list[LspClient] = []

    def begin(root: Path, **options) -> LspClient:
        client = LspClient()
        started.append(client)
        client.initialize(root, **options)
        return client

    yield begin
    for client in started:
        client.kill()


def codes(diagnostics: list[dict]) -> list[str]:
    return [d["code"] for d in diagnostics]


def watched(lsp: LspClient, path: Path) -> None:
    lsp.notify("workspace/didChangeWatchedFiles",
               {"changes": [{"uri": path.as_uri(), "type": 2}]})


def test_editing_the_configuration_and_its_vocabulary_reloads_them(start, tmp_path) -> None:
    config = tmp_path / ".copylint.yaml"
    config.write_text("disable: [garble]\nvocab: [desk.txt]\n")
    vocab = tmp_path / "desk.txt"
    vocab.write_text("!Kherzon -> Kherson\n")
    (tmp_path / "desk").mkdir()
    lsp = start(tmp_path, workspace=WATCHING)
    uri = (tmp_path / "desk" / "story.txt").as_uri()  # the configuration is a folder up
    lsp.open(uri, STORY)
    assert codes(lsp.diagnostics(uri)) == ["names.misspelled"]
    # the server asked to hear about configuration and vocabulary files
    lsp.wait_for(lambda m: m.get("method") == "client/registerCapability"
                 and "**/desk.txt" in str(m["params"]))
    globs = {w["globPattern"] for r in lsp.registrations
             if r["method"] == "workspace/didChangeWatchedFiles"
             for w in r["registerOptions"]["watchers"]}
    assert {"**/.copylint.yaml", "**/pyproject.toml", "**/desk.txt"} <= globs

    config.write_text("vocab: [desk.txt]\n")
    watched(lsp, config)
    assert codes(lsp.diagnostics(uri)) == ["names.misspelled", "garble.doubled-word"]

    vocab.write_text("# no rejected names now\n")
    watched(lsp, vocab)
    assert codes(lsp.diagnostics(uri)) == ["names.near-miss", "garble.doubled-word"]


def test_without_file_watching_a_change_is_seen_at_the_next_check(start, tmp_path) -> None:
    config = tmp_path / ".copylint.yaml"
    config.write_text("disable: [garble, names]\n")
    lsp = start(tmp_path, workspace={})
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, STORY)
    assert codes(lsp.diagnostics(uri)) == []
    assert lsp.registrations == []
    config.write_text("disable: [names]\n")
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert codes(lsp.diagnostics(uri)) == ["garble.doubled-word"]


def test_each_document_takes_its_nearest_configuration(start, tmp_path) -> None:
    for name, house in (("wire", "ap"), ("agency", "reuters")):
        (tmp_path / name).mkdir()
        (tmp_path / name / ".copylint.yaml").write_text(f"house: {house}\ndisable: [garble]\n")
    lsp = start(tmp_path)
    wire, agency = ((tmp_path / n / "story.txt").as_uri() for n in ("wire", "agency"))
    lsp.open(wire, STORY)
    lsp.open(agency, STORY)
    assert codes(lsp.diagnostics(wire)) == ["names.near-miss"]
    agency_codes = codes(lsp.diagnostics(agency))
    assert agency_codes == ["names.near-miss", "reuters.names"]


def test_a_broken_configuration_is_one_diagnostic_and_one_message(start, tmp_path) -> None:
    config = tmp_path / ".copylint.yaml"
    config.write_text("house: ap\ndisabel: [garble]\n")
    lsp = start(tmp_path, workspace=WATCHING)
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, STORY)
    [problem] = lsp.diagnostics(uri)
    assert problem["code"] == "copylint.config"
    assert problem["range"]["start"] == {"line": 0, "character": 0}
    expected = (f"copylint: configuration error: {config}:2: unknown key 'disabel' "
                "(did you mean 'disable'?)")
    assert problem["message"] == expected
    shown = lsp.wait_for(lambda m: m.get("method") == "window/showMessage")
    assert shown["params"] == {"type": 1, "message": expected}
    config.write_text("house: ap\ndisable: [names]\n")
    watched(lsp, config)
    assert codes(lsp.diagnostics(uri)) == ["garble.doubled-word"]


def test_initialization_options_then_pushed_settings(start, tmp_path) -> None:
    lsp = start(tmp_path, options={"copylint": {"ignore": ["garble"], "house": "reuters"}})
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, STORY)
    assert codes(lsp.diagnostics(uri)) == ["names.near-miss", "reuters.names"]
    lsp.notify("workspace/didChangeConfiguration",
               {"settings": {"copylint": {"select": "names,garble"}}})
    assert codes(lsp.diagnostics(uri)) == ["names.near-miss", "garble.doubled-word"]
    lsp.notify("workspace/didChangeConfiguration",
               {"settings": {"copylint": {"house": 7, "colour": "red"}}})
    messages = {lsp.wait_for(lambda m: m.get("method") == "window/showMessage")["params"]["message"]
                for _ in range(2)}
    assert messages == {"copylint: setting 'copylint.house' must be a house name such as ap",
                        "copylint: unknown setting 'copylint.colour' (known: house, select, "
                        "ignore, vocab, debounce)"}


def test_settings_pulled_with_workspace_configuration(start, tmp_path) -> None:
    (tmp_path / "names.txt").write_text("!Kherzon -> Kherson\n")
    lsp = start(tmp_path, workspace={"configuration": True})
    uri = (tmp_path / "story.txt").as_uri()
    lsp.open(uri, STORY)
    assert codes(lsp.diagnostics(uri)) == ["names.near-miss", "garble.doubled-word"]
    lsp.configuration[0] = {"select": ["names"], "vocab": ["names.txt"]}
    lsp.notify("workspace/didChangeConfiguration", {"settings": None})
    # the vocabulary path is relative to the workspace folder
    assert codes(lsp.diagnostics(uri)) == ["names.misspelled"]


def test_command_line_options_are_the_defaults(tmp_path) -> None:
    lsp = LspClient("--ignore", "names", "--house", "reuters")
    try:
        lsp.initialize(tmp_path)
        uri = (tmp_path / "story.txt").as_uri()
        lsp.open(uri, STORY)
        assert codes(lsp.diagnostics(uri)) == ["reuters.names", "garble.doubled-word"]
    finally:
        lsp.kill()
