"""`consistency`: two spellings of one term in one story."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..document import Document
from ..findings import Match
from .base import Check, Param, ParamError, word_list_pattern

_TOKEN = re.compile(r"\w+")


class ConsistencyCheck(Check):
    kind = "consistency"
    summary = "Groups of spellings of one term; a story should use only one of each group."
    params = {
        "groups": Param("str-lists", required=True, doc="each a list of spellings of one term"),
        "prefer": Param("str", default="listed", choices=("listed", "first", "majority"),
                        doc="which spelling stands: the first listed, the first used, or the "
                            "most used"),
        "ignore_case": Param("bool", default=True),
    }
    fields = frozenset({"match", "preferred", "other"})

    def setup(self, options: dict[str, Any]) -> None:
        self.ignore_case = options["ignore_case"]
        self.group_of: dict[str, int] = {}
        self.groups: list[list[str]] = options["groups"]
        for number, group in enumerate(self.groups):
            if len(group) < 2:
                raise ParamError("groups", f"group {group!r} needs at least two spellings")
            for spelling in group:
                key = self._key(spelling)
                if key in self.group_of:
                    raise ParamError("groups", f"spelling {spelling!r} is listed twice")
                self.group_of[key] = number
        self.pattern = word_list_pattern("groups", [s for g in self.groups for s in g],
                                         self.ignore_case)
        self.prefer = options["prefer"]
        self.group_tokens = [[frozenset(_TOKEN.findall(spelling.lower())) for spelling in group]
                             for group in self.groups]
        #: token -> the groups with a spelling that holds it; the groups with a spelling of no
        #: word at all (which every text holds) are always tried
        self.groups_with: dict[str, list[int]] = {}
        for number, group in enumerate(self.group_tokens):
            for token in set().union(*group):
                self.groups_with.setdefault(token, []).append(number)
        self.always = [number for number, group in enumerate(self.group_tokens)
                       if any(not tokens for tokens in group)]

    def _may_mix(self, vocabulary: frozenset[str]) -> bool:
        """Cheap test on the shared vocabulary: could two spellings of one group both occur?
        Only the groups one of whose words the text holds are looked at."""
        tried = set(self.always)
        for token in vocabulary.intersection(self.groups_with):
            tried.update(self.groups_with[token])
        for number in sorted(tried):
            present = sum(1 for tokens in self.group_tokens[number] if tokens <= vocabulary)
            if present >= 2:
                return True
        return False

    def _key(self, spelling: str) -> str:
        return spelling.casefold() if self.ignore_case else spelling

    def _preferred(self, number: int, uses: list[tuple[str, int, int]]) -> str:
        if self.prefer == "listed":
            for spelling in self.groups[number]:
                if any(key == self._key(spelling) for key, _, _ in uses):
                    return self._key(spelling)
        if self.prefer == "majority":
            counts = Counter(key for key, _, _ in uses)
            top = max(counts.values())
            return next(key for key, _, _ in uses if counts[key] == top)
        return uses[0][0]

    def find(self, doc: Document, regions: list[tuple[int, int]] | None = None,
             ) -> Iterator[Match]:
        if not self._may_mix(doc.vocabulary):
            return
        seen: dict[int, list[tuple[str, int, int]]] = {}
        for match in self.run(self.pattern, doc.text):
            key = self._key(match.group())
            seen.setdefault(self.group_of[key], []).append((key, match.start(), match.end()))
        for number, uses in seen.items():
            spellings = {key for key, _, _ in uses}
            if len(spellings) < 2:
                continue
            preferred = self._preferred(number, uses)
            shown = next(doc.text[s:e] for key, s, e in uses if key == preferred)
            for key, start, end in uses:
                if key != preferred:
                    found = doc.text[start:end]
                    yield self.make(start, end, {"match": found, "preferred": shown,
                                                 "other": found})
