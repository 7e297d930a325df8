"""The LanguageTool backend, against a local fake LanguageTool server (tests/lt_fake_server.py)."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from copylint import Document, lint_text
from copylint.errors import CopylintError
from copylint.findings import Severity
from copylint.languagetool import (
    LanguageToolBackend,
    LanguageToolError,
    LanguageToolSettings,
    default_cache_dir,
    load_map,
    severity_of,
)
from copylint.languagetool.batches import make_batches, split_paragraph
from copylint.languagetool.client import normalise_server
from copylint.languagetool.offsets import Utf16Offsets, utf16_length
from copylint.rulebook import load_rulebook

sys.path.insert(0, str(Path(__file__).parent))
from lt_fake_server import FakeLanguageTool

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def server():
    with FakeLanguageTool() as fake:
        yield fake


@pytest.fixture
def settings(server, tmp_path):
    return LanguageToolSettings(enabled=True, server=server.url, cache_dir=tmp_path / "cache", timeout=5)


def check(settings: LanguageToolSettings, text: str, native=(), path: str = "story.txt"):
    with LanguageToolBackend(settings) as backend:
        return backend.check(Document(text, path), native)


def spans(findings, text):
    """(rule, line, column, end_column, flagged text) of one-line findings in `text`."""
    lines = text.split("\n")
    return [(f.rule, f.line, f.column, f.end_column, lines[f.line - 1][f.column - 1:f.end_column - 1])
            for f in findings]


# -- mapping of fields -------------------------------------------------------------------------

def test_fields_severity_suggestions_and_positions(settings):
    text = "Headline here\n\nThe mayor said it was a  awful day.\nShe said the the crews left."
    findings = check(settings, text)
    by_rule = {f.rule: f for f in findings}
    assert spans(findings, text) == [
        ("languagetool/EN_A_VS_AN", 3, 23, 24, "a"),
        ("languagetool/WHITESPACE_RULE", 3, 24, 26, "  "),
        ("languagetool/ENGLISH_WORD_REPEAT_RULE", 4, 10, 17, "the the"),
    ]
    a_an = by_rule["languagetool/EN_A_VS_AN"]
    assert a_an.path == "story.txt"
    assert a_an.severity is Severity.WARNING  # issueType misspelling
    assert a_an.suggestions == ("an",)
    assert a_an.message.startswith("Use “an” instead of ‘a’")  # <suggestion> tags become quotes
    assert by_rule["languagetool/WHITESPACE_RULE"].severity is Severity.WARNING  # whitespace
    assert by_rule["languagetool/WHITESPACE_RULE"].suggestions == (" ",)
    assert by_rule["languagetool/ENGLISH_WORD_REPEAT_RULE"].severity is Severity.ERROR  # duplication
    assert by_rule["languagetool/ENGLISH_WORD_REPEAT_RULE"].message == "Possible typo: you repeated a word"


def test_severity_of_issue_types():
    assert severity_of("grammar") is Severity.ERROR
    assert severity_of("typographical") is Severity.ERROR
    assert severity_of("misspelling") is Severity.WARNING
    assert severity_of("style") is Severity.INFO
    assert severity_of("locale-violation") is Severity.WARNING
    assert severity_of("something-new") is Severity.WARNING
    assert severity_of(None) is Severity.WARNING


def test_settings_are_sent(settings, server):
    from dataclasses import replace
    chosen = replace(settings, language="en-GB", enabled_rules=("EN_A_VS_AN",),
                     disabled_rules="WHITESPACE_RULE, ENGLISH_WORD_REPEAT_RULE",
                     disabled_categories=["CASING"], picky=True)
    findings = check(chosen, "it was a  awful day, the the end.")
    form = server.checks[-1]
    assert form["language"] == "en-GB"
    assert form["enabledRules"] == "EN_A_VS_AN"
    assert form["disabledRules"] == "WHITESPACE_RULE,ENGLISH_WORD_REPEAT_RULE"
    assert form["disabledCategories"] == "CASING"
    assert form["level"] == "picky"
    assert [f.rule for f in findings] == ["languagetool/EN_A_VS_AN"]


def test_crlf_bom_and_tabs_keep_source_columns(settings):
    text = "\ufeffFirst line.\r\n\r\n\tIt was a apple.\r\n"
    findings = check(settings, text)
    assert [(f.rule, f.line, f.column, f.end_column) for f in findings] == [
        ("languagetool/EN_A_VS_AN", 3, 9, 10)]


# -- UTF-16 offsets ----------------------------------------------------------------------------

def test_utf16_offsets_convert_exactly():
    text = "a😀b 👍🏽 c𠀋d é"
    offsets = Utf16Offsets(text)
    for index in range(len(text) + 1):
        assert offsets.index(utf16_length(text[:index])) == index
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2
    # an offset inside a surrogate pair widens outward
    assert offsets.index(2) == 1 and offsets.index(2, end=True) == 2
    assert offsets.span(1, 2) == (1, 2)
    plain = Utf16Offsets("plain text")
    assert plain.index(4) == 4 and plain.index(99) == 10


def test_emoji_before_and_inside_a_match(settings):
    text = "🎉🎉 Crowds cheered 👍🏽.\n\nThey shouted go🚀 go🚀 and it was a  𠀋 apple 😀 a ox."
    findings = check(settings, text)
    assert spans(findings, text) == [
        ("languagetool/ENGLISH_WORD_REPEAT_RULE", 3, 14, 21, "go🚀 go🚀"),
        ("languagetool/WHITESPACE_RULE", 3, 34, 36, "  "),
        ("languagetool/EN_A_VS_AN", 3, 46, 47, "a"),
    ]
    assert findings[0].suggestions == ("go🚀",)


def test_emoji_in_earlier_paragraphs_of_one_batch(settings, server):
    text = "😀" * 30 + " first.\n\n" + "🙂 second 🙃 is here.\n\nThird has a apple and the the end."
    findings = check(settings, text)
    assert len(server.checks) == 1  # all three paragraphs in one request
    assert spans(findings, text) == [
        ("languagetool/EN_A_VS_AN", 5, 11, 12, "a"),
        ("languagetool/ENGLISH_WORD_REPEAT_RULE", 5, 23, 30, "the the"),
    ]


# -- batching ----------------------------------------------------------------------------------

def story(paragraphs: int) -> str:
    parts = []
    for number in range(paragraphs):
        parts.append(f"Paragraph {number} 🙂 says it was a awful day for the the council. "
                     f"officials met again.  Nobody came.")
    return "\n\n".join(parts)


def test_batches_stay_within_the_limit_and_offsets_stay_right(server, tmp_path):
    text = story(12)
    one = LanguageToolSettings(server=server.url, cache_dir=None)
    expected = check(one, text)
    assert len(server.checks) == 1
    server.reset()
    server.max_text_length = 400  # as a server with maxTextLength; a request above it gets 413
    small = LanguageToolSettings(server=server.url, cache_dir=None, batch_size=400)
    assert check(small, text) == expected
    sizes = [len(form["text"].encode("utf-8")) for form in server.checks]
    assert len(sizes) >= 3 and max(sizes) <= 400
    assert len(expected) == 12 * 4


def test_a_paragraph_longer_than_a_request_is_split_at_sentences(server):
    sentence = "The council met again and it was a awful day. "
    text = (sentence * 30).strip()
    expected = check(LanguageToolSettings(server=server.url, cache_dir=None), text)
    server.reset()
    server.max_text_length = 500
    findings = check(LanguageToolSettings(server=server.url, cache_dir=None, batch_size=500), text)
    assert findings == expected and len(findings) == 30
    assert len(server.checks) > 2
    assert all(len(form["text"].encode()) <= 500 for form in server.checks)


def test_split_and_batch_helpers():
    pieces = split_paragraph(0, "One two. Three four. Five six.", 12)
    assert "".join(piece.text for piece in pieces) == "One two. Three four. Five six."
    assert all(len(piece.text.encode()) <= 12 for piece in pieces)
    assert [piece.start for piece in pieces] == [0, 9, 21]
    assert [p.text for p in split_paragraph(0, "x" * 30, 10)] == ["x" * 10] * 3
    batches = make_batches([(0, "aaa"), (1, "bbb"), (2, "c" * 20)], 10)
    assert [batch.text for batch in batches] == ["aaa\n\nbbb", "c" * 10, "c" * 10]
    assert batches[0].locate(5, 8)[1:] == (0, 3)
    assert batches[0].locate(2, 6) is None  # across the separator: no paragraph's


def test_too_long_for_the_server_says_to_lower_the_batch_size(server):
    server.max_text_length = 100
    with pytest.raises(LanguageToolError) as error:
        check(LanguageToolSettings(server=server.url, cache_dir=None), story(3))
    assert "HTTP 413" in str(error.value) and "batch size" in str(error.value)


# -- caching -----------------------------------------------------------------------------------

def test_second_run_sends_no_request_and_a_changed_paragraph_only_that(settings, server):
    text = story(5)
    first = check(settings, text)
    assert len(server.checks) == 1
    server.reset()
    assert check(settings, text) == first
    assert server.requests == []  # not even /v2/languages
    changed = text.replace("Paragraph 3 🙂", "Paragraph three 🙂")
    second = check(settings, changed)
    assert [form["text"] for form in server.checks] == [changed.split("\n\n")[3]]
    assert len(second) == len(first)
    assert second[0] == first[0]


def test_cache_is_keyed_by_settings_language_and_server(settings, server, tmp_path):
    from dataclasses import replace
    text = "It was a awful day."
    check(settings, text)
    for variant in (replace(settings, language="en-GB"), replace(settings, picky=True),
                    replace(settings, disabled_rules=("WHITESPACE_RULE",)),
                    replace(settings, disabled_categories=("CASING",))):
        server.reset()
        check(variant, text)
        assert len(server.checks) == 1, variant
        server.reset()
        check(variant, text)
        assert server.checks == []
    with FakeLanguageTool() as other:
        check(replace(settings, server=other.url), text)
        assert len(other.checks) == 1


def test_a_new_server_version_is_noticed_after_the_ttl(settings, server):
    from dataclasses import replace
    text = "It was a awful day.\n\nThe the end."
    check(settings, text)
    server.version = "6.9"
    server.reset()
    check(settings, text)
    assert server.requests == []  # within the TTL the remembered version is trusted
    expired = replace(settings, version_ttl=0)
    check(expired, text)
    assert len(server.checks) == 1
    server.reset()
    check(replace(settings, version_ttl=0), text)  # asks again (the TTL is 0) ...
    check(settings, text)  # ... but with the TTL, the 6.9 results are cached
    assert len(server.checks) == 1


def test_an_upgrade_seen_on_a_changed_paragraph_rechecks_the_cached_ones(settings, server):
    text = "It was a awful day.\n\nThe the end.\n\nNothing here."
    check(settings, text)
    server.version = "6.9"
    server.reset()
    check(settings, text.replace("Nothing here.", "Nothing at all here."))
    assert [form["text"] for form in server.checks] == [
        "Nothing at all here.", "It was a awful day.\n\nThe the end."]
    server.reset()
    check(settings, text.replace("Nothing here.", "Nothing at all here."))
    assert server.requests == []


def test_an_empty_document_sends_nothing(settings, server):
    assert check(settings, "") == [] and check(settings, "  \n\n \n") == []
    with LanguageToolBackend(settings) as backend:
        assert backend.check_paragraphs(["", "  "]) == [[], []]
    assert server.requests == []


def test_incomplete_results_are_not_cached(settings, server):
    server.incomplete = True
    with LanguageToolBackend(settings) as backend:
        backend.check(Document("It was a awful day."))
        assert any("incomplete" in warning for warning in backend.warnings)
    server.incomplete = False
    check(settings, "It was a awful day.")
    assert len(server.checks) == 2


def test_an_unusable_cache_is_a_warning_not_a_failure(server, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "languagetool.sqlite3").write_bytes(b"this is not a database" * 100)
    for directory in (blocker, corrupt):
        with LanguageToolBackend(LanguageToolSettings(server=server.url, cache_dir=directory)) as backend:
            findings = backend.check(Document("It was a awful day."))
            assert [f.rule for f in findings] == ["languagetool/EN_A_VS_AN"]
            assert len(backend.warnings) == 1 and "cache" in backend.warnings[0]


def test_default_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "copylint"
    assert LanguageToolSettings().cache_dir == tmp_path / "copylint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "copylint"


# -- de-duplication ----------------------------------------------------------------------------

def test_native_findings_win_over_the_same_languagetool_finding(settings):
    text = (FIXTURES / "broken-story.txt").read_text(encoding="utf-8") + "\n\nIt was a awful day.\n"
    native = lint_text(text, path="story.txt")
    everything = check(settings, text)
    kept = check(settings, text, native)
    dropped = {f.rule for f in everything} - {f.rule for f in kept}
    assert dropped >= {"languagetool/ENGLISH_WORD_REPEAT_RULE", "languagetool/UPPERCASE_SENTENCE_START",
                       "languagetool/MORFOLOGIK_RULE_EN_US", "languagetool/COMMA_PARENTHESIS_WHITESPACE",
                       "languagetool/EN_UNPAIRED_QUOTES"}
    assert [f.rule for f in kept] == ["languagetool/EN_A_VS_AN"]
    for finding in everything:
        if finding not in kept:  # each dropped one overlaps or shares a paragraph with a native one
            assert any(n.line == finding.line for n in native)


def test_only_a_mapped_native_rule_removes_a_finding(settings):
    text = "He said the the end was near."
    native = lint_text(text)
    assert [f.rule for f in native] == ["garble.doubled-word"]
    assert check(settings, text, native) == []
    elsewhere = [f for f in lint_text("Filler.\n\nHe said the the end was near.") if f.line == 3]
    moved = check(settings, "He said the the end was near.\n\nFiller.", elsewhere)
    assert [f.rule for f in moved] == ["languagetool/ENGLISH_WORD_REPEAT_RULE"]  # no overlap
    unrelated = [f.__class__(f.path, f.line, f.column, f.end_line, f.end_column, "ap.toward",
                             f.severity, f.message) for f in native]
    assert len(check(settings, text, unrelated)) == 1  # overlap, but not the same problem


def test_the_map_names_existing_native_rules():
    rulebook = load_rulebook()
    ids = {rule.id for rule in rulebook.rules} | {rule.pack for rule in rulebook.rules}
    rows = load_map()
    assert len(rows) >= 10
    for row in rows:
        for name in row.native:
            assert name in ids, f"{row.languagetool}: no native rule or pack {name}"


def test_a_broken_map_is_reported_with_its_line(tmp_path):
    broken = tmp_path / "map.tsv"
    broken.write_text("languagetool\tnative\tscope\nDOUBLE_PUNCTUATION\tpunctuation\teverywhere\n")
    with pytest.raises(LanguageToolError, match=r"map.tsv:2: scope must be span or paragraph"):
        load_map(broken)


# -- failures of a server ----------------------------------------------------------------------

def one_line_error(settings: LanguageToolSettings, text: str = "It was a awful day.") -> str:
    with pytest.raises(LanguageToolError) as error:
        check(settings, text)
    message = str(error.value)
    assert "\n" not in message and "Traceback" not in message
    assert isinstance(error.value, CopylintError)  # the CLI prints it as one line, exit status 2
    return message


@pytest.mark.parametrize("paths", [{"/v2/check"}, {"/v2/check", "/v2/languages"}],
                         ids=["check", "connect"])
@pytest.mark.parametrize(("status", "expected"), [
    (500, "failed (HTTP 500: Error: simulated HTTP 500); try again later"),
    (503, "failed (HTTP 503"),
    (400, "refused the request (HTTP 400"),
    (426, "is rate limiting copylint (HTTP 426"),
    (429, "is rate limiting copylint (HTTP 429"),
    (403, "refused access (HTTP 403"),
])
def test_http_errors(settings, server, status, expected, paths):
    server.status = status
    server.status_paths = paths
    message = one_line_error(settings)
    assert f"the LanguageTool server at {server.url}" in message
    assert expected in message


@pytest.mark.parametrize("paths", [{"/v2/check"}, {"/v2/check", "/v2/languages"}],
                         ids=["check", "connect"])
@pytest.mark.parametrize("kind", ["html", "truncated", "shape"])
def test_malformed_json(settings, server, kind, paths):
    server.malformed = kind
    server.status_paths = paths
    message = one_line_error(settings)
    assert "sent an answer that is not LanguageTool's JSON" in message
    assert "check that the URL points to a LanguageTool server" in message


@pytest.mark.parametrize("paths", [{"/v2/check"}, {"/v2/languages"}], ids=["check", "connect"])
def test_timeout(server, tmp_path, paths):
    server.delay = 1.0
    server.status_paths = paths
    settings = LanguageToolSettings(server=server.url, cache_dir=None, timeout=0.2)
    message = one_line_error(settings)
    assert "did not answer within 0.2 s; raise the LanguageTool timeout" in message


def test_unreachable_server(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    message = one_line_error(LanguageToolSettings(server=f"http://127.0.0.1:{port}", cache_dir=None))
    assert message.startswith(f"cannot reach the LanguageTool server at http://127.0.0.1:{port}")
    assert "Connection refused" in message and "check the URL" in message


def test_wrong_path_and_unknown_language(server):
    message = one_line_error(LanguageToolSettings(server=server.url + "/api", cache_dir=None))
    assert "HTTP 404" in message and "base URL" in message
    message = one_line_error(LanguageToolSettings(server=server.url, language="xx-YY", cache_dir=None))
    assert "does not know the language 'xx-YY'" in message


def test_server_urls_are_normalised():
    assert normalise_server("localhost:8081") == "http://localhost:8081/"
    assert normalise_server("https://lt.example.org/api/v2/") == "https://lt.example.org/api/"
    assert normalise_server("http://lt:8010/v2") == "http://lt:8010/"


# -- local mode --------------------------------------------------------------------------------

@pytest.fixture
def local_env(monkeypatch, tmp_path):
    """A PATH with a stand-in `java` (version from JAVA_VERSION), and an empty LTP_PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()

    def java(version: str | None) -> None:
        script = bin_dir / "java"
        if version is None:
            if script.exists():
                script.unlink()
            return
        script.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2025-04-15' >&2\n")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)

    java("17.0.15")
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "lt"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    return java


