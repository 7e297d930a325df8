"""`copylint batch`: the command line. Imports no Dask until the command runs, so that
`copylint check` starts as fast with the extra installed as without it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import CopylintError, UsageError
from ..findings import Severity
from ..readers import FORMATS, PARAGRAPH_LAYOUTS
from . import DEFAULT_PARTITION_SIZE

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
#: item errors printed on stderr; the rest are records of the output
SHOWN_ERRORS = 10
FAIL_LEVELS = ("error", "warning", "info", "never")
INSTALL_HINT = "copylint batch needs the dask extra: pip install 'copylint[dask]'"
#: `--input-format` values: the readers', and the containers of copylint.readers.stories (named
#: here so that the command does not import the splitting code before it runs)
INPUT_FORMATS = ("auto", *FORMATS, "xml", "jsonl", "ndjson")


def _say(kind: str, text: str) -> None:
    click.echo(f"copylint: {kind}: {text}", err=True)


@click.command("batch")
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", required=True, metavar="OUT",
              help="A directory (local or an fsspec URL) ending in .jsonl or .parquet: the "
                   "records' format.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:PORT).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Start a local cluster of N worker processes (default: the number of CPUs).")
@click.option("--partition-size", type=click.IntRange(min=1), default=DEFAULT_PARTITION_SIZE,
              show_default=True, help="Files per partition (one Dask task, one output file).")
@click.option("--resume", is_flag=True,
              help="Continue the run that wrote OUT: partitions already complete are skipped.")
@click.option("--overwrite", is_flag=True, help="Replace what an earlier run wrote in OUT.")
@click.option("--dashboard-address", default=":8787", show_default=True,
              help="Where a local cluster serves the Dask dashboard (:0 for any free port).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), default=None,
              help="Configuration file (default: the nearest one).")
@click.option("--house", default=None, metavar="ap|reuters|none", help="House style.")
@click.option("--select", multiple=True, metavar="IDS", help="Only these rules or packs.")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules or packs.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
              help="A directory (or file) of rule packs to add; repeatable.")
@click.option("--vocab", multiple=True, type=click.Path(path_type=Path),
              help="A vocabulary file (names to accept, !names to reject); repeatable.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip matching paths; repeatable.")
@click.option("--no-gitignore", is_flag=True, help="Also check files .gitignore ignores.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS),
              default=None, help="Read every file as this format (jsonl: one ninjs item a line).")
@click.option("--encoding", metavar="NAME|auto", default=None, help="Read files in this encoding.")
@click.option("--paragraphs", type=click.Choice(PARAGRAPH_LAYOUTS), default=None,
              help="How plain text splits into paragraphs.")
@click.option("--languagetool", metavar="URL", default=None,
              help="Also check grammar with the LanguageTool server at URL.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="never", show_default=True,
              help="Lowest severity that makes the exit status 1.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
def batch(sources: tuple[str, ...], output: str, scheduler: str | None, workers: int | None,
          partition_size: int, resume: bool, overwrite: bool, dashboard_address: str,
          config_file: Path | None, house: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], rule_dirs: tuple[Path, ...], vocab: tuple[Path, ...],
          exclude: tuple[str, ...], no_gitignore: bool, input_format: str | None,
          encoding: str | None, paragraphs: str | None, languagetool: str | None,
          fail_on: str, quiet: bool) -> None:
    """Check archives and feeds on a Dask cluster: files, folders, globs or fsspec URLs
    (s3://, gs://, file://), multi-story files split into stories; findings written per
    partition to OUT.

    Exit status: 0 done, 1 findings at or above --fail-on, 2 usage errors or items that could
    not be checked (each is a record of the output), 130 interrupted (finish with --resume).
    """
    from ..cli import _config, _merge, _split

    if scheduler and workers:
        raise click.UsageError("give --scheduler or --workers, not both")
    if resume and overwrite:
        raise click.UsageError("give --resume or --overwrite, not both")
    try:
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        _say("error", INSTALL_HINT)
        sys.exit(EXIT_ERROR)
    config = _merge(_config(config_file), rules=tuple(rule_dirs), house=house,
                    disable=tuple(_split(ignore)), exclude=tuple(exclude), vocab=tuple(vocab),
                    encoding=encoding, paragraphs=paragraphs)
    if no_gitignore:
        config.set("respect_gitignore", False, "--no-gitignore (command line)")
    try:
        from .driver import make_plan
        from .output import OutputTarget
        from .settings import BatchSettings

        settings = BatchSettings.create(config, tuple(_split(select)) if select else None,
                                        input_format, languagetool)
        settings.build()  # a wrong rule, pack or setting stops the run here, not on a worker
        target = OutputTarget.parse(output)
        plan = make_plan(list(sources), settings, partition_size, output)
    except CopylintError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)
    for message in plan.input_errors:
        _say("error", message)
    if not plan.partitions:
        if not plan.input_errors:
            _say("error", "nothing to check: every file is excluded")
        sys.exit(EXIT_ERROR)
    try:
        result = _execute(plan, target, settings, scheduler, workers, dashboard_address,
                          resume=resume, overwrite=overwrite, quiet=quiet)
    except UsageError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        _say("error", f"interrupted; run it again with --resume to finish {output}")
        sys.exit(EXIT_INTERRUPTED)
    counts = result.counts
    for message in counts.error_messages[:SHOWN_ERRORS]:
        _say("error", message)
    if counts.errors > SHOWN_ERRORS:
        _say("error", f"... and {counts.errors - SHOWN_ERRORS} more: the records with an "
                      f"'error' field in {output}")
    if not quiet:
        resumed = f" ({result.resumed} complete before this run)" if result.resumed else ""
        click.echo(f"{counts.sentence()}; {result.partitions} partitions{resumed} in {output}",
                   err=True)
    sys.exit(_status(result.errors, counts.by_severity, fail_on))


def _execute(plan, target, settings, scheduler, workers, dashboard_address, *, resume: bool,
             overwrite: bool, quiet: bool):  # type: ignore[no-untyped-def]
    from .cluster import connect
    from .driver import execute

    with connect(scheduler, workers, dashboard_address) as client:
        if not quiet:
            click.echo(f"copylint batch: {len(plan.partitions)} partitions on "
                       f"{client.scheduler.address}; dashboard: {client.dashboard_link}", err=True)
        return execute(client, plan, target, settings, resume=resume, overwrite=overwrite,
                       show_progress=not quiet and sys.stdout.isatty(),
                       on_failure=lambda message: _say("error", message))


def _status(errors: int, by_severity: dict[str, int], fail_on: str) -> int:
    if errors:
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity.parse(fail_on)
    failing = any(count and Severity.parse(name) >= threshold
                  for name, count in by_severity.items())
    return EXIT_FINDINGS if failing else EXIT_CLEAN
