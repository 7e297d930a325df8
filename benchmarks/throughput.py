r"""Throughput benchmark: copylint in one and two processes, a plain tokenizing pass and proselint,
side by side on a corpus of text files.

Usage (from the repository root)::

    python benchmarks/throughput.py /work/shared/bench/corpus-10mb.tar.gz
    python benchmarks/throughput.py CORPUS --tools proselint --repeat 1
    python benchmarks/throughput.py CORPUS --tools copylint,tokenize --json out.json
    python benchmarks/throughput.py CORPUS --copylint-args=--ignore=names
    python benchmarks/throughput.py CORPUS --compare ../before   # another checkout, same run

Tools: ``copylint-j1`` and ``copylint-j2`` (``-j 1`` and ``-j 2``), ``copylint`` (its default
job count), ``tokenize`` (the yardstick for a loaded machine: one process that reads every file
and runs ``regex.finditer(r"\w+")`` over it, doing nothing else) and ``proselint``. Each copylint
tool is also reported as a multiple of the tokenizing pass's time in the same run: on a shared
machine, where absolute times drift with the load, that ratio is the steady figure (5 MB/s is
the tokenizing pass's MB/s divided by 5: one process should take at most that multiple of it).
``--compare PATH`` runs the copylint tools of another checkout too (named ``...@before``).

CORPUS is a directory of UTF-8 text files (searched recursively) or a tar
archive such as ``corpus-10mb.tar.gz``, unpacked into a temporary directory.

For every tool and every repeat the tool runs as one subprocess over all the
files; runs of the tools are interleaved and the median of ``--repeat`` runs is
reported.  Wall time is measured with ``time.perf_counter`` and the child's
peak RSS with ``os.wait4`` (``ru_maxrss``).  MB/s is total bytes / 1e6 / wall
seconds.  One ~5 KB story (``--single``, by default the first corpus file of
4.5-5.5 KB) is also timed per tool: median of 5 runs, interpreter start-up
included.

copylint runs as ``<python> -m copylint check --fail-on never --format json
<dir> [--copylint-args]`` with the repository root prepended to PYTHONPATH;
exit status 2 aborts the benchmark with copylint's stderr.

proselint 0.16.0 lives in a virtualenv of its own, so that it does not pollute
the project's environment::

    python3 -m venv /tmp/bench-venvs/proselint
    /tmp/bench-venvs/proselint/bin/pip install proselint==0.16.0

It runs as ``proselint check --output-format json FILE...``: an explicit file
list, because given a directory proselint 0.16 silently skips files whose
names do not end in .txt, .md, .html, .tex, .rtf or .markdown.  Its exit status
is 1 when it finds problems; 2 (usage), 3 (interrupted), 4 (error), a signal, a
traceback on stderr, or a per-file error in its JSON output count as failures.

Notes:
- Peak RSS follows Linux ``wait4`` semantics: the maximum over the child and
  its reaped descendants, i.e. the largest single process, not a sum across
  worker processes (relevant to ``--copylint-args "-j 2"``).
- Tool output goes to a temporary file (writing it is part of the cost) and is
  parsed afterwards to check the run and count findings.
- Subprocesses run in a scratch directory, so no configuration file in the
  current directory is picked up.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROSELINT = Path("/tmp/bench-venvs/proselint/bin/proselint")
SINGLE_RUNS = 5
SINGLE_MIN_BYTES, SINGLE_MAX_BYTES = 4500, 5500
ALL_TOOLS = ("copylint-j1", "copylint-j2", "copylint", "tokenize", "proselint")
DEFAULT_TOOLS = ("copylint-j1", "copylint-j2", "tokenize", "proselint")
#: the yardstick: read every file of the corpus and run regex's word pattern over it
TOKENIZE = (
    "import json, pathlib, regex, sys\n"
    "count = 0\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*')):\n"
    "    if path.is_file():\n"
    "        for _ in regex.finditer(r'\\w+', path.read_bytes().decode('utf-8')):\n"
    "            count += 1\n"
    "print(json.dumps({'tokens': count}))\n")
# copylint's stderr summary: "... in 33 of 40 files checked" (optional, not a contract)
COPYLINT_FILES_CHECKED = re.compile(r"\b(\d+) files? checked")
PROSELINT_INSTALL = (
    "proselint not found at {path}; install it in its own venv with:\n"
    "    python3 -m venv /tmp/bench-venvs/proselint\n"
    "    /tmp/bench-venvs/proselint/bin/pip install proselint==0.16.0\n"
    "or pass --proselint-bin PATH.  Skipping proselint."
)


@dataclass
class Corpus:
    """The files to lint and the single story to time alone."""

    directory: Path
    files: list[Path]
    total_bytes: int
    single: Path


class BenchError(RuntimeError):
    """A tool run failed in a way that makes the measurement meaningless."""


@dataclass
class RunResult:
    """Outcome of one subprocess run."""

    wall_s: float
    cpu_s: float
    maxrss_kib: int
    returncode: int
    stdout: Path
    stderr: str


@dataclass
class Tool:
    """How to run and validate one linter."""

    name: str
    corpus_cmd: list[str]
    single_cmd: Callable[[Path], list[str]]
    validate: Callable[[RunResult, int], int]
    env: dict[str, str] | None = None
    version: str = "?"


@dataclass
class ToolReport:
    """Measurements for one tool."""

    tool: str
    version: str
    command: str
    single_command: str
    wall_s: list[float] = field(default_factory=list)
    cpu_s: list[float] = field(default_factory=list)
    maxrss_mib: list[float] = field(default_factory=list)
    single_wall_s: list[float] = field(default_factory=list)
    findings: int = 0

    @property
    def median_wall(self) -> float:
        """Median wall time over the corpus runs, in seconds."""
        return statistics.median(self.wall_s)

    @property
    def median_cpu(self) -> float:
        """Median CPU time (user + system, the process and its workers) over the corpus runs."""
        return statistics.median(self.cpu_s)

    @property
    def median_rss(self) -> float:
        """Median peak RSS over the corpus runs, in MiB."""
        return statistics.median(self.maxrss_mib)

    @property
    def median_single(self) -> float:
        """Median wall time for the single file, in seconds."""
        return statistics.median(self.single_wall_s)

    def mb_per_s(self, total_bytes: int) -> float:
        """Throughput in MB/s (10**6 bytes) at the median wall time."""
        return total_bytes / 1e6 / self.median_wall


# --- corpus -----------------------------------------------------------------


def unpack(archive: Path, dest: Path) -> Path:
    """Extract a tar archive into ``dest`` and return ``dest``."""
    with tarfile.open(archive, "r:*") as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # Python < 3.11.4
            tar.extractall(dest)
    return dest


def prepare_corpus(corpus: Path, scratch: Path) -> Path:
    """Return the corpus directory, unpacking an archive into ``scratch``."""
    if corpus.is_dir():
        return corpus.resolve()
    if corpus.is_file() and tarfile.is_tarfile(corpus):
        return unpack(corpus, scratch / "corpus")
    raise BenchError(f"corpus {corpus} is neither a directory nor a tar archive")


def list_files(directory: Path) -> list[Path]:
    """Regular files under ``directory``, sorted, skipping hidden files and dirs."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def pick_single(files: Sequence[Path]) -> Path:
    """First file of 4.5-5.5 KB, else the one whose size is closest to 5 KB."""
    for path in files:
        if SINGLE_MIN_BYTES <= path.stat().st_size <= SINGLE_MAX_BYTES:
            return path
    return min(files, key=lambda p: abs(p.stat().st_size - 5000))