def local_settings(tmp_path, **values) -> LanguageToolSettings:
    return LanguageToolSettings(enabled=True, cache_dir=tmp_path / "cache", timeout=5, **values)


def test_java_missing(local_env, tmp_path):
    local_env(None)
    message = one_line_error(local_settings(tmp_path))
    assert "LanguageTool needs Java, and no 'java' is on PATH" in message
    assert "install Java 17 or newer" in message and "--languagetool URL" in message


def test_java_too_old(local_env, tmp_path):
    local_env("11.0.2")
    message = one_line_error(local_settings(tmp_path))
    assert "Java >= 17" in message and "install Java 17 or newer" in message


def test_offline_download(local_env, tmp_path, monkeypatch):
    import requests
    from language_tool_python import download_lt

    def offline(url, *args, **kwargs):
        raise requests.exceptions.ConnectionError(
            f"HTTPSConnectionPool: Max retries exceeded with url: {url} (Caused by NameResolutionError: "
            "Failed to resolve host ([Errno -3] Temporary failure in name resolution))")

    monkeypatch.setattr(download_lt.requests, "get", offline)
    message = one_line_error(local_settings(tmp_path))
    assert message.startswith("could not download LanguageTool (Temporary failure in name resolution)")
    assert str(tmp_path / "lt") in message and "--languagetool URL" in message


