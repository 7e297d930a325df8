"""The LanguageTool backend against a real LanguageTool, when one is at hand; skipped otherwise.

Runs with `COPYLINT_LT_SERVER=http://host:8081` (a LanguageTool server), or when
language_tool_python's cache ($LTP_PATH, else ~/.cache/language_tool_python) already holds the
LanguageTool it would start (or LTP_JAR_DIR_PATH is set) and Java is on PATH: this test never
downloads anything. tests/test_languagetool.py covers the backend against a fake server.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from copylint import Document
from copylint.languagetool import LanguageToolBackend, LanguageToolSettings


def _local_languagetool() -> bool:
    if shutil.which("java") is None:
        return False
    if os.environ.get("LTP_JAR_DIR_PATH"):
        return True
    try:
        from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION
    except ImportError:
        return False
    cache = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    return (cache / f"LanguageTool-{LTP_DOWNLOAD_VERSION}").is_dir()


SERVER = os.environ.get("COPYLINT_LT_SERVER") or None

pytestmark = pytest.mark.skipif(
    not SERVER and not _local_languagetool(),
    reason="no real LanguageTool: set COPYLINT_LT_SERVER=URL, or have language_tool_python's "
           "LanguageTool in its cache and Java 17+ on PATH")


def test_real_languagetool_positions_and_cache(tmp_path):
    text = ("Flood barriers fail\n\n"
            "😀😀 Officials said it was a awful day for the town.\n\n"
            "The mayor said the the crews 👍🏽 were exhausted.")
    settings = LanguageToolSettings(enabled=True, server=SERVER, cache_dir=tmp_path, timeout=120)
    doc = Document(text, "real.txt")
    lines = text.split("\n")
    with LanguageToolBackend(settings) as backend:
        findings = backend.check(doc)
        assert backend.requests >= 1
    flagged = {f.rule: lines[f.line - 1][f.column - 1:f.end_column - 1] for f in findings}
    assert flagged.get("languagetool/EN_A_VS_AN") == "a"
    a_an = next(f for f in findings if f.rule == "languagetool/EN_A_VS_AN")
    assert (a_an.line, a_an.column) == (3, lines[2].index(" a awful") + 2)
    assert "an" in a_an.suggestions
    assert "the" in flagged.get("languagetool/ENGLISH_WORD_REPEAT_RULE", "")
    with LanguageToolBackend(settings) as backend:
        assert backend.check(doc) == findings
        assert backend.requests == 0 and backend.connection is None
