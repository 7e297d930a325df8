"""The command line: check, rules, explain, test-rules."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .api import build_run
from .config import Config, describe, load_config
from .engine import choose_rules
from .errors import CopylintError, RuleErrors, UsageError
from .escapes import line_text
from .findings import Severity
from .readers import FORMATS, PARAGRAPH_LAYOUTS
from .reporters import REPORTERS, Reporter, ReportOptions, make_reporter
from .rulebook import Rulebook, builtin_rules_dir, load_pack, load_rulebook, rule_files
from .runner import FileResult, Run, internal_error, run_all

if TYPE_CHECKING:
    from .languagetool import LanguageToolBackend
from .sources import DEFAULT_MAX_BYTES, PathFilter, Skipped, Source, discover
from .tally import (
    EXIT_BROKEN_PIPE,
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OUTPUT,
    Tally,
)

PROGRESS_MIN_FILES = 50
LOCAL_LT = "local"
FAIL_LEVELS: dict[str, Severity | None] = {
    "error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "never": None}


def _say(kind: str, text: str | Exception) -> None:
    """One line on stderr, whatever a file name or message holds (line breaks are escaped); an
    error listing several mistakes (RuleErrors) gives one line each."""
    lines = [str(e) for e in text.errors] if isinstance(text, RuleErrors) else [str(text)]
    click.echo(f"copylint: {kind}: {line_text(lines[0])}", err=True)
    for line in lines[1:]:
        click.echo(line_text(line), err=True)


def _split(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _load(rule_dirs: tuple[Path, ...], house: str | None) -> Rulebook:
    try:
        return load_rulebook(list(rule_dirs), house=house or "ap")
    except CopylintError as error:
        _say("error", error)
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
        _say("error", error)
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


class _LazyGroup(click.Group):
    """A group whose long-running commands (serve, lsp, batch) are imported only when named or
    listed, so that `copylint check` does not load them (click's documented lazy-loading
    pattern)."""

    #: command name -> "module:attribute"
    LAZY = {"lsp": "copylint.lsp.command:lsp", "serve": "copylint.server.command:serve",
            "batch": "copylint.batch.command:batch"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY and cmd_name not in self.commands:
            import importlib

            module, _, attribute = self.LAZY[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
              help="Record the current findings in this baseline file (exit 0 once written).")
@click.option("--changed-since", metavar="REV",
              help="Report only findings on lines changed since this git revision.")
@click.option("--report-unused-suppressions", is_flag=True,
              help="Report copylint-disable comments that suppress nothing.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Check files in N processes (default: the number of CPUs).")
@click.option("--color/--no-color", default=None,
              help="Colour in text output (default: when stdout is a terminal and NO_COLOR "
                   "is not set).")
@click.option("--statistics", is_flag=True,
              help="A count of findings by rule (after text output, in JSON's summary, on "
                   "stderr for the other formats).")
@click.option("--languagetool", "languagetool", is_flag=False, flag_value=LOCAL_LT,
              default=None, metavar="[URL]",
              help="Also check grammar with LanguageTool: a local one (needs Java; downloaded "
                   "once), or the server at URL (http://...).")
@click.option("--no-download", is_flag=True,
              help="With --languagetool and no URL: fail instead of downloading LanguageTool.")
@click.option("--input-format", type=click.Choice(["auto", *FORMATS, "xml"]), default=None,
              help="Read every file as this format (default: from the extension and content).")
@click.option("--encoding", metavar="NAME|auto", default=None,
              help="Read files in this encoding (e.g. cp1252) unless a BOM says otherwise; "
                   "'auto' detects it when a file is not UTF-8 (default: UTF-8, or what the "
                   "file declares).")
@click.option("--paragraphs", type=click.Choice(PARAGRAPH_LAYOUTS), default=None,
              help="How plain text splits into paragraphs: at blank lines, at every line, or "
                   "detected per file (default: auto).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
              help=f"The most bytes read from one file (default: {DEFAULT_MAX_BYTES:,}).")
@click.option("--fix", is_flag=True,
              help="Apply safe fixes in place, then report what is left; with - the fixed text "
                   "goes to stdout and the findings to stderr.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Also apply (with --fix or --diff) unsafe fixes: those that may change the "
                   "meaning or need a human's eye.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print a unified diff of the fixes and write nothing (exit 1 when there is "
                   "a fix to apply).")
@click.option("--show-fixes", is_flag=True, help="List the fixes applied.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def check(paths: tuple[str, ...], config_file: Path | None, output_format: str | None,
          fail_on: str | None, rule_dirs: tuple[Path, ...], select: tuple[str, ...],
          ignore: tuple[str, ...], house: str | None, vocab: tuple[Path, ...],
          exclude: tuple[str, ...],
          no_gitignore: bool, baseline_file: Path | None, write_baseline: Path | None,
          changed_since: str | None, report_unused_suppressions: bool, jobs: int | None,
          color: bool | None, statistics: bool, languagetool: str | None, no_download: bool,
          input_format: str | None, encoding: str | None, paragraphs: str | None,
          max_bytes: int | None, fix: bool, unsafe_fixes: bool, show_diff: bool,
          show_fixes: bool, quiet: bool) -> None:
    """Check files, directories (recursively) or - (stdin).

    Exit status: 0 nothing at or above the fail level, 1 findings at or above it,
    2 usage, configuration, rule or input errors (everything that could be checked is still
    reported), 130 interrupted, 74 the output could not be written, 141 the output was closed
    (a broken pipe).
    """
    if languagetool is not None and languagetool != LOCAL_LT and "://" not in languagetool:
        # `--languagetool story.txt`: the option took a path for its URL; give it back
        paths = (languagetool, *paths)
        languagetool = LOCAL_LT
    if not paths:
        raise click.UsageError("give files, directories, or - for standard input")
    if sys.stdout is None:
        _say("error", "standard output is closed; nothing can be reported")
        sys.exit(EXIT_OUTPUT)
    config = _merge(_config(config_file), format=output_format, fail_on=fail_on,
                    rules=tuple(rule_dirs), house=house, disable=tuple(_split(ignore)),
                    exclude=tuple(exclude), jobs=jobs, vocab=tuple(vocab),
                    report_unused_suppressions=report_unused_suppressions,
                    encoding=encoding, paragraphs=paragraphs, max_bytes=max_bytes)
    if no_gitignore:
        config.set("respect_gitignore", False, "--no-gitignore (command line)")
    try:
        if encoding is not None and encoding != "auto":
            import codecs

            try:
                codecs.lookup(encoding)
            except LookupError:
                raise UsageError(f"--encoding: unknown encoding '{encoding}'") from None
        run = build_run(config, select=_split(select) if select else None,
                        input_format=None if input_format == "auto" else input_format,
                        record_baseline=write_baseline is not None, baseline=baseline_file,
                        changed_since=changed_since,
                        languagetool=_languagetool(config, languagetool, no_download))
        path_filter = PathFilter(config.root, config.exclude, config.respect_gitignore,
                                 where=_where(config, "exclude"))
        if fix and show_diff:
            raise UsageError("--fix writes the fixes and --diff shows them without writing: "
                             "choose one")
        if fix or show_diff:
            from .fixes.files import FixMode

            run.fixing = FixMode(write=fix, diff=show_diff, unsafe=unsafe_fixes)
    except CopylintError as error:
        _say("error", error)
        sys.exit(EXIT_ERROR)
    tally = Tally(FAIL_LEVELS[config.fail_on])
    sources: list[Source] = []
    for item in discover(list(paths), path_filter):
        if isinstance(item, Source):
            sources.append(item)
        elif isinstance(item, Skipped):
            tally.skipped.append(str(item))
            _say("note", str(item))
        else:
            tally.errors.append(str(item))
            _say("error", str(item))
    # fixed text on stdout (--fix -) or a diff leaves the findings to stderr
    fixed_to_stdout = fix and any(s.path is None for s in sources)
    stream = sys.stderr if fixed_to_stdout or show_diff else sys.stdout
    options = ReportOptions(rules=run.linters.rules, statistics=statistics,
                            color=use_color(color, os.environ, stream.isatty()),
                            version=__version__, unsafe_fixes=unsafe_fixes)
    reporter = make_reporter(config.format, stream, options)
    tally.fixing = run.fixing is not None
    try:
        _report(run, sources, config, reporter, tally, quiet)
    except KeyboardInterrupt:
        _say("error", "interrupted; the run did not finish")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _quiet_stdout()
        _say("error", "the output was closed before the report was complete")
        sys.exit(EXIT_BROKEN_PIPE)
    except OSError as error:
        _quiet_stdout()
        _say("error", f"cannot write the output: {error.strerror or error}")
        sys.exit(EXIT_OUTPUT)
    if show_fixes:
        for line in tally.fixes_lines():
            click.echo(line, err=True)
    if statistics and config.format not in ("text", "json"):
        for line in tally.statistics_lines():
            click.echo(line, err=True)
    if write_baseline is not None:
        _write_baseline(write_baseline, tally.baseline, quiet)
    if not quiet:
        click.echo(tally.sentence(), err=True)
    sys.exit(tally.exit_status(baseline_written=write_baseline is not None, diff=show_diff))


def _report(run: Run, sources: list[Source], config: Config, reporter: Reporter, tally: Tally,
            quiet: bool) -> None:
    """Check the sources and report each file as it comes; a reporter failing on one file is that
    file's error."""
    reporter.start()
    backend = run.languagetool
    results = run_all(run, sources, config.jobs)
    show_progress = len(sources) > PROGRESS_MIN_FILES and sys.stderr.isatty() and not quiet
    try:
        with click.progressbar(results, length=len(sources), file=sys.stderr,
                               label="Checking") if show_progress else _nullbar(results) as bar:
            for result in bar:
                _one_result(result, reporter, tally, diff_only=bool(run.fixing and run.fixing.diff))
        reporter.finish(tally.summary(statistics=reporter.options.statistics))
        sys.stdout.flush()
    finally:
        if backend is not None:
            backend.close()


