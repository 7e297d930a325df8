"""Score copylint on the real evaluation set kept outside the repository.

The set (default: $COPYLINT_EVAL or /work/eval) holds real pages, never committed here:

    broken/NNN-slug.txt + .labels.json  {"url", "shape", "layout", "split", "defects": [...]}
    clean/NNN-slug.txt  + .labels.json  {"url", "agency", "layout", "split", "accepted": [...]}

A defect or accepted entry is {"class", "line", "text", ...}: `text` is the exact substring an editor
marks on that 1-based line. The pages are checked by copylint's own CLI (`check --format json`,
in-process through click's CliRunner), so the figures are those of the path a user runs.

    python benchmarks/real_eval.py --split dev
    python benchmarks/real_eval.py --split heldout --json heldout.json --show-misses --show-fps
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

CLASSES = ("punctuation", "furniture", "truncation", "quotes", "glued", "encoding", "house", "names",
           "garbled", "spelling")

# Which defect classes a rule may fairly claim, by rule-id prefix (the longest prefix wins), with
# keyword fallbacks for rules added after this table. "any rule" recall ignores this table.
RULE_CLASSES: dict[str, tuple[str, ...]] = {
    "punctuation.": ("punctuation",),
    "punctuation.quote-stack": ("quotes", "punctuation"),
    "punctuation.missing-space": ("punctuation", "glued"),
    "garble.self-reference": ("garbled",),
    "garble.lowercase-restart": ("punctuation", "garbled"),
    "garble.doubled-word": ("garbled", "punctuation"),
    "garble.feed-truncation": ("truncation",),
    "garble.truncated-headline": ("truncation", "furniture"),
    "garble.": ("garbled",),
    "quotes.": ("quotes",),
    "scrape.": ("furniture",),
    "names.": ("names",),
    "consistency.": ("names", "spelling", "house"),
    "ap.names": ("names", "house"),
    "ap.": ("house",),
    "reuters.": ("house", "names"),
    "languagetool/": ("spelling", "garbled", "punctuation"),
}
RULE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "encod": ("encoding",), "mojibake": ("encoding",), "entity": ("encoding",), "escape": ("encoding",),
    "glue": ("glued",), "split-word": ("glued",), "run-together": ("punctuation", "glued"),
    "truncat": ("truncation",), "furniture": ("furniture",), "caption": ("furniture",),
    "timestamp": ("furniture",), "quot": ("quotes",), "spell": ("spelling",), "typo": ("spelling",),
    "name": ("names",), "dateline": ("house",), "spun": ("garbled",), "colloc": ("garbled",),
}
WORD = re.compile(r"\w+")


@dataclass
class Entry:
    """A labelled defect (broken page) or accepted defect (clean page)."""
    cls: str
    line: int
    text: str
    spans: list[tuple[int, int]]  # 1-based code-point columns on `line`, end exclusive
    found_by: list[str] = field(default_factory=list)


@dataclass
class Page:
    path: Path
    kind: str  # "broken" or "clean"
    meta: dict
    lines: list[str]
    entries: list[Entry]
    findings: list[dict] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.path.name}"

    @property
    def words(self) -> int:
        return sum(len(WORD.findall(line)) for line in self.lines)


class EvalError(Exception):
    """A page or label file that cannot be scored."""


def occurrences(line: str, text: str) -> list[tuple[int, int]]:
    """Every place `text` occurs on `line`, as 1-based (start, end-exclusive) code-point columns."""
    spans, start = [], line.find(text)
    while text and start >= 0:
        spans.append((start + 1, start + 1 + len(text)))
        start = line.find(text, start + 1)
    return spans


def finding_columns(finding: dict, line_no: int, line_len: int) -> tuple[int, int] | None:
    """The columns a finding covers on one line (None when it does not reach that line)."""
    first, last = finding["line"], finding.get("end_line") or finding["line"]
    if not first <= line_no <= last:
        return None
    start = finding["column"] if line_no == first else 1
    end = finding.get("end_column", start) if line_no == last else line_len + 1
    return start, end


def overlaps(finding: dict, entry: Entry, line_len: int) -> bool:
    """Does the finding touch one of the entry's occurrences on its line?"""
    cols = finding_columns(finding, entry.line, line_len)
    if cols is None:
        return False
    start, end = cols
    for span_start, span_end in entry.spans:
        if start == end and span_start <= start <= span_end:
            return True
        if start < span_end and span_start < end:
            return True
    return False


def rule_classes(rule: str) -> tuple[str, ...]:
    """The defect classes a rule id fairly claims."""
    best = max((prefix for prefix in RULE_CLASSES if rule.startswith(prefix)), key=len, default=None)
    if best is not None:
        return RULE_CLASSES[best]
    lowered = rule.lower()
    found = [cls for key, classes in RULE_KEYWORDS.items() if key in lowered for cls in classes]
    return tuple(dict.fromkeys(found))


