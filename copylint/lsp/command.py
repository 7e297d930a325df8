"""The `copylint lsp` command. pygls is imported only when the server starts, so registering the
command costs `copylint check` nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import click


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


@click.command("lsp")
@click.option("--house", default=None, metavar="ap|reuters|none",
              help="House style (default: the configuration's; client settings override).")
@click.option("--select", multiple=True, metavar="IDS",
              help="Only these rule ids or packs (comma-separated, repeatable).")
@click.option("--ignore", multiple=True, metavar="IDS",
              help="Skip these rule ids or packs (comma-separated, repeatable).")
@click.option("--vocab", multiple=True, type=click.Path(path_type=Path),
              help="A vocabulary file (names to accept, !names to reject); repeatable.")
def lsp(house: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
        vocab: tuple[Path, ...]) -> None:
    """Run the language server on standard input and output (for editors).

    Needs the `lsp` extra: pip install 'copylint[lsp]'. Each document is checked with the
    nearest .copylint.yaml or pyproject.toml; these options and the client's settings
    (house, select, ignore, vocab, debounce) override it.
    """
    try:
        from .server import serve
    except ImportError as error:
        click.echo(f"copylint: error: the language server needs pygls and lsprotocol ({error}); "
                   "install them with: pip install 'copylint[lsp]'", err=True)
        sys.exit(2)
    from .settings import Settings

    sys.exit(serve(Settings(house=house, select=_split(select) or None, ignore=_split(ignore),
                            vocab=tuple(path.resolve() for path in vocab))))
