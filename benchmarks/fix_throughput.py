"""Fixing against checking: how fast `copylint check --fix` runs beside `copylint check`.

Usage (from the repository root)::

    python benchmarks/fix_throughput.py /work/shared/bench/corpus-10mb.tar.gz [--repeat 3] [-j 1]

Each repeat copies the corpus into a fresh scratch folder and times, interleaved, one process
over all the files for: `check` (findings only), `check --fix` (safe fixes written in place) and
`check --fix --unsafe-fixes`. Wall time with `time.perf_counter`; the median of the repeats is
reported with MB/s and the ratio to `check` (the issue's floor: fixing at no less than half the
speed of checking). Fixes are written, so every repeat starts from a pristine copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODES = {"check": [], "fix": ["--fix"], "fix-unsafe": ["--fix", "--unsafe-fixes"]}


def corpus_dir(source: Path, scratch: Path) -> Path:
    if source.is_dir():
        return source
    target = scratch / "corpus"
    with tarfile.open(source) as archive:
        archive.extractall(target, filter="data")
    return target


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def timed(folder: Path, mode: str, jobs: int) -> float:
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    command = [sys.executable, "-m", "copylint", "check", "-q", "--fail-on", "never",
               "--format", "json", "-j", str(jobs), *MODES[mode], str(folder)]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                          cwd=folder.parent, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"copylint {mode} failed: {done.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        pristine = corpus_dir(args.corpus, scratch)
        total = size_of(pristine)
        times: dict[str, list[float]] = {mode: [] for mode in MODES}
        for _ in range(args.repeat):
            for mode in MODES:
                work = scratch / f"work-{mode}"
                shutil.rmtree(work, ignore_errors=True)
                shutil.copytree(pristine, work)
                times[mode].append(timed(work, mode, args.jobs))
    base = statistics.median(times["check"])
    print(f"{total:,} bytes, -j {args.jobs}, median of {args.repeat}")
    for mode, runs in times.items():
        median = statistics.median(runs)
        print(f"{mode:<11} {median:7.2f} s  {total / 1e6 / median:6.2f} MB/s  "
              f"speed vs check {base / median:5.2f}")


if __name__ == "__main__":
    main()