def _one_result(result: FileResult, reporter: Reporter, tally: Tally,
                diff_only: bool = False) -> None:
    """Report one file's result (with --diff, its diff alone)."""
    for warning in result.warnings:
        _say("warning", warning)
    if result.skipped:
        tally.skipped.append(result.skipped)
        _say("note", result.skipped)
    for error in (result.error, result.backend_error, result.fix_error):
        for line in error.split("\n") if error else ():   # a file of stories: one a story
            tally.errors.append(line)
            _say("error", line)
    if result.fix_error:
        tally.unfixed += 1
    if not result.checked:
        return
    if result.diff:
        sys.stdout.write(result.diff)
    if result.fixed is not None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.fixed)
        sys.stdout.flush()
    if diff_only:
        tally.add(result)
        return
    report = reporter.file if tally.starts_file(result) else reporter.more
    try:
        report(result.name, result.findings)
    except OSError:
        raise  # the output itself failed: the run stops with one line (see check)
    except Exception as error:  # isolation: a reporter bug costs one file
        message = internal_error(result.name, error)
        tally.errors.append(message)
        _say("error", message)
        return
    tally.add(result)


def _where(config: Config, key: str) -> str:
    """How an error names a setting: its option, or the file and line it was written on."""
    origin = config.origin(key)
    return origin.split(" ")[0] if origin.startswith("--") else f"{origin}: {key}"


