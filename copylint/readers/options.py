"""How to read a file: the options every reader takes, whatever its format."""

from __future__ import annotations

from dataclasses import dataclass

#: `--paragraphs`: how plain text is cut into paragraphs
PARAGRAPH_LAYOUTS = ("auto", "blank", "line")


@dataclass(frozen=True)
class ReadOptions:
    """`encoding`: None (a BOM, the file's own declaration, else UTF-8), "auto" (the same, then
    detection when the bytes are not UTF-8) or a codec name that overrides the declaration.
    `paragraphs`: how plain text is split (see `copylint.readers.layout`).
    `continued`: the text goes on from text before it (a segment of a long plain-text story, see
    `copylint.readers.stories`): no headline, byline or dateline is looked for at its start."""

    encoding: str | None = None
    paragraphs: str = "auto"
    continued: bool = False


DEFAULT_OPTIONS = ReadOptions()
