"""`copylint batch` on Dask against `copylint check -j N`, side by side in one run.

Usage (from the repository root, with `pip install -e '.[dask]'`)::

    python benchmarks/batch_throughput.py /work/shared/bench/corpus-10mb.tar.gz
    python benchmarks/batch_throughput.py CORPUS --megabytes 100 --repeat 3 --json out.json

CORPUS (a directory of text files, or a tar archive such as ``corpus-10mb.tar.gz``) is copied
(hard links) as many times as it takes to reach ``--megabytes`` into a scratch directory. Each
configuration runs as one subprocess over that directory, interleaved, median of ``--repeat``:

- ``copylint check -j 1`` and ``-j 2``, JSON output (to /dev/null);
- ``copylint batch --workers 1`` and ``--workers 2`` (a local cluster of worker processes, one
  thread each), JSON Lines output, ``--partition-size`` files a task.

MB/s is bytes / 1e6 / wall seconds, start-up included. The batch start-up (interpreter, the
local cluster and its workers, building the run on each) is measured by a batch run over one
file; "steady MB/s" leaves it out. Scaling efficiency is the 2-worker throughput over twice the
1-worker throughput; overhead is batch time over check's with the same number of processes, in
wall time and in CPU time (user + system of the command and every process it started and
waited for: the steadier figure on a loaded machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def unpack(corpus: Path, scratch: Path) -> Path:
    if corpus.is_dir():
        return corpus
    target = scratch / "corpus"
    target.mkdir()
    with tarfile.open(corpus) as archive:
        archive.extractall(target, filter="data")
    return target


def replicate(source: Path, target: Path, megabytes: int) -> tuple[int, int]:
    """Hard-link copies of `source` under `target` until `megabytes` are reached: (files, bytes)."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in files)
    copies = max(1, round(megabytes * 1_000_000 / size))
    for copy in range(copies):
        for path in files:
            destination = target / f"copy-{copy:02d}" / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, destination)
            except OSError:
                shutil.copyfile(path, destination)
    return len(files) * copies, size * copies


def timed(command: list[str], scratch: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and the processes it waited for)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=scratch, env=environment, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def commands(data: Path, one_file: Path, scratch: Path,
             partition_size: int) -> dict[str, list[str]]:
    copylint = [sys.executable, "-m", "copylint"]
    check = [*copylint, "check", "--format", "json", "--fail-on", "never", "-q"]
    batch = [*copylint, "batch", "--overwrite", "-q", "--dashboard-address", ":0",
             "--partition-size", str(partition_size)]
    return {
        "check -j 1": [*check, "-j", "1", str(data)],
        "check -j 2": [*check, "-j", "2", str(data)],
        "batch, 1 worker": [*batch, "--workers", "1", "-o", str(scratch / "b1.jsonl"), str(data)],
        "batch, 2 workers": [*batch, "--workers", "2", "-o", str(scratch / "b2.jsonl"), str(data)],
        "batch start-up, 1 worker": [*batch, "--workers", "1", "-o", str(scratch / "s1.jsonl"),
                                     str(one_file)],
        "batch start-up, 2 workers": [*batch, "--workers", "2", "-o", str(scratch / "s2.jsonl"),
                                      str(one_file)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--partition-size", type=int, default=200)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="copylint-batch-bench-") as temporary:
        scratch = Path(temporary)
        corpus = unpack(options.corpus, scratch)
        data = scratch / "data"
        files, size = replicate(corpus, data, options.megabytes)
        one_file = next(p for p in sorted(corpus.rglob("*")) if p.is_file())
        runs = commands(data, one_file, scratch, options.partition_size)
        walls: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(options.repeat):
            for name, command in runs.items():
                wall, cpu = timed(command, scratch)
                walls[name].append(wall)
                cpus[name].append(cpu)
    report(walls, cpus, files, size, options)


def report(walls: dict[str, list[float]], cpus: dict[str, list[float]], files: int, size: int,
           options: argparse.Namespace) -> None:
    median = {name: statistics.median(values) for name, values in walls.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    megabytes = size / 1e6
    rate = {name: megabytes / wall for name, wall in median.items()}
    steady = {workers: megabytes / (median[f"batch, {label}"] - median[f"batch start-up, {label}"])
              for workers, label in ((1, "1 worker"), (2, "2 workers"))}
    figures = {
        "files": files, "bytes": size, "repeat": options.repeat,
        "partition_size": options.partition_size, "cpus": os.cpu_count(),
        "wall_s": median, "cpu_s": cpu, "runs_wall_s": walls, "runs_cpu_s": cpus,
        "mb_per_s": rate, "steady_mb_per_s": steady,
        "scaling_efficiency": rate["batch, 2 workers"] / (2 * rate["batch, 1 worker"]),
        "steady_scaling_efficiency": steady[2] / (2 * steady[1]),
        "overhead_vs_check_j1": median["batch, 1 worker"] / median["check -j 1"] - 1,
        "overhead_vs_check_j2": median["batch, 2 workers"] / median["check -j 2"] - 1,
        "cpu_overhead_vs_check_j1": cpu["batch, 1 worker"] / cpu["check -j 1"] - 1,
        "cpu_overhead_vs_check_j2": cpu["batch, 2 workers"] / cpu["check -j 2"] - 1,
        "load_average": os.getloadavg(),
    }
    print(f"{files} files, {megabytes:.1f} MB, median of {options.repeat}, "
          f"{os.cpu_count()} CPUs, {options.partition_size} files a partition\n")
    print("| run | wall s (runs) | MB/s | CPU s |\n|---|---:|---:|---:|")
    for name, wall in median.items():
        each = ", ".join(f"{value:.1f}" for value in walls[name])
        print(f"| {name} | {wall:.2f} ({each}) | {rate[name]:.2f} | {cpu[name]:.1f} |")
    print(f"\nsteady MB/s (start-up left out): 1 worker {steady[1]:.2f}, 2 workers {steady[2]:.2f}")
    print(f"scaling efficiency, 2 workers: {figures['scaling_efficiency']:.0%} "
          f"(steady {figures['steady_scaling_efficiency']:.0%})")
    print(f"overhead against check, wall: 1 process {figures['overhead_vs_check_j1']:+.0%}, "
          f"2 processes {figures['overhead_vs_check_j2']:+.0%}; CPU: 1 process "
          f"{figures['cpu_overhead_vs_check_j1']:+.0%}, 2 processes "
          f"{figures['cpu_overhead_vs_check_j2']:+.0%}")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
