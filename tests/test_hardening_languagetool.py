"""The LanguageTool backend against what LanguageTool's server really sends (its request and
error-rate limits, partial results), hostile servers (a reply dripped a byte at a time, an
endless reply, malformed matches), bad settings, and offline desks (--no-download)."""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from copylint import Document
from copylint.languagetool import LanguageToolBackend, LanguageToolSettings
from copylint.languagetool import client as lt_client
from copylint.languagetool.client import HttpApi
from copylint.languagetool.local import local_version

sys.path.insert(0, str(Path(__file__).parent))
import test_languagetool as shared
from lt_fake_server import LANGUAGES, check_response

local_env, server, settings = shared.local_env, shared.server, shared.settings  # fixtures
local_settings, one_line_error = shared.local_settings, shared.one_line_error

VERSION = local_version()  # the LanguageTool language_tool_python downloads
REQUEST_LIMIT = ("Error: Access from 127.0.0.1 denied: Client request limit of 20 requests per 60 "
                 "seconds exceeded")
TIMEOUT_LIMIT = ("Error: Access from 127.0.0.1 denied - too many recent timeouts. Text size: 19. "
                 "Allowed maximum timeouts: 5 per 60 seconds")
ERROR_RATE = ("Error: Text checking was stopped due to too many errors (more than 33% of words "
              "seem to have an error). Are you sure you have set the correct text language? "
              "Language set: English (US), text length: 40")


def test_partial_results_are_asked_for_and_reported_with_their_reason(settings, server) -> None:
    server.incomplete = True  # the fake fails with HTTP 500 unless allowIncompleteResults=true
    with LanguageToolBackend(settings) as backend:
        findings = backend.check(Document("It was a awful day."))
        assert [f.rule for f in findings] == ["languagetool/EN_A_VS_AN"]
        assert backend.warnings == [
            "LanguageTool returned incomplete results (Results are incomplete: text checking took "
            "longer than allowed maximum of 10.00 seconds); they were not cached, and its findings "
            "may miss some problems"]
    assert all(form["allowIncompleteResults"] == "true" for form in server.checks)


@pytest.mark.parametrize(("status", "body", "expected"), [
    (403, REQUEST_LIMIT, "refused copylint because its request limit is reached (HTTP 403: "
                         + REQUEST_LIMIT + "); wait for the period it names and run again, check "
                         "fewer files at once, or raise requestLimit, requestLimitInBytes or "
                         "requestLimitPeriodInSeconds in the server's configuration"),
    (403, TIMEOUT_LIMIT, "refused copylint after too many checks that timed out (HTTP 403: "),
    (400, ERROR_RATE, "stopped checking because too many words looked wrong (HTTP 400: Error: Text "
                      "checking was stopped"),
    (429, "Too Many Requests", "(or a proxy in front of it) is rate limiting copylint (HTTP 429: "
                               "Too Many Requests); wait a minute and run again, or ask whoever "
                               "runs it to raise the limit for this client"),
])
def test_the_servers_own_limits_get_messages_that_fit_them(settings, server, status, body,
                                                           expected) -> None:
    server.status, server.status_body, server.status_paths = status, body, {"/v2/check"}
    message = one_line_error(settings)
    assert message.startswith(f"the LanguageTool server at {server.url} ")
    assert expected in message
    assert "public API" not in message


def test_the_public_api_rate_limit_names_its_limits() -> None:
    api = HttpApi("https://api.languagetool.org/v2/", 30, where="the LanguageTool server at "
                  "https://api.languagetool.org")
    message = str(api._status(429, b"Too Many Requests", {"Retry-After": "42"}))
    assert message == ("the LanguageTool server at https://api.languagetool.org is rate limiting "
                       "copylint (HTTP 429: Too Many Requests); wait 42 s and run again, or use a "
                       "LanguageTool server of your own (the public API allows 20 requests and 75 KB "
                       "a minute)")
    error_rate = str(api._status(400, ERROR_RATE.encode()))
    assert "check that the copy is in the LanguageTool language set (now en-US)" in error_rate


class Scripted(BaseHTTPRequestHandler):
    """A server that answers /v2/languages properly and /v2/check with `server.reply`: a
    function writing the raw response to the socket."""

    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._json(LANGUAGES)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        with contextlib.suppress(OSError):  # the client hung up: what the test wants
            self.server.reply(self)  # type: ignore[attr-defined]

    def _json(self, data: object) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def scripted() -> Iterator[Callable[[Callable[[Scripted], None]], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(reply: Callable[[Scripted], None]) -> str:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
        httpd.daemon_threads = True
        httpd.reply = reply  # type: ignore[attr-defined]
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def drip(handler: Scripted) -> None:
    """Headers and body one byte every 50 ms, never quiet long enough for a socket timeout."""
    body = json.dumps(check_response("It was a awful day.", "en-US")).encode()
    raw = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
           + str(len(body)).encode() + b"\r\n\r\n" + body)
    for byte in raw:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.05)