def load_page(txt: Path, kind: str) -> Page:
    """Read one page and its labels; every label must name a class and text found on its line."""
    labels_path = txt.with_suffix(".labels.json")
    if not labels_path.is_file():
        raise EvalError(f"{labels_path}: missing labels file")
    try:
        meta = json.loads(labels_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{labels_path}: {exc}") from exc
    lines = txt.read_text(encoding="utf-8").splitlines()
    entries = []
    for raw in meta.get("defects" if kind == "broken" else "accepted", []):
        line_no, text, cls = raw.get("line"), raw.get("text", ""), raw.get("class")
        if cls not in CLASSES:
            raise EvalError(f"{labels_path}: unknown class {cls!r}")
        if not isinstance(line_no, int) or not 1 <= line_no <= len(lines):
            raise EvalError(f"{labels_path}: line {line_no!r} is outside {txt.name}")
        spans = occurrences(lines[line_no - 1], text)
        if not spans:
            raise EvalError(f"{labels_path}: {text!r} is not on line {line_no} of {txt.name}")
        entries.append(Entry(cls, line_no, text, spans))
    return Page(txt, kind, meta, lines, entries)


def load_pages(eval_dir: Path, split: str) -> list[Page]:
    """The broken and clean pages of one split ("all" for every page)."""
    pages = []
    for kind in ("broken", "clean"):
        for txt in sorted((eval_dir / kind).glob("*.txt")):
            page = load_page(txt, kind)
            if split == "all" or page.meta.get("split") == split:
                pages.append(page)
    if not pages:
        raise EvalError(f"{eval_dir}: no pages in split {split!r}")
    return pages


def run_copylint(paths: list[Path], house: str, select: Iterable[str], ignore: Iterable[str]) -> list[dict]:
    """Findings of `copylint check --format json` on the paths, run in-process like the CLI."""
    from click.testing import CliRunner

    from copylint.cli import main

    args = ["check", "--format", "json", "--fail-on", "never", "-j", "1", "-q", "--house", house]
    args += [f"--select={ids}" for ids in select] + [f"--ignore={ids}" for ids in ignore]
    result = CliRunner().invoke(main, [*args, *map(str, paths)])
    if result.exit_code not in (0, 1):
        raise EvalError(f"copylint exited {result.exit_code}: {result.stderr.strip() or result.output}")
    return json.loads(result.stdout)["findings"]


def attach(pages: list[Page], findings: list[dict]) -> None:
    """Give each page its findings and each entry the rules of the findings that touch it."""
    by_path = {page.path.resolve(): page for page in pages}
    for finding in findings:
        page = by_path.get(Path(finding["path"]).resolve())
        if page is not None:
            page.findings.append(finding)
    for page in pages:
        for entry in page.entries:
            line_len = len(page.lines[entry.line - 1])
            entry.found_by = [f["rule"] for f in page.findings if overlaps(f, entry, line_len)]


def unmatched(page: Page) -> list[dict]:
    """Findings on a page that touch none of its entries."""
    out = []
    for finding in page.findings:
        hit = any(overlaps(finding, entry, len(page.lines[entry.line - 1])) for entry in page.entries)
        if not hit:
            out.append(finding)
    return out


def _ratio(found: int, total: int) -> dict:
    return {"found": found, "total": total, "recall": round(found / total, 3) if total else None}


def score(pages: list[Page]) -> dict:
    """Recall by class, shape and layout on broken pages; false positives on clean ones."""
    broken = [p for p in pages if p.kind == "broken"]
    clean = [p for p in pages if p.kind == "clean"]
    groups = ("class", "shape", "layout", "split")
    tallies: dict[str, dict[str, Counter]] = {group: defaultdict(Counter) for group in groups}
    for page in broken:
        for entry in page.entries:
            fits = any(set(rule_classes(rule)) & {entry.cls} for rule in entry.found_by)
            keys = {"class": entry.cls, "shape": page.meta.get("shape", "?"),
                    "layout": page.meta.get("layout", "?"), "split": page.meta.get("split", "?")}
            for group, key in keys.items():
                tallies[group][key].update(total=1, any=bool(entry.found_by), fitting=fits)
    everything = Counter()
    for counter in tallies["class"].values():
        everything.update(counter)

    def table(group: str) -> dict:
        return {key: {"any": _ratio(c["any"], c["total"]), "fitting": _ratio(c["fitting"], c["total"])}
                for key, c in sorted(tallies[group].items())}

    stray = Counter(f["rule"] for page in broken for f in unmatched(page))
    false_pos = [(page, f) for page in clean for f in unmatched(page)]
    words = sum(page.words for page in clean)
    return {
        "pages": {"broken": len(broken), "clean": len(clean)},
        "recall": {"overall": {"any": _ratio(everything["any"], everything["total"]),
                               "fitting": _ratio(everything["fitting"], everything["total"])},
                   "by_class": table("class"), "by_shape": table("shape"),
                   "by_layout": table("layout"), "by_split": table("split")},
        "unlabelled_findings": {"total": sum(stray.values()), "by_rule": dict(stray.most_common())},
        "clean": {"words": words, "findings": sum(len(p.findings) for p in clean),
                  "false_positives": len(false_pos),
                  "per_1000_words": round(1000 * len(false_pos) / words, 3) if words else None,
                  "by_rule": dict(Counter(f["rule"] for _, f in false_pos).most_common())},
    }


def misses(pages: list[Page]) -> list[tuple[Page, Entry]]:
    return [(p, e) for p in pages if p.kind == "broken" for e in p.entries if not e.found_by]


def false_positives(pages: list[Page]) -> list[tuple[Page, dict]]:
    return [(p, f) for p in pages if p.kind == "clean" for f in unmatched(p)]


def _pct(ratio: dict) -> str:
    if not ratio["total"]:
        return "-"
    return f"{ratio['found']:>4}/{ratio['total']:<4} {100 * ratio['recall']:5.1f}%"


def render(figures: dict, split: str) -> str:
    """The figures as a plain-text report."""
    out = [f"copylint on the real evaluation set, split {split}: "
           f"{figures['pages']['broken']} broken pages, {figures['pages']['clean']} clean stories", ""]
    recall = figures["recall"]
    for title, group in (("class", "by_class"), ("shape", "by_shape"), ("layout", "by_layout"),
                         ("split", "by_split")):
        out.append(f"{'recall by ' + title:<22} {'any rule':>17}   {'fitting rule':>17}")
        for key, row in recall[group].items():
            out.append(f"  {key:<20} {_pct(row['any']):>17}   {_pct(row['fitting']):>17}")
        out.append("")
    overall = recall["overall"]
    out += [f"{'overall':<22} {_pct(overall['any']):>17}   {_pct(overall['fitting']):>17}", ""]
    stray = figures["unlabelled_findings"]
    out.append(f"unlabelled findings on broken pages: {stray['total']}")
    out += [f"  {count:>4}  {rule}" for rule, count in stray["by_rule"].items()]
    clean = figures["clean"]
    per = clean["per_1000_words"]
    out += ["", f"clean stories: {clean['words']} words, {clean['false_positives']} false positives "
            f"({per if per is not None else '-'} per 1,000 words; {clean['findings']} findings in all)"]
    out += [f"  {count:>4}  {rule}" for rule, count in clean["by_rule"].items()]
    return "\n".join(out)


def render_misses(pages: list[Page]) -> str:
    by_class: dict[str, list[str]] = defaultdict(list)
    for page, entry in misses(pages):
        by_class[entry.cls].append(f"  {page.name}:{entry.line}: {entry.text[:90]}")
    out = ["missed defects, by class:"]
    for cls in CLASSES:
        if by_class[cls]:
            out += [f" {cls} ({len(by_class[cls])})", *by_class[cls]]
    return "\n".join(out)


def render_fps(pages: list[Page]) -> str:
    out = ["false positives on clean stories:"]
    for page, f in false_positives(pages):
        line = page.lines[f["line"] - 1]
        end = f["end_column"] if f.get("end_line", f["line"]) == f["line"] else len(line) + 1
        snippet = line[max(0, f["column"] - 21):end + 19]
        out.append(f"  {page.name}:{f['line']}:{f['column']}: {f['rule']}: …{snippet}…")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=Path(os.environ.get("COPYLINT_EVAL", "/work/eval")),
                        help="the evaluation set (default: $COPYLINT_EVAL or /work/eval)")
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="dev")
    parser.add_argument("--house", default="ap", help="copylint's --house (default: ap)")
    parser.add_argument("--select", action="append", default=[], help="copylint's --select (repeatable)")
    parser.add_argument("--ignore", action="append", default=[], help="copylint's --ignore (repeatable)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--show-misses", action="store_true", help="list the labelled defects not found")
    parser.add_argument("--show-fps", action="store_true", help="list the false positives on clean copy")
    args = parser.parse_args(argv)
    try:
        pages = load_pages(args.eval, args.split)
        attach(pages, run_copylint([p.path for p in pages], args.house, args.select, args.ignore))
    except EvalError as exc:
        print(f"real_eval: {exc}", file=sys.stderr)
        return 2
    figures = score(pages)
    print(render(figures, args.split))
    if args.show_misses:
        print("\n" + render_misses(pages))
    if args.show_fps:
        print("\n" + render_fps(pages))
    if args.json:
        text = json.dumps({"split": args.split, **figures}, indent=1, ensure_ascii=False)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
