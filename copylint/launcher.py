"""The `copylint` command's entry point: `copylint check` goes to the resident process when
$COPYLINT_RESIDENT names one (`copylint.resident`), and everything else to the command line
(`copylint.cli`), imported only then."""

from __future__ import annotations

import sys

#: the commands a resident process runs; the long-running ones (serve, lsp, batch, resident) and
#: the others run here
RESIDENT_COMMANDS = frozenset({"check"})


def main() -> None:
    argv = sys.argv[1:]
    if argv and argv[0] in RESIDENT_COMMANDS:
        from .resident import run_resident

        status = run_resident(argv)
        if status is not None:
            sys.exit(status)
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:    # Ctrl-C while the command loads: what the command line says
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)
    cli_main()
