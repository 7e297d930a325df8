"""Scaling: the same text as one file of growing size, and 10 MB cut into 1, 10 and 2,000 files.

Usage (from the repository root)::

    python benchmarks/scaling.py /tmp/corpus                 # 1, 2, 5, 10 MB; 10 MB as 1/10/2000
    python benchmarks/scaling.py /tmp/corpus --big 50        # ... and 50 MB files of stories
    python benchmarks/scaling.py /tmp/corpus --sizes 1,2 --layouts ""   # a quick look

CORPUS is a directory of text files (the unpacked shared corpus-10mb.tar.gz). The single files
are made of the corpus files in name order, joined by a blank line, cut at a file boundary once
the size is reached (the 50 MB file repeats the corpus). Every case runs `copylint check -j 1
--format json` as one subprocess (the repository on PYTHONPATH, every default pack), `--repeat`
times; the median CPU time (user + system, `os.wait4`), wall time and peak RSS are reported, with
the CPU time per MB, which stays flat when the cost is linear in the size of a file.

`--big N` adds files of N MB that hold many stories, checked story by story (see
copylint/multistory.py): a plain-text dump with a line holding only a form feed between stories,
the same stories as plain text with no form feed (one story, checked in segments of 128 KiB),
JSON Lines of ninjs items, an IPTC 7901 stream and a NewsML-G2 news message, one run each, with
their peak RSS (memory bounded by the largest story or segment, not the file).

The output is checked (exit 0 or 1, a `findings` list); the number of findings of each case is
printed too (the same text gives nearly the same findings however it is cut: a file boundary
changes what a story's first line is).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000


def texts(corpus: Path) -> list[str]:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [p.read_text(encoding="utf-8") for p in files]


def joined(stories: list[str], size: int) -> str:
    """The stories in order (repeated when needed), joined by a blank line, up to `size` bytes."""
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        story = stories[index % len(stories)].strip("\n")
        parts.append(story)
        total += len(story.encode("utf-8")) + 2
        index += 1
    return "\n\n".join(parts) + "\n"


def split_into(text: str, count: int, directory: Path) -> Path:
    """`text` cut at blank lines into `count` files of about the same size."""
    directory.mkdir(parents=True)
    pieces = text.split("\n\n")
    target = len(text) / count
    current: list[str] = []
    size = 0
    number = 0
    for piece in pieces:
        current.append(piece)
        size += len(piece) + 2
        if size >= target and number < count - 1:
            (directory / f"part-{number:04d}.txt").write_text("\n\n".join(current) + "\n",
                                                             encoding="utf-8")
            number, current, size = number + 1, [], 0
    if current:
        (directory / f"part-{number:04d}.txt").write_text("\n\n".join(current) + "\n",
                                                         encoding="utf-8")
    return directory


def dumps(stories: list[str], size: int, directory: Path) -> list[tuple[str, Path]]:
    """Files of `size` bytes or a little more holding the stories (repeated when needed), one
    for each multi-story format."""
    import json

    texts, total, index = [], 0, 0
    while total < size:
        story = stories[index % len(stories)].strip("\n")
        texts.append(story)
        total += len(story.encode("utf-8")) + 8
        index += 1
    headline = [story.split("\n", 1)[0][:80] for story in texts]
    files = {
        "text dump": ("dump.txt", "\n\f\n".join(texts) + "\n"),
        "text, no form feeds (segments)": ("archive.txt", "\n\n".join(texts) + "\n"),
        "JSON Lines": ("feed.jsonl", "".join(
            json.dumps({"type": "text", "headline": title, "body_text": body},
                       ensure_ascii=False) + "\n" for title, body in zip(headline, texts,
                                                                          strict=True))),
        "IPTC 7901": ("wire.7901", "".join(
            f"\x16\x16\x01a{n % 10000:04d} r i BC-Story 04-07 0300\r\n\x02{title}\r\n"
            + "".join(f"\t{line}\r\n" for line in body.splitlines() if line.strip())
            + "\x03\r\nAP-NY-04-07-24 1200EDT\x04"
            for n, (title, body) in enumerate(zip(headline, texts, strict=True)))),
        "NewsML-G2": ("message.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>\n'
                      + "".join(
                          f'<newsItem guid="urn:x:{n}" standard="NewsML-G2" standardversion="2.33">'
                          f"<contentMeta><headline>{_xml(title)}</headline></contentMeta>"
                          f'<contentSet><inlineData contenttype="text/plain">{_xml(body)}'
                          "</inlineData></contentSet></newsItem>\n"
                          for n, (title, body) in enumerate(zip(headline, texts, strict=True)))
                      + "</itemSet></newsMessage>\n"),
    }
    made = []
    for label, (name, content) in files.items():
        path = directory / name
        path.write_text(content, encoding="utf-8")
        made.append((label, path))
    return made


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_once(target: Path, extra: list[str]) -> tuple[float, float, float, int]:
    """(cpu s, wall s, peak RSS MiB, findings) of one `copylint check` over `target`."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "copylint", "check", "-j", "1", "--fail-on", "never", "-q",
           "--format", "json", str(target), *extra]
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        error = child.stderr.read().decode(errors="replace") if child.stderr else ""
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"copylint failed ({code}) on {target}: {error.strip()[:2000]}")
        out.seek(0)
        findings = _count_findings(out)
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, findings


