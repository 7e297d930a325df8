"""Load on `copylint serve` over loopback: concurrent clients posting 5 KB stories.

    python benchmarks/server_load.py                       # 32 clients, 30 s, workers 1 and 2
    python benchmarks/server_load.py --seconds 10 --workers 1 --endpoints v1

For each worker count a server is started on 127.0.0.1 and a free port (nothing leaves the
machine), warmed up, then loaded for `--seconds` per endpoint by `--clients` clients on
keep-alive connections, each sending its next story as soon as the last answer arrived:
`POST /v1/check` (JSON) and `POST /v2/check` (LanguageTool's form). Reported: requests a second,
p50 and p99 latency, errors (any answer but 200, or a broken connection) and the peak resident
memory of the server's processes (sampled every 0.1 s). The clients run in this process on the
same machine, so they take CPU from the server: the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "examples" / "sample-story.txt"
STORY_BYTES = 5000
_SERVING = re.compile(r"copylint: serving http://127\.0\.0\.1:(\d+)/")


def stories(count: int) -> list[str]:
    """`count` different stories of about 5 KB, made from the sample story's paragraphs (each
    numbered, so no two stories are the same)."""
    paragraphs = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    made = []
    for number in range(count):
        parts: list[str] = []
        index = number
        while sum(len(p.encode()) + 2 for p in parts) < STORY_BYTES:
            paragraph = paragraphs[index % len(paragraphs)]
            parts.append(f"{paragraph} ({number}-{len(parts)})" if len(parts) % 3 == 0 else paragraph)
            index += 1
        made.append("\n\n".join(parts) + "\n")
    return made


def request_bytes(endpoint: str, story: str) -> bytes:
    if endpoint == "v1":
        body = json.dumps({"text": story}).encode()
        kind = "application/json"
    else:
        body = urllib.parse.urlencode({"language": "en-US", "text": story}).encode()
        kind = "application/x-www-form-urlencoded"
    head = (f"POST /{endpoint}/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {kind}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0


async def one_client(port: int, requests: list[bytes], offset: int, deadline: float,
                     tally: Tally) -> None:
    reader = writer = None
    sent = offset
    while time.perf_counter() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            started = time.perf_counter()
            writer.write(requests[sent % len(requests)])
            sent += 1
            await writer.drain()
            status = int((await reader.readline()).split()[1])
            length, close = 0, False
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
                elif name.lower() == "connection" and "close" in value.lower():
                    close = True
            await reader.readexactly(length)
            tally.latencies.append(time.perf_counter() - started)
            if status != 200:
                tally.errors += 1
            if close:
                writer.close()
                reader = writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            tally.errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def load(port: int, requests: list[bytes], clients: int, seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(one_client(port, requests, n * 7, deadline, tally) for n in range(clients)))
    return tally, time.perf_counter() - started


def tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class PeakRss:
    """Samples the server's memory in a thread while the load runs."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, tree_rss(self.pid))

    def __enter__(self) -> PeakRss:
        self.peak = tree_rss(self.pid)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def start_server(workers: int, cwd: str) -> tuple[subprocess.Popen[bytes], int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "copylint", "serve", "--port", "0", "--workers", str(workers)],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(HERE.parent)})
    assert process.stderr is not None
    for raw in process.stderr:
        found = _SERVING.search(raw.decode("utf-8", "replace"))
        if found:
            threading.Thread(target=process.stderr.read, daemon=True).start()  # keep draining
            return process, int(found.group(1))
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--endpoints", nargs="+", choices=["v1", "v2"], default=["v1", "v2"])
    options = parser.parse_args()
    texts = stories(64)
    size = statistics.mean(len(t.encode()) for t in texts)
    print(f"{options.clients} clients, {options.seconds:g} s per run, {len(texts)} stories of "
          f"{size / 1000:.1f} KB on average, {os.cpu_count()} CPUs")
    print("| workers | endpoint | requests | req/s | p50 ms | p99 ms | errors | peak RSS MiB |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for workers in options.workers:
        with tempfile.TemporaryDirectory() as cwd:
            process, port = start_server(workers, cwd)
            try:
                for endpoint in options.endpoints:
                    requests = [request_bytes(endpoint, text) for text in texts]
                    asyncio.run(load(port, requests, 4, 2.0))  # warm up every worker
                    with PeakRss(process.pid) as rss:
                        tally, elapsed = asyncio.run(load(port, requests, options.clients,
                                                          options.seconds))
                    times = sorted(tally.latencies)
                    p50 = times[len(times) // 2] * 1000 if times else float("nan")
                    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000 if times else float("nan")
                    print(f"| {workers} | /{endpoint}/check | {len(times)} | {len(times) / elapsed:.1f} | "
                          f"{p50:.0f} | {p99:.0f} | {tally.errors} | {rss.peak / 2**20:.0f} |", flush=True)
            finally:
                process.send_signal(signal.SIGTERM)
                status = process.wait(60)
                if status != 0:
                    print(f"the server exited with status {status}", file=sys.stderr)


if __name__ == "__main__":
    main()