def endless(handler: Scripted) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
    chunk = b"[" * 65536
    while True:
        handler.wfile.write(chunk)


def announced_huge(handler: Scripted) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 10000000000\r\n\r\n{")
    handler.wfile.flush()


def test_a_server_that_drips_its_reply_is_stopped_at_the_timeout(scripted, tmp_path) -> None:
    url = scripted(drip)
    settings = LanguageToolSettings(server=url, cache_dir=None, timeout=0.5)
    message = one_line_error(settings)
    assert message.startswith(f"the LanguageTool server at {url} did not answer within 0.5 s")


@pytest.mark.parametrize("reply", [endless, announced_huge], ids=["endless", "announced"])
def test_a_reply_past_the_size_cap_is_not_read(scripted, monkeypatch, reply) -> None:
    monkeypatch.setattr(lt_client, "MAX_REPLY_BYTES", 1024 * 1024)
    url = scripted(reply)
    message = one_line_error(LanguageToolSettings(server=url, cache_dir=None, timeout=20))
    assert message.startswith(f"the LanguageTool server at {url} sent a reply of more than 1 MB (")
    assert "it was not read" in message


@pytest.mark.parametrize(("change", "problem"), [
    (lambda m: m["rule"].update(id=None), "a match with a rule id that is not a name"),
    (lambda m: m["rule"].update(id=""), "a match with a rule id that is not a name"),
    (lambda m: m.pop("rule"), "a match without 'rule'"),
    (lambda m: m.update(offset=-3), "a match with an offset or length outside the text (-3, 1)"),
    (lambda m: m.update(offset=500), "a match with an offset or length outside the text (500, 1)"),
    (lambda m: m.update(length=True), "a match with an offset or length outside the text (7, True)"),
    (lambda m: m.update(rule="EN_A_VS_AN"), "a match with a rule that is not an object"),
])
def test_malformed_matches_are_refused(scripted, change, problem) -> None:
    def reply(handler: Scripted) -> None:
        data = check_response("It was a awful day.", "en-US")
        change(data["matches"][0])
        handler._json(data)

    url = scripted(reply)
    message = one_line_error(LanguageToolSettings(server=url, cache_dir=None, timeout=5))
    assert message == (f"the LanguageTool server at {url} sent an answer that is not LanguageTool's "
                       f"JSON ({problem}); check that the URL points to a LanguageTool server")


@pytest.mark.parametrize(("values", "problem"), [
    ({"timeout": float("nan")}, "'timeout' must be a number of seconds above 0 and at most 86,400"),
    ({"timeout": float("inf")}, "'timeout' must be a number of seconds above 0 and at most 86,400"),
    ({"timeout": 10 ** 400}, "'timeout' must be a number of seconds above 0 and at most 86,400"),
    ({"version_ttl": float("nan")}, "'version_ttl' must be a number of seconds from 0 to 86,400"),
    ({"server": "http://[::1"}, "the server URL 'http://[::1' is not valid (Invalid IPv6 URL)"),
    ({"server": "http://lt:99999"}, "the server URL 'http://lt:99999' is not valid (Port out of range"),
    ({"server": "ftp://lt"}, "the server URL 'ftp://lt' is not valid: give http:// or https://"),
])
def test_bad_settings_are_one_line_usage_errors(values, problem) -> None:
    from copylint.errors import UsageError

    with pytest.raises(UsageError) as error:
        LanguageToolSettings.from_config({"enabled": True, **values})
    assert str(error.value).startswith(f"languagetool: {problem}")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_timeout_that_is_not_a_number_in_the_configuration(cli, tmp_path: Path, value) -> None:
    config = tmp_path / ".copylint.yaml"
    config.write_text(f"languagetool:\n  server: http://127.0.0.1:9\n  timeout: {value}\n")
    story = tmp_path / "s.txt"
    story.write_text("The the end.\n")
    run = cli("check", "--config", config, story)
    assert run.code == 2
    assert run.err.splitlines() == [f"copylint: error: {config}:1: languagetool: 'timeout' must be a "
                                    "number of seconds above 0 and at most 86,400"]


def test_a_broken_url_on_the_command_line_is_one_line(cli, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("The the end.\n")
    run = cli("check", "--languagetool", "http://[::1", story)
    assert run.code == 2
    assert run.err.splitlines() == ["copylint: error: languagetool: the server URL 'http://[::1' is "
                                    "not valid (Invalid IPv6 URL)"]


def test_a_lone_surrogate_is_sent_as_a_replacement_character(settings, server) -> None:
    text = "It was a awful day\ud800. The the end."
    with LanguageToolBackend(settings) as backend:
        findings = backend.check(Document(text, "a.txt"))
    assert [(f.rule, f.column, f.end_column) for f in findings] == [
        ("languagetool/EN_A_VS_AN", 8, 9), ("languagetool/ENGLISH_WORD_REPEAT_RULE", 22, 29)]
    assert server.checks[0]["text"] == "It was a awful day\ufffd. The the end."


def test_no_download_fails_with_one_line_instead_of_downloading(local_env, tmp_path,
                                                                 monkeypatch) -> None:
    from language_tool_python import download_lt

    monkeypatch.setattr(download_lt.requests, "get", lambda *a, **k: pytest.fail("downloaded"))
    message = one_line_error(local_settings(tmp_path, download=False))
    assert message == (
        f"LanguageTool {VERSION} is not installed in {tmp_path / 'lt'} and downloading it is turned off "
        "(--no-download, or 'download: false' under languagetool: in the configuration); pass the "
        f"URL of a LanguageTool server (--languagetool URL), or unpack LanguageTool {VERSION} into "
        f"{tmp_path / 'lt'} (or set LTP_JAR_DIR_PATH to it)")


@pytest.mark.parametrize("how", ["flag", "config"])
def test_the_cli_says_it_will_download_or_refuses_offline(cli, local_env, tmp_path,
                                                          monkeypatch, how) -> None:
    import requests
    from language_tool_python import download_lt

    def offline(url, *args, **kwargs):
        raise requests.exceptions.ConnectionError("Failed to resolve host (Temporary failure in "
                                                  "name resolution)")

    monkeypatch.setattr(download_lt.requests, "get", offline)
    monkeypatch.chdir(tmp_path)
    story = tmp_path / "s.txt"
    story.write_text("The the end.\n")
    allowed = cli("check", "--languagetool", story)
    assert allowed.code == 2
    assert allowed.err.splitlines()[0] == (
        f"copylint: note: LanguageTool {VERSION} is not installed: downloading it once (about 250 MB) "
        f"into {tmp_path / 'lt'}; --no-download (or 'download: false' under languagetool: in the "
        "configuration) turns this off")
    assert "LanguageTool: could not download LanguageTool" in allowed.err
    if how == "flag":
        refused = cli("check", "--languagetool", "--no-download", story)
    else:
        (tmp_path / ".copylint.yaml").write_text("languagetool: {download: false}\n")
        refused = cli("check", "--languagetool", story)
    assert refused.code == 2
    assert "garble.doubled-word" in refused.out  # copylint's own findings are still printed
    assert [line for line in refused.err.splitlines() if line.startswith("copylint: error")] == [
        f"copylint: error: LanguageTool: LanguageTool {VERSION} is not installed in "
        f"{tmp_path / 'lt'} and downloading it is turned off (--no-download, or 'download: false' "
        "under languagetool: in the configuration); pass the URL of a LanguageTool server "
        f"(--languagetool URL), or unpack LanguageTool {VERSION} into {tmp_path / 'lt'} (or set "
        "LTP_JAR_DIR_PATH to it)"]
    assert f"note: LanguageTool {VERSION} is not installed: downloading" not in refused.err


def test_the_map_holds_only_english_rule_ids_and_says_which_are_off() -> None:
    from copylint.languagetool import load_map
    from copylint.languagetool.dedupe import map_path

    ids = {row.languagetool for row in load_map()}
    assert "UNPAIRED_BRACKETS" not in ids  # other languages' rule; English has EN_UNPAIRED_BRACKETS
    assert {"EN_UNPAIRED_BRACKETS", "EN_UNPAIRED_QUOTES"} <= ids
    assert "EN_UNPAIRED_QUOTES is off by default" in map_path().read_text(encoding="utf-8")


def test_language_tool_python_is_pinned_where_its_cache_works() -> None:
    # 3.0 to 3.3 download "latest", so the cache is looked up under one version and stored under
    # another: 3.4 names the version it downloads
    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"language-tool-python>=3.4"' in pyproject
