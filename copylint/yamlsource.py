"""YAML loading that remembers the source line of every mapping, key and list item.

Rule packs and configuration files are read with a safe loader and three limits, so a hostile
or mistaken file costs one error line, never memory or time:

- aliases (`*name`) may repeat at most ALIAS_LIMIT nodes in all, so an alias bomb (a few lines
  of aliases of aliases that expand to a billion items) is refused before anything is built;
- an integer may have at most INTEGER_DIGITS digits (Python refuses to convert 4,300 or more);
- nesting is at most DEPTH_LIMIT levels.

A key YAML 1.1 reads as something other than a string (`no:`, `on:`, `1:`) is kept as written,
so `swap: {no: none}` means the word "no".

PyYAML (and the loader, `copylint.yamlload`) is imported on the first load only: a run whose
packs come from the cache (`copylint.cache`) and that has no YAML configuration never needs it.
"""

from __future__ import annotations

from typing import Any

ALIAS_LIMIT = 10_000
"""The most nodes that aliases may repeat in one file, all aliases together."""
INTEGER_DIGITS = 100
"""The most characters a YAML integer may have."""
DEPTH_LIMIT = 200
"""The deepest nesting of mappings and lists."""


class LineDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


def load_yaml(text: str) -> Any:
    """Parse YAML text; mappings come back as LineDict, sequences as LineList.

    Raises yaml.YAMLError (with a line where known) for bad YAML and for the limits above.
    """
    from .yamlload import load

    return load(text)


def error_line(error: Exception) -> int | None:
    """The 1-based line a YAML error points at, when it says."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def error_text(error: Exception) -> str:
    """A one-line description of a YAML error without its position dump."""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    return f"{context} {problem}" if context else str(problem)
