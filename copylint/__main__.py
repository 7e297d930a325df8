"""`python -m copylint` runs the CLI."""

from .cli import main

main()