def _count_findings(out) -> int:
    """The findings of copylint's JSON output (one a line), counted without loading them: Linux
    carries a process's peak RSS across fork and exec, so a benchmark that held 75,000 parsed
    findings would see every later child's peak as at least its own."""
    count, summary = 0, False
    for line in out:
        count += line.startswith(b"  {")
        summary = summary or line.startswith(b'"summary": ')
    if not summary:
        raise SystemExit("copylint's JSON output has no summary: it was cut short")
    return count


def measure(label: str, target: Path, size: int, repeat: int, extra: list[str]) -> dict:
    runs = [run_once(target, extra) for _ in range(repeat)]
    cpu = statistics.median(r[0] for r in runs)
    wall = statistics.median(r[1] for r in runs)
    rss = statistics.median(r[2] for r in runs)
    row = {"case": label, "mb": size / MB, "cpu_s": cpu, "wall_s": wall, "rss_mib": rss,
           "findings": runs[-1][3], "cpu_s_per_mb": cpu / (size / MB)}
    print(f"| {label} | {size / MB:.1f} | {cpu:.2f} | {wall:.2f} | {cpu / (size / MB):.3f} "
          f"| {rss:.0f} | {runs[-1][3]} |", flush=True)
    return row


def make_files(corpus: Path, scratch: Path, sizes: list[int], layouts: list[int],
               big: int) -> list[tuple[str, str, int]]:
    """Write every case's file or folder; (case, path, bytes) for each, in order."""
    stories = texts(corpus)
    cases = []
    for size in sizes:
        text = joined(stories, size * MB)
        path = scratch / f"one-{size}mb.txt"
        path.write_text(text, encoding="utf-8")
        cases.append((f"{size} MB, one file", str(path), len(text.encode())))
    if layouts:
        ten = joined(stories, 10 * MB)
        for count in layouts:
            folder = split_into(ten, count, scratch / f"ten-{count}")
            cases.append((f"10 MB, {count} files", str(folder), len(ten.encode())))
    if big:
        for label, path in dumps(stories, big * MB, scratch):
            cases.append((f"{big} MB, {label}", str(path), path.stat().st_size))
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", default="1,2,5,10", help="MB sizes of the single files")
    parser.add_argument("--layouts", default="10,2000",
                        help="10 MB cut into this many files (besides one file)")
    parser.add_argument("--big", type=int, default=0, help="also one file of this many MB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the rows here too")
    parser.add_argument("--copylint-args", default="", help="extra copylint arguments")
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)  # the files, in a child
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    layouts = [int(c) for c in args.layouts.split(",") if c]
    if args.make:
        cases = make_files(args.corpus, args.make, sizes, layouts, args.big)
        print(json.dumps(cases))
        return 0
    extra = args.copylint_args.split()
    rows = []
    print("| case | MB | CPU s | wall s | CPU s / MB | peak RSS MiB | findings |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="copylint-scaling-") as tmp:
        # the files are made by a child process: a process started from this one counts this
        # one's memory in its peak RSS (Linux records it at exec), so this one stays small
        made = subprocess.run([sys.executable, __file__, str(args.corpus), "--make", tmp,
                               "--sizes", args.sizes, "--layouts", args.layouts,
                               "--big", str(args.big)], capture_output=True, text=True,
                              check=True)
        for label, path, size in json.loads(made.stdout):
            repeat = 1 if label.startswith(f"{args.big} MB, ") and args.big else args.repeat
            rows.append(measure(label, Path(path), size, repeat, extra))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
