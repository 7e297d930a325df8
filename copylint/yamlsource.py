"""YAML loading that remembers the source line of every mapping, key and list item.

PyYAML is imported on the first load only: a run whose rules come from the cache and that has no
YAML configuration never imports it.
"""

from __future__ import annotations

from functools import cache
from typing import Any


class YamlError(ValueError):
    """Text that is not valid YAML: the line it goes wrong on (when known) and what is wrong."""

    def __init__(self, line: int | None, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


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


@cache
def _loader() -> type:
    """PyYAML's safe loader (the C one when built), building LineDict and LineList."""
    import yaml

    base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
            mapping = LineDict()
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {}
            self.flatten_mapping(node)
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in mapping:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                mapping[key] = self.construct_object(value_node, deep=True)
                mapping.key_lines[key] = key_node.start_mark.line + 1
            return mapping

        def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
            items = LineList(self.construct_object(child, deep=True) for child in node.value)
            items.line = node.start_mark.line + 1
            items.item_lines = [child.start_mark.line + 1 for child in node.value]
            return items

    LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
    LineLoader.add_constructor("tag:yaml.org,2002:seq", LineLoader.construct_sequence)
    return LineLoader


def load_yaml(text: str) -> Any:
    """Parse YAML text; mappings come back as LineDict, sequences as LineList. Invalid YAML
    raises YamlError."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as error:
        raise YamlError(error_line(error), error_text(error)) from None


def error_line(error: Exception) -> int | None:
    """The 1-based line a YAML error points at, when it says."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def error_text(error: Exception) -> str:
    """A one-line description of a YAML error without its position dump."""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    return f"{context} {problem}" if context else str(problem)
