"""Offsets between the texts a request involves.

The engine reports findings at 1-based lines and code-point columns of the text it checked,
which is the request's text with CRLF/CR made LF and a BOM dropped. LanguageTool's clients count
offsets in UTF-16 code units (Java and JavaScript strings) of the text exactly as they sent it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..document import BOM, line_starts


class Normalised:
    """A text with CRLF and CR turned into LF and a leading BOM dropped, as the engine reads it,
    and the way back: `original(i)` is the offset in the sent text of normalised offset i."""

    def __init__(self, sent: str) -> None:
        self.sent = sent
        if "\r" not in sent and not sent.startswith(BOM):
            self.text = sent
            self._back: list[int] | None = None
        else:
            kept = []
            for index, char in enumerate(sent):
                if (index == 0 and char == BOM) or (char == "\r" and sent[index + 1:index + 2] == "\n"):
                    continue
                kept.append(index)
            self.text = "".join("\n" if sent[i] == "\r" else sent[i] for i in kept)
            self._back = [*kept, len(sent)]
        self._starts = line_starts(self.text)

    def offset(self, line: int, column: int) -> int:
        """The normalised offset of a 1-based line and code-point column (clamped to the text)."""
        line = min(max(line, 1), len(self._starts))
        return min(self._starts[line - 1] + max(column, 1) - 1, len(self.text))

    def original(self, offset: int) -> int:
        return offset if self._back is None else self._back[offset]


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16:
    """Code-point offsets of a text as UTF-16 code units (characters beyond U+FFFF count two)."""

    def __init__(self, text: str) -> None:
        self._astral = [found.start() for found in _ASTRAL.finditer(text)]
        self.length = len(text) + len(self._astral)

    def units(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset) if self._astral else offset


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Spans:
    """Sorted (start, end) spans, and which one holds an offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [start for start, _ in spans]

    def holding(self, offset: int) -> tuple[int, int] | None:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset <= self.spans[index][1]:
            return self.spans[index]
        return None

