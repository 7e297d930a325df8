"""Applying fixes to a file's content: choose, map to the source, escape, verify, repeat.

One pass lints the content, takes the fixes allowed (safe ones; unsafe ones too when asked) of
the findings that survived suppressions, baseline and changed lines, keeps a set that does not
overlap (a rule that supersedes another wins, then the narrower edit, then the earlier), maps each
edit from the checked text to the file's raw text through the reader's offset map, escapes the
replacement for the markup around it, and reads the result again: the pass stands only if the
file still reads in its format and its words are what the edits meant. Passes repeat until no fix
is left; fixes that never settle are a rule bug, reported, and the file is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..document import Document
from ..errors import CopylintError
from ..findings import Finding, Fix, selects
from ..readers import source_encoding
from .escaping import escape
from .source import FixError, RawSource

if TYPE_CHECKING:
    from ..runner import FileResult, Run

MAX_PASSES = 10


@dataclass(frozen=True)
class AppliedFix:
    """A fix that was applied: where its finding was (in the file before that pass)."""

    rule: str
    line: int
    column: int
    description: str
    safety: str

    def to_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "line": self.line, "column": self.column,
                "fix": self.description, "safety": self.safety}


@dataclass
class FixOutcome:
    """What fixing one file's content gave: the new bytes, the fixes applied, what is left."""

    data: bytes
    applied: list[AppliedFix] = field(default_factory=list)
    result: FileResult | None = None
    #: fixes that could not be applied (they would break the file's format)
    refused: list[str] = field(default_factory=list)
    #: the codec the file was written in (for showing a diff)
    codec: str = "utf-8"

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def allowed(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safety == "safe" or unsafe)


def _priority(finding: Finding, superseding: dict[str, tuple[str, ...]],
              rivals: list[Finding]) -> tuple[int, int, int]:
    fix = finding.fix
    assert fix is not None
    beats = any(selects(s, other.rule) for other in rivals for s in superseding.get(finding.rule, ()))
    return (0 if beats else 1, fix.end - fix.start, fix.start)


def choose(findings: list[Finding], superseding: dict[str, tuple[str, ...]]) -> list[Finding]:
    """Fixes that do not overlap, the more specific first; the rest wait for the next pass."""
    rivals = [f for f in findings if f.fix is not None]
    ranked = sorted(rivals, key=lambda f: _priority(f, superseding, rivals))
    kept: list[Finding] = []
    for finding in ranked:
        fix = finding.fix
        assert fix is not None
        if all(_apart(fix, other.fix) for other in kept if other.fix is not None):
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.fix.start, f.fix.end))  # type: ignore[union-attr]


def _apart(one: Fix, other: Fix) -> bool:
    if one.start == one.end or other.start == other.end:  # insertions: not at the same place
        return one.start != other.start and (one.end <= other.start or other.end <= one.start)
    return one.end <= other.start or other.end <= one.start


def source_span(doc: Document, fix: Fix) -> tuple[int, int]:
    """The span of the normalised source a text edit stands for."""
    if doc.offsets is None:
        return fix.start, fix.end
    start = doc.offsets[fix.start]
    if fix.end <= fix.start:
        return start, start
    end_of = getattr(doc.offsets, "end_of", None)
    end = end_of(fix.end - 1) if end_of is not None else doc.offsets[fix.end - 1] + 1
    return start, max(start, end)


def edit_raw(doc: Document, raw: RawSource, fixes: list[Fix]) -> str:
    """The raw text with the fixes applied (they do not overlap)."""
    line_end = raw.line_end()
    pieces = []
    position = 0
    for fix in fixes:
        start, end = source_span(doc, fix)
        replacement = escape(fix.replacement, doc.escapes_at(start))
        if line_end != "\n":
            replacement = replacement.replace("\n", line_end)
        raw_start, raw_end = raw.raw(start), raw.raw(end)
        pieces.append(raw.text[position:raw_start])
        pieces.append(replacement)
        position = raw_end
    pieces.append(raw.text[position:])
    return "".join(pieces)


