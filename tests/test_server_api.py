"""`copylint serve` over loopback: the page, /healthz, /v1/info, /v1/check, /metrics and the
error answers of a server with the default settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_server_support import ServerProcess, serve

STORY = ("KYIV, Ukraine (AP) — Volodomir Zelenskyy visited kyiv on Tuesday.. The the convoy "
         "left at 10 a.m.\n\nOfficials said 5% of the aid had arrived.\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> ServerProcess:
    process = serve(tmp_path_factory.mktemp("serve"))
    yield process
    assert process.stop() == 0


def test_healthz(server: ServerProcess) -> None:
    answer = server.get("/healthz")
    assert answer.status == 200
    assert answer.json() == {"status": "ok"}


def test_the_page_is_one_self_contained_file(server: ServerProcess) -> None:
    answer = server.get("/")
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/html")
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert policy.count("'sha256-") == 2  # its one inline script and one inline style
    html = answer.text
    assert "<script src" not in html and "<link" not in html
    assert "http://" not in html and "https://" not in html  # no CDN, no external resource


def test_info_lists_houses_and_formats(server: ServerProcess) -> None:
    info = server.get("/v1/info").json()
    assert info["house"] == "ap"
    assert info["houses"] == ["ap", "reuters", "none"]
    assert info["formats"][:3] == ["auto", "text", "markdown"]
    assert info["extensions"][".md"] == "markdown"
    assert info["max_bytes"] == 1_000_000
    assert info["fix"] is True and info["languagetool"] is False


def test_v1_check_answers_what_the_cli_reports(server: ServerProcess, cli, tmp_path: Path) -> None:
    answer = server.post_json("/v1/check", {"text": STORY})
    assert answer.status == 200
    body = answer.json()
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    expected = cli("check", "--format", "json", str(story))
    findings = expected.findings
    for finding in findings:
        finding["path"] = "<text>"
    assert body["findings"] == findings
    assert body["summary"] == expected.summary
    assert body["warnings"] == []
    found = {(f["rule"], f["line"], f["column"], f["end_column"]) for f in body["findings"]}
    assert ("names.misspelled", 1, 22, 31) in found
    assert ("names.capitalization", 1, 50, 54) in found
    assert ("punctuation.doubled-mark", 1, 65, 67) in found
    assert ("garble.doubled-word", 1, 68, 75) in found


def test_v1_check_house_select_and_ignore(server: ServerProcess) -> None:
    text = "Volodymyr Zelenskyy met Recep Tayyip Erdogan in Kyiv on Tuesday. The the talks ended.\n"
    ap = server.post_json("/v1/check", {"text": text}).json()["findings"]
    reuters = server.post_json("/v1/check", {"text": text, "house": "reuters"}).json()["findings"]
    assert "reuters.names" not in {f["rule"] for f in ap}
    flagged = [f for f in reuters if f["rule"] == "reuters.names"]
    assert [(f["line"], f["column"], f["suggestions"]) for f in flagged] == [(1, 11, ["Zelenskiy"])]
    only = server.post_json("/v1/check", {"text": text, "select": ["garble"]}).json()["findings"]
    assert [(f["rule"], f["column"]) for f in only] == [("garble.doubled-word", 66)]
    ignored = server.post_json("/v1/check", {"text": text, "ignore": "garble.doubled-word"})
    assert ignored.json()["findings"] == []


def test_v1_check_reads_each_format(server: ServerProcess) -> None:
    html = "<html><body>\n<p>The convoy left kyiv at dawn.</p>\n</body></html>\n"
    sniffed = server.post_json("/v1/check", {"text": html}).json()["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in sniffed] == [("names.capitalization", 2, 20)]
    as_text = server.post_json("/v1/check", {"text": "# kyiv\n", "format": "text"}).json()
    as_markdown = server.post_json("/v1/check", {"text": "# kyiv\n", "format": "markdown"}).json()
    assert [(f["rule"], f["column"]) for f in as_text["findings"]] == [("names.capitalization", 3)]
    assert [(f["rule"], f["column"]) for f in as_markdown["findings"]] == [("names.capitalization", 3)]
    broken = server.post_json("/v1/check", {"text": '{"headline": ', "format": "ninjs"})
    assert broken.status == 422
    assert broken.json()["error"].startswith("<text>")


@pytest.mark.parametrize(("body", "reason"), [
    (b"{not json", "the body is not valid JSON"),
    (b"[1, 2]", "the body must be a JSON object"),
    (b"{}", "'text' is required and must be a string"),
    (b'{"text": 3}', "'text' is required and must be a string"),
    (b'{"text": "x", "fromat": "html"}', "unknown key 'fromat' (did you mean 'format'?)"),
    (b'{"text": "x", "format": "pdf"}', "'format' must be one of auto, text, markdown"),
    (b'{"text": "x", "house": "bbc"}', "'house' must be one of ap, reuters, none"),
    (b'{"text": "x", "select": [1]}', "'select' must be a list of rule ids"),
    (b'{"text": "x", "select": ["garbel"]}', "no rule or pack named 'garbel' (did you mean 'garble'?)"),
    (b'\xff\xfe{}', "the body is not UTF-8"),
])
def test_v1_check_rejects_malformed_requests(server: ServerProcess, body: bytes, reason: str) -> None:
    answer = server.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
    assert answer.status == 400
    assert answer.headers["content-type"] == "application/json"
    error = answer.json()["error"]
    assert error.startswith(reason)
    assert "\n" not in error


def test_v1_check_wants_json(server: ServerProcess) -> None:
    answer = server.request("POST", "/v1/check", "text=kyiv",
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 415
    assert "application/json" in answer.json()["error"]


def test_unknown_paths_and_methods(server: ServerProcess) -> None:
    missing = server.get("/v1/nothing")
    assert missing.status == 404
    assert missing.json() == {"error": "no such endpoint: /v1/nothing"}
    wrong = server.get("/v1/check")
    assert wrong.status == 405
    assert wrong.headers["allow"] == "POST"
    assert wrong.json() == {"error": "GET is not allowed on /v1/check"}
    languagetool_style = server.get("/v2/nothing")
    assert languagetool_style.status == 404
    assert languagetool_style.text == "Error: no such endpoint: /v2/nothing"
    assert server.request("DELETE", "/v2/check").status == 405


def test_metrics_count_requests_and_findings(server: ServerProcess) -> None:
    before = server.metric('copylint_http_requests_total{endpoint="/v1/check",method="POST",status="200"}')
    misspelled = server.metric('copylint_findings_total{rule="names.misspelled"}')
    for _ in range(3):
        assert server.post_json("/v1/check", {"text": "Volodomir spoke.\n"}).status == 200
    server.get("/no-such-page")
    answer = server.get("/metrics")
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/plain")
    assert server.metric('copylint_http_requests_total{endpoint="/v1/check",method="POST",status="200"}') \
        == before + 3
    assert server.metric('copylint_findings_total{rule="names.misspelled"}') == misspelled + 3
    assert server.metric('copylint_http_requests_total{endpoint="other",method="GET",status="404"}') >= 1
    assert 'copylint_http_request_duration_seconds_bucket{endpoint="/v1/check",le="0.5"}' in answer.text
    assert server.metric("copylint_checks_in_progress") == 0


def test_v1_check_json_round_trips_unicode(server: ServerProcess) -> None:
    text = "Cafe\u0301 owners 😀 met in kyiv.\n"
    body = server.post_json("/v1/check", {"text": text}).json()
    assert [(f["rule"], f["column"], f["end_column"]) for f in body["findings"]] == \
        [("names.capitalization", text.index("kyiv") + 1, text.index("kyiv") + 5)]
    assert json.dumps(body, ensure_ascii=False).count("😀") == 0  # findings carry positions, not text


def test_cors_is_off_unless_configured(server: ServerProcess) -> None:
    origin = {"Origin": "https://cms.example.org"}
    answer = server.post_json("/v1/check", {"text": "kyiv"}, origin)
    assert answer.status == 200
    assert "access-control-allow-origin" not in answer.headers
    preflight = server.request("OPTIONS", "/v1/check", headers={
        **origin, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status == 405


def test_concurrent_checks_get_their_own_findings(server: ServerProcess) -> None:
    """Checks running side by side in the thread pool do not mix their results."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Story {n}: Volodomir met {'kyiv ' * (n % 4)}officials. The the end.\n" for n in range(24)]
    houses = ["ap", "reuters", "none"]
    expected = [server.post_json("/v1/check", {"text": t, "house": houses[n % 3]}).json()
                for n, t in enumerate(texts)]
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda n: server.post_json(
            "/v1/check", {"text": texts[n], "house": houses[n % 3]}).json(), range(len(texts))))
    assert answers == expected
    assert len({len(a["findings"]) for a in answers}) >= 3  # the answers differ from each other


