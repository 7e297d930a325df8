"""The `copylint serve` command.

It imports neither Starlette nor uvicorn until it runs, so registering it costs `copylint check`
nothing at start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import CopylintError
from .defaults import DEFAULT_HOST, DEFAULT_MAX_BYTES, DEFAULT_PORT, DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from .settings import ServerSettings

EXIT_ERROR = 2
INSTALL_HINT = "copylint serve needs the 'serve' extra: pip install 'copylint[serve]'"


def _say(kind: str, text: str) -> None:
    click.echo(f"copylint: {kind}: {text}", err=True)


def announce(settings: ServerSettings) -> None:
    """Say where the server listens, and who can reach it."""
    workers = f", {settings.workers} workers" if settings.workers > 1 else ""
    click.echo(f"copylint: serving {settings.url}{workers}", err=True)
    if settings.local_only:
        click.echo("copylint: only this machine can connect (--host 0.0.0.0 serves the network)",
                   err=True)
    elif not settings.token:
        _say("warning", f"listening on {settings.host} without --token: anyone who can reach this "
                        "port can use the server")
    if settings.cors_origins:
        click.echo(f"copylint: pages from {', '.join(settings.cors_origins)} may call the API "
                   "(CORS)", err=True)


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; 0.0.0.0 (or ::) serves the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port to listen on (0: any free port, printed on start).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes.")
@click.option("--token", envvar="COPYLINT_SERVE_TOKEN", default=None, metavar="TOKEN",
              help="Require 'Authorization: Bearer TOKEN' (or LanguageTool's apiKey field) on "
                   "every endpoint but /healthz; also read from $COPYLINT_SERVE_TOKEN.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), default=None,
              help="Configuration file (default: the nearest .copylint.yaml or pyproject.toml "
                   "[tool.copylint]).")
@click.option("--house", default=None, metavar="ap|reuters|none",
              help="Default house style (requests to /v1/check may choose another).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, metavar="N", help="Largest request body; larger ones get 413.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT,
              show_default=True, metavar="SECONDS",
              help="Time limit of one check; slower ones get 503.")
@click.option("--languagetool", metavar="URL", default=None,
              help="Merge in grammar findings from the LanguageTool server at URL.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Let pages from ORIGIN (https://cms.example.org, or *) call the API; repeatable. "
                   "Default: none.")
@click.option("--access-log", is_flag=True, help="Log every request on stderr.")
def serve(host: str, port: int, workers: int, token: str | None, config_file: Path | None,
          house: str | None, max_bytes: int, timeout: float, languagetool: str | None,
          cors_origins: tuple[str, ...], access_log: bool) -> None:
    """Serve the editors' page, the JSON API and a LanguageTool-compatible API over HTTP."""
    if languagetool is not None and not languagetool.startswith(("http://", "https://")):
        raise click.BadParameter("give the LanguageTool server's URL (http://...)",
                                 param_hint="--languagetool")
    if token is not None and not token.strip():
        raise click.BadParameter("the token must not be empty", param_hint="--token")
    try:
        from .serve import serve as run_server
    except ImportError:
        _say("error", INSTALL_HINT)
        sys.exit(EXIT_ERROR)
    from .settings import ServerSettings

    settings = ServerSettings(
        host=host, port=port, workers=workers, token=token,
        config=str(config_file) if config_file is not None else None, house=house,
        max_bytes=max_bytes, languagetool=languagetool, cors_origins=tuple(cors_origins),
        timeout=timeout)
    try:
        run_server(settings, announce, access_log=access_log)
    except CopylintError as error:
        _say("error", str(error))
        sys.exit(EXIT_ERROR)
    click.echo("copylint: stopped", err=True)
