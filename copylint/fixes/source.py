"""A file's raw text, so fixes land on its bytes exactly.

A Document's positions are in its *normalised* source (BOM dropped, CRLF and CR read as LF). To
edit the file itself, the raw text is decoded again with the reader's codec, its byte order mark
kept apart, and each normalised offset is mapped back over the CRs that normalisation removed.
Encoding the edited raw text gives bytes identical to the file's outside the edited spans; a file
that does not survive a decode and encode unchanged is refused rather than risked.
"""

from __future__ import annotations

import codecs
from bisect import bisect_left
from dataclasses import dataclass

from ..document import normalise
from ..errors import CopylintError

#: BOM-less codecs for the text after a byte order mark, by the BOM's codec
_AFTER_BOM = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
              (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
              (codecs.BOM_UTF16_BE, "utf-16-be"))


class FixError(CopylintError):
    """A file cannot be fixed (or written back) safely; the message is one line."""


@dataclass
class RawSource:
    """The file's bytes as text, with the map from normalised offsets to raw ones."""

    name: str
    data: bytes
    bom: bytes
    codec: str
    text: str
    removed: list[int]  # normalised offsets where a CR of a CRLF pair was removed

    @classmethod
    def read(cls, data: bytes, name: str, encoding: str, normalised: str) -> RawSource:
        """Decode `data` as the reader did; FixError when the round trip would not be exact."""
        bom, codec = b"", codecs.lookup(encoding).name
        for mark, after in _AFTER_BOM:
            if data.startswith(mark):
                bom, codec = mark, after
                break
        if codec == "utf-8-sig":
            codec = "utf-8"
        body = data[len(bom):]
        try:
            text = body.decode(codec)
        except (UnicodeDecodeError, LookupError) as error:
            raise FixError(f"{name}: cannot fix: the file does not decode as {codec}: "
                           f"{error}") from None
        if text.encode(codec) != body:
            raise FixError(f"{name}: cannot fix byte for byte: {codec} does not give the same "
                           "bytes back")
        if normalise(text) != normalised:
            raise FixError(f"{name}: cannot fix: the file changed while it was read")
        removed = []
        shift = 0
        position = text.find("\r\n")
        while position != -1:
            removed.append(position - shift)
            shift += 1
            position = text.find("\r\n", position + 2)
        return cls(name, data, bom, codec, text, removed)

    def raw(self, offset: int) -> int:
        """The raw offset of a normalised one (a span ending before a line end keeps its CR)."""
        return offset + bisect_left(self.removed, offset)

    def line_end(self) -> str:
        """The file's line end, for text a fix inserts."""
        if "\r\n" in self.text:
            return "\r\n"
        return "\r" if "\r" in self.text else "\n"

    def encode(self, text: str) -> bytes:
        """Edited raw text as bytes; FixError when the codec cannot write a replacement."""
        try:
            return self.bom + text.encode(self.codec)
        except UnicodeEncodeError as error:
            bad = error.object[error.start:error.end]
            raise FixError(f"{self.name}: cannot fix: {bad!r} cannot be written in {self.codec}; "
                           "the file is unchanged") from None
