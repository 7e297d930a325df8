"""A check run: which rules apply to which file, reading, linting and filtering each file, in one
process or several, with results in the order the files were named."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .config import Config, Override
from .context import RunContext
from .document import Document
from .engine import Linter, choose_rules, selects_rule
from .errors import CopylintError, UsageError
from .findings import EXTERNAL_PACKS, Finding, Severity, selects
from .readers import DEFAULT_OPTIONS, ReadOptions, read_document
from .rulebook import Rule, Rulebook
from .sources import DEFAULT_MAX_BYTES, Skipped, Source, gitignore_spec, read_bytes
from .suppressions import BAD_DIRECTIVE, Suppressions
from .vocabulary import read_vocabulary

if TYPE_CHECKING:
    from .baseline import Baseline
    from .fixes.apply import AppliedFix
    from .fixes.files import FixMode
    from .gitdiff import ChangedLines
    from .languagetool import LanguageToolBackend

T = TypeVar("T")
UNUSED_SUPPRESSION = "copylint.unused-suppression"
PARALLEL_MIN_FILES = 8
#: with the default job count, work (bytes of the files) below which workers cost more to start
#: and feed than they save; past it, one worker a core
PARALLEL_MIN_BYTES = 256 * 1024
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
    #: why a file met walking a folder was skipped (not a news format, binary)
    skipped: str | None = None
    #: fixes applied (--fix), a unified diff of them (--diff), the fixed bytes (--fix on stdin)
    applied: list[AppliedFix] = field(default_factory=list)
    diff: str | None = None
    fixed: bytes | None = None
    #: why the file's fixes could not be applied (it is left unchanged)
    fix_error: str | None = None
    #: findings silenced by directives, the baseline or --changed-since (never fixed)
    suppressed: list[Finding] = field(default_factory=list)
    #: findings the baseline hid
    hidden: int = 0
    #: 0 for a whole file; N for the Nth story of a file of stories reported story by story
    #: (`Run.check_parts`), each part under the file's name
    part: int = 0


class LinterSet:
    """The linter for each file: the configured rules, severities, and per-glob overrides."""

    def __init__(self, rulebook: Rulebook, config: Config, select: list[str],
                 ignore: list[str]) -> None:
        self.all_rules = rulebook.rules
        self._names = frozenset({r.id for r in self.all_rules} | {r.pack for r in self.all_rules}
                                | {UNUSED_SUPPRESSION, BAD_DIRECTIVE})
        _check_names(rulebook, config)
        chosen = choose_rules(rulebook, select, ignore)
        levels = self._levels(config.severity)
        self.chosen = chosen
        self.base = [r for r in chosen if levels.get(r.id) != "off"]
        self.severities = _severities(levels)
        where = f"{config.path}: overrides: files" if config.path else "overrides: files"
        self.overrides = [(gitignore_spec(list(o.files), where), o) for o in config.overrides]
        self.root = config.root.resolve()
        self._cache: dict[tuple[int, ...], Linter] = {}
        #: the user's vocabulary and the run's caches, shared by every linter of the run
        self.context = RunContext(read_vocabulary(config.vocab))

    def _levels(self, levels: dict[str, str]) -> dict[str, str]:
        """Rule id -> its configured level (error, warning, info, off, on); a rule id's setting
        beats its pack's, so `{ap: off, ap.us: on}` keeps ap.us alone."""
        result: dict[str, str] = {}
        for selector, level in sorted(levels.items(), key=lambda item: "." in item[0]):
            for rule in self.all_rules:
                if selects_rule(selector, rule):
                    result[rule.id] = level
        return result

    def _matched(self, path: Path | None) -> tuple[int, ...]:
        """Indices of the overrides whose globs match `path`."""
        if path is None or not self.overrides:
            return ()
        resolved = path.resolve()
        try:
            relative = resolved.relative_to(self.root).as_posix()
        except ValueError:
            relative = path.as_posix()
        return tuple(i for i, (spec, _) in enumerate(self.overrides) if spec.match_file(relative))

    def for_path(self, path: Path | None) -> Linter:
        matched = self._matched(path)
        linter = self._cache.get(matched)
        if linter is None:
            linter = self._build([self.overrides[i][1] for i in matched])
            self._cache[matched] = linter
        return linter

    def encoding_for(self, path: Path | None, default: str | None) -> str | None:
        """The encoding to read `path` with: the last matching override that names one wins."""
        for index in reversed(self._matched(path)):
            if self.overrides[index][1].encoding:
                return self.overrides[index][1].encoding
        return default

    def _build(self, overrides: list[Override]) -> Linter:
        rules = list(self.base)
        severities = dict(self.severities)
        for override in overrides:
            levels = self._levels(dict(override.severity))
            # named in `enable`, or turned off by severity and given a level here again
            enabled = [r for r in self.all_rules if r not in rules and (
                any(selects_rule(s, r) for s in override.enable)
                or (r in self.chosen and levels.get(r.id, "off") != "off"))]
            rules = [r for r in rules + enabled
                     if not any(selects_rule(s, r) for s in override.disable)
                     and levels.get(r.id) != "off"]
            severities.update(_severities(levels))
        order = {rule.id: n for n, rule in enumerate(self.all_rules)}
        return Linter(sorted(rules, key=lambda r: order[r.id]), severities, self.context)

    @property
    def rules(self) -> list[Rule]:
        return self.base

    def known(self, name: str) -> bool:
        """Whether a rule id or pack exists (any rule, selected or not, or an external one)."""
        return name in self._names or any(selects(pack, name) for pack in EXTERNAL_PACKS)

    def warm_up(self) -> None:
        """Fill the caches that pay off over many documents (before workers fork)."""
        from .checks.warm import warm_up

        warm_up(self.base, self.context)


