"""Starting and stopping `copylint serve`: graceful shutdown on SIGTERM and SIGINT with a request
in flight (exit status 0), several workers, start-up errors as one line with exit status 2, and
the command costing `copylint check` no imports."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_server_support import SLOW_TEXT, Answer, ServerProcess, serve, with_slow_pack

from copylint.cli import main
from copylint.server.command import announce
from copylint.server.settings import ServerSettings


def slow_server(tmp_path: Path, *args: str) -> ServerProcess:
    return serve(with_slow_pack(tmp_path), *args)


def stop_during_a_check(process: ServerProcess, sig: int) -> tuple[Answer, int]:
    """Send a check that takes seconds (a rule runs into the regex time limit), stop the server
    once it is in flight, and return the check's answer and the server's exit status."""
    answers: list[Answer] = []
    thread = threading.Thread(target=lambda: answers.append(
        process.post_json("/v1/check", {"text": SLOW_TEXT})))
    thread.start()
    process.wait_for(lambda: process.metric("copylint_checks_in_progress") >= 1)
    status = process.stop(sig)
    thread.join(30)
    return answers[0], status


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stop_signal_lets_the_request_in_flight_finish(tmp_path: Path, sig: int) -> None:
    process = slow_server(tmp_path)
    answer, status = stop_during_a_check(process, sig)
    assert status == 0
    assert answer.status == 200
    body = answer.json()
    assert body["findings"] == []
    assert any("rule slow.backtrack took longer than" in w for w in body["warnings"])
    assert "copylint: stopped" in "".join(process.log)
    with pytest.raises(ConnectionRefusedError):
        process.get("/healthz")


def test_two_workers_serve_and_stop_gracefully(tmp_path: Path) -> None:
    process = slow_server(tmp_path, "--workers", "2")
    assert "2 workers" in "".join(process.log)
    for _ in range(6):
        answer = process.post_json("/v1/check", {"text": "Volodomir spoke in kyiv.\n"})
        assert [f["rule"] for f in answer.json()["findings"]] == [
            "names.misspelled", "names.capitalization"]
    served = process.metric('copylint_http_requests_total{endpoint="/v1/check",method="POST",status="200"}')
    assert served == 6  # every worker's requests, whichever worker answers /metrics
    answer, status = stop_during_a_check(process, signal.SIGTERM)
    assert status == 0
    assert answer.status == 200


def test_startup_errors_are_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    missing = runner.invoke(main, ["serve", "--port", "0", "--config", "missing.yaml"])
    assert missing.exit_code == 2
    assert missing.stderr.strip().splitlines() == [
        "copylint: error: missing.yaml: no such configuration file"]
    house = runner.invoke(main, ["serve", "--port", "0", "--house", "bbc"])
    assert house.exit_code == 2
    assert house.stderr.strip() == ("copylint: error: unknown house style 'bbc'; choose one of ap, "
                                    "none, reuters")
    workers = runner.invoke(main, ["serve", "--port", "0", "--workers", "2", "--house", "bbc"])
    assert workers.exit_code == 2
    assert workers.stderr == house.stderr  # checked once, before any worker starts
    url = runner.invoke(main, ["serve", "--languagetool", "localhost:8010"])
    assert url.exit_code == 2
    assert "give the LanguageTool server's URL (http://...)" in url.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = runner.invoke(main, ["serve", "--port", str(port)])
    assert busy.exit_code == 2
    assert busy.stderr.startswith(f"copylint: error: cannot listen on 127.0.0.1:{port}: ")
    assert len(busy.stderr.strip().splitlines()) == 1


def test_without_the_serve_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "copylint.server.serve", raising=False)
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if it were not installed
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert result.stderr == ("copylint: error: copylint serve needs the 'serve' extra: "
                             "pip install 'copylint[serve]'\n")


def test_announce_says_who_can_connect(capsys: pytest.CaptureFixture[str]) -> None:
    announce(ServerSettings(port=8081))
    local = capsys.readouterr().err
    assert local == ("copylint: serving http://127.0.0.1:8081/\n"
                     "copylint: only this machine can connect (--host 0.0.0.0 serves the network)\n")
    announce(ServerSettings(host="0.0.0.0", port=9000, workers=2))
    exposed = capsys.readouterr().err
    assert exposed.splitlines() == [
        "copylint: serving http://0.0.0.0:9000/, 2 workers",
        "copylint: warning: listening on 0.0.0.0 without --token: anyone who can reach this port "
        "can use the server"]
    announce(ServerSettings(host="::", token="t", cors_origins=("https://cms.example.org",)))
    assert capsys.readouterr().err.splitlines() == [
        "copylint: serving http://[::]:8081/",
        "copylint: pages from https://cms.example.org may call the API (CORS)"]


def test_the_cli_does_not_import_the_web_stack() -> None:
    code = ("import sys, copylint.cli; "
            "print(sorted(m for m in ('starlette', 'uvicorn', 'prometheus_client') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
