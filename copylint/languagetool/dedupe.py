"""Dropping LanguageTool findings that repeat a native copylint finding.

Which LanguageTool rules flag the same problems as which native rules is data:
`rules/languagetool-map.tsv` (shipped in the wheel as `copylint/rules/languagetool-map.tsv`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..document import Document
from ..findings import Finding
from .errors import LanguageToolError

MAP_FILE = "languagetool-map.tsv"
PREFIX = "languagetool/"
SCOPES = ("span", "paragraph")


@dataclass(frozen=True, slots=True)
class Equivalence:
    """One row of the map: a LanguageTool rule (or prefix*) and the native rules it repeats."""

    languagetool: str
    native: tuple[str, ...]
    scope: str
    problem: str

    def matches_lt(self, rule_id: str) -> bool:
        if self.languagetool.endswith("*"):
            return rule_id.startswith(self.languagetool[:-1])
        return rule_id == self.languagetool

    def matches_native(self, rule_id: str) -> bool:
        return any(rule_id == name or rule_id.startswith(name + ".") for name in self.native)


def map_path() -> Path:
    from ..rulebook import builtin_rules_dir
    return builtin_rules_dir() / MAP_FILE


def load_map(path: Path | None = None) -> tuple[Equivalence, ...]:
    """Read the map; a broken file is reported as `file:line: what is wrong`."""
    return _load_map(path or map_path())


@lru_cache(maxsize=4)
def _load_map(path: Path) -> tuple[Equivalence, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise LanguageToolError(f"{path}: cannot read the LanguageTool rule map ({error.strerror})") from None
    rows = []
    header_seen = False
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            header_seen = True
            if cells[:1] == ["languagetool"]:
                continue
        if len(cells) < 3 or not cells[0] or not cells[1]:
            raise LanguageToolError(f"{path}:{number}: expected 'languagetool<TAB>native<TAB>scope'")
        if cells[2] not in SCOPES:
            raise LanguageToolError(f"{path}:{number}: scope must be span or paragraph, not '{cells[2]}'")
        native = tuple(name.strip() for name in cells[1].split(",") if name.strip())
        rows.append(Equivalence(cells[0], native, cells[2], cells[3] if len(cells) > 3 else ""))
    return tuple(rows)


def _overlap(a: Finding, b: Finding) -> bool:
    a_start, a_end = (a.line, a.column), (a.end_line, a.end_column)
    b_start, b_end = (b.line, b.column), (b.end_line, b.end_column)
    if a_start == b_start:
        return True
    if a_start == a_end:  # an empty span overlaps a span it sits in
        return b_start <= a_start < b_end
    if b_start == b_end:
        return a_start <= b_start < a_end
    return max(a_start, b_start) < min(a_end, b_end)


class _Paragraphs:
    def __init__(self, doc: Document) -> None:
        self.starts = [doc.position(start) for start, _ in doc.paragraphs] if doc.text else []

    def of(self, finding: Finding) -> int:
        return bisect_right(self.starts, (finding.line, finding.column)) - 1


def remove_duplicates(findings: Sequence[Finding], native: Iterable[Finding], doc: Document,
                      equivalences: Sequence[Equivalence] | None = None) -> list[Finding]:
    """The LanguageTool `findings` that no native finding already reports."""
    equivalences = load_map() if equivalences is None else equivalences
    native = list(native)
    paragraphs: _Paragraphs | None = None
    kept = []
    for finding in findings:
        lt_rule = finding.rule.removeprefix(PREFIX)
        duplicate = False
        for row in equivalences:
            if not row.matches_lt(lt_rule):
                continue
            for other in native:
                if not row.matches_native(other.rule):
                    continue
                if row.scope == "span":
                    duplicate = _overlap(finding, other)
                else:
                    paragraphs = paragraphs or _Paragraphs(doc)
                    duplicate = paragraphs.of(finding) == paragraphs.of(other)
                if duplicate:
                    break
            if duplicate:
                break
        if not duplicate:
            kept.append(finding)
    return kept
