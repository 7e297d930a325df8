"""The command line: check, rules, explain, test-rules."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .config import Config, describe, load_config
from .engine import choose_rules
from .errors import CopylintError
from .examples import check_examples
from .findings import Severity
from .readers import FORMATS
from .reporters import REPORTERS, ReportOptions, make_reporter
from .rulebook import Rulebook, builtin_rules_dir, load_pack, load_rulebook, rule_files
from .runner import FileResult, LinterSet, Run, default_jobs, run_all

if TYPE_CHECKING:
    from .languagetool import LanguageToolBackend
from .sources import PathFilter, Source, discover
from .tally import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Tally

PROGRESS_MIN_FILES = 50
LOCAL_LT = "local"
FAIL_LEVELS: dict[str, Severity | None] = {
    "error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "never": None}


def _say(kind: str, text: str) -> None:
    click.echo(f"copylint: {kind}: {text}", err=True)


def _split(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _load(rule_dirs: tuple[Path, ...], house: str | None) -> Rulebook:
    try:
        return load_rulebook(list(rule_dirs), house=house or "ap")
    except CopylintError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)


rules_option = click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
    help="A directory (or file) of YAML rule packs to add; repeatable.")
house_option = click.option(
    "--house", default=None, metavar="ap|reuters|none",
    help="House style: the style pack and the house spellings of names (default: ap, or the "
         "configuration's).")
config_option = click.option(
    "--config", "config_file", type=click.Path(path_type=Path), default=None,
    help="Configuration file (default: the nearest .copylint.yaml or pyproject.toml "
         "[tool.copylint]).")


def _config(config_file: Path | None) -> Config:
    try:
        return load_config(config_file)
    except CopylintError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)


def _merge(config: Config, **given: object) -> Config:
    """Command-line values override the configuration; each keeps its origin."""
    for key, value in given.items():
        if value is None or value == () or value is False:
            continue
        if key == "rules":
            config.set("rules", [*config.rules, *value], "--rules (and the configuration)")
        elif key == "disable":
            config.set("disable", [*config.disable, *value], "--ignore (and the configuration)")
        elif key == "vocab":
            config.set("vocab", [*config.vocab, *value], "--vocab (and the configuration)")
        elif key == "exclude":
            config.set("exclude", [*config.exclude, *value], "--exclude (and the configuration)")
        else:
            config.set(key, value, f"--{key.replace('_', '-')} (command line)")
    return config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copylint")
def main() -> None:
    """Lint news wire copy: broken punctuation, garbled fragments, misspelled names,
    scraping junk and house style."""


@main.command()
@click.argument("paths", nargs=-1)
@config_option
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default=None,
              help="Output format (default: text).")
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), default=None,
              help="Lowest severity that makes the exit status 1 (default: warning).")
@rules_option
@click.option("--select", multiple=True, metavar="IDS",
              help="Only these rule ids or packs (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="IDS",
              help="Skip these rule ids or packs (comma-separated, repeatable).")
@house_option
@click.option("--vocab", "vocab", multiple=True, type=click.Path(path_type=Path),
              help="A vocabulary file: names to accept, and !names to reject; repeatable.")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip paths matching this gitignore-style glob; repeatable.")
@click.option("--no-gitignore", is_flag=True, help="Also check files that .gitignore ignores.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path),
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(path_type=Path),
              help="Record the current findings in this baseline file.")
@click.option("--changed-since", metavar="REV",
              help="Report only findings on lines changed since this git revision.")
@click.option("--report-unused-suppressions", is_flag=True,
              help="Report copylint-disable comments that suppress nothing.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Check files in N processes (default: the number of CPUs).")
@click.option("--color/--no-color", default=None,
              help="Colour in text output (default: when stdout is a terminal and NO_COLOR "
                   "is not set).")
@click.option("--statistics", is_flag=True, help="After text output, a count of findings by rule.")
@click.option("--languagetool", "languagetool", is_flag=False, flag_value=LOCAL_LT,
              default=None, metavar="[URL]",
              help="Also check grammar with LanguageTool: a local one (needs Java; downloaded "
                   "once), or the server at URL (http://...).")
@click.option("--input-format", type=click.Choice(["auto", *FORMATS, "xml"]), default=None,
              help="Read every file as this format (default: from the extension and content).")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def check(paths: tuple[str, ...], config_file: Path | None, output_format: str | None,
          fail_on: str | None, rule_dirs: tuple[Path, ...], select: tuple[str, ...],
          ignore: tuple[str, ...], house: str | None, vocab: tuple[Path, ...],
          exclude: tuple[str, ...],
          no_gitignore: bool, baseline_file: Path | None, write_baseline: Path | None,
          changed_since: str | None, report_unused_suppressions: bool, jobs: int | None,
          color: bool | None, statistics: bool, languagetool: str | None,
          input_format: str | None, quiet: bool) -> None:
    """Check files, directories (recursively) or - (stdin).

    Exit status: 0 nothing at or above the fail level, 1 findings at or above it,
    2 usage, configuration, rule or input errors (everything that could be checked is still
    reported).
    """
    if languagetool is not None and languagetool != LOCAL_LT and "://" not in languagetool:
        # `--languagetool story.txt`: the option took a path for its URL; give it back
        paths = (languagetool, *paths)
        languagetool = LOCAL_LT
    if not paths:
        raise click.UsageError("give files, directories, or - for standard input")
    config = _merge(_config(config_file), format=output_format, fail_on=fail_on,
                    rules=tuple(rule_dirs), house=house, disable=tuple(_split(ignore)),
                    exclude=tuple(exclude), jobs=jobs, vocab=tuple(vocab),
                    report_unused_suppressions=report_unused_suppressions)
    if no_gitignore:
        config.set("respect_gitignore", False, "--no-gitignore (command line)")
    rulebook = _load(tuple(config.rules), config.house)
    # --select replaces the configuration's packs and enable lists; empty means every rule
    selection = _split(select) if select else [*config.packs, *config.enable]
    try:
        linters = LinterSet(rulebook, config, selection, config.disable)
        run = Run(linters, report_unused=config.report_unused_suppressions,
                  record_baseline=write_baseline is not None)
        if baseline_file is not None:
            from .baseline import Baseline

            run.baseline = Baseline.load(baseline_file)
        if changed_since:
            from .gitdiff import ChangedLines  # runs git: only when asked

            run.changed = ChangedLines(changed_since)
        run.languagetool = _languagetool(config, languagetool)
        run.ignore = tuple(config.disable)
        run.input_format = None if input_format == "auto" else input_format
    except CopylintError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)
    tally = Tally(FAIL_LEVELS[config.fail_on])
    sources: list[Source] = []
    for item in discover(list(paths), PathFilter(config.root, config.exclude,
                                                 config.respect_gitignore)):
        if isinstance(item, Source):
            sources.append(item)
        else:
            tally.errors.append(str(item))
            _say("error", str(item))
    options = ReportOptions(rules=linters.rules, statistics=statistics,
                            color=use_color(color, os.environ, sys.stdout.isatty()),
                            version=__version__)
    reporter = make_reporter(config.format, sys.stdout, options)
    reporter.start()
    backend = run.languagetool
    results = run_all(run, sources, config.jobs or default_jobs())
    show_progress = len(sources) > PROGRESS_MIN_FILES and sys.stderr.isatty() and not quiet
    with click.progressbar(results, length=len(sources), file=sys.stderr,
                           label="Checking") if show_progress else _nullbar(results) as bar:
        for result in bar:
            for warning in result.warnings:
                _say("warning", warning)
            for error in (result.error, result.backend_error):
                if error:
                    tally.errors.append(error)
                    _say("error", error)
            if result.checked:
                tally.add(result)
                reporter.file(result.name, result.findings)
    reporter.finish(tally.summary())
    sys.stdout.flush()
    if backend is not None:
        backend.close()
    if write_baseline is not None:
        _write_baseline(write_baseline, tally.baseline, quiet)
    if not quiet:
        click.echo(tally.sentence(), err=True)
    sys.exit(tally.exit_status())


def _write_baseline(path: Path, entries: list[dict[str, object]], quiet: bool) -> None:
    from .baseline import write_baseline

    try:
        write_baseline(path, entries)
    except CopylintError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)
    if not quiet:
        click.echo(f"copylint: wrote {len(entries)} findings to the baseline {path}", err=True)


def use_color(flag: bool | None, environ: Mapping[str, str], is_terminal: bool) -> bool:
    """--color/--no-color decide; otherwise colour only on a terminal without NO_COLOR set."""
    if flag is not None:
        return flag
    return is_terminal and not environ.get("NO_COLOR")


def _languagetool(config: Config, option: str | None) -> LanguageToolBackend | None:
    """The LanguageTool backend when the option or the configuration enables it."""
    if option is None and not config.languagetool:
        return None
    from .languagetool import LanguageToolBackend, LanguageToolSettings

    overrides: dict[str, object] = {}
    if option is not None:
        overrides = {"enabled": True, "server": None if option == LOCAL_LT else option}
    settings = LanguageToolSettings.from_config(config.languagetool or None, **overrides)
    return LanguageToolBackend(settings) if settings.enabled else None


@contextmanager
def _nullbar(items: Iterator[FileResult]) -> Iterator[Iterator[FileResult]]:
    yield items


@main.command("config")
@config_option
def show_config(config_file: Path | None) -> None:
    """Print the effective configuration and where each value came from."""
    for line in describe(_config(config_file)):
        click.echo(line)


def _configured_rulebook(config_file: Path | None, rule_dirs: tuple[Path, ...],
                         house: str | None) -> Rulebook:
    config = _merge(_config(config_file), rules=tuple(rule_dirs), house=house)
    return _load(tuple(config.rules), config.house)


@main.command("rules")
@config_option
@rules_option
@house_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def list_rules(config_file: Path | None, rule_dirs: tuple[Path, ...], house: str | None,
               output_format: str) -> None:
    """List packs and rules with their severity and message."""
    rulebook = _configured_rulebook(config_file, rule_dirs, house)
    if output_format == "json":
        click.echo(json.dumps([
            {"id": r.id, "pack": r.pack, "kind": r.kind, "severity": str(r.severity),
             "message": r.message, "path": r.path} for r in rulebook.rules], indent=2))
        return
    for pack in rulebook.packs:
        house_note = f" (house: {pack.house})" if pack.house else ""
        click.echo(f"{pack.name}{house_note}: {' '.join(pack.description.split())}")
        for rule in pack.rules:
            click.echo(f"  {rule.id:<34} {rule.severity!s:<8} {rule.kind:<15} {rule.summary}")


@main.command()
@click.argument("rule_id")
@config_option
@rules_option
@house_option
def explain(rule_id: str, config_file: Path | None, rule_dirs: tuple[Path, ...],
            house: str | None) -> None:
    """Show a rule's message, rationale and examples."""
    rulebook = _configured_rulebook(config_file, rule_dirs, house)
    rule = rulebook.rule(rule_id)
    if rule is None:
        try:
            choose_rules(rulebook, [rule_id])
        except CopylintError as error:
            _say("error", str(error))
            sys.exit(EXIT_ERROR)
        _say("error", f"'{rule_id}' is a pack; name one of its rules (see 'copylint rules')")
        sys.exit(EXIT_ERROR)
    click.echo(f"{rule.id} ({rule.kind}, {rule.severity}) — {rule.path}:{rule.line}")
    click.echo(f"\nMessage: {rule.message}")
    if rule.description:
        click.echo(f"\n{rule.description}")
    if rule.link:
        click.echo(f"\nSee: {rule.link}")
    click.echo("\nFlagged:")
    for example in rule.flag:
        marked = example.text
        for start, end in sorted(example.spans, reverse=True):
            marked = marked[:start] + "[[" + marked[start:end] + "]]" + marked[end:]
        click.echo(f"  {marked}")
    click.echo("\nNot flagged:")
    for example in rule.clean:
        click.echo(f"  {example.text}")


@main.command("test-rules")
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
def test_rules(directories: tuple[Path, ...]) -> None:
    """Run every rule's examples (the built-in packs, or the packs in DIRECTORIES)."""
    try:
        if directories:
            packs = [load_pack(f) for d in directories for f in rule_files(d)]
        else:  # every built-in pack, whatever its house
            packs = [load_pack(path) for path in rule_files(builtin_rules_dir())]
    except CopylintError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)
    rules = [rule for pack in packs for rule in pack.rules]
    failures = [failure for rule in rules for failure in check_examples(rule)]
    for failure in failures:
        click.echo(str(failure))
    examples = sum(len(rule.flag) + len(rule.clean) for rule in rules)
    click.echo(f"{len(rules)} rules, {examples} examples: "
               f"{examples - len(failures)} passed, {len(failures)} failed", err=True)
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)
