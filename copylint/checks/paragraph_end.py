"""`paragraph-end` and `paragraph-start`: regular expressions tried only at a paragraph's edge.

How a paragraph ends tells whether it was cut off: a teaser's `...`, a `Read more` link, a last
word with no full stop. The pattern is searched in the last `window` characters of each paragraph
(`\\Z` is the paragraph's end), so its cost does not grow with the length of the copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from .. import patterns
from ..document import Document
from ..findings import Match
from .base import Check, Param, ParamError, compile_regex, literal_gate

#: a sentence that ends inside a paragraph, another starting after it
_SENTENCE_INSIDE = patterns.compile(r"(?:\p{Ll}{2}|\d)[.!?][”\"’)]*[ \t]+[\"“‘(]?\p{Lu}")


class ParagraphEndCheck(Check):
    kind = "paragraph-end"
    summary = "A regex matched at the end of a paragraph (`\\Z` is where the paragraph ends)."
    params = {
        "pattern": Param("str", required=True, doc="regex; anchor it with \\Z"),
        "ignore_case": Param("bool", default=False),
        "min_chars": Param("int", default=0, doc="shorter paragraphs are not tried"),
        "window": Param("int", default=200, doc="how many characters before the end are searched"),
        "headline_chars": Param("int", default=0,
                                doc="a paragraph shorter than this with no sentence ending inside "
                                    "it reads as a headline or label and is not tried"),
        "contains": Param("str-list", default=[],
                          doc="a speed hint: strings (as written) one of which must occur in the "
                              "searched end of a paragraph for the pattern to be tried"),
        "last_char": Param("str", default="",
                           doc="a speed hint: a regex the paragraph's last character must match "
                               "for the pattern to be tried"),
        "next_starts": Param("str", default="",
                             doc="a regex the next paragraph must start with (empty: any)"),
    }

    def setup(self, options: dict[str, Any]) -> None:
        flags = regex.IGNORECASE if options["ignore_case"] else 0
        # searched backwards from the paragraph's end: an end-anchored pattern fails at once
        # everywhere else
        self.pattern = compile_regex("pattern", options["pattern"], flags | regex.REVERSE)
        self.min_chars: int = options["min_chars"]
        self.window: int = options["window"]
        self.headline_chars: int = options["headline_chars"]
        self.contains = literal_gate("contains", options["contains"])
        self.last_char = (compile_regex("last_char", options["last_char"], flags)
                          if options["last_char"] else None)
        if self.window < 1:
            raise ParamError("window", "'window' must be a positive number of characters")
        self.next_starts = (compile_regex("next_starts", options["next_starts"])
                            if options["next_starts"] else None)

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        paragraphs = doc.paragraphs
        deadline = self.start_clock()
        searched = 0  # paragraph ends searched for the `contains` strings
        for index, (start, end) in enumerate(paragraphs):
            if end - start < max(self.min_chars, 1):
                continue
            if self.last_char is not None and self.last_char.match(text, end - 1, end) is None:
                continue
            window = max(start, end - self.window)
            if self.contains is not None:
                searched += 1
                # at the second end to search, the whole text is searched once: a text without
                # the strings (most) is done, instead of searching every paragraph's end
                if searched == 2 and not self.contains.passes(doc):
                    return
                if not self.contains.in_span(text, window, end):
                    continue
            if end - start < self.headline_chars and not _SENTENCE_INSIDE.search(text, start, end):
                continue
            if self.next_starts is not None:
                following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
                if following is None or not self.next_starts.match(text, following):
                    continue
            for match in self.run(self.pattern, text, window, end, deadline)[:1]:
                if match.start() < match.end():
                    yield self.make(match.start(), match.end(), {"match": match.group()})


class ParagraphStartCheck(Check):
    kind = "paragraph-start"
    summary = "A regex matched where a paragraph starts (a mark left from the copy it was cut from)."
    params = {
        "pattern": Param("str", required=True, doc="regex, matched at the paragraph's start"),
        "ignore_case": Param("bool", default=False),
        "first_char": Param("str", default="",
                            doc="a speed hint: a regex the paragraph's first character must match "
                                "for the pattern to be tried"),
        "unless_neighbour": Param("str", default="",
                                  doc="a regex: skip a paragraph when the one before or after it "
                                      "starts with it too (a list)"),
        "window": Param("int", default=100, doc="how many characters from the start are searched"),
    }

    def setup(self, options: dict[str, Any]) -> None:
        flags = regex.IGNORECASE if options["ignore_case"] else 0
        self.pattern = compile_regex("pattern", options["pattern"], flags)
        self.first_char = (compile_regex("first_char", options["first_char"], flags)
                           if options["first_char"] else None)
        self.neighbour = (compile_regex("unless_neighbour", options["unless_neighbour"], flags)
                          if options["unless_neighbour"] else None)
        self.window: int = options["window"]
        if self.window < 1:
            raise ParamError("window", "'window' must be a positive number of characters")

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        paragraphs = doc.paragraphs
        for index, (start, end) in enumerate(paragraphs):
            if self.first_char is not None and self.first_char.match(text, start, end) is None:
                continue
            found = self.pattern.match(text, start, min(end, start + self.window),
                                       timeout=self.time_left(None))
            if found is None or found.start() == found.end():
                continue
            if self.neighbour is not None and any(
                    self.neighbour.match(text, paragraphs[other][0], paragraphs[other][1])
                    for other in (index - 1, index + 1) if 0 <= other < len(paragraphs)):
                continue
            yield self.make(found.start(), found.end(), {"match": found.group()})
