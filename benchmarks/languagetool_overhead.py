"""Overhead of the LanguageTool backend, measured through the CLI against the local fake server.

    python benchmarks/languagetool_overhead.py CORPUS_DIR [--stories 50]

Runs `copylint check` over a sample of stories three ways in one session: native rules only,
with `--languagetool URL` and an empty cache (cold), and again with the cache filled (warm).
The fake server (tests/lt_fake_server.py) answers at once, so the figures are copylint's own cost
of batching, HTTP, offsets, caching and de-duplication, not LanguageTool's checking time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from lt_fake_server import FakeLanguageTool  # noqa: E402


def timed(args: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one copylint run (exit 0 or 1 expected)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "copylint", "check", "--fail-on", "never",
                           "--format", "json", *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"copylint failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a directory of .txt stories")
    parser.add_argument("--stories", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    files = sorted(options.corpus.glob("*.txt"))
    sample = files[:: max(1, len(files) // options.stories)][: options.stories]
    size = sum(path.stat().st_size for path in sample)
    with tempfile.TemporaryDirectory() as scratch, FakeLanguageTool() as server:
        stories = Path(scratch) / "stories"
        stories.mkdir()
        for path in sample:
            shutil.copy(path, stories / path.name)
        env = {**os.environ, "PYTHONPATH": str(HERE.parent), "XDG_CACHE_HOME": scratch}
        lt = ["--languagetool", server.url, str(stories)]
        rows = {"native only": [], "LanguageTool, cold cache": [], "LanguageTool, warm cache": []}
        for _ in range(options.repeat):
            rows["native only"].append(timed([str(stories)], env))
            shutil.rmtree(Path(scratch) / "copylint", ignore_errors=True)
            rows["LanguageTool, cold cache"].append(timed(lt, env))
            rows["LanguageTool, warm cache"].append(timed(lt, env))
        print(f"{len(sample)} stories, {size / 1e3:.0f} KB, one process, median of "
              f"{options.repeat}; fake server at {server.url}\n")
        print("| run | wall s | per story ms | overhead vs native |")
        print("|---|---:|---:|---:|")
        base = statistics.median(rows["native only"])
        for label, times in rows.items():
            wall = statistics.median(times)
            print(f"| {label} | {wall:.3f} | {wall / len(sample) * 1e3:.1f} | "
                  f"{(wall - base) / len(sample) * 1e3:+.1f} ms/story |")


if __name__ == "__main__":
    main()
