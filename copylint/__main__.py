"""`python -m copylint`: the same as the `copylint` command."""

from .launcher import main

main()