def _quiet_stdout() -> None:
    """After a broken or full stdout, send what is left to nowhere so exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _write_baseline(path: Path, entries: list[dict[str, object]], quiet: bool) -> None:
    from .baseline import write_baseline

    try:
        write_baseline(path, entries)
    except CopylintError as error:
        _say("error", error)
        sys.exit(EXIT_ERROR)
    if not quiet:
        click.echo(f"copylint: wrote {len(entries)} findings to the baseline {path}", err=True)


def use_color(flag: bool | None, environ: Mapping[str, str], is_terminal: bool) -> bool:
    """--color/--no-color decide; otherwise colour only on a terminal without NO_COLOR set."""
    if flag is not None:
        return flag
    return is_terminal and not environ.get("NO_COLOR")


def _languagetool(config: Config, option: str | None,
                  no_download: bool = False) -> LanguageToolBackend | None:
    """The LanguageTool backend when the option or the configuration enables it."""
    if option is None and not config.languagetool:
        return None
    from .languagetool import LanguageToolBackend, LanguageToolSettings

    overrides: dict[str, object] = {}
    if option is not None:
        overrides = {"enabled": True, "server": None if option == LOCAL_LT else option}
    if no_download:
        overrides["download"] = False
    settings = LanguageToolSettings.from_config(config.languagetool or None, **overrides)
    if not settings.enabled:
        return None
    return LanguageToolBackend(settings, notice=lambda text: _say("note", text))


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
    """List every pack and rule with its severity and summary; house packs say whether the
    chosen house uses them."""
    from .ruledocs import all_packs, pack_label, rule_record

    rulebook = _configured_rulebook(config_file, rule_dirs, house)
    packs = all_packs(rulebook)
    if output_format == "json":
        import json

        click.echo(json.dumps([rule_record(rule, pack, rulebook) for pack in packs
                               for rule in pack.rules], indent=2, ensure_ascii=False))
        return
    for pack in packs:
        click.echo(f"{pack_label(pack, rulebook)}: {' '.join(pack.description.split())}")
        for rule in pack.rules:
            fixable = {"safe": "fix", "unsafe": "fix*"}.get(rule.fix.safety, "") if rule.fix else ""
            click.echo(f"  {rule.id:<34} {rule.severity!s:<8} {rule.kind:<15} {fixable:<5} "
                       f"{rule.summary}")


@main.command()
@click.argument("rule_id")
@config_option
@rules_option
@house_option
def explain(rule_id: str, config_file: Path | None, rule_dirs: tuple[Path, ...],
            house: str | None) -> None:
    """Show a rule's message, rationale, examples and the parameters of its kind."""
    rulebook = _configured_rulebook(config_file, rule_dirs, house)
    rule = rulebook.rule(rule_id)
    other_house = rulebook.inactive_rule(rule_id) if rule is None else None
    if other_house is not None:
        rule = other_house[0]
    if rule is None:
        try:
            choose_rules(rulebook, [rule_id])
        except CopylintError as error:
            _say("error", error)
            sys.exit(EXIT_ERROR)
        _say("error", f"'{rule_id}' is a pack; name one of its rules (see 'copylint rules')")
        sys.exit(EXIT_ERROR)
    from .explain import explain_text

    note = None
    if other_house is not None:
        pack_house = other_house[1].house
        note = (f"In the {other_house[1].name} house pack, which checks copy only with "
                f"--house {pack_house} (or 'house: {pack_house}' in the configuration); the house "
                f"now is {rulebook.house}.")
    click.echo(explain_text(rule, note))