# POST /v1/fix -----------------------------------------------------------------------------

FIXABLE = "Storm hits\n\nKYIV, Ukraine (AP) — The the convoy reached kyiv on November 5.\n\n24\n"


def test_v1_fix_applies_every_safe_fix_as_the_cli_does(server: ServerProcess, cli,
                                                      tmp_path: Path) -> None:
    answer = server.post_json("/v1/fix", {"text": FIXABLE})
    assert answer.status == 200
    body = answer.json()
    story = tmp_path / "story.txt"
    story.write_text(FIXABLE, encoding="utf-8")
    cli("check", "--fix", str(story))
    assert body["text"] == story.read_text(encoding="utf-8") == \
        "Storm hits\n\nKYIV, Ukraine (AP) — The convoy reached Kyiv on Nov. 5.\n\n24\n"
    assert [(a["rule"], a["line"], a["column"]) for a in body["applied"]] == [
        ("garble.doubled-word", 3, 22), ("names.capitalization", 3, 45),
        ("ap.month-with-date", 3, 53)]
    assert [(f["rule"], f["line"]) for f in body["findings"]] == [("scrape.counter", 5)]
    assert body["summary"]["errors"] == 1
    unsafe = server.post_json("/v1/fix", {"text": FIXABLE, "unsafe": True}).json()
    assert unsafe["text"].endswith("on Nov. 5.\n") and unsafe["findings"] == []


