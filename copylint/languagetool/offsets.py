"""LanguageTool counts offsets in UTF-16 code units (Java strings); Python counts code points.

A character outside the Basic Multilingual Plane (most emoji, some CJK) is one code point but two
UTF-16 units, so every such character before a match shifts its offset, and one inside a match
lengthens it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """The length of `text` in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))


class Utf16Offsets:
    """Converts UTF-16 offsets into a text to code-point offsets, exactly and in O(log n)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        if _ASTRAL.search(text) is None:
            self._units: list[int] | None = None  # all BMP: the offsets are the same
            self.units_length = self.length
        else:
            widths = (2 if ord(char) > 0xFFFF else 1 for char in text)
            self._units = [0, *accumulate(widths)]  # UTF-16 offset of every code point, and the end
            self.units_length = self._units[-1]

    def index(self, unit: int, *, end: bool = False) -> int:
        """The code-point offset of UTF-16 offset `unit`.

        An offset that falls between the two halves of a surrogate pair (LanguageTool does not
        produce one) is moved outward: back to the character's start for a span's start, past
        the character for a span's end.
        """
        unit = min(max(unit, 0), self.units_length)
        if self._units is None:
            return unit
        position = bisect_left(self._units, unit)
        if self._units[position] != unit and not end:
            position -= 1
        return position

    def span(self, offset: int, length: int) -> tuple[int, int]:
        """(start, end) in code points of a LanguageTool match at `offset` with `length` units."""
        start = self.index(offset)
        return start, max(start, self.index(offset + length, end=True))
