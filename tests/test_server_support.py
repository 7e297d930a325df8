"""Helpers for the server tests (this module holds no tests): start `copylint serve` as a real
process on a free loopback port, talk HTTP to it, stop it with a signal."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("prometheus_client")

START_TIMEOUT = 30.0
#: a pack whose one rule backtracks on SLOW_TEXT until the regex time limit (2 s) stops it: a
#: check that surely takes seconds, for the time-limit and shutdown tests
SLOW_PACK = """\
pack: slow
description: A pattern that backtracks until the regex time limit stops it (for the tests).
rules:
  - id: backtrack
    kind: pattern
    severity: warning
    message: "Backtracking."
    description: Backtracks until the time limit stops it.
    pattern: '(a|aa)+c'
    examples:
      flag: ["[[aac]]"]
      clean: ["bbb"]
"""
SLOW_TEXT = "a" * 40 + "b"
_SERVING = re.compile(r"copylint: serving (http://\S+?):(\d+)/")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class ServerProcess:
    """`copylint serve ARGS --port 0` in `cwd`; stderr is collected in `log`."""

    args: tuple[str, ...]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    python: str = sys.executable
    process: subprocess.Popen[bytes] | None = None
    port: int = 0
    log: list[str] = field(default_factory=list)

    def start(self) -> ServerProcess:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "XDG_CACHE_HOME": str(self.cwd / "cache"),
               **self.env}
        env.pop("COPYLINT_SERVE_TOKEN", None)
        self.process = subprocess.Popen(
            [self.python, "-m", "copylint", "serve", "--port", "0", *self.args],
            cwd=self.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        ready = threading.Event()
        threading.Thread(target=self._drain, args=(ready,), daemon=True).start()
        if not ready.wait(START_TIMEOUT) or not self.port:
            self.process.kill()
            raise AssertionError("the server did not start:\n" + "".join(self.log))
        return self

    def _drain(self, ready: threading.Event) -> None:
        assert self.process is not None and self.process.stderr is not None
        for raw in self.process.stderr:
            line = raw.decode("utf-8", "replace")
            self.log.append(line)
            found = _SERVING.search(line)
            if found:  # announced once the socket listens: connections queue from here on
                self.port = int(found.group(2))
                ready.set()
        ready.set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None, timeout: float = 30) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            payload = body.encode("utf-8") if isinstance(body, str) else body
            connection.request(method, path, body=payload, headers=headers or {})
            response = connection.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                          response.read())
        finally:
            connection.close()

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self.request("GET", path, headers=headers)

    def post_json(self, path: str, data: object, headers: dict[str, str] | None = None) -> Answer:
        return self.request("POST", path, json.dumps(data),
                            {"Content-Type": "application/json", **(headers or {})})

    def post_form(self, path: str, fields: dict[str, str],
                  headers: dict[str, str] | None = None) -> Answer:
        return self.request("POST", path, urllib.parse.urlencode(fields),
                            {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})

    def metric(self, line_start: str, headers: dict[str, str] | None = None) -> float:
        """The value of the first /metrics sample line starting with `line_start` (0 if none)."""
        for line in self.get("/metrics", headers).text.splitlines():
            if line.startswith(line_start):
                return float(line.rsplit(" ", 1)[1])
        return 0.0

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("the server did not stop:\n" + "".join(self.log)) from None

    def wait_for(self, predicate, timeout: float = 20.0) -> None:
        """Poll until `predicate()` is true (a condition, not a duration, is what is tested)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise AssertionError("condition not reached:\n" + "".join(self.log))


def serve(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> ServerProcess:
    return ServerProcess(tuple(args), tmp_path, env or {}).start()


def with_slow_pack(root: Path) -> Path:
    """Write SLOW_PACK and a configuration that loads it into `root`."""
    (root / "slow").mkdir()
    (root / "slow" / "slow.yaml").write_text(SLOW_PACK, encoding="utf-8")
    (root / ".copylint.yaml").write_text("rules: [slow]\n", encoding="utf-8")
    return root


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 offset of code-point `index` of `text` (what LanguageTool's clients count)."""
    return len(text[:index].encode("utf-16-le")) // 2
