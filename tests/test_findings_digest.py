"""Every finding over a fixed set of fixture files, and over one long document made of them, is
the stored one (tests/data/findings-digest.json): a change made for speed cannot change what
copylint reports. When a change is meant to change findings, regenerate the file on purpose with
`python tools/findings_digest.py` and commit its diff with the change."""

from __future__ import annotations

import importlib.util
import json

from conftest import TESTS

TOOL = TESTS.parent / "tools" / "findings_digest.py"


def _tool():
    spec = importlib.util.spec_from_file_location("findings_digest", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_findings_match_the_stored_digest() -> None:
    tool = _tool()
    stored = json.loads(tool.STORED.read_text(encoding="utf-8"))
    found = tool.current()
    assert set(found) == set(stored["files"]), "the set of fixture files changed: regenerate"
    changes = tool.differences(stored["files"], found)
    assert not changes, "findings changed (regenerate on purpose with tools/findings_digest.py):\n" \
        + "\n".join(changes)
    assert tool.digest(found) == stored["sha256"]


def test_the_set_holds_a_long_document_and_every_format() -> None:
    tool = _tool()
    suffixes = {path.suffix for path in tool.fixture_files()}
    assert {".txt", ".md", ".html", ".json", ".xml", ".7901"} <= suffixes
    assert len(tool.joined_text()) > 100_000   # long enough for the long-document code paths
    stored = json.loads(tool.STORED.read_text(encoding="utf-8"))
    assert len(stored["files"][tool.JOINED]) > 50
