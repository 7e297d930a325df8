"""Throughput of the HTML and Markdown readers against plain text, through the CLI.

    python benchmarks/formats.py ../shared/bench/corpus-10mb.tar.gz [--repeat 3] [--jobs 1]

Converts every story of the corpus to an HTML page (paragraphs in <p>, typographic characters as
entities, a <title>, a <script> to skip) and to Markdown (YAML front matter with the headline),
then times `copylint check` over each version in one run and prints MB/s and the ratio to text.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENTITIES = {"“": "&ldquo;", "”": "&rdquo;", "’": "&rsquo;", "—": "&mdash;", "é": "&eacute;"}


def _escape(text: str) -> str:
    return re.sub("[“”’—é]", lambda m: ENTITIES[m.group()], html.escape(text, quote=False))


def convert(source: Path, html_dir: Path, markdown_dir: Path) -> None:
    """Write an HTML and a Markdown version of every .txt story in `source`."""
    html_dir.mkdir()
    markdown_dir.mkdir()
    for story in sorted(source.glob("*.txt")):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", story.read_text("utf-8")) if p.strip()]
        title = paragraphs[0].splitlines()[0][:80] if paragraphs else ""
        body = "\n".join(f"<p>{_escape(p)}</p>" for p in paragraphs)
        page = (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                f"<title>{_escape(title)}</title>\n<script>var x = 1;</script>\n</head>\n"
                f"<body>\n<article>\n{body}\n</article>\n</body>\n</html>\n")
        (html_dir / f"{story.stem}.html").write_text(page, encoding="utf-8")
        front = f"---\nheadline: {title!r}\n---\n\n"
        (markdown_dir / f"{story.stem}.md").write_text(front + "\n\n".join(paragraphs) + "\n",
                                                       encoding="utf-8")


def timed(directory: Path, jobs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "copylint", "check", "--fail-on", "never",
                           "--format", "json", "-j", str(jobs), "-q", str(directory)],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"copylint failed on {directory}: {done.stderr.strip()}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a directory of .txt files or a .tar.gz of one")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = options.corpus
        if corpus.is_file():
            with tarfile.open(corpus) as archive:
                archive.extractall(Path(scratch) / "text", filter="data")
            corpus = next(p.parent for p in (Path(scratch) / "text").rglob("*.txt"))
        versions = {"text": corpus, "html": Path(scratch) / "html",
                    "markdown": Path(scratch) / "markdown"}
        convert(corpus, versions["html"], versions["markdown"])
        walls: dict[str, list[float]] = {name: [] for name in versions}
        for _ in range(options.repeat):
            for name, directory in versions.items():
                walls[name].append(timed(directory, options.jobs))
        print(f"one run, -j {options.jobs}, median of {options.repeat}\n")
        print("| format | MB | wall s | MB/s | vs text |")
        print("|---|---:|---:|---:|---:|")
        base = statistics.median(walls["text"])
        for name, directory in versions.items():
            size = sum(p.stat().st_size for p in directory.iterdir()) / 1e6
            wall = statistics.median(walls[name])
            print(f"| {name} | {size:.1f} | {wall:.2f} | {size / wall:.2f} | {wall / base:.2f}x |")


if __name__ == "__main__":
    main()
