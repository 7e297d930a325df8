"""What the word checks (names, spelling, spun phrases) cost in a default run, side by side.

Usage (from the repository root)::

    python benchmarks/words_share.py /tmp/corpus [--repeat 5]

Runs `copylint check -j 1 --format json` over the corpus (a directory of text files, such as the
unpacked shared corpus-10mb.tar.gz) as a subprocess, alternately with every default rule and
with the word checks ignored (`--ignore names,spelling,spun,ap.names`), `--repeat` times each,
and reports the median CPU time (user + system, from `os.wait4`) and wall time of each, and the
word checks' share of the default run. CPU time is the steadier figure on a shared machine.
Also times loading the names and spelling data in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORD_CHECKS = "names,spelling,spun,ap.names"
LOAD = (
    "import copylint.checks.collocations, copylint.gazetteer, copylint.spelling, time;"
    "t = time.perf_counter();"
    "from copylint.gazetteer import load_gazetteer; load_gazetteer();"
    "g = time.perf_counter();"
    "from copylint.spelling import load_spelling; load_spelling();"
    "s = time.perf_counter();"
    "from copylint.checks.collocations import load_variants; load_variants();"
    "c = time.perf_counter();"
    "print(f'{(g - t) * 1e3:.1f} {(s - g) * 1e3:.1f} {(c - s) * 1e3:.1f}')"
)


def run(args: list[str]) -> tuple[float, float]:
    """(cpu seconds, wall seconds) of one child process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"copylint failed: {' '.join(args)}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    base = [sys.executable, "-m", "copylint", "check", "-j", "1", "--fail-on", "never", "-q",
            "--format", "json", str(args.corpus)]
    runs: dict[str, list[tuple[float, float]]] = {"all": [], "without": []}
    for _ in range(args.repeat):
        runs["all"].append(run(base))
        runs["without"].append(run([*base, "--ignore", WORD_CHECKS]))
    cpu = {k: statistics.median(c for c, _ in v) for k, v in runs.items()}
    wall = {k: statistics.median(w for _, w in v) for k, v in runs.items()}
    for key in runs:
        print(f"{key:8} cpu {cpu[key]:6.2f} s   wall {wall[key]:6.2f} s")
    print(f"word checks: {cpu['all'] - cpu['without']:.2f} s cpu, "
          f"{(cpu['all'] - cpu['without']) / cpu['all']:.0%} of the default run "
          f"(wall: {(wall['all'] - wall['without']) / wall['all']:.0%})")
    loads = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)}, check=True).stdout
        loads.append([float(x) for x in out.split()])
    names, spelling, spun = (statistics.median(column) for column in zip(*loads, strict=True))
    print(f"load (ms, median): gazetteer {names:.1f}, spelling {spelling:.1f}, spun {spun:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