# --- running ----------------------------------------------------------------


def run_timed(cmd: Sequence[str], out: Path, cwd: Path, env: dict[str, str] | None) -> RunResult:
    """Run ``cmd`` with stdout to ``out``; return wall time and peak RSS."""
    err_path = out.with_suffix(".stderr")
    with out.open("wb") as stdout, err_path.open("wb") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            cwd=cwd,
            env=env,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return RunResult(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        maxrss_kib=usage.ru_maxrss,
        returncode=proc.returncode,
        stdout=out,
        stderr=err_path.read_text(errors="replace"),
    )


def describe_failure(tool: str, result: RunResult, why: str) -> BenchError:
    """Build an error carrying the tool's stderr and output head."""
    head = result.stdout.read_text(errors="replace")[:2000]
    return BenchError(
        f"{tool} failed ({why}, exit status {result.returncode})\n"
        f"--- stderr ---\n{result.stderr.strip()}\n--- stdout (head) ---\n{head}"
    )


def check_process(tool: str, result: RunResult) -> None:
    """Reject exit statuses other than 0/1 and Python tracebacks on stderr."""
    if result.returncode not in (0, 1):
        raise describe_failure(tool, result, "unexpected exit status")
    if "Traceback (most recent call last)" in result.stderr:
        raise describe_failure(tool, result, "traceback on stderr")