def expected_text(text: str, fixes: list[Fix]) -> str:
    pieces, position = [], 0
    for fix in fixes:
        pieces.append(text[position:fix.start])
        pieces.append(fix.replacement)
        position = fix.end
    pieces.append(text[position:])
    return "".join(pieces)


def merge_line_deletions(fixes: list[Fix], text: str, plain: bool = True) -> list[Fix]:
    """Deletions of neighbouring whole lines become one, so deleting a block of furniture that
    stood between blank lines leaves one blank line, not several. In a markup format (`plain`
    false) the blank lines between blocks are the reader's, not the source's: a deletion is not
    widened over them (that would reach into the markup of the block before)."""
    merged: list[Fix] = []
    for fix in fixes:
        last = merged[-1] if merged else None
        if last is not None and last.line and fix.line and last.end == fix.start:
            merged[-1] = Fix(last.start, fix.end, "", "unsafe" if "unsafe" in
                             (last.safety, fix.safety) else "safe", line=True)
        else:
            merged.append(fix)
    if not plain:
        return merged
    result = []
    for fix in merged:
        after_blank = fix.start == 0 or text.startswith("\n\n", fix.start - 2)
        if fix.line and after_blank and text.startswith("\n", fix.end):
            fix = Fix(fix.start, fix.end + 1, "", fix.safety, line=True)
        elif fix.line and after_blank and fix.end == len(text) and fix.start >= 2:
            fix = Fix(fix.start - 1, fix.end, "", fix.safety, line=True)
        result.append(fix)
    return result


def _words(text: str) -> str:
    return " ".join(text.split())


class _Pass:
    """One file being fixed: its run, name, path and what has been applied so far."""

    def __init__(self, run: Run, name: str, path: Path | None, unsafe: bool) -> None:
        self.run, self.name, self.path, self.unsafe = run, name, path, unsafe
        self.linter = run.linters.for_path(path)
        self.refused: set[tuple[str, str, str]] = set()
        self.refused_messages: list[str] = []
        self.codec = "utf-8"

    def verified(self, data: bytes, doc: Document, fixes: list[Fix]) -> Document | None:
        """The edited bytes read again, if they still read in their format with the words the
        edits meant (None when not)."""
        try:
            again = self.run.read(data, self.name, self.path)
        except CopylintError:
            return None
        return again if _words(again.text) == _words(expected_text(doc.text, fixes)) else None

    def attempt(self, data: bytes, doc: Document, chosen: list[Finding],
                ) -> tuple[bytes, list[Finding], Document | None]:
        """Apply the chosen fixes together if that verifies, else each one that does alone;
        also gives the edited bytes' Document when it was read already."""
        fmt = doc.format
        raw = RawSource.read(data, self.name, source_encoding(data, self.name, fmt,
                                                              self.run.read_options), doc.source)
        self.codec = raw.codec
        plain = doc.offsets is None
        fixes = merge_line_deletions([f.fix for f in chosen if f.fix is not None], doc.text, plain)
        together = raw.encode(edit_raw(doc, raw, fixes))
        again = self.verified(together, doc, fixes)
        if again is not None:
            return together, chosen, again
        kept = []
        for finding in chosen:
            assert finding.fix is not None
            alone_fixes = merge_line_deletions([finding.fix], doc.text, plain)
            alone = raw.encode(edit_raw(doc, raw, alone_fixes))
            if self.verified(alone, doc, alone_fixes) is not None:
                kept.append(finding)
            else:
                self.refuse(doc, finding)
        if not kept:
            return data, [], None
        fixes = merge_line_deletions([f.fix for f in kept if f.fix is not None], doc.text, plain)
        edited = raw.encode(edit_raw(doc, raw, fixes))
        again = self.verified(edited, doc, fixes)
        if again is None:   # each verifies alone but not together: one now, the rest next pass
            kept = kept[:1]
            fixes = merge_line_deletions([f.fix for f in kept if f.fix is not None], doc.text,
                                         plain)
            edited = raw.encode(edit_raw(doc, raw, fixes))
        return edited, kept, again

    def refuse(self, doc: Document, finding: Finding) -> None:
        fix = finding.fix
        assert fix is not None
        self.refused.add(self.key(doc, finding))
        self.refused_messages.append(
            f"{self.name}:{finding.line}:{finding.column}: {finding.rule}: the fix "
            f"({fix.describe()}) would break the file's {doc.format}; not applied")

    @staticmethod
    def key(doc: Document, finding: Finding) -> tuple[str, str, str]:
        fix = finding.fix
        assert fix is not None
        return (finding.rule, fix.replacement, doc.text[max(0, fix.start - 30):fix.end + 30])