@main.command("resident")
@click.option("--socket", "socket_path", metavar="PATH", default=None,
              help="The Unix socket to listen on (default: $COPYLINT_RESIDENT, else "
                   "resident.sock in copylint's cache directory).")
@click.option("--idle-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              metavar="SECONDS", help="Stop after SECONDS without a command (default: never).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing about the commands it runs.")
def resident(socket_path: str | None, idle_timeout: float | None, quiet: bool) -> None:
    """Stay loaded, and run `copylint check` for every command that names this process's socket
    in COPYLINT_RESIDENT (Unix only), so that a story takes no start-up."""
    from .resident import default_socket, serve

    try:
        serve(socket_path or default_socket(), log=not quiet, idle=idle_timeout)
    except OSError as error:
        _say("error", f"no resident process: {error}")
        sys.exit(EXIT_ERROR)


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
        _say("error", error)
        sys.exit(EXIT_ERROR)
    rules = [rule for pack in packs for rule in pack.rules]
    from .examples import check_examples

    failures = [failure for rule in rules for failure in check_examples(rule)]
    for failure in failures:
        click.echo(str(failure))
    examples = sum(len(rule.flag) + len(rule.clean) for rule in rules)
    click.echo(f"{len(rules)} rules, {examples} examples: "
               f"{examples - len(failures)} passed, {len(failures)} failed", err=True)
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)
