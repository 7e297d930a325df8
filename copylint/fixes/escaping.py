"""Writing replacement text into a source format: the escapes each reader's markup needs.

A reader records, in `Document.escapes`, which kinds of escaping hold over which ranges of its
source: HTML and XML text (`&`, `<`, `>`), JSON strings (`"`, `\\`, control characters), Markdown
(characters that would start markup), or several of them nested (HTML inside a JSON string).
"""

from __future__ import annotations

import json
from collections.abc import Callable

_MARKDOWN_ACTIVE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _json(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _markdown(text: str) -> str:
    return text.translate(_MARKDOWN_ACTIVE)


ESCAPERS: dict[str, Callable[[str], str]] = {
    "html": _markup, "xml": _markup, "json": _json, "markdown": _markdown}


def escape(text: str, kinds: tuple[str, ...]) -> str:
    """`text` as it must be written where the escapes `kinds` hold, innermost first."""
    for kind in kinds:
        text = ESCAPERS[kind](text)
    return text
