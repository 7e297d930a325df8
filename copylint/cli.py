"""The command line: check, rules, explain, test-rules."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .document import Document
from .engine import Linter, choose_rules
from .errors import CopylintError
from .examples import check_examples
from .findings import Severity
from .reporters import REPORTERS, make_reporter
from .rulebook import Rulebook, load_pack, load_rulebook, rule_files
from .sources import BinaryFile, Source, discover, read_source

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO,
               "never": None}


def _say(kind: str, text: str) -> None:
    click.echo(f"copylint: {kind}: {text}", err=True)


def _split(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _load(rule_dirs: tuple[Path, ...], house: str) -> Rulebook:
    try:
        return load_rulebook(list(rule_dirs), house=house)
    except CopylintError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)


rules_option = click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
    help="A directory (or file) of YAML rule packs to add; repeatable.")
house_option = click.option(
    "--house", default="ap", show_default=True, metavar="ap|none",
    help="House-style pack to apply, or none.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copylint")
def main() -> None:
    """Lint news wire copy: broken punctuation, garbled fragments, misspelled names,
    scraping junk and house style."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), default="warning",
              show_default=True, help="Lowest severity that makes the exit status 1.")
@rules_option
@click.option("--select", multiple=True, metavar="IDS",
              help="Only these rule ids or packs (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="IDS",
              help="Skip these rule ids or packs (comma-separated, repeatable).")
@house_option
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def check(paths: tuple[str, ...], output_format: str, fail_on: str, rule_dirs: tuple[Path, ...],
          select: tuple[str, ...], ignore: tuple[str, ...], house: str, quiet: bool) -> None:
    """Check files, directories (recursively) or - (stdin).

    Exit status: 0 nothing at or above the fail level, 1 findings at or above it,
    2 usage, rule or input errors (everything that could be checked is still reported).
    """
    rulebook = _load(rule_dirs, house)
    try:
        linter = Linter(choose_rules(rulebook, _split(select), _split(ignore)))
    except CopylintError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)
    reporter = make_reporter(output_format, sys.stdout)
    threshold = FAIL_LEVELS[fail_on]
    counts: Counter[str] = Counter()
    errors: list[str] = []
    checked = with_findings = 0
    failing = False
    reporter.start()
    for source in discover(list(paths)):
        if not isinstance(source, Source):
            errors.append(str(source))
            _say("error", str(source))
            continue
        try:
            text = read_source(source)
        except BinaryFile as skipped:
            _say("warning", str(skipped))
            if source.explicit:
                errors.append(str(skipped))
            continue
        except CopylintError as error:
            errors.append(str(error))
            _say("error", str(error))
            continue
        if not text.strip():
            _say("warning", f"{source.name}: empty file, nothing to check")
        result = linter.check(Document(text, source.name))
        for warning in result.warnings:
            _say("warning", f"{source.name}: {warning}")
        checked += 1
        if result.findings:
            with_findings += 1
        for finding in result.findings:
            counts[str(finding.severity)] += 1
            if threshold is not None and finding.severity >= threshold:
                failing = True
        reporter.file(result.findings)
    summary = {"files_checked": checked, "files_with_findings": with_findings,
               "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"],
               "input_errors": errors}
    reporter.finish(summary)
    sys.stdout.flush()
    if not quiet:
        total = sum(counts.values())
        detail = ", ".join(f"{counts[name]} {name}{'s' if counts[name] != 1 else ''}"
                           for name in ("error", "warning", "info") if counts[name])
        click.echo(f"copylint: {total} finding{'s' if total != 1 else ''}"
                   f"{f' ({detail})' if detail else ''} in {with_findings} of {checked} "
                   f"file{'s' if checked != 1 else ''} checked"
                   f"{f'; {len(errors)} could not be checked' if errors else ''}", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if failing else EXIT_CLEAN)


@main.command("rules")
@rules_option
@house_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def list_rules(rule_dirs: tuple[Path, ...], house: str, output_format: str) -> None:
    """List packs and rules with their severity and message."""
    rulebook = _load(rule_dirs, house)
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
@rules_option
@house_option
def explain(rule_id: str, rule_dirs: tuple[Path, ...], house: str) -> None:
    """Show a rule's message, rationale and examples."""
    rulebook = _load(rule_dirs, house)
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
        else:
            packs = load_rulebook(house="none").packs + [
                p for p in load_rulebook_all_houses() if p.house]
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


def load_rulebook_all_houses() -> list:
    """Every built-in pack, whatever its house."""
    from .rulebook import builtin_rules_dir

    return [load_pack(path) for path in rule_files(builtin_rules_dir())]
