"""The long fuzz run: every reader and every reporter on mutated fixtures, for minutes.

    python tools/fuzz/run.py --minutes 10                 # until ten minutes have passed
    python tools/fuzz/run.py --examples 20000 --out /tmp/fuzz

Runs the properties of tools/fuzz/fuzzing.py in batches of random examples (hypothesis, each
failure shrunk to a small input), stops each example that takes longer than --hang seconds,
writes every distinct failure (its exception and the smallest input found) to --out, and prints
examples, minutes and failures at the end. The exit status is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import signal
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fuzzing import cases, check_case
from hypothesis import HealthCheck, given, seed, settings


class Hang(Exception):
    """An example ran past the time allowed."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def run_batch(size: int, hang: float, tally: dict[str, int],
              failing: list[tuple[str, str, bytes]]) -> None:
    """One batch of `size` random examples; raises (after shrinking) on a failure."""

    @seed(random.getrandbits(64))
    @settings(max_examples=size, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(cases())
    def example(case: tuple[str, str, bytes]) -> None:
        tally["examples"] += 1
        signal.setitimer(signal.ITIMER_REAL, hang)
        try:
            check_case(*case)
        except BaseException:
            failing.append(case)
            raise
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    example()


def _key(error: BaseException) -> str:
    """Where a failure comes from: its type and the last frame of its traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__name__}{where}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="stop after this long")
    parser.add_argument("--examples", type=int, default=0, help="stop after this many (0: no limit)")
    parser.add_argument("--batch", type=int, default=200, help="examples per hypothesis run")
    parser.add_argument("--hang", type=float, default=20.0, help="seconds one example may take")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"),
                        help="folder for the failures found")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    start = time.monotonic()
    tally = {"examples": 0, "failures": 0}
    seen: set[str] = set()
    while time.monotonic() - start < args.minutes * 60 and (
            not args.examples or tally["examples"] < args.examples):
        failing: list[tuple[str, str, bytes]] = []
        try:
            run_batch(args.batch, args.hang, tally, failing)
        except Exception as error:  # a property failed: record it, go on
            errors = getattr(error, "exceptions", None) or [error]  # hypothesis groups distinct ones
            keys = {_key(one) for one in errors} - seen
            if not keys:
                continue
            seen.update(keys)
            tally["failures"] += len(keys)
            key = ", ".join(sorted(keys))
            name, fmt, data = failing[-1] if failing else ("?", "?", b"")
            args.out.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:12]
            (args.out / f"{digest}.input").write_bytes(data)
            (args.out / f"{digest}.txt").write_text(
                f"{key}\nname: {name!r}\nformat: {fmt}\n\n"
                + "".join(traceback.format_exception(error)), encoding="utf-8")
            print(f"failure: {key} ({fmt}, {len(data)} bytes): {args.out / digest}.txt", flush=True)
    minutes = (time.monotonic() - start) / 60
    print(f"{tally['examples']} examples in {minutes:.1f} minutes: {tally['failures']} distinct "
          "failures")
    return 1 if tally["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
