"""`copylint resident`: a real resident process on a Unix socket, and real `copylint check`
commands handed to it; what they print, where, and their exit status are those of the same
command run without it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from copylint.resident import decode_request, encode_request

pytestmark = pytest.mark.skipif(not hasattr(__import__("socket"), "send_fds"),
                                reason="a resident process needs Unix sockets")

STORY = FIXTURES / "broken-story.txt"


def _env(tmp_path: Path, resident: Path | None) -> dict[str, str]:
    env = {**os.environ, "COPYLINT_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    env.pop("COPYLINT_RESIDENT", None)
    if resident is not None:
        env["COPYLINT_RESIDENT"] = str(resident)
    return env


@pytest.fixture
def resident(tmp_path: Path):
    """A resident process listening on tmp_path/resident.sock; its socket and its log."""
    sock = tmp_path / "resident.sock"
    log = tmp_path / "resident.log"
    with open(log, "w", encoding="utf-8") as handle:
        process = subprocess.Popen([sys.executable, "-m", "copylint", "resident", "--socket",
                                    str(sock)], stdout=handle, stderr=handle,
                                   env=_env(tmp_path, None))
    deadline = time.monotonic() + 120
    while not sock.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the resident process did not start: {log.read_text()}")
        time.sleep(0.05)
    yield sock, log, process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _check(args: list[str], tmp_path: Path, resident: Path | None, cwd: Path | None = None,
           stdin: bytes | None = None) -> tuple[int, bytes, bytes]:
    done = subprocess.run([sys.executable, "-m", "copylint", "check", *args], input=stdin,
                          capture_output=True, env=_env(tmp_path, resident), cwd=cwd,
                          timeout=120)
    return done.returncode, done.stdout, done.stderr


def _served(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("resident ran copylint check")


def test_a_command_run_by_the_resident_process_is_the_command_run_here(resident, tmp_path):
    sock, log, _ = resident
    for args in ([str(STORY)], ["--format", "json", str(STORY)], ["--select", "names", str(STORY)]):
        assert _check(args, tmp_path, sock) == _check(args, tmp_path, None)
    assert _served(log) == 3
    status, out, _ = _check([str(STORY)], tmp_path, sock)
    assert status == 1 and b"garble.doubled-word" in out


def test_it_reads_the_commands_directory_and_standard_input(resident, tmp_path):
    sock, log, _ = resident
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / ".copylint.yaml").write_text("disable: [garble]\n", encoding="utf-8")
    (desk / "story.txt").write_bytes(STORY.read_bytes())
    here = _check(["story.txt"], tmp_path, None, cwd=desk)
    assert _check(["story.txt"], tmp_path, sock, cwd=desk) == here
    assert b"garble." not in here[1] and here[1]          # the configuration there was read
    piped = _check(["--format", "json", "-"], tmp_path, sock, stdin=STORY.read_bytes())
    assert piped == _check(["--format", "json", "-"], tmp_path, None, stdin=STORY.read_bytes())
    assert b'"<stdin>"' in piped[1]
    assert _served(log) == 2


def test_without_a_resident_process_the_command_runs_here(tmp_path):
    gone = tmp_path / "no-such.sock"
    assert _check([str(STORY)], tmp_path, gone) == _check([str(STORY)], tmp_path, None)


def test_other_commands_never_go_to_it(resident, tmp_path):
    sock, log, _ = resident
    done = subprocess.run([sys.executable, "-m", "copylint", "explain", "garble.doubled-word"],
                          capture_output=True, env=_env(tmp_path, sock), timeout=120)
    assert done.returncode == 0 and b"garble.doubled-word" in done.stdout
    assert _served(log) == 0


def test_one_socket_one_resident_process_and_it_stops_cleanly(resident, tmp_path):
    sock, _, process = resident
    second = subprocess.run([sys.executable, "-m", "copylint", "resident", "--socket", str(sock)],
                            capture_output=True, env=_env(tmp_path, None), timeout=120)
    assert second.returncode == 2
    assert second.stderr.decode().strip() == (
        f"copylint: error: no resident process: a resident process already listens at {sock}")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert not sock.exists()


def test_requests_keep_every_byte_of_arguments_and_environment() -> None:
    env = {"A": "1=2", "NAME": "café", "EMPTY": ""}
    argv = ["check", "dir with space/story.txt", "--select", "names,ap"]
    request = decode_request(encode_request("0.1.0", argv, "/tmp/desk", env))
    assert request == {"version": "0.1.0", "argv": argv, "cwd": "/tmp/desk", "env": env}
    assert decode_request(b"0.1.0\0x") is None


def test_a_client_that_says_nothing_does_not_hold_it_up(resident, tmp_path):
    import socket

    sock, log, _ = resident
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    silent.connect(str(sock))
    try:
        assert _check([str(STORY)], tmp_path, sock) == _check([str(STORY)], tmp_path, None)
    finally:
        silent.close()
    assert _served(log) == 1


def test_a_large_environment_arrives_whole(resident, tmp_path, monkeypatch):
    """A request longer than the first read and than the socket's buffer (300 KB of environment)
    is read to its end; the command sees the same environment."""
    sock, log, _ = resident
    for index in range(3):
        monkeypatch.setenv(f"COPYLINT_TEST_BIG_{index}", "x" * 100_000)
    args = ["--format", "json", str(STORY)]
    assert _check(args, tmp_path, sock) == _check(args, tmp_path, None)
    assert _served(log) == 1


def test_it_stops_after_the_idle_timeout_and_removes_its_socket(tmp_path):
    sock = tmp_path / "idle.sock"
    process = subprocess.Popen([sys.executable, "-m", "copylint", "resident", "--socket",
                                str(sock), "--idle-timeout", "2", "--quiet"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=_env(tmp_path, None))
    try:
        deadline = time.monotonic() + 120
        while not sock.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sock.exists()
        assert _check([str(STORY)], tmp_path, sock) == _check([str(STORY)], tmp_path, None)
        status = process.wait(timeout=60)      # two seconds after that command, it stops
    finally:
        if process.poll() is None:
            process.kill()
    assert status == 0 and not sock.exists()
    assert process.stderr.read() == b""        # --quiet: nothing about the commands it ran


def _client_imports(tmp_path: Path, resident: str) -> tuple[int, bytes, bytes]:
    """`copylint check` under -X importtime: its status, output, and the modules it imported."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "copylint", "check",
                           str(STORY)], capture_output=True, env=_env_value(tmp_path, resident),
                          timeout=120)
    return done.returncode, done.stdout, done.stderr


def _env_value(tmp_path: Path, value: str) -> dict[str, str]:
    env = _env(tmp_path, None)
    env["COPYLINT_RESIDENT"] = value
    return env


def _resident_pids(sock: Path) -> list[int]:
    """The processes whose command line names `sock` (the resident process `auto` started)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"resident" in command and str(sock).encode() in command:
                pids.append(int(entry.name))
    return pids


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_auto_starts_one_in_the_background_and_the_next_command_goes_to_it(tmp_path):
    sock = tmp_path / "cache" / "resident.sock"
    expected = _check([str(STORY)], tmp_path, None)
    try:
        first = _client_imports(tmp_path, "auto")
        assert first[:2] == expected[:2]
        assert b"copylint.cli" in first[2]           # no resident yet: it ran here
        deadline = time.monotonic() + 120
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sock.exists() and len(_resident_pids(sock)) == 1
        second = _client_imports(tmp_path, "auto")
        assert second[:2] == expected[:2]
        assert b"copylint.cli" not in second[2]      # handed to the resident process
        assert len(_resident_pids(sock)) == 1        # and no second one started
    finally:
        for pid in _resident_pids(sock):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while sock.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not sock.exists()
