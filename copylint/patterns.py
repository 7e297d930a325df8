"""Regular expressions that copylint's own modules compile when they are imported, kept compiled
in the cache (`copylint.cache`) so that a run does not compile them again.

Compiling a `regex` pattern parses it in Python: the module-level patterns on the path of one
`copylint check` cost about 10 ms of each start-up, more than checking a story. A compiled
`regex` pattern pickles as its compiled code and loads in microseconds, so `compile` hands out the
patterns of the cache entry `patterns` and compiles only those missing from it; a process that
compiled any stores the entry again when it exits. The entry's key covers copylint's files and
the versions of Python and `regex`, so a changed module never reads a stale pattern.

Use it for constant patterns only (a module's own), never for patterns made from user input: the
entry keeps every pattern it is asked for.
"""

from __future__ import annotations

from functools import cache

import regex

ENTRY = "patterns"


class PatternStore:
    """The compiled patterns of one process: those read from the cache, and those compiled since
    (stored when the process exits)."""

    def __init__(self, patterns: dict[tuple[str, int], regex.Pattern[str]]) -> None:
        self.patterns = patterns
        self.compiled = 0

    @classmethod
    def from_cache(cls) -> PatternStore:
        from .cache import load_entry

        loaded = load_entry(ENTRY)
        return cls(loaded if isinstance(loaded, dict) else {})

    def get(self, source: str, flags: int = 0) -> regex.Pattern[str]:
        found = self.patterns.get((source, flags))
        if found is None:
            found = self.patterns[(source, flags)] = regex.compile(source, flags)
            if not self.compiled:
                import atexit

                atexit.register(self.save)
            self.compiled += 1
        return found

    def save(self) -> None:
        from .cache import store_entry

        store_entry(ENTRY, (), self.patterns)


@cache
def pattern_store() -> PatternStore:
    """The process's store, read from the cache on first use."""
    return PatternStore.from_cache()


def compile(source: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(source, flags)`, from the cache when an earlier run compiled it."""
    return pattern_store().get(source, flags)
