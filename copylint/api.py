"""The public Python API, and the one way a run is built from configuration.

The CLI, `lint_text`, the server, the language server and the batch runner all build their run
with `build_run` and check content with `Run.check_data`, which reads it through the one document
factory (`copylint.readers.read_document`): they cannot disagree about what a story holds.

    from copylint import lint_text
    findings = lint_text(open("story.txt").read(), path="story.txt")

    from copylint.api import build_run
    from copylint.config import load_config
    run = build_run(load_config())
    result = run.check_data(b"...", "story.txt")   # FileResult: findings, warnings, error
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .findings import Finding
from .readers import ReadOptions
from .rulebook import load_rulebook
from .runner import LinterSet, Run

if TYPE_CHECKING:
    from .fixes.apply import AppliedFix
    from .languagetool import LanguageToolBackend


def build_run(config: Config, *, select: Iterable[str] | None = None,
              input_format: str | None = None, record_baseline: bool = False,
              baseline: Path | None = None, changed_since: str | None = None,
              languagetool: LanguageToolBackend | None = None) -> Run:
    """A run for the settings in `config`; CopylintError (one line) when they are wrong.

    `select` replaces the configuration's packs and enable lists (None: use them; empty: every
    rule). The configuration's `disable` list always applies.
    """
    rulebook = load_rulebook(list(config.rules), house=config.house or "ap")
    selection = list(select) if select is not None else [*config.packs, *config.enable]
    linters = LinterSet(rulebook, config, selection, config.disable)
    run = Run(linters, report_unused=config.report_unused_suppressions,
              record_baseline=record_baseline, languagetool=languagetool,
              ignore=tuple(config.disable), input_format=input_format,
              read_options=ReadOptions(config.encoding, config.paragraphs),
              max_bytes=config.max_bytes)
    if baseline is not None:
        from .baseline import Baseline

        run.baseline = Baseline.load(baseline)
    if changed_since:
        from .gitdiff import ChangedLines  # runs git: only when asked

        run.changed = ChangedLines(changed_since)
    return run


@lru_cache(maxsize=8)
def _cached_run(house: str, select: tuple[str, ...] | None, ignore: tuple[str, ...],
                rule_dirs: tuple[str, ...], vocab: tuple[str, ...], input_format: str | None,
                paragraphs: str) -> Run:
    config = Config(house=house, disable=list(ignore), rules=[Path(d) for d in rule_dirs],
                    vocab=[Path(v) for v in vocab], paragraphs=paragraphs)
    return build_run(config, select=select, input_format=input_format)


def lint_text(text: str | bytes, path: str = "<text>", *, house: str = "ap",
              select: Iterable[str] | None = None, ignore: Iterable[str] = (),
              rule_dirs: Iterable[str | Path] = (), vocab: Iterable[str | Path] = (),
              input_format: str | None = None, paragraphs: str = "auto") -> list[Finding]:
    """Check `text` (any supported format; detected from `path` and the content) and return its
    findings, exactly as `copylint check` reports them: same reader, rules and suppressions.

    Raises CopylintError when the text cannot be read (its message is one line). Rule packs are
    loaded and compiled once per combination of arguments.
    """
    from .errors import InputError

    run = _cached_run(house, None if select is None else tuple(select), tuple(ignore),
                      tuple(str(d) for d in rule_dirs), tuple(str(v) for v in vocab),
                      input_format, paragraphs)
    result = run.check_data(text, path)
    if result.error:
        raise InputError(result.error)
    return result.findings


@dataclass
class FixedText:
    """What `fix_text` gives: the fixed text, the fixes applied, and the findings left."""

    text: str | bytes
    applied: list[AppliedFix] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def fix_text(text: str | bytes, path: str = "<text>", *, unsafe: bool = False, house: str = "ap",
             select: Iterable[str] | None = None, ignore: Iterable[str] = (),
             rule_dirs: Iterable[str | Path] = (), vocab: Iterable[str | Path] = (),
             input_format: str | None = None, paragraphs: str = "auto") -> FixedText:
    """Apply the safe fixes (and unsafe ones with `unsafe=True`) to `text`, as `copylint check
    --fix` does to a file: through the same reader, every byte outside the fixed spans kept, passes
    repeated until nothing fixable is left. Bytes in, bytes out; text in, text out.

    Raises CopylintError (one line) when the text cannot be read or fixed safely.
    """
    from .errors import InputError
    from .fixes.apply import fix_content

    run = _cached_run(house, None if select is None else tuple(select), tuple(ignore),
                      tuple(str(d) for d in rule_dirs), tuple(str(v) for v in vocab),
                      input_format, paragraphs)
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    outcome = fix_content(run, data, path, None, unsafe)
    result = outcome.result
    if result is not None and result.error:
        raise InputError(result.error)
    fixed: str | bytes = outcome.data if isinstance(text, bytes) else \
        outcome.data.decode("utf-8", "surrogatepass")
    return FixedText(fixed, outcome.applied, result.findings if result is not None else [])