def _severities(levels: dict[str, str]) -> dict[str, Severity]:
    """The severities that replace rules' own (off and on leave a rule's own severity)."""
    return {rule: Severity.parse(level) for rule, level in levels.items()
            if level not in ("off", "on")}


def _check_names(rulebook: Rulebook, config: Config) -> None:
    """Every rule id or pack the configuration names must exist: a typo is an error naming the
    file and line it was written on, never a silent no-op."""
    named = [("packs", config.packs), ("enable", config.enable), ("disable", config.disable),
             ("severity", list(config.severity))]
    for override in config.overrides:
        named += [("enable", list(override.enable)), ("disable", list(override.disable)),
                  ("severity", [name for name, _ in override.severity])]
    for key, names in named:
        for name in names:
            try:
                choose_rules(rulebook, [name])
            except UsageError as error:
                where = config.where(key, name)
                if where is None:
                    raise
                raise UsageError(f"{where}: {error}") from None


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
    read_options: ReadOptions = DEFAULT_OPTIONS
    #: the most bytes read from one file
    max_bytes: int = DEFAULT_MAX_BYTES
    #: fix files (--fix, --diff) instead of only checking them
    fixing: FixMode | None = None

    def check(self, source: Source) -> FileResult:
        """Read and check one file (story by story when it holds several, see
        `copylint.multistory`); whatever goes wrong stays with this file."""
        if self.fixing is None and source.path is not None:
            from .multistory import check_file

            return self._guarded(source, lambda: check_file(self, source))
        data = self._guarded(source, lambda: read_bytes(source, self.max_bytes))
        if isinstance(data, FileResult):
            return data
        if self.fixing is not None:
            from .fixes.files import fix_file

            try:
                return fix_file(self, source, data, self.fixing)
            except Exception as error:  # isolation: a bug costs one file, not the run
                return FileResult(source.name, error=internal_error(source.name, error))
        return self.check_data(data, source.name, source.path, explicit=source.explicit)

    def check_parts(self, source: Source) -> Iterator[FileResult]:
        """`check`, with a file of stories given story by story as it is checked (results whose
        `part` counts from 1), so that a file of many stories is reported without holding all
        its findings; whatever goes wrong ends the file with its error, as in `check`."""
        if self.fixing is not None or source.path is None:
            yield self.check(source)
            return
        from .multistory import file_parts

        parts = file_parts(self, source)
        count = 0
        while True:
            got = self._guarded(source, lambda: (next(parts, None),))
            if isinstance(got, FileResult):   # the file's error, after the stories checked
                got.part = count + 1 if count else 0
                yield got
                return
            (result,) = got
            if result is None:
                return
            count = result.part
            yield result

    def _guarded(self, source: Source, work: Callable[[], T]) -> T | FileResult:
        """What `work` gives, or the file's result when it raises: a file that is not copy
        skipped, an error on one line, a bug an internal error of this file alone."""
        try:
            return work()
        except Skipped as skipped:
            return self._skipped(source, skipped)
        except CopylintError as error:
            return FileResult(source.name, error=str(error))
        except Exception as error:  # isolation: a bug costs one file, not the run
            return FileResult(source.name, error=internal_error(source.name, error))

    def check_data(self, data: bytes | str, name: str, path: Path | None = None, *,
                   explicit: bool = True) -> FileResult:
        """Check the content of one file (bytes, or text already decoded) named `name`.

        An unexpected exception (a bug) becomes this file's error, so one bad file never stops
        the others.
        """
        try:
            return self._check(data, name, path)
        except Skipped as skipped:
            return self._skipped(Source(name, path, explicit), skipped)
        except CopylintError as error:
            return FileResult(name, error=str(error))
        except Exception as error:  # isolation: a bug costs one file, not the run
            return FileResult(name, error=internal_error(name, error))

    @staticmethod
    def _skipped(source: Source, skipped: Skipped) -> FileResult:
        """Named on the command line, a file that is not copy is an error; met walking a folder,
        it is skipped with a note."""
        if source.explicit:
            return FileResult(source.name, error=str(skipped))
        return FileResult(source.name, skipped=str(skipped))

    def _check(self, data: bytes | str, name: str, path: Path | None) -> FileResult:
        return self.lint(data, name, path)[1]

    def lint(self, data: bytes | str, name: str, path: Path | None = None,
             doc: Document | None = None) -> tuple[Document | None, FileResult]:
        """The document and its result (findings after suppressions, baseline and changed lines);
        the document is None for an empty file. Errors raise: `check_data` is the safe door."""
        result = FileResult(name)
        if not data.strip():
            result.warnings.append(f"{name}: empty file, nothing to check")
            result.checked = True
            return None, result
        if doc is None:  # (a caller that has just read these bytes passes their Document)
            doc = self.read(data, name, path)
        suppressions = Suppressions.parse(doc.source, self.linters.known)
        linted = self.linters.for_path(path).check(doc)
        result.warnings.extend(doc.warnings)
        result.warnings.extend(f"{name}: {warning}" for warning in linted.warnings)
        findings = linted.findings
        if self.languagetool is not None:
            findings = self._with_languagetool(doc, findings, result)
        everything = findings
        findings = suppressions.filter(findings)
        meta = self._bad_directives(name, suppressions)
        if self.report_unused:
            meta += self._unused(name, suppressions)
        meta = [f for f in meta if not any(selects(s, f.rule) for s in self.ignore)]
        if meta:
            findings = sorted(findings + meta)
        if self.record_baseline:
            from .baseline import baseline_entries

            result.baseline = baseline_entries(name, findings, doc.text)
        if self.baseline is not None:
            kept = self.baseline.filter(name, findings, doc.text)
            result.hidden = len(findings) - len(kept)
            findings = kept
        if self.changed is not None and path is not None:
            findings = [f for f in findings if self.changed.changed(path, f.line, f.end_line)]
        result.findings = findings
        if len(findings) < len(everything) + len(meta):
            shown = set(findings)
            result.suppressed = [f for f in everything if f not in shown]
        result.checked = True
        return doc, result

    def read(self, data: bytes | str, name: str, path: Path | None = None) -> Document:
        """The file as a Document, through the one factory every caller shares."""
        options = self.read_options
        encoding = self.linters.encoding_for(path, options.encoding)
        if encoding != options.encoding:
            options = ReadOptions(encoding, options.paragraphs)
        return read_document(data, name, self.input_format, options)

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
    def _bad_directives(path: str, suppressions: Suppressions) -> list[Finding]:
        return [Finding(path, problem.line, problem.column, problem.line, problem.column + 1,
                        BAD_DIRECTIVE, Severity.ERROR, problem.message)
                for problem in suppressions.problems]

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


