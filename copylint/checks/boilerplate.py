"""`boilerplate`: whole lines of scraping junk (comment forms, share counters, breadcrumbs)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..document import Document
from ..findings import Match
from .base import Check, Param, ParamError, compile_regex


class BoilerplateCheck(Check):
    kind = "boilerplate"
    summary = "Lines that are site furniture, not copy; each pattern must match a whole line."
    params = {
        "lines": Param("str-list", required=True,
                       doc="regexes, each matched against a whole line (outer spaces ignored)"),
        "ignore_case": Param("bool", default=True),
    }

    def setup(self, options: dict[str, Any]) -> None:
        flags = regex.MULTILINE | (regex.IGNORECASE if options["ignore_case"] else 0)
        lines: list[str] = options["lines"]
        if not lines:
            raise ParamError("lines", "'lines' is empty")
        for number, line in enumerate(lines, 1):
            single = compile_regex("lines", line, flags, index=number - 1)
            if single.match(""):
                raise ParamError("lines", f"line pattern {line!r} matches an empty line",
                                 index=number - 1)
        alternatives = "|".join(f"(?:{line})" for line in lines)
        self.pattern = compile_regex("lines", rf"^[ \t]*(?:{alternatives})[ \t]*$", flags)

    def find(self, doc: Document) -> Iterator[Match]:
        for match in self.run(self.pattern, doc.text):
            found = match.group()
            start = match.start() + len(found) - len(found.lstrip())
            end = match.end() - (len(found) - len(found.rstrip()))
            if start < end:
                yield self.make(start, end, {"match": doc.text[start:end]})
