"""`sentence-length`: a sentence far longer than edited copy ever runs (full stops lost)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..document import SENTENCE_END, Document
from ..findings import Match
from .base import Check, Param, ParamError

_WORD = re.compile(r"\w+")


class SentenceLengthCheck(Check):
    kind = "sentence-length"
    summary = "A sentence with more words than `max_words`: its full stops were probably lost."
    params = {
        "max_words": Param("int", default=80, doc="the longest sentence that is not flagged"),
    }
    fields = frozenset({"match", "words"})

    def setup(self, options: dict[str, Any]) -> None:
        self.max_words: int = options["max_words"]
        if self.max_words < 1:
            raise ParamError("max_words", "'max_words' must be at least 1")

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        limit = self.max_words
        for begin, end in doc.paragraphs:
            # a paragraph with fewer spaces than the limit has no sentence long enough: the
            # common case costs one count in C
            if text.count(" ", begin, end) < limit:
                continue
            # nor has one whose every run between full stops is short (str.split runs in C)
            if max(piece.count(" ") for piece in text[begin:end].split(".")) < limit:
                continue
            start = begin
            for gap in [*SENTENCE_END.finditer(text, begin, end), None]:
                stop = gap.start() + 1 if gap is not None else end
                if text.count(" ", start, stop) >= limit:
                    words = len(_WORD.findall(text, start, stop))
                    if words > limit:
                        yield self.make(start, stop, {"match": text[start:stop], "words": words})
                if gap is not None:
                    start = gap.end()
