"""A small LSP client for the tests: runs `copylint lsp` as a subprocess and speaks JSON-RPC to it
over stdio (Content-Length framing), answering the server's own requests."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

WAIT = 60.0  # seconds: a ceiling for a reply, not a measurement


class ServerError(Exception):
    """The server answered a request with an error."""


class LspClient:
    def __init__(self, *args: str, cwd: Path | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "copylint", "lsp", *args], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self._incoming: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.inbox: list[dict[str, Any]] = []
        self.stderr: list[str] = []
        self.configuration: list[Any] = [None]
        self.registrations: list[dict[str, Any]] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # -- the wire -------------------------------------------------------------------------------
    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._incoming.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            self._incoming.put(json.loads(stream.read(length)))

    def _drain_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def _receive(self, timeout: float) -> dict[str, Any]:
        try:
            message = self._incoming.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no message from the server in {timeout} s; stderr: "
                               f"{''.join(self.stderr)[-2000:]}") from None
        if message is None:
            raise EOFError(f"the server closed its output; stderr: {''.join(self.stderr)[-2000:]}")
        if "method" in message and "id" in message:  # a request from the server
            self._answer(message)
        return message

    def _answer(self, message: dict[str, Any]) -> None:
        method = message["method"]
        result: Any = None
        if method == "workspace/configuration":
            result = [self.configuration[0] for _ in message["params"]["items"]]
        elif method == "client/registerCapability":
            self.registrations.extend(message["params"]["registrations"])
        self.send({"id": message["id"], "result": result})

    # -- requests and notifications ------------------------------------------------------------
    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request_id(self, method: str, params: Any) -> int:
        """Send a request without waiting; `response(id)` collects the answer."""
        self._next_id += 1
        self.send({"id": self._next_id, "method": method, "params": params})
        return self._next_id

    def response(self, request_id: int, timeout: float = WAIT) -> Any:
        message = self.wait_for(lambda m: m.get("id") == request_id and "method" not in m,
                                timeout)
        if "error" in message:
            raise ServerError(message["error"])
        return message.get("result")

    def request(self, method: str, params: Any, timeout: float = WAIT) -> Any:
        return self.response(self.request_id(method, params), timeout)

    def wait_for(self, predicate: Callable[[dict[str, Any]], bool],
                 timeout: float = WAIT) -> dict[str, Any]:
        """The first message (kept or new) that matches; it is taken out of the inbox."""
        for index, message in enumerate(self.inbox):
            if predicate(message):
                return self.inbox.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(max(0.01, deadline - time.monotonic()))
            if predicate(message):
                return message
            self.inbox.append(message)

    def diagnostics(self, uri: str, version: int | None = None,
                    timeout: float = WAIT) -> list[dict[str, Any]]:
        """The next diagnostics published for `uri` (for `version`, when given)."""
        def wanted(message: dict[str, Any]) -> bool:
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return params["uri"] == uri and (version is None or params.get("version") == version)
        return self.wait_for(wanted, timeout)["params"]["diagnostics"]

    def published(self, uri: str) -> list[dict[str, Any]]:
        """The diagnostics notifications for `uri` received but not yet taken, in order."""
        return [m["params"] for m in self.inbox
                if m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri]

    # -- the session ---------------------------------------------------------------------------
    def initialize(self, root: Path | None = None, encodings: list[str] | None = None,
                   options: Any = None, workspace: dict[str, Any] | None = None,
                   resolve: bool = True) -> dict[str, Any]:
        code_action: dict[str, Any] = {"codeActionLiteralSupport": {"codeActionKind": {
            "valueSet": ["quickfix", "source"]}}}
        if resolve:  # as VS Code and Neovim 0.10+ do: edits may be asked for later
            code_action.update({"dataSupport": True, "resolveSupport": {"properties": ["edit"]}})
        capabilities: dict[str, Any] = {
            "textDocument": {"hover": {"contentFormat": ["plaintext"]},
                             "codeAction": code_action,
                             "publishDiagnostics": {"versionSupport": True}},
            "workspace": workspace if workspace is not None else {
                "workspaceEdit": {"documentChanges": True}},
        }
        if encodings is not None:
            capabilities["general"] = {"positionEncodings": encodings}
        params: dict[str, Any] = {"processId": None, "capabilities": capabilities,
                                  "rootUri": root.as_uri() if root else None}
        if root is not None:
            params["workspaceFolders"] = [{"uri": root.as_uri(), "name": root.name}]
        if options is not None:
            params["initializationOptions"] = options
        result = self.request("initialize", params)
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "plaintext", version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": version, "text": text}})

    def change(self, uri: str, version: int, changes: list[dict[str, Any]]) -> None:
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": changes})

    def shutdown(self) -> int:
        """shutdown, then exit: the exit status of the server."""
        assert self.request("shutdown", None) is None
        self.notify("exit", None)
        return self.proc.wait(timeout=WAIT)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=WAIT)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def edit_range(line: int, character: int, end_line: int, end_character: int) -> dict[str, Any]:
    return {"start": {"line": line, "character": character},
            "end": {"line": end_line, "character": end_character}}
