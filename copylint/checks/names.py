"""`names`: names and places of the news, checked against the gazetteer.

`names` finds, by its `checks` parameter:
  variants    known wrong spellings (Volodomir, Kiev, Nikolaev)
  house       the other house's spelling (Zelenskiy under AP, Zelenskyy under Reuters)
  near-miss   an unknown capitalized word a small edit from a name, in a name-like place: beside
              the rest of the name (Recep Erdogen), after a title (Prime Minister Modhi), or alone
              when one edit from a long name
  full-name   an ordinary word that is wrong only inside a name (Donald Tramp, not a tramp)
  vocabulary  words the user rejects (always flagged)
A rule with `house: any` checks the words both houses spell alike; one with `house: ap` or
`house: reuters` checks the words they spell differently and suggests that house's spelling.

The user's own vocabulary (`--vocab FILE`) comes with the run's context.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..context import RunContext
from ..document import Document
from ..findings import Match
from ..gazetteer import deaccent
from ..vocabulary import Vocabulary, parse_reject
from .base import ContextCheck, Param, ParamError, may_contain, trigger_words
from .name_queries import name_queries
from .names_analysis import Hit, NameAnalysis, analysis
from .names_text import bounded, like, longest, narrow, outside_allowed

CHECKS = ("variants", "house", "near-miss", "full-name", "vocabulary")


def accepted(rule_accept: frozenset[str], vocabulary: Vocabulary, text: str) -> bool:
    """Whether the rule or the user accepts `text`."""
    folded = text.casefold()
    return folded in rule_accept or folded in vocabulary.accept


class NamesCheck(ContextCheck):
    kind = "names"
    summary = ("Names and places of the news: known wrong spellings, near misses, the other "
               "house's spelling, ordinary words inside a name.")
    params = {
        "checks": Param("str-list", default=["variants"], doc=f"any of {', '.join(CHECKS)}"),
        "house": Param("str", default="any", choices=("any", "ap", "reuters"),
                       doc="any: names both houses spell alike; ap, reuters: names they spell "
                           "differently, with that house's spelling"),
        "accept": Param("str-list", default=[], doc="words never flagged"),
        "reject": Param("str-list", default=[], doc="words always flagged (`Wrong -> Right`)"),
        "allow": Param("str-list", default=[], doc="phrases in which a match is right "
                                                   "(chicken Kiev, Odessa, Texas)"),
    }
    fields = frozenset({"match", "right", "name"})

    def setup(self, options: dict[str, Any]) -> None:
        checks = options["checks"]
        unknown = [c for c in checks if c not in CHECKS]
        if unknown or not checks:
            raise ParamError("checks", f"'checks' takes {', '.join(CHECKS)}; not {unknown or '[]'}")
        self.checks = frozenset(checks)
        self.house = options["house"]
        if "house" in self.checks and self.house == "any":
            raise ParamError("house", "the 'house' check needs 'house: ap' or 'house: reuters'")
        self.accept = frozenset(a.casefold() for a in options["accept"])
        self.reject = tuple(parse_reject(r) for r in options["reject"])
        self.allow = tuple(options["allow"])
        self.allow_triggers = trigger_words(list(self.allow)) if self.allow else frozenset()

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterable[Match]:
        found = analysis(doc, context)
        vocabulary = context.vocabulary
        matches: list[Match] = []
        if self.checks & {"variants", "house"}:
            matches += self._fixes(found, vocabulary)
        if "near-miss" in self.checks:
            matches += self._targets(found, found.near_hits, vocabulary)
        if "full-name" in self.checks:
            matches += self._targets(
                found, found.full_name_hits + found.sequence_hits, vocabulary)
        if "vocabulary" in self.checks:
            matches += self._rejected(doc, context)
        if self.allow and matches and may_contain(doc, self.allow_triggers):
            matches = outside_allowed(matches, doc.tokens, self.allow)
        return longest(matches)

    def _applies(self, ap: str | None, reuters: str | None) -> str | None:
        """The suggestion under this rule's house, or None when the rule leaves it alone."""
        same = ap is not None and reuters is not None and deaccent(ap) == deaccent(reuters)
        if self.house == "any":
            return ap if same else None
        if same:
            return None
        return reuters if self.house == "reuters" else ap

    def _fixes(self, found: NameAnalysis, vocabulary: Vocabulary) -> list[Match]:
        matches = []
        gaz = found.gaz
        for hit in found.fix_hits:
            if accepted(self.accept, vocabulary, hit.found):
                continue
            for fix in gaz.fixes[hit.phrase]:
                if fix.kind == "variant" and "variants" not in self.checks:
                    continue
                if fix.kind == "house":
                    if "house" not in self.checks:
                        continue
                    right = fix.right(self.house)
                    if right is None:
                        continue
                else:
                    right = self._applies(fix.ap, fix.reuters)
                    if right is None:
                        continue
                start, found, right = narrow(hit.start, hit.found, like(hit.found, right))
                if right == found:
                    continue
                name = gaz.entries[fix.entry].form(self.house)
                matches.append(self.make(start, start + len(found),
                                         {"match": found, "right": right, "name": name}))
                break
        return matches

    def _targets(self, found: NameAnalysis, hits: list[Hit],
                 vocabulary: Vocabulary) -> list[Match]:
        matches = []
        gaz = found.gaz
        for hit in hits:
            target = hit.target
            assert target is not None
            right = self._applies(target.ap, target.reuters)
            if right is None or accepted(self.accept, vocabulary, hit.found) or \
                    hit.found in vocabulary.rejected:
                continue      # a word the user rejects is reported by the vocabulary check
            name = gaz.entries[target.entry].form(self.house)
            matches.append(self.make(hit.start, hit.end,
                                     {"match": hit.found, "right": like(hit.found, right),
                                      "name": name}))
        return matches

    def _rejected(self, doc: Document, context: RunContext) -> list[Match]:
        matches = []
        text = doc.text
        for wrong, right in (*self.reject, *context.vocabulary.reject):
            if wrong.casefold() in self.accept:
                continue
            for start in doc.tokens.occurrences(wrong):
                end = start + len(wrong)
                if bounded(text, start, end):
                    suggestion = right or name_queries(context).nearest_name(wrong) or ""
                    match = self.make(start, end, {"match": wrong, "right": suggestion,
                                                   "name": suggestion})
                    if not suggestion:
                        match = Match(match.start, match.end, match.message, ())
                    matches.append(match)
        return matches

