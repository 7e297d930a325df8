"""ASGI middleware: the token, the body size limit, and metrics for every answer.

Errors are one line: JSON `{"error": "..."}`, or LanguageTool's plain `Error: ...` under `/v2/`.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .metrics import Metrics

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: paths anyone may reach without the token
OPEN_PATHS = ("/healthz",)
#: LanguageTool's clients cannot add headers: this endpoint also takes the `apiKey` field
API_KEY_PATHS = ("/v2/check",)
#: set in the scope when the token must still be checked against the `apiKey` field
NEEDS_API_KEY = "copylint.needs_api_key"


def error_body(path: str, status: int, message: str) -> tuple[bytes, bytes]:
    """(body, content type) of a one-line error for `path`."""
    if path.startswith("/v2/"):
        return f"Error: {message}".encode(), b"text/plain; charset=utf-8"
    return json.dumps({"error": message}).encode(), b"application/json"


async def send_error(scope: Scope, send: Send, status: int, message: str,
                     headers: list[tuple[bytes, bytes]] = ()) -> None:  # type: ignore[assignment]
    body, content_type = error_body(scope.get("path", ""), status, message)
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type),
                            (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


def token_matches(token: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(token.encode(), given.encode())


def credentials(header: str | None) -> str | None:
    """The token in `Authorization: Bearer TOKEN`, or the password of HTTP Basic (browsers
    prompt for it on the page)."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2]
    return None


class TokenAuth:
    """Every request but OPEN_PATHS needs the token; on API_KEY_PATHS the endpoint may still
    find it in the `apiKey` field."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        given = credentials(headers.get(b"authorization", b"").decode("latin-1") or None)
        if token_matches(self.token, given):
            await self.app(scope, receive, send)
            return
        if scope["path"] in API_KEY_PATHS and given is None:
            scope[NEEDS_API_KEY] = True
            await self.app(scope, receive, send)
            return
        challenge = b'Basic realm="copylint"' if scope["path"] == "/" else b'Bearer realm="copylint"'
        reason = ("the token is wrong" if given is not None else
                  "this server needs a token: send 'Authorization: Bearer TOKEN'")
        await send_error(scope, send, 401, reason, [(b"www-authenticate", challenge)])


class BodyLimit:
    """Request bodies over `limit` bytes get 413, whether they announce their length or not.

    The body is read here (it is small: at most `limit`), then handed to the app.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = (f"the request body is larger than this server's limit of {self.limit:,} "
                     "bytes (--max-bytes)")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await send_error(scope, send, 413, too_large, [(b"connection", b"close")])
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away; the app sees an empty body
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await send_error(scope, send, 413, too_large, [(b"connection", b"close")])
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class MeasureRequests:
    """Counts every answer (including 401 and 413) by endpoint, method and status."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def measured(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, measured)
        finally:
            self.metrics.observe(scope["path"], scope["method"], status,
                                 time.perf_counter() - started)
