"""LanguageTool's annotated text: the `data` parameter of `/v2/check`.

    {"annotation": [{"text": "A "}, {"markup": "<b>"}, {"text": "bold"}, {"markup": "</b>"},
                    {"markup": "<p>", "interpretAs": "\\n\\n"}]}

Only the text parts (and what markup is to be interpreted as) are checked; offsets in the answer
refer to the whole text with its markup, as LanguageTool's do. `{"text": "..."}` is plain text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class AnnotationError(ValueError):
    """The `data` parameter is not valid annotated text (the message is LanguageTool's wording)."""


@dataclass(frozen=True)
class AnnotatedText:
    """The text with markup, the plain text that is checked, and for every plain character the
    span of the markup text it came from (a character of `interpretAs` stands for its markup)."""

    with_markup: str
    plain: str
    #: None for plain text (no markup: every offset is its own)
    starts: list[int] | None
    ends: list[int] | None

    @classmethod
    def from_text(cls, text: str) -> AnnotatedText:
        return cls(text, text, None, None)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text with markup that the plain span [start, end) stands for."""
        if self.starts is None or self.ends is None:
            return start, max(start, end)
        if start >= len(self.plain):
            return len(self.with_markup), len(self.with_markup)
        begin = self.starts[start]
        if end <= start:
            return begin, begin
        return begin, self.ends[min(end, len(self.plain)) - 1]


def _string(node: dict[str, Any], key: str) -> str:
    value = node[key]
    if isinstance(value, (dict, list)):
        raise AnnotationError(f"'{key}' in the 'annotation' list must be a string: {json.dumps(node)}")
    return "" if value is None else str(value)


def parse_data(data: str) -> AnnotatedText:
    """The annotated text in a `data` parameter; AnnotationError says what is wrong in one line."""
    try:
        parsed = json.loads(data)
    except ValueError:
        raise AnnotationError("Could not parse JSON from 'data' parameter") from None
    if not isinstance(parsed, dict):
        raise AnnotationError("'data' must be a JSON object with a 'text' or 'annotation' key")
    if "text" in parsed and "annotation" in parsed:
        raise AnnotationError("'data' key in JSON requires either 'text' or 'annotation' key, not both")
    if "text" in parsed:
        return AnnotatedText.from_text(_string(parsed, "text"))
    if "annotation" not in parsed:
        raise AnnotationError("'data' key in JSON requires 'text' or 'annotation' key")
    parts = parsed["annotation"]
    if not isinstance(parts, list):
        raise AnnotationError("'annotation' in 'data' must be a list")
    markup_text: list[str] = []
    plain: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for node in parts:
        if not isinstance(node, dict):
            raise AnnotationError(f"Only 'text' and 'markup' are supported in 'annotation' list: "
                                  f"{json.dumps(node)}")
        if "text" in node and "markup" in node:
            raise AnnotationError("Only either 'text' or 'markup' are supported in an object in "
                                  f"'annotation' list, not both: {json.dumps(node)}")
        if "text" in node and "interpretAs" in node:
            raise AnnotationError(f"'text' cannot be used with 'interpretAs' (only 'markup' can): "
                                  f"{json.dumps(node)}")
        if "text" in node:
            text = _string(node, "text")
            plain.append(text)
            starts.extend(range(position, position + len(text)))
            ends.extend(range(position + 1, position + len(text) + 1))
        elif "markup" in node:
            text = _string(node, "markup")
            stands_for = _string(node, "interpretAs") if "interpretAs" in node else ""
            plain.append(stands_for)
            starts.extend([position] * len(stands_for))
            ends.extend([position + len(text)] * len(stands_for))
        else:
            raise AnnotationError(f"Only 'text' and 'markup' are supported in 'annotation' list: "
                                  f"{json.dumps(node)}")
        markup_text.append(text)
        position += len(text)
    return AnnotatedText("".join(markup_text), "".join(plain), starts, ends)
