"""`boilerplate`: whole lines of scraping junk (comment forms, share counters, breadcrumbs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..document import Document
from ..findings import Match
from .base import Check, Param, ParamError, RuleTimeout, compile_regex

#: site furniture is short; longer lines are copy and are not tried
LONGEST_LINE = 300


class BoilerplateCheck(Check):
    kind = "boilerplate"
    summary = "Lines that are site furniture, not copy; each pattern must match a whole line."
    params = {
        "lines": Param("str-list", required=True,
                       doc="regexes, each matched against a whole line (outer spaces ignored)"),
        "ignore_case": Param("bool", default=True),
        "longest": Param("int", default=LONGEST_LINE,
                         doc="lines longer than this many characters are copy and are not tried"),
    }

    def setup(self, options: dict[str, Any]) -> None:
        flags = regex.MULTILINE | (regex.IGNORECASE if options["ignore_case"] else 0)
        self.longest: int = options["longest"]
        if self.longest < 1:
            raise ParamError("longest", "'longest' must be a positive number of characters")
        lines: list[str] = options["lines"]
        if not lines:
            raise ParamError("lines", "'lines' is empty")
        alternatives = "|".join(f"(?:{line})" for line in lines)
        try:
            self.pattern = regex.compile(rf"[ \t]*(?:{alternatives})[ \t]*", flags)
        except (regex.error, TypeError, ValueError, OverflowError):
            self.pattern = None
        if self.pattern is None or self.pattern.fullmatch(""):
            # find the culprit, so the error can point at its line
            for index, line in enumerate(lines):
                single = compile_regex("lines", line, flags, index=index)
                if single.fullmatch(""):
                    raise ParamError("lines", f"line pattern {line!r} matches an empty line", index)
            raise ParamError("lines", "the line patterns do not combine into one regex")

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        fullmatch = self.pattern.fullmatch
        deadline = self.start_clock()  # one time limit for the whole document
        longest = self.longest
        for start, end in doc.whole_lines:
            if not 0 < end - start <= longest:
                continue
            try:
                match = fullmatch(text, start, end, timeout=self.time_left(deadline))
            except TimeoutError:
                raise RuleTimeout(self.rule_id) from None
            if match is None:
                continue
            line = text[start:end]
            first = start + len(line) - len(line.lstrip())
            last = end - (len(line) - len(line.rstrip()))
            if first < last:
                yield self.make(first, last, {"match": text[first:last]})