def test_download_refused(local_env, tmp_path, monkeypatch):
    from language_tool_python import download_lt

    class Forbidden:
        status_code = 403
        headers: dict = {}

    monkeypatch.setattr(download_lt.requests, "get", lambda *a, **k: Forbidden())
    message = one_line_error(local_settings(tmp_path))
    assert message.startswith("could not download LanguageTool (Access forbidden")


@pytest.fixture
def fake_local_start(monkeypatch, server):
    """language_tool_python's server start, replaced by a stand-in process and the fake server."""
    from language_tool_python import server as lt_server

    starts = []

    def start(self) -> None:
        starts.append(self._port)
        self._url = f"{server.url}/v2/"
        self._server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"],
                                        stdin=subprocess.PIPE, text=True)
        lt_server.RUNNING_SERVER_PROCESSES.append(self._server)

    monkeypatch.setattr(lt_server.LanguageTool, "_start_local_server", start)
    return starts


def test_local_mode_starts_through_the_library_and_stops_it(local_env, tmp_path, server, fake_local_start):
    text = "It was a awful day.\n\nThe the end."
    with LanguageToolBackend(local_settings(tmp_path)) as backend:
        findings = backend.check(Document(text))
        process = backend.connection.tool._server
        assert process.poll() is None
    assert [f.rule for f in findings] == ["languagetool/EN_A_VS_AN", "languagetool/ENGLISH_WORD_REPEAT_RULE"]
    assert len(fake_local_start) == 1
    process.wait(timeout=10)  # closing the backend stopped the server process
    server.reset()
    with LanguageToolBackend(local_settings(tmp_path)) as backend:  # warm cache: nothing started
        assert backend.check(Document(text)) == findings
        assert backend.connection is None
    assert len(fake_local_start) == 1 and server.requests == []


