"""Baselines: record today's findings, then report only new ones. Entries are fingerprinted by rule
and the text around the match, so they survive lines moving up or down."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from .errors import CopylintError
from .escapes import json_with_escapes
from .findings import Finding

CONTEXT = 40
VERSION = 1


def fingerprint(finding: Finding, text: str) -> str:
    """A hash of the rule and the matched text with its surroundings on the same line(s), white
    space folded: neither the line number nor edits to other lines change it."""
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line_end = len(text) if line_end == -1 else line_end
    around = text[max(line_start, finding.start - CONTEXT): min(line_end, finding.end + CONTEXT)]
    folded = " ".join(around.split())
    # surrogatepass: a lone surrogate (a JSON story's \ud800) hashes instead of failing
    digest = hashlib.sha1(f"{finding.rule}\0{folded}".encode("utf-8", "surrogatepass"),
                          usedforsecurity=False)
    return digest.hexdigest()[:20]


def _key(path: str, finding: Finding, text: str) -> tuple[str, str, str]:
    return (Path(path).as_posix(), finding.rule, fingerprint(finding, text))


class Baseline:
    """A multiset of (path, rule, fingerprint) already accepted. Checking a file never changes
    it, so a file checked twice (fix passes, a language server) is judged the same way."""

    def __init__(self, entries: Counter[tuple[str, str, str]] | None = None) -> None:
        self.entries: Counter[tuple[str, str, str]] = entries or Counter()
        self.by_path: dict[str, Counter[tuple[str, str, str]]] = {}
        for key, count in self.entries.items():
            self.by_path.setdefault(key[0], Counter())[key] = count

    @classmethod
    def load(cls, path: Path) -> Baseline:
        from .sources import Source, read_bytes

        if not path.exists():
            raise CopylintError(f"{path}: no such baseline file (write one with --write-baseline)")
        data = read_bytes(Source(str(path), path, True))
        try:
            items = json.loads(data.decode("utf-8"))["findings"]
            entries = Counter((e["path"], e["rule"], e["fingerprint"]) for e in items)
        except RecursionError:
            raise CopylintError(f"{path}: not a copylint baseline: nested too deeply") from None
        except (ValueError, KeyError, TypeError) as error:
            raise CopylintError(f"{path}: not a copylint baseline: {_one_line(error)}") from None
        if not all(isinstance(part, str) for entry in entries for part in entry):
            raise CopylintError(f"{path}: not a copylint baseline: path, rule and fingerprint "
                                "must be strings")
        return cls(entries)

    def filter(self, path: str, findings: list[Finding], text: str) -> list[Finding]:
        """The findings not in the baseline (each entry absorbs one matching finding)."""
        accepted = self.by_path.get(Path(path).as_posix())
        if not accepted:
            return findings
        left = Counter(accepted)  # each entry absorbs one matching finding of this check
        kept = []
        for finding in findings:
            key = _key(path, finding, text)
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(finding)
        return kept


def _one_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def baseline_entries(path: str, findings: list[Finding], text: str) -> list[dict[str, object]]:
    """Entries to record for one file's findings."""
    return [{"path": Path(path).as_posix(), "rule": f.rule, "fingerprint": _key(path, f, text)[2],
             "line": f.line, "message": f.message} for f in findings]


def write_baseline(path: Path, entries: list[dict[str, object]]) -> None:
    data = {"tool": "copylint", "version": VERSION, "findings": entries}
    try:  # surrogates (non-UTF-8 file names, lone escapes) stay \uDXXX escapes: they read back
        path.write_text(json_with_escapes(data, indent=1) + "\n", encoding="utf-8")
    except OSError as error:
        raise CopylintError(f"{path}: cannot write the baseline: {error.strerror}") from None