def load_json(tool: str, result: RunResult) -> object:
    """Parse the tool's JSON stdout."""
    try:
        return json.loads(result.stdout.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise describe_failure(tool, result, f"stdout is not JSON: {exc}") from exc


def validate_copylint(result: RunResult, n_files: int) -> int:
    """Check a copylint run (and its file count, if summarised); count findings."""
    check_process("copylint", result)
    data = load_json("copylint", result)
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise describe_failure("copylint", result, "no 'findings' list in JSON")
    summary = COPYLINT_FILES_CHECKED.search(result.stderr)
    if summary and int(summary.group(1)) != n_files:
        why = f"checked {summary.group(1)} files, expected {n_files}"
        raise describe_failure("copylint", result, why)
    return len(data["findings"])


def validate_proselint(result: RunResult, n_files: int) -> int:
    """Check a proselint run (every file linted, no errors); count findings."""
    check_process("proselint", result)
    data = load_json("proselint", result)
    if not isinstance(data, dict) or "result" not in data:
        raise describe_failure("proselint", result, "no 'result' in JSON")
    per_file: dict[str, dict[str, object]] = data["result"]
    errors = [f"{src}: {v['error']}" for src, v in per_file.items() if "error" in v]
    if errors:
        raise describe_failure("proselint", result, "; ".join(errors[:5]))
    if len(per_file) != n_files:
        why = f"linted {len(per_file)} files, expected {n_files}"
        raise describe_failure("proselint", result, why)
    return sum(len(v.get("diagnostics", [])) for v in per_file.values())


# --- tools ------------------------------------------------------------------


def copylint_env(repo: Path = REPO_ROOT) -> dict[str, str]:
    """Environment with the repository root first on PYTHONPATH."""
    env = dict(os.environ)
    parts = [str(repo), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in parts if p)
    return env


def probe_version(cmd: Sequence[str], env: dict[str, str] | None) -> str:
    """Last word printed by a version command (the version), or '?'."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60, check=False)
    except OSError:
        return "?"
    words = (proc.stdout + proc.stderr).split()
    return words[-1] if proc.returncode == 0 and words else "?"


def make_copylint(python: str, corpus: Path, extra: list[str], name: str = "copylint",
                  repo: Path = REPO_ROOT) -> Tool:
    """Run copylint as ``python -m copylint check`` over the corpus directory."""
    base = [python, "-m", "copylint", "check", "--fail-on", "never", "--format", "json"]
    env = copylint_env(repo)
    code = "import copylint; print(getattr(copylint, '__version__', '?'))"
    return Tool(
        name=name,
        corpus_cmd=[*base, str(corpus), *extra],
        single_cmd=lambda f: [*base, str(f), *extra],
        validate=validate_copylint,
        env=env,
        version=probe_version([python, "-c", code], env),
    )


def validate_tokenize(result: RunResult, n_files: int) -> int:
    """Check the tokenizing pass; its "findings" are the number of tokens."""
    check_process("tokenize", result)
    data = load_json("tokenize", result)
    if not isinstance(data, dict) or not isinstance(data.get("tokens"), int):
        raise describe_failure("tokenize", result, "no token count in JSON")
    return data["tokens"]


def make_tokenize(python: str, corpus: Path) -> Tool:
    """The yardstick: read every file and run regex's word pattern over it, in one process."""
    env = copylint_env()
    return Tool(
        name="tokenize",
        corpus_cmd=[python, "-c", TOKENIZE, str(corpus)],
        single_cmd=lambda f: [python, "-c", TOKENIZE.replace("rglob('*')", "parents[0].glob("
                                                          f"{f.name!r})"), str(f)],
        validate=validate_tokenize,
        env=env,
        version=probe_version([python, "-c", "import regex; print(regex.__version__)"], env),
    )


def make_proselint(binary: Path, files: Sequence[Path]) -> Tool | None:
    """Run proselint 0.16 over an explicit file list; None if not installed."""
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        print(PROSELINT_INSTALL.format(path=binary), file=sys.stderr)
        return None
    base = [str(binary), "check", "--output-format", "json"]
    return Tool(
        name="proselint",
        corpus_cmd=[*base, *map(str, files)],
        single_cmd=lambda f: [*base, str(f)],
        validate=validate_proselint,
        version=probe_version([str(binary), "version"], None),
    )


def build_tools(args: argparse.Namespace, corpus: Path, files: list[Path]) -> list[Tool]:
    """Instantiate the requested tools that are available."""
    tools: list[Tool] = []
    extra = shlex.split(args.copylint_args)
    checkouts = [("", REPO_ROOT)] + ([("@before", args.compare)] if args.compare else [])
    for name in args.tools:
        if name.startswith("copylint"):
            jobs = ["-j", name.removeprefix("copylint-j")] if name != "copylint" else []
            tools += [make_copylint(args.python, corpus, [*jobs, *extra], name + label, repo)
                      for label, repo in checkouts]
        elif name == "tokenize":
            tools.append(make_tokenize(args.python, corpus))
        elif (tool := make_proselint(args.proselint_bin, files)) is not None:
            tools.append(tool)
    return tools


# --- measuring --------------------------------------------------------------


def shown(cmd: Sequence[str], keep: int = 6, limit: int = 20) -> str:
    """Shell-quoted command line; a long file list is elided after ``keep`` args."""
    if len(cmd) <= limit:
        return shlex.join(cmd)
    return f"{shlex.join(cmd[:keep])} ... ({len(cmd) - keep} more args)"


def measure_corpus(
    tools: list[Tool],
    reports: dict[str, ToolReport],
    n_files: int,
    repeat: int,
    scratch: Path,
) -> None:
    """Run each tool over the whole corpus ``repeat`` times, interleaved."""
    for i in range(1, repeat + 1):
        for tool in tools:
            out = scratch / f"{tool.name}-{i}.out"
            result = run_timed(tool.corpus_cmd, out, scratch, tool.env)
            findings = tool.validate(result, n_files)
            report = reports[tool.name]
            report.wall_s.append(result.wall_s)
            report.cpu_s.append(result.cpu_s)
            report.maxrss_mib.append(result.maxrss_kib / 1024)
            report.findings = findings
            print(
                f"  {tool.name} run {i}/{repeat}: {result.wall_s:.2f} s, cpu {result.cpu_s:.2f} s, "
                f"{result.maxrss_kib / 1024:.0f} MiB, {findings} findings",
                file=sys.stderr,
            )
            out.unlink()


def measure_single(tools: list[Tool], reports: dict[str, ToolReport], single: Path, scratch: Path) -> None:
    """Time each tool on one file, SINGLE_RUNS times."""
    for tool in tools:
        for i in range(SINGLE_RUNS):
            out = scratch / f"{tool.name}-single-{i}.out"
            result = run_timed(tool.single_cmd(single), out, scratch, tool.env)
            tool.validate(result, 1)
            reports[tool.name].single_wall_s.append(result.wall_s)
        median = reports[tool.name].median_single
        print(f"  {tool.name} single file: {median:.3f} s", file=sys.stderr)


# --- reporting --------------------------------------------------------------


def machine_info(python: str) -> dict[str, str]:
    """nproc, CPU model, Python version of the measured interpreter, date."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    code = "import platform; print(platform.python_version())"
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "python": probe_version([python, "-c", code], None),
        "platform": platform.platform(),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def ratio_lines(reports: dict[str, ToolReport], total: int) -> list[str]:
    """Each copylint tool against proselint, and against the tokenizing pass of the same run."""
    copylints = [r for name, r in reports.items() if name.startswith("copylint")]
    lines = []
    if "proselint" in reports:
        lines += [f"{r.tool} / proselint throughput ratio: "
                  f"{reports['proselint'].median_wall / r.median_wall:.1f}x" for r in copylints]
    if "tokenize" in reports:
        yardstick = reports["tokenize"]
        lines.append(f"tokenizing pass: {yardstick.mb_per_s(total):.1f} MB/s; 5 MB/s and 10 MB/s "
                     f"are {yardstick.mb_per_s(total) / 5:.2f}x and "
                     f"{yardstick.mb_per_s(total) / 10:.2f}x its time")
        lines += [f"{r.tool}: {r.median_wall / yardstick.median_wall:.2f}x the tokenizing pass's "
                  f"wall time, {r.median_cpu / yardstick.median_cpu:.2f}x its CPU time"
                  for r in copylints]
    return lines


def markdown(reports: dict[str, ToolReport], corpus: Corpus, machine: dict[str, str], repeat: int) -> str:
    """Render the results as a markdown table plus context lines."""
    total, single = corpus.total_bytes, corpus.single
    rows = [
        "| tool | wall s (median) | CPU s (median) | MB/s | peak RSS MiB | one 5 KB file wall s |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in reports.values():
        rows.append(
            f"| {r.tool} {r.version} | {r.median_wall:.2f} | {r.median_cpu:.2f} "
            f"| {r.mb_per_s(total):.3f} | {r.median_rss:.0f} | {r.median_single:.3f} |"
        )
    return "\n".join(
        [
            *rows,
            "",
            *ratio_lines(reports, total),
            f"corpus: {len(corpus.files)} files, {total:,} bytes; median of {repeat} runs; "
            f"single file: {single.name} ({single.stat().st_size:,} bytes), "
            f"median of {SINGLE_RUNS} runs",
            "findings: " + ", ".join(f"{r.tool} {r.findings}" for r in reports.values()),
            f"machine: nproc {machine['nproc']}, {machine['cpu']}, "
            f"Python {machine['python']}, {machine['date']}",
            "peak RSS: largest single process (wait4 ru_maxrss), not a sum over workers",
            *(f"command ({r.tool}): {r.command}" for r in reports.values()),
        ]
    )


def write_json(out: Path, reports: dict[str, ToolReport], corpus: Corpus, machine: dict[str, str]) -> None:
    """Write all measurements (every run, not only medians) as JSON."""
    total, single = corpus.total_bytes, corpus.single
    tools = {
        name: {
            **asdict(r),
            "median_wall_s": r.median_wall,
            "median_cpu_s": r.median_cpu,
            "mb_per_s": r.mb_per_s(total),
            "median_maxrss_mib": r.median_rss,
            "median_single_wall_s": r.median_single,
        }
        for name, r in reports.items()
    }
    data = {
        "corpus": {"files": len(corpus.files), "bytes": total},
        "single_file": {"name": single.name, "bytes": single.stat().st_size},
        "machine": machine,
        "tools": tools,
        "ratios": ratio_lines(reports, total),
    }
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


# --- main -------------------------------------------------------------------


def parse_tools(value: str) -> list[str]:
    """Parse and validate the --tools comma list."""
    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = sorted(set(names) - set(ALL_TOOLS))
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown tools {unknown}; choose from {','.join(ALL_TOOLS)}")
    return list(dict.fromkeys(names))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line arguments."""
    p = argparse.ArgumentParser(
        description="Measure copylint, a tokenizing pass and proselint throughput on a corpus.",
        epilog='An option-like value needs "=": --copylint-args=-j2',
    )
    p.add_argument("corpus", type=Path, help="directory of text files or .tar.gz")
    p.add_argument("--repeat", type=int, default=3, help="runs per tool (median)")
    p.add_argument(
        "--tools",
        type=parse_tools,
        default=list(DEFAULT_TOOLS),
        help=f"comma list of tools: {', '.join(ALL_TOOLS)} (default: {','.join(DEFAULT_TOOLS)})",
    )
    p.add_argument("--compare", type=Path, help="another copylint checkout to run beside this one")
    p.add_argument(
        "--copylint-args",
        default="",
        help='extra copylint arguments, e.g. "-j 2" or "--ignore names"',
    )
    p.add_argument("--single", type=Path, help="~5 KB file to time alone (default: first 4.5-5.5 KB file)")
    p.add_argument("--json", type=Path, help="also write results to this JSON file")
    p.add_argument(
        "--proselint-bin",
        type=Path,
        default=DEFAULT_PROSELINT,
        help=f"proselint executable (default: {DEFAULT_PROSELINT})",
    )
    p.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter that runs copylint (default: this one)",
    )
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def load_corpus(args: argparse.Namespace, scratch: Path) -> Corpus:
    """Locate (or unpack) the corpus, list its files and pick the single story."""
    directory = prepare_corpus(args.corpus, scratch)
    files = list_files(directory)
    if not files:
        raise BenchError(f"no files in corpus {directory}")
    total = sum(f.stat().st_size for f in files)
    single = (args.single or pick_single(files)).resolve()
    return Corpus(directory, files, total, single)


def run(args: argparse.Namespace, scratch: Path) -> int:
    """Prepare, measure and report; return the exit status."""
    corpus = load_corpus(args, scratch)
    tools = build_tools(args, corpus.directory, corpus.files)
    if not tools:
        print("no tool available to measure", file=sys.stderr)
        return 1
    reports = {
        t.name: ToolReport(t.name, t.version, shown(t.corpus_cmd), shlex.join(t.single_cmd(corpus.single)))
        for t in tools
    }
    print(
        f"corpus: {len(corpus.files)} files, {corpus.total_bytes:,} bytes in {corpus.directory}",
        file=sys.stderr,
    )
    measure_single(tools, reports, corpus.single, scratch)
    measure_corpus(tools, reports, len(corpus.files), args.repeat, scratch)
    machine = machine_info(args.python)
    print(markdown(reports, corpus, machine, args.repeat))
    if args.json:
        write_json(args.json, reports, corpus, machine)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="copylint-bench-") as tmp:
        try:
            return run(args, Path(tmp))
        except BenchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2


if __name__ == "__main__":
    sys.exit(main())
