"""Security defaults of `copylint serve` over loopback: the token (Bearer, Basic for the page,
LanguageTool's apiKey), CORS when configured, the body size limit and the check time limit."""

from __future__ import annotations

import base64
import http.client
import urllib.parse
from pathlib import Path

import pytest
from test_server_support import SLOW_TEXT, ServerProcess, serve, with_slow_pack

TOKEN = "s3cret-token"
ORIGIN = "https://cms.example.org"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> ServerProcess:
    root = with_slow_pack(tmp_path_factory.mktemp("serve-secure"))
    process = serve(root, "--token", TOKEN, "--cors-origin", ORIGIN, "--max-bytes", "2000",
                    "--timeout", "0.5")
    yield process
    assert process.stop() == 0


def test_every_endpoint_but_healthz_needs_the_token(server: ServerProcess) -> None:
    assert server.get("/healthz").status == 200
    for method, path in [("GET", "/"), ("GET", "/metrics"), ("GET", "/v1/info"),
                         ("POST", "/v1/check"), ("GET", "/v2/languages"), ("GET", "/nowhere")]:
        answer = server.request(method, path)
        assert answer.status == 401, path
        challenge = answer.headers["www-authenticate"]
        assert challenge == ('Basic realm="copylint"' if path == "/" else 'Bearer realm="copylint"')
    wrong = server.get("/v1/info", {"Authorization": "Bearer nope"})
    assert wrong.status == 401
    assert wrong.json() == {"error": "the token is wrong"}
    assert server.get("/v1/info", BEARER).status == 200
    assert server.get("/", BEARER).status == 200
    assert server.get("/metrics", BEARER).status == 200
    assert server.post_json("/v1/check", {"text": "kyiv"}, BEARER).status == 200


def test_the_page_takes_the_token_as_a_basic_password(server: ServerProcess) -> None:
    basic = base64.b64encode(f"editor:{TOKEN}".encode()).decode()
    assert server.get("/", {"Authorization": f"Basic {basic}"}).status == 200
    wrong = base64.b64encode(b"editor:guess").decode()
    assert server.get("/", {"Authorization": f"Basic {wrong}"}).status == 401


def test_languagetool_clients_send_the_token_as_api_key(server: ServerProcess) -> None:
    form = {"language": "en-US", "text": "Volodomir spoke."}
    without = server.post_form("/v2/check", form)
    assert without.status == 401
    assert without.text.startswith("Error: this server needs a token")
    wrong = server.post_form("/v2/check", {**form, "apiKey": "guess", "username": "me"})
    assert wrong.status == 401
    assert wrong.text == "Error: the apiKey is wrong"
    right = server.post_form("/v2/check", {**form, "apiKey": TOKEN, "username": "me"})
    assert right.status == 200
    assert [m["rule"]["id"] for m in right.json()["matches"]] == ["names.misspelled"]
    query = server.get("/v2/check?" + urllib.parse.urlencode({**form, "apiKey": TOKEN}))
    assert query.status == 200
    assert server.post_form("/v2/check", form, BEARER).status == 200


def test_cors_for_the_configured_origin_only(server: ServerProcess) -> None:
    preflight = server.request("OPTIONS", "/v1/check", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status == 200  # answered before the token is asked for
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    answer = server.post_json("/v1/check", {"text": "kyiv"}, {**BEARER, "Origin": ORIGIN})
    assert answer.headers["access-control-allow-origin"] == ORIGIN
    refused = server.post_json("/v1/check", {"text": "kyiv"}, {**BEARER, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in refused.headers
    denied = server.request("GET", "/v1/info", headers={"Origin": ORIGIN})
    assert denied.status == 401
    assert denied.headers["access-control-allow-origin"] == ORIGIN  # the client can read why


def test_bodies_over_the_limit_get_413(server: ServerProcess) -> None:
    big = {"text": "word " * 500}
    answer = server.post_json("/v1/check", big, BEARER)
    assert answer.status == 413
    assert answer.json()["error"] == ("the request body is larger than this server's limit of "
                                      "2,000 bytes (--max-bytes)")
    form = server.post_form("/v2/check", {"language": "en-US", "text": "x" * 3000, "apiKey": TOKEN})
    assert form.status == 413
    assert form.text.startswith("Error: the request body is larger")
    # a chunked body announces no length: it is counted as it arrives
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.putrequest("POST", "/v1/check")
        for name, value in {**BEARER, "Content-Type": "application/json",
                            "Transfer-Encoding": "chunked"}.items():
            connection.putheader(name, value)
        connection.endheaders()
        chunk = b'{"text": "' + b"a" * 1500
        for piece in (chunk, b"b" * 1500 + b'"}'):
            connection.send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        connection.send(b"0\r\n\r\n")
        response = connection.getresponse()
        assert response.status == 413
    finally:
        connection.close()
    assert server.post_json("/v1/check", {"text": "small"}, BEARER).status == 200


def test_a_check_over_the_time_limit_gets_503(server: ServerProcess) -> None:
    answer = server.post_json("/v1/check", {"text": SLOW_TEXT}, BEARER)
    assert answer.status == 503
    assert answer.json()["error"] == ("the check took longer than 0.5 s, this server's limit; "
                                      "send a shorter text")
    assert server.get("/healthz").status == 200  # the server goes on
    assert server.post_json("/v1/check", {"text": "kyiv"}, BEARER).status == 200


def test_requests_cannot_name_files(server: ServerProcess, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Volodomir\n", encoding="utf-8")
    answer = server.post_json("/v1/check", {"text": str(secret)}, BEARER)
    assert answer.status == 200
    assert answer.json()["findings"] == []  # the path was checked as text, never opened
    extra = server.post_json("/v1/check", {"text": "x", "path": str(secret)}, BEARER)
    assert extra.status == 400
