"""The YAML loader behind `copylint.yamlsource.load_yaml` (which imports this module, and PyYAML
with it, on the first load only): PyYAML's safe loader with line numbers and the limits."""

from __future__ import annotations

from typing import Any

import yaml

from .yamlsource import ALIAS_LIMIT, DEPTH_LIMIT, INTEGER_DIGITS, LineDict, LineList

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse(problem: str, mark: Any) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, problem, mark)


def _children(node: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
    """(child, node whose line names where the child is used) for a collection node."""
    if isinstance(node, yaml.MappingNode):
        return [pair for key, value in node.value for pair in ((key, key), (value, key))]
    if isinstance(node, yaml.SequenceNode):
        return [(child, node) for child in node.value]
    return []


def check_limits(root: yaml.Node) -> None:
    """Refuse a composed document whose aliases expand past ALIAS_LIMIT nodes, that nests
    deeper than DEPTH_LIMIT or whose aliases form a cycle; nothing has been built yet.

    Walks the node graph once, without recursion: the first visit of a node is where it is
    written; every later visit is an alias, which repeats the node's whole expanded size.
    """
    size: dict[int, int] = {}  # id(node) -> expanded size, once its subtree is done
    repeated = 0
    # (node, where it is used, depth, children left to visit)
    stack: list[tuple[yaml.Node, yaml.Node, int, list | None]] = [(root, root, 1, None)]
    open_nodes: set[int] = set()
    while stack:
        node, used_at, depth, pending = stack.pop()
        key = id(node)
        if pending is None:
            if key in size:  # an alias of a node already built
                repeated += size[key]
                if repeated > ALIAS_LIMIT:
                    raise _refuse(f"aliases here repeat more than {ALIAS_LIMIT:,} items in all "
                                  "(an alias bomb?); write the values out", used_at.start_mark)
                continue
            if key in open_nodes:
                raise _refuse("an alias refers to the collection it stands in", used_at.start_mark)
            if depth > DEPTH_LIMIT:
                raise _refuse(f"nested more than {DEPTH_LIMIT} levels deep", node.start_mark)
            open_nodes.add(key)
            pending = _children(node)[::-1]
        if pending:
            child, child_used_at = pending.pop()
            stack.append((node, used_at, depth, pending))
            stack.append((child, child_used_at, depth + 1, None))
            continue
        open_nodes.discard(key)
        size[key] = 1 + sum(size.get(id(child), 0) for child, _ in _children(node))


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    def construct_document(self, node: yaml.Node) -> Any:
        check_limits(node)
        return super().construct_document(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _refuse("a key must be a word, not a list or mapping", key_node.start_mark)
                key = key_node.value  # as written: `no:` is the word no, not false
            if key in mapping:
                raise _refuse(f"duplicate key '{key}'", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        items = LineList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        if len(node.value) > INTEGER_DIGITS:
            raise _refuse(f"a number of {len(node.value):,} characters is too long "
                          f"(at most {INTEGER_DIGITS}); quote it if it is text", node.start_mark)
        return super().construct_yaml_int(node)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _LineLoader.construct_yaml_int)


def load(text: str) -> Any:
    """`copylint.yamlsource.load_yaml`."""
    try:
        return yaml.load(text, Loader=_LineLoader)
    except RecursionError:
        raise yaml.YAMLError(f"nested more than {DEPTH_LIMIT} levels deep") from None


