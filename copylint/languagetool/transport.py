"""One HTTP request to LanguageTool with an overall deadline and a cap on the reply's size.

A socket timeout alone bounds each read, not the request: a server that drips a byte a second
would hold the run for ever, and one that streams without end would fill the memory. Here a
timer shuts the request's sockets down when the deadline passes (the blocked read returns at
once), and the reply is read in chunks and refused past `max_bytes`. urllib still does the
rest (proxies from the environment, TLS).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import urllib.error
import urllib.request
from functools import partial
from typing import Any

CHUNK = 64 * 1024
ERROR_BODY_BYTES = 2000


class Expired(Exception):
    """The request ran past its deadline."""


class TooLarge(Exception):
    """The reply is larger than allowed; `size` is what was announced or read."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class StatusError(Exception):
    """The server answered with an error status; `body` is the start of its reply."""

    def __init__(self, status: int, body: bytes, headers: Any) -> None:
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers


class _Tracking:
    """Records the socket a connection opens, so the deadline can shut it down."""

    def __init__(self, *args: Any, sockets: list[socket.socket], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sockets = sockets

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self._sockets.append(self.sock)  # type: ignore[attr-defined]


class _Tracked(_Tracking, http.client.HTTPConnection):
    pass


class _TrackedSecure(_Tracking, http.client.HTTPSConnection):
    pass


class _Handler(urllib.request.HTTPHandler):
    def __init__(self, sockets: list[socket.socket]) -> None:
        super().__init__()
        self.sockets = sockets

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_Tracked, sockets=self.sockets), req)


class _SecureHandler(urllib.request.HTTPSHandler):
    def __init__(self, sockets: list[socket.socket]) -> None:
        super().__init__()
        self.sockets = sockets

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_TrackedSecure, sockets=self.sockets), req,
                            context=getattr(self, "_context", None))


def _read(response: Any, max_bytes: int) -> bytes:
    announced = response.headers.get("Content-Length", "")
    if announced.strip().isdigit() and int(announced) > max_bytes:
        raise TooLarge(int(announced))
    chunks = []
    total = 0
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise TooLarge(total)
        chunks.append(chunk)


def fetch(request: urllib.request.Request, timeout: float, max_bytes: int) -> bytes:
    """The body of a successful reply. Raises Expired past `timeout` seconds in all, TooLarge
    past `max_bytes`, StatusError for an HTTP error status, and OSError, URLError or
    HTTPException when the connection fails."""
    sockets: list[socket.socket] = []
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        for sock in list(sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    opener = urllib.request.build_opener(_Handler(sockets), _SecureHandler(sockets))
    timer = threading.Timer(timeout, expire)
    timer.daemon = True
    timer.start()
    try:
        try:
            with opener.open(request, timeout=timeout) as response:
                body = _read(response, max_bytes)
        except urllib.error.HTTPError as error:
            try:
                start = error.read(ERROR_BODY_BYTES)
            except (OSError, http.client.HTTPException):
                start = b""
            if expired.is_set():
                raise Expired from None
            raise StatusError(error.code, start, error.headers) from None
        except (OSError, http.client.HTTPException, urllib.error.URLError):
            if expired.is_set():
                raise Expired from None
            raise
        if expired.is_set():  # the shutdown ended the body early
            raise Expired
        return body
    finally:
        timer.cancel()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.close()
