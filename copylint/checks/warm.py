"""Filling the caches that pay off over many documents, before a long run (and before workers
fork, so that each inherits them)."""

from __future__ import annotations

from importlib import import_module

from ..context import RunContext
from ..rulebook import Rule

#: kinds that ask the name queries (and so settle every known word at once), and kinds that
#: read the gazetteer's word lists only
_NAME_KINDS = frozenset({"names", "name-case", "name-variants", "name-possessive", "spelling"})
_WORD_LIST_KINDS = frozenset({"glued-words", "ize-spelling"})


def warm_up(rules: list[Rule], context: RunContext) -> None:
    """Load what the rules read (the gazetteer, the dictionary, the spun-phrase table, the
    edit-distance library) and settle every word the dictionaries know, once."""
    kinds = {rule.kind for rule in rules}
    if kinds & _NAME_KINDS:
        from .name_queries import name_queries

        name_queries(context).warm_up()
        for module in ("rapidfuzz.process", "rapidfuzz.distance"):  # their edit distances
            import_module(module)
    elif kinds & _WORD_LIST_KINDS:
        from ..gazetteer import load_gazetteer

        load_gazetteer()
    if kinds & {"spelling", "name-possessive"}:
        from .spelling import spelling_queries

        spelling_queries(context).warm_up()
    if "collocation" in kinds:
        from .collocations import load_variants

        load_variants()