def test_local_server_that_does_not_start(local_env, tmp_path, monkeypatch):
    from language_tool_python import server as lt_server
    from language_tool_python.exceptions import ServerError

    attempts = []

    def fail(self) -> None:
        attempts.append(self._port)
        raise ServerError("LanguageTool server exited early with code 1")

    monkeypatch.setattr(lt_server.LanguageTool, "_start_local_server", fail)
    message = one_line_error(local_settings(tmp_path))
    assert message.startswith("the local LanguageTool server did not start (LanguageTool server exited early")
    assert len(attempts) <= 4  # not every port from 8081 to 8999


def test_the_library_is_imported_only_when_used():
    code = ("import sys, copylint.languagetool as lt; lt.LanguageToolSettings(); "
            "print('language_tool_python' in sys.modules, 'requests' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parent.parent, env={**os.environ, "PYTHONPATH": "."})
    assert out.stdout.split() == ["False", "False"]


# -- settings ----------------------------------------------------------------------------------

def test_settings_from_config():
    from copylint.errors import UsageError
    settings = LanguageToolSettings.from_config(
        {"enabled": True, "server": "http://lt:8081", "language": "en-GB", "enabled_rules": ["A", "B"],
         "disabled_rules": "C, D", "disabled_categories": ["TYPOS"], "picky": True})
    assert settings.server == "http://lt:8081" and settings.language == "en-GB"
    assert settings.enabled_rules == ("A", "B") and settings.disabled_rules == ("C", "D")
    assert settings.disabled_categories == ("TYPOS",) and settings.picky
    assert LanguageToolSettings.from_config(True).enabled
    assert LanguageToolSettings.from_config("http://lt:8081").server == "http://lt:8081"
    assert LanguageToolSettings.from_config({"enabled": True}, server="http://x").server == "http://x"
    with pytest.raises(UsageError, match=r"unknown key 'disabled_rule' \(did you mean 'disabled_rules'\?\)"):
        LanguageToolSettings.from_config({"disabled_rule": ["X"]})
    with pytest.raises(UsageError, match="'picky' must be true or false"):
        LanguageToolSettings.from_config({"picky": "no"})
    with pytest.raises(UsageError, match="'timeout' must be"):
        LanguageToolSettings.from_config({"timeout": "soon"})
