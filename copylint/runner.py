"""A check run: which rules apply to which file, reading, linting and filtering each file, in one
process or several, with results in the order the files were named."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, Override
from .context import RunContext
from .document import Document
from .engine import Linter, choose_rules, selects_rule
from .errors import CopylintError
from .findings import Finding, Severity, selects
from .readers import detect_format, read_document, resolve_format
from .rulebook import Rule, Rulebook
from .sources import BinaryFile, Source, gitignore_spec, read_bytes
from .suppressions import Suppressions, blank_directive_lines
from .vocabulary import read_vocabulary

if TYPE_CHECKING:
    from .baseline import Baseline
    from .gitdiff import ChangedLines
    from .languagetool import LanguageToolBackend

UNUSED_SUPPRESSION = "copylint.unused-suppression"
PARALLEL_MIN_FILES = 8
#: from this many files on, caches that pay off over many documents are filled at the start
WARM_UP_MIN_FILES = 50


@dataclass
class FileResult:
    """What checking one file gave: findings, or the reason it could not be checked."""

    name: str
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    #: the grammar backend failed on this file (its own findings are still reported)
    backend_error: str | None = None
    checked: bool = False
    baseline: list[dict[str, object]] = field(default_factory=list)


class LinterSet:
    """The linter for each file: the configured rules, severities, and per-glob overrides."""

    def __init__(self, rulebook: Rulebook, config: Config, select: list[str],
                 ignore: list[str]) -> None:
        self.all_rules = rulebook.rules
        chosen = choose_rules(rulebook, select, ignore)
        # check every name the configuration uses, so a typo is an error, not a silent no-op
        names = [n for o in config.overrides for n in (*o.enable, *o.disable, *dict(o.severity))]
        choose_rules(rulebook, [*names, *config.severity])
        off = [rule for rule, level in config.severity.items() if level == "off"]
        self.base = [r for r in chosen if not any(selects_rule(s, r) for s in off)]
        self.severities = self._severities(config.severity)
        self.overrides = [(gitignore_spec(list(o.files)), o) for o in config.overrides]
        self.root = config.root.resolve()
        self._cache: dict[tuple[int, ...], Linter] = {}
        #: the user's vocabulary and the run's caches, shared by every linter of the run
        self.context = RunContext(read_vocabulary(config.vocab))

    def _severities(self, levels: dict[str, str]) -> dict[str, Severity]:
        result: dict[str, Severity] = {}
        # packs first, then rule ids, so the more specific setting wins
        for selector, level in sorted(levels.items(), key=lambda item: "." in item[0]):
            if level == "off":
                continue
            for rule in self.all_rules:
                if selects_rule(selector, rule):
                    result[rule.id] = Severity.parse(level)
        return result

    def for_path(self, path: Path | None) -> Linter:
        matched: tuple[int, ...] = ()
        if path is not None and self.overrides:
            resolved = path.resolve()
            try:
                relative = resolved.relative_to(self.root).as_posix()
            except ValueError:
                relative = path.as_posix()
            matched = tuple(i for i, (spec, _) in enumerate(self.overrides)
                            if spec.match_file(relative))
        linter = self._cache.get(matched)
        if linter is None:
            linter = self._build([self.overrides[i][1] for i in matched])
            self._cache[matched] = linter
        return linter

    def _build(self, overrides: list[Override]) -> Linter:
        rules = list(self.base)
        severities = dict(self.severities)
        for override in overrides:
            enabled = [r for r in self.all_rules
                       if any(selects_rule(s, r) for s in override.enable) and r not in rules]
            rules = [r for r in rules + enabled if not any(selects_rule(s, r) for s in override.disable)]
            levels = dict(override.severity)
            off = [s for s, level in levels.items() if level == "off"]
            rules = [r for r in rules if not any(selects_rule(s, r) for s in off)]
            severities.update(self._severities(levels))
        order = {rule.id: n for n, rule in enumerate(self.all_rules)}
        return Linter(sorted(rules, key=lambda r: order[r.id]), severities, self.context)

    @property
    def rules(self) -> list[Rule]:
        return self.base

    def warm_up(self) -> None:
        """Fill the caches that pay off over many documents (before workers fork)."""
        from .checks.warm import warm_up

        warm_up(self.base, self.context)


@dataclass
class Run:
    """Everything a worker needs to check one file."""

    linters: LinterSet
    baseline: Baseline | None = None
    changed: ChangedLines | None = None
    report_unused: bool = False
    record_baseline: bool = False
    #: LanguageTool, when enabled; it stops being asked after its first failure
    languagetool: LanguageToolBackend | None = None
    ignore: tuple[str, ...] = ()
    input_format: str | None = None

    def check(self, source: Source) -> FileResult:
        result = FileResult(source.name)
        try:
            data = read_bytes(source)
            if not data.strip():
                result.warnings.append(f"{source.name}: empty file, nothing to check")
                result.checked = True
                return result
            doc, source_text = self._read(data, source.name)
        except BinaryFile as skipped:
            result.warnings.append(str(skipped))
            if source.explicit:
                result.error = str(skipped)
            return result
        except CopylintError as error:
            result.error = str(error)
            return result
        suppressions = Suppressions.parse(source_text)
        linted = self.linters.for_path(source.path).check(doc)
        result.warnings.extend(f"{source.name}: {warning}" for warning in linted.warnings)
        findings = linted.findings
        if self.languagetool is not None:
            findings = self._with_languagetool(doc, findings, result)
        findings = suppressions.filter(findings)
        if self.report_unused:
            findings = sorted(findings + self._unused(source.name, suppressions))
        if self.record_baseline:
            from .baseline import baseline_entries

            result.baseline = baseline_entries(source.name, findings, doc.text)
        if self.baseline is not None:
            findings = self.baseline.filter(source.name, findings, doc.text)
        if self.changed is not None and source.path is not None:
            findings = [f for f in findings
                        if self.changed.changed(source.path, f.line, f.end_line)]
        result.findings = findings
        result.checked = True
        return result

    def _read(self, data: bytes, name: str) -> tuple[Document, str]:
        """The file as a Document, through the reader for its format, and the source text the
        suppression comments are read from."""
        fmt = resolve_format(self.input_format) or detect_format(data, name)
        doc = read_document(data, name, fmt)
        source = doc.source
        if fmt == "text" and "copylint-" in doc.text:
            # a line holding only a directive is not copy
            blanked = blank_directive_lines(doc.text)
            if blanked != doc.text:
                from .readers.text import text_blocks

                doc = Document(blanked, name, blocks=text_blocks(blanked))
        return doc, source

    def _with_languagetool(self, doc: Document, native: list[Finding],
                           result: FileResult) -> list[Finding]:
        from .languagetool import LanguageToolError

        backend = self.languagetool
        assert backend is not None
        try:
            extra = backend.check(doc, native)
        except LanguageToolError as error:
            result.backend_error = f"LanguageTool: {error}"
            self.languagetool = None  # one failure is reported once, not once per file
            backend.close()
            return native
        result.warnings.extend(backend.warnings)
        backend.warnings.clear()
        extra = [f for f in extra if not any(selects(s, f.rule) for s in self.ignore)]
        return sorted(native + extra)

    @staticmethod
    def _unused(path: str, suppressions: Suppressions) -> list[Finding]:
        found = []
        for directive in suppressions.unused():
            what = ", ".join(directive.targets) or "all rules"
            found.append(Finding(
                path, directive.line, directive.column, directive.line, directive.column + 1,
                UNUSED_SUPPRESSION, Severity.WARNING,
                f"copylint-{directive.kind} ({what}) suppresses nothing; remove it."))
        return found


_ACTIVE: Run | None = None


def _check_in_worker(source: Source) -> FileResult:
    assert _ACTIVE is not None
    return _ACTIVE.check(source)


def default_jobs() -> int:
    return os.cpu_count() or 1


def run_all(run: Run, sources: list[Source], jobs: int) -> Iterator[FileResult]:
    """Check every source; results come back in the order of `sources` whatever `jobs` is."""
    global _ACTIVE
    import multiprocessing  # only parallel runs need it

    if len(sources) >= WARM_UP_MIN_FILES:
        run.linters.warm_up()
    # the compiled rules and name data live for the whole run: keep the garbage collector from
    # walking through them again and again (and forked workers from copying them on write)
    import gc

    gc.freeze()

    parallel = (jobs > 1 and len(sources) >= PARALLEL_MIN_FILES and run.languagetool is None
                and "fork" in multiprocessing.get_all_start_methods())
    if not parallel:
        for source in sources:
            yield run.check(source)
        return
    _ACTIVE = run  # forked workers inherit the compiled rules: nothing is loaded twice
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(32, len(sources) // (jobs * 8)))
    try:
        with context.Pool(min(jobs, len(sources))) as pool:
            yield from pool.imap(_check_in_worker, sources, chunksize=chunk)
    finally:
        _ACTIVE = None
