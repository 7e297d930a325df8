"""Latency of `copylint lsp`: from sending `textDocument/didChange` to receiving the
`textDocument/publishDiagnostics` for that version, for a 5,000-word story; and the round trip of
a hover sent while a 1 MB document is being checked.

The server runs as a subprocess spoken to over stdio, as an editor would; each edit inserts or
removes one word (alternately), so the story keeps its size. Run from a checkout:

    python benchmarks/lsp_latency.py                 # 300 edits after 20 warm-up edits
    python benchmarks/lsp_latency.py --edits 1000 --words 5000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from lsp_client import LspClient, edit_range
from lsp_stories import story, story_of_size


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def edit_latency(lsp: LspClient, uri: str, text: str, edits: int, warm_up: int) -> list[float]:
    """Milliseconds from each didChange to the diagnostics of its version."""
    lsp.open(uri, text)
    lsp.diagnostics(uri, version=1)
    line = text.count("\n") // 2  # an edit in the middle of the story
    times: list[float] = []
    for version in range(2, 2 + warm_up + edits):
        if version % 2 == 0:
            change = {"range": edit_range(line, 0, line, 0), "text": "Meanwhile "}
        else:
            change = {"range": edit_range(line, 0, line, 10), "text": ""}
        started = time.perf_counter()
        lsp.change(uri, version, [change])
        lsp.diagnostics(uri, version=version)
        if version >= 2 + warm_up:
            times.append((time.perf_counter() - started) * 1000)
    return times


def hover_during_check(lsp: LspClient, uri: str, size: int, rounds: int) -> list[float]:
    """Milliseconds for hovers answered while a 1 MB document is being checked."""
    text = story_of_size(size)
    lsp.open(uri, text)
    first = lsp.diagnostics(uri, version=1)[0]
    times: list[float] = []
    for version in range(2, 2 + rounds):
        lsp.change(uri, version, [{"range": edit_range(0, 0, 0, 0), "text": "A "}])
        started = time.perf_counter()
        lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                           "position": first["range"]["start"]})
        times.append((time.perf_counter() - started) * 1000)
        lsp.diagnostics(uri, version=version)
    return times


def engine_only(text: str, rounds: int) -> list[float]:
    """Milliseconds for `Run.check_data` alone on the same story, in this process: the share of
    the latency that is checking rather than protocol."""
    from copylint.api import build_run
    from copylint.config import Config

    run = build_run(Config())
    times = []
    for _ in range(rounds + 5):
        started = time.perf_counter()
        run.check_data(text, "story.txt")
        times.append((time.perf_counter() - started) * 1000)
    return times[5:]


def report(label: str, times: list[float]) -> None:
    print(f"{label}: n={len(times)} median {statistics.median(times):.1f} ms, "
          f"p90 {percentile(times, 0.90):.1f} ms, p99 {percentile(times, 0.99):.1f} ms, "
          f"max {max(times):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=20)
    parser.add_argument("--big", type=int, default=1_000_000, help="bytes of the large document")
    parser.add_argument("--hovers", type=int, default=20)
    args = parser.parse_args()
    text = story(args.words)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        lsp = LspClient(cwd=root)
        try:
            lsp.initialize(root)
            times = edit_latency(lsp, (root / "story.txt").as_uri(), text, args.edits,
                                 args.warm_up)
            report(f"didChange -> publishDiagnostics, {len(text.split()):,} words "
                   f"({len(text.encode()):,} bytes)", times)
            report("the check alone (Run.check_data in-process)", engine_only(text, args.edits))
            hovers = hover_during_check(lsp, (root / "big.txt").as_uri(), args.big, args.hovers)
            report(f"hover while a {args.big:,}-byte document is checked", hovers)
            lsp.shutdown()
        finally:
            lsp.kill()


if __name__ == "__main__":
    main()