def test_v1_fix_of_one_finding(server: ServerProcess) -> None:
    body = server.post_json("/v1/fix", {"text": FIXABLE, "fix": [
        {"rule": "names.capitalization", "line": 3, "column": 45}]}).json()
    assert body["text"] == FIXABLE.replace("kyiv", "Kyiv")
    assert [a["rule"] for a in body["applied"]] == ["names.capitalization"]
    assert "names.capitalization" not in {f["rule"] for f in body["findings"]}
    nothing = server.post_json("/v1/fix", {"text": FIXABLE, "fix": [
        {"rule": "names.capitalization", "line": 9, "column": 1}]}).json()
    assert nothing["text"] == FIXABLE and nothing["applied"] == []


@pytest.mark.parametrize(("body", "status", "message"), [
    ({"text": "x", "unsafe": "yes"}, 400, "'unsafe' must be true or false"),
    ({"text": "x", "fix": [{"rule": "a"}]}, 400, "'fix' must be a list of"),
    ({"text": "x", "fixes": []}, 400, "unknown key 'fixes' (did you mean 'fix'?)"),
    ({"text": "<nitf><body>", "format": "nitf"}, 422, "XML is not well-formed"),
])
def test_v1_fix_errors(server: ServerProcess, body: dict, status: int, message: str) -> None:
    answer = server.post_json("/v1/fix", body)
    assert answer.status == status
    assert message in answer.json()["error"]
