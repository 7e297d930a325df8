"""Filling the caches that pay off over many documents, before a long run (and before workers
fork, so that each inherits them)."""

from __future__ import annotations

from ..context import RunContext
from ..rulebook import Rule


def warm_up(rules: list[Rule], context: RunContext) -> None:
    kinds = {rule.kind for rule in rules}
    if kinds & {"names", "name-case"}:
        from .name_queries import name_queries

        name_queries(context).warm_up()
    if "spelling" in kinds:
        from .spelling import spelling_queries

        spelling_queries(context).warm_up()