def internal_error(name: str, error: BaseException) -> str:
    """The one line an unexpected exception on one file becomes."""
    detail = f"{type(error).__name__}: {error}".strip().splitlines()
    return f"internal error on {name}: {detail[0] if detail else type(error).__name__}; please report"


_WORKER_RUN: list[Run] = []  # set in each forked worker by _start_worker, never in the parent


def _start_worker(run: Run) -> None:
    """In a worker: keep the run (inherited through fork, not pickled) and leave Ctrl-C to the
    parent, which stops the pool and reports one line."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_RUN[:] = [run]


def _check_in_worker(source: Source) -> FileResult:
    return _WORKER_RUN[0].check(source)


def default_jobs() -> int:
    return os.cpu_count() or 1


def choose_jobs(sources: list[Source], jobs: int | None) -> int:
    """The processes to check `sources` with: `jobs` when given; by default one a core when
    the work is worth a pool (PARALLEL_MIN_BYTES or more), else one (a story or two, standard
    input: no pool)."""
    if jobs is not None:
        return jobs
    if len(sources) < PARALLEL_MIN_FILES:
        return 1
    work = 0
    for source in sources:
        try:
            work += source.path.stat().st_size if source.path is not None else 0
        except OSError:
            continue
        if work >= PARALLEL_MIN_BYTES:
            return default_jobs()
    return 1


def run_all(run: Run, sources: list[Source], jobs: int | None) -> Iterator[FileResult]:
    """Check every source; results come back in the order of `sources` whatever `jobs` is
    (None: chosen from the work, see `choose_jobs`)."""
    jobs = choose_jobs(sources, jobs)
    parallel = jobs > 1 and len(sources) >= PARALLEL_MIN_FILES and run.languagetool is None
    if parallel:
        import multiprocessing  # only parallel runs need it

        parallel = "fork" in multiprocessing.get_all_start_methods()
    if parallel or len(sources) >= WARM_UP_MIN_FILES:
        # everything the checks load or learn once: before workers fork, each inherits it
        run.linters.warm_up()
    # the compiled rules and name data live for the whole run: keep the garbage collector from
    # walking through them again and again (and forked workers from copying them on write)
    import gc

    gc.freeze()
    if not parallel:
        for source in sources:
            yield from run.check_parts(source)
        return
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(32, len(sources) // (jobs * 8)))
    with context.Pool(min(jobs, len(sources)), _start_worker, (run,)) as pool:
        yield from pool.imap(_check_in_worker, sources, chunksize=chunk)
