"""`boilerplate`: whole lines of scraping junk (comment forms, share counters, breadcrumbs)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import regex

from ..document import Document
from ..findings import Match
from .base import (
    Check,
    Param,
    ParamError,
    RuleTimeout,
    as_written,
    check_list_names,
    compile_regex,
    literal_gate,
    may_contain,
)

#: site furniture is short; longer lines are copy and are not tried
LONGEST_LINE = 300


def _hint(source: str, ignore_case: bool) -> re.Pattern[str] | None:
    """A line hint, compiled with the standard library's engine (faster for a character class)."""
    if not source:
        return None
    try:
        return re.compile(source, re.IGNORECASE if ignore_case else 0)
    except re.error as error:
        raise ParamError("line_contains", f"invalid regex {source!r}: {error}") from None


class BoilerplateCheck(Check):
    kind = "boilerplate"
    summary = "Lines that are site furniture, not copy; each pattern must match a whole line."
    params = {
        "lines": Param("str-list", required=True,
                       doc="regexes, each matched against a whole line (outer spaces ignored)"),
        "ignore_case": Param("bool", default=True),
        "longest": Param("int", default=LONGEST_LINE,
                         doc="lines longer than this many characters are copy and are not tried"),
        "reverse": Param("bool", default=False,
                         doc="a speed hint: match lines from their end, for patterns that know a "
                             "line by how it ends (a caption's credit)"),
        "line_contains": Param("str", default="",
                               doc="a speed hint: a plain regex (Python's `re`: a character class "
                                   "scans fastest) searched in each line before the line patterns "
                                   "are tried on it; lines without it are skipped"),
        "contains": Param("str-list", default=[],
                          doc="a speed hint: strings (as written) one of which the text must hold "
                              "for the line patterns to be tried at all"),
        "trigger": Param("str-list", default=[],
                         doc="a speed hint: words (case-insensitive) one of which must occur in "
                             "the text for the line patterns to be tried at all"),
        "lists": Param("named-lists", default={},
                       doc="word lists the line patterns name as \\L<name> (as for `pattern`)"),
    }

    def setup(self, options: dict[str, Any]) -> None:
        flags = regex.MULTILINE | (regex.IGNORECASE if options["ignore_case"] else 0)
        if options["reverse"]:
            flags |= regex.REVERSE
        self.longest: int = options["longest"]
        self.contains = literal_gate("contains", options["contains"])
        self.triggers = frozenset(word.lower() for word in options["trigger"])
        self.line_contains = _hint(options["line_contains"], options["ignore_case"])
        if self.longest < 1:
            raise ParamError("longest", "'longest' must be a positive number of characters")
        lines: list[str] = options["lines"]
        if not lines:
            raise ParamError("lines", "'lines' is empty")
        lists: dict[str, list[str]] = options["lists"]
        check_list_names(lists, lines)
        alternatives = "|".join(f"(?:{line})" for line in lines)
        try:
            self.pattern = regex.compile(rf"[ \t]*(?:{alternatives})[ \t]*", flags, **lists)
        except (regex.error, TypeError, ValueError, OverflowError):
            self.pattern = None
        if self.pattern is None or self.pattern.fullmatch(""):
            # find the culprit, so the error can point at its line
            for index, line in enumerate(lines):
                single = compile_regex("lines", line, flags, index=index, **lists)
                if single.fullmatch(""):
                    raise ParamError("lines", f"line pattern {as_written(line)} matches an empty line", index)
            raise ParamError("lines", "the line patterns do not combine into one regex")

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        text = doc.text
        fullmatch = self.pattern.fullmatch
        deadline = self.start_clock()  # one time limit for the whole document
        longest = self.longest
        if not may_contain(doc, self.triggers):
            return
        if self.contains is not None and not self.contains.passes(doc):
            return  # no line of this document can hold what the patterns need
        hint = self.line_contains.search if self.line_contains is not None else None
        for start, end in doc.short_lines(longest):
            if hint is not None and hint(text, start, end) is None:
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