def apply_fixes(run: Run, data: bytes, name: str, path: Path | None, doc: Document,
                findings: list[Finding]) -> tuple[bytes, list[Finding]]:
    """Apply these findings' fixes (they must not overlap) to `data` once, as a pass of
    `fix_content` would: the new bytes and the findings whose fixes were applied."""
    state = _Pass(run, name, path, unsafe=True)
    new, applied, _ = state.attempt(data, doc, findings)
    return new, applied


def shift(spans: list[tuple[str, int, int]], fixes: list[Fix]) -> list[tuple[str, int, int]]:
    """Spans of the checked text moved past the edits made before them (edits never cut them)."""
    moved = []
    for rule, start, end in spans:
        delta = sum(len(f.replacement) - (f.end - f.start) for f in fixes if f.end <= start)
        moved.append((rule, start + delta, end + delta))
    return moved


def _protected(finding: Finding, spans: list[tuple[str, int, int]]) -> bool:
    return any(rule == finding.rule and ((start < finding.end and finding.start < end)
                                         or start == finding.start)
               for rule, start, end in spans)


def fix_content(run: Run, data: bytes, name: str, path: Path | None = None,
                unsafe: bool = False, max_passes: int = MAX_PASSES) -> FixOutcome:
    """Fix one file's content until nothing fixable is left; FixError (one line) when it cannot
    be done safely. Errors reading or checking the content raise as they do for `Run.lint`.

    Findings silenced in the file as it was (directives, baseline, changed lines) stay silenced
    and unfixed in every pass, even where a fix nearby changes the text a baseline matched.
    """
    state = _Pass(run, name, path, unsafe)
    outcome = FixOutcome(data)
    seen = {data}
    protected: list[tuple[str, int, int]] | None = None
    known: Document | None = None  # the Document of outcome.data, when a pass has read it
    for _ in range(max_passes + 1):
        doc, result = run.lint(outcome.data, name, path, known)
        outcome.result = result
        if doc is None or result.error:
            break
        if protected is None:
            protected = [(f.rule, f.start, f.end) for f in result.suppressed]
        elif protected:
            result.findings = [f for f in result.findings if not _protected(f, protected)]
        candidates = [f for f in result.findings if allowed(f, unsafe)
                      and state.key(doc, f) not in state.refused]
        if not candidates:
            break
        if len(seen) > max_passes:
            rules = sorted({f.rule for f in candidates})
            raise FixError(f"{name}: fixes of {', '.join(rules)} did not settle after "
                           f"{max_passes} passes (a rule bug: please report); the file is unchanged")
        chosen = choose(candidates, state.linter.superseding)
        new_data, applied, known = state.attempt(outcome.data, doc, chosen)
        if not applied:
            break
        if new_data in seen:
            rules = sorted({a.rule for a in outcome.applied} | {f.rule for f in applied})
            raise FixError(f"{name}: fixes of {', '.join(rules)} undo each other (a rule bug: "
                           "please report); the file is unchanged")
        seen.add(new_data)
        outcome.applied.extend(AppliedFix(f.rule, f.line, f.column, f.fix.describe(), f.fix.safety)
                               for f in applied if f.fix is not None)
        protected = shift(protected, [f.fix for f in applied if f.fix is not None])
        outcome.data = new_data
    outcome.refused = state.refused_messages
    outcome.codec = state.codec
    return outcome
