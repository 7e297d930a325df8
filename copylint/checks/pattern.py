"""`pattern`: a regular expression (the `regex` module) that flags what it matches."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

import regex

from .. import patterns
from ..document import Document
from ..findings import Match
from .base import (
    Check,
    Param,
    ParamError,
    RuleTimeout,
    check_list_names,
    compile_regex,
    literal_gate,
    may_contain,
)

_WORD = patterns.compile(r"\w+")


def _widen(match: regex.Match, start: int, end: int) -> tuple[int, int]:
    """Stretch a whole-match span over its captured groups, so a group captured inside a
    lookbehind (which lets a pattern start at a rare character) is part of what is reported."""
    for number in range(1, len(match.regs)):
        group_start, group_end = match.regs[number]
        if group_start >= 0:
            start, end = min(start, group_start), max(end, group_end)
    return start, end


class PatternCheck(Check):
    kind = "pattern"
    summary = "A regular expression; every match is a finding."
    params = {
        "pattern": Param("str", required=True, doc="regex (the `regex` module's syntax)"),
        "ignore_case": Param("bool", default=False),
        "scope": Param("str", default="line", choices=("line", "sentence", "paragraph", "document"),
                       doc="the text one match may span (set through the rule's `scope`)"),
        "group": Param("group", default=0, doc="the group whose span is reported"),
        "outside_quotes": Param("bool", default=False, doc="skip matches inside quotations"),
        "replacements": Param("str-map", default={},
                              doc="matched text (of the reported group) -> its replacement, "
                                  "available to message and suggest as {replacement}; a match "
                                  "the map does not hold gets no suggestion"),
        "lists": Param("named-lists", default={},
                       doc="word lists the pattern names as \\L<name> (the regex module's named "
                           "lists): name: a list file beside the pack, or an inline list"),
        "trigger": Param("str-list", default=[],
                         doc="a speed hint: words (case-insensitive) one of which must occur "
                             "in the text for the pattern to run at all"),
        "contains": Param("str-list", default=[],
                          doc="a speed hint: strings (as written) one of which must occur in the "
                              "text for the pattern to run at all"),
        "anchor": Param("str", default="",
                        doc="a speed hint: characters one of which every match starts with; the "
                            "pattern is tried only where the text holds one (found by a plain "
                            "character search, much faster than a regex scan of the whole text)"),
        "anchor_words": Param("str-list", default=[],
                              doc="a speed hint: words (as written; of an entry such as `Jan.`, "
                                  "its first word) one of which every match starts with; the "
                                  "pattern is tried only where the document holds one as a "
                                  "whole token (found from its tokens, with no scan of the "
                                  "text at all)"),
    }

    def setup(self, options: dict[str, Any]) -> None:
        flags = regex.MULTILINE | (regex.IGNORECASE if options["ignore_case"] else 0)
        lists: dict[str, list[str]] = options["lists"]
        check_list_names(lists, [options["pattern"]])
        self.pattern = compile_regex("pattern", options["pattern"], flags, **lists)
        group = options["group"]
        if isinstance(group, int) and not 0 <= group <= self.pattern.groups:
            raise ParamError("group", f"'group' {group} does not exist in the pattern")
        if isinstance(group, str) and group not in self.pattern.groupindex:
            raise ParamError("group", f"'group' {group!r} is not a named group of the pattern")
        self.group = group
        self.scope = options["scope"]
        self.outside_quotes = options["outside_quotes"]
        self.replacements: dict[str, str] = options["replacements"]
        self.triggers = frozenset(word.lower() for word in options["trigger"])
        self.contains = literal_gate("contains", options["contains"])
        self.anchor: str = options["anchor"]
        words = set()
        for entry in options["anchor_words"]:
            first = _WORD.match(entry)
            if first is None:
                raise ParamError("anchor_words", f"anchor word {entry!r} does not start with a word")
            words.add(first.group())
        self.anchor_words = frozenset(words)
        if self.anchor and self.anchor_words:
            raise ParamError("anchor_words", "give 'anchor' or 'anchor_words', not both")
        for word in self.triggers:
            if not _WORD.fullmatch(word):
                raise ParamError("trigger", f"trigger {word!r} is not a single word")

    def template_fields(self) -> set[str]:
        numbered = {str(n) for n in range(self.pattern.groups + 1)}
        extra = {"replacement"} if self.replacements else set()
        return {"match", *numbered, *self.pattern.groupindex, *extra}

    supports_regions = True

    def _anchored(self, doc: Document, regions: list[tuple[int, int]], deadline: float,
                  ) -> list[regex.Match]:
        """Matches tried only at the anchor characters (found with str.find) or where an anchor
        word stands (found from the document's tokens), in text order."""
        text = doc.text
        positions = []
        for char in self.anchor:
            for start, end in regions:
                position = text.find(char, start, end)
                while position != -1:
                    positions.append((position, end))
                    position = text.find(char, position + 1, end)
        if self.anchor_words:
            ordered = sorted(regions)
            starts = [start for start, _ in ordered]
            for word in self.anchor_words & doc.tokens.forms:
                for position in doc.tokens.starts(word):
                    index = bisect_right(starts, position) - 1   # the region it may stand in
                    if index >= 0 and position < ordered[index][1]:
                        positions.append((position, ordered[index][1]))
        positions.sort()
        found = []
        done = -1
        match = self.pattern.match
        for position, end in positions:
            if position < done:
                continue
            try:
                hit = match(text, position, end, timeout=self.time_left(deadline))
            except TimeoutError:
                raise RuleTimeout(self.rule_id) from None
            if hit is not None and hit.end() > hit.start():
                found.append(hit)
                done = hit.end()
        return found

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        if not may_contain(doc, self.triggers):
            return
        text = doc.text
        if self.contains is not None and not self.contains.passes(doc):
            return
        deadline = self.start_clock()  # one time limit for the whole document
        if self.scope in ("sentence", "paragraph"):
            pieces = doc.sentences if self.scope == "sentence" else doc.paragraphs
            spans = pieces if regions is None else [
                (s, e) for s, e in pieces if any(b <= s < f for b, f in regions)]
            found = [m for start, end in spans
                     for m in self.run(self.pattern, text, start, end, deadline)]
        elif self.anchor or self.anchor_words:
            found = self._anchored(doc, regions or [(0, len(text))], deadline)
        elif regions is not None:
            found = [m for start, end in regions
                     for m in self.run(self.pattern, text, start, end, deadline)]
        else:
            found = self.run(self.pattern, text)
        for match in found:
            start, end = match.span(self.group)
            if self.group == 0 and self.pattern.groups:
                start, end = _widen(match, start, end)
            if start < 0 or start == end:
                continue
            whole = match.group()
            if "\n" in whole and self.scope == "line":
                continue
            if self.outside_quotes and doc.in_quotation(start, end):
                continue
            found = text[start:end]
            values: dict[str, object] = {"match": found, "0": whole}
            known = True
            if self.replacements:  # text the map does not know gets no suggestion
                known = found in self.replacements
                values["replacement"] = self.replacements.get(found, found)
            for number in range(1, self.pattern.groups + 1):
                values[str(number)] = match.group(number)
            for name in self.pattern.groupindex:
                values[name] = match.group(name)
            yield self.make(start, end, values, suggest=known)
