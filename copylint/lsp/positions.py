"""Positions as the Language Server Protocol counts them.

LSP lines end at `\\n`, `\\r\\n` or `\\r` (nothing else: not U+2028, not form feed), exactly as
copylint's reader normalises them. A position's `character` counts code units of the encoding
negotiated at initialize: UTF-16 (the default), UTF-8 or UTF-32. copylint's findings count code
points, so every position crosses this module.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)
_LINE_END = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Code-point offsets where each LSP line of `text` starts."""
    return [0, *(match.end() for match in _LINE_END.finditer(text))]


def line_text(text: str, starts: Sequence[int], index: int) -> str:
    """Line `index` of `text` without its line end."""
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    line = text[starts[index]:end]
    return line.rstrip("\r\n") if index + 1 < len(starts) else line


def units(text: str, encoding: str) -> int:
    """How many code units of `encoding` `text` takes (a lone surrogate counts as one UTF-16
    unit and three UTF-8 bytes, as it would be sent)."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


def to_units(line: str, column: int, encoding: str) -> int:
    """The code-unit offset of code-point `column` (0-based) in `line`; past the end, the end."""
    return units(line[:column], encoding)


def from_units(line: str, character: int, encoding: str) -> int:
    """The code-point column (0-based) of code-unit offset `character` in `line`.

    An offset inside a character (half a surrogate pair, the middle of a UTF-8 sequence) gives
    the column of that character's end, and one past the line's end gives its end: the LSP
    specification's "defaults back to the line length".
    """
    if encoding == UTF32 or line.isascii():
        return min(character, len(line))
    count = 0
    for column, char in enumerate(line):
        if count >= character:
            return column
        count += units(char, encoding)
    return len(line)


class LineIndex:
    """Line starts of one text, for converting offsets and LSP positions both ways."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    @property
    def count(self) -> int:
        return len(self.starts)

    def line(self, index: int) -> str:
        return line_text(self.text, self.starts, index)

    def offset(self, line: int, character: int, encoding: str) -> int:
        """The code-point offset in the text of an LSP position (clamped to the text)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        return self.starts[line] + from_units(self.line(line), character, encoding)

    def end_of_line(self, index: int, encoding: str) -> int:
        """The character of the end of line `index` (before its line end)."""
        return units(self.line(index), encoding)

    def line_end(self, index: int) -> str:
        """The line end that follows line `index` ("\\n" for the last line or when it has none)."""
        if index + 1 >= len(self.starts):
            return self.default_line_end()
        return self.text[self.starts[index] + len(self.line(index)):self.starts[index + 1]]

    def default_line_end(self) -> str:
        """The document's first line end, "\\n" when it has none."""
        found = _LINE_END.search(self.text)
        return found.group() if found else "\n"
