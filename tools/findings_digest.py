"""The stored findings of a fixed set of files, which tests/test_findings_digest.py compares
against, so that a change made for speed cannot change what copylint reports unnoticed.

    python tools/findings_digest.py            # rewrite tests/data/findings-digest.json
    python tools/findings_digest.py --check    # compare only (what the test does); exit 1 on a change

Rewrite it on purpose only: when a change of rules, data or checks is meant to change findings,
run the script, read the diff of the JSON file (every finding is listed, one a line), and commit
it with the change that caused it.

The set: every file of tests/fixtures and tests/corpus that `copylint check` reads (by extension),
and one long document made of every plain-text story of tests/corpus joined by blank lines (so
the code paths for long files are held to the same findings as the stories one by one). Each is
checked with every default pack (house `ap`) and no configuration file, as `lint_text` does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STORED = REPO / "tests" / "data" / "findings-digest.json"
FOLDERS = ("tests/fixtures", "tests/corpus")
JOINED = "tests/corpus/*.txt joined"


def fixture_files() -> list[Path]:
    """The files of the set, in a stable order."""
    from copylint.readers import EXTENSIONS

    found = []
    for folder in FOLDERS:
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and path.suffix in EXTENSIONS:
                found.append(path)
    return found


def joined_text() -> str:
    """Every plain-text story of tests/corpus, in name order, joined by a blank line."""
    stories = sorted((REPO / "tests" / "corpus").rglob("*.txt"))
    return "\n\n".join(p.read_text(encoding="utf-8").strip("\n") for p in stories) + "\n"


def current() -> dict[str, list[str]]:
    """File name -> its findings, one line of text each (position, rule, severity, message,
    suggestions), in the order they are reported."""
    from copylint.api import build_run
    from copylint.config import Config

    run = build_run(Config())
    inputs: list[tuple[str, bytes]] = [
        (path.relative_to(REPO).as_posix(), path.read_bytes()) for path in fixture_files()]
    inputs.append((JOINED, joined_text().encode("utf-8")))
    table = {}
    for name, data in inputs:
        result = run.check_data(data, name)
        if result.error:
            table[name] = [f"error: {result.error}"]
            continue
        table[name] = [
            f"{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.rule} {f.severity.name.lower()} "
            f"{f.message} | {' / '.join(f.suggestions)}"
            for f in result.findings]
    return table


def digest(table: dict[str, list[str]]) -> str:
    return hashlib.sha256(json.dumps(table, sort_keys=True).encode("utf-8")).hexdigest()


def differences(stored: dict[str, list[str]], found: dict[str, list[str]], limit: int = 20,
                ) -> list[str]:
    """What changed, file by file: findings gone (-) and new (+)."""
    lines = []
    for name in sorted(set(stored) | set(found)):
        before, after = stored.get(name, []), found.get(name, [])
        if before == after:
            continue
        gone = [f for f in before if f not in after]
        new = [f for f in after if f not in before]
        lines.append(f"{name}:")
        lines += [f"  - {f}" for f in gone] + [f"  + {f}" for f in new]
        if not gone and not new:
            lines.append("  (the same findings in another order)")
    return lines[:limit] + ([f"... {len(lines) - limit} more lines"] if len(lines) > limit else [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare only; do not write")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    found = current()
    if args.check:
        stored = json.loads(STORED.read_text(encoding="utf-8"))
        changes = differences(stored["files"], found, limit=200)
        print("\n".join(changes) if changes else f"unchanged: {digest(found)}")
        return 1 if changes else 0
    data = {"sha256": digest(found), "files": found}
    STORED.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    count = sum(len(v) for v in found.values())
    print(f"wrote {STORED.relative_to(REPO)}: {count} findings in {len(found)} files, "
          f"sha256 {data['sha256'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
