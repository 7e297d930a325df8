"""`python -m copylint`: the same as the `copylint` command."""

from .cli import main

main()
