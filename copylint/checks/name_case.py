"""`name-case`: names of the news written in lower case (kyiv, sri lanka), except names that
are also ordinary words (chad, nice, reading), and the `terms` it is given in any wrong case
(Nato)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..context import RunContext
from ..document import Document
from ..findings import Match
from ..vocabulary import Vocabulary
from .base import ContextCheck, Param, ParamError, may_contain, trigger_words, word_list_pattern
from .names import accepted
from .names_analysis import NameAnalysis, analysis
from .names_text import bounded, in_address, longest, outside_allowed, term_edge


class NameCaseCheck(ContextCheck):
    kind = "name-case"
    summary = "Names of the news written in lower case (kyiv), and given terms in any wrong case."
    params = {
        "terms": Param("str-list", default=[], doc="terms as they must be written, checked in "
                                                   "every wrong case (NATO: Nato, nato)"),
        "gazetteer": Param("bool", default=True, doc="also every name of the gazetteer that is "
                                                     "not an ordinary word, in lower case"),
        "accept": Param("str-list", default=[], doc="words never flagged"),
        "allow_upper": Param("bool", default=True, doc="accept terms in capitals"),
        "allow": Param("str-list", default=[], doc="phrases in which a name is right in lower "
                                                   "case (french fries, brussels sprouts)"),
    }
    fields = frozenset({"match", "right"})

    def setup(self, options: dict[str, Any]) -> None:
        terms: list[str] = options["terms"]
        self.use_gazetteer = options["gazetteer"]
        if not terms and not self.use_gazetteer:
            raise ParamError("terms", "give 'terms' or leave 'gazetteer' on")
        self.canonical = {term.casefold(): term for term in terms}
        self.triggers = trigger_words(terms) if terms else frozenset()
        self.simple = all(re.fullmatch(r"\w+", term) for term in terms)
        self.pattern = word_list_pattern("terms", terms, ignore_case=True, context={
            "not_preceded_by": r"[./@#]", "not_followed_by": r"\.\w|@"}) if terms else None
        self.accept = frozenset(a.casefold() for a in options["accept"])
        self.allow_upper = options["allow_upper"]
        self.allow = tuple(options["allow"])
        self.allow_triggers = trigger_words(list(self.allow)) if self.allow else frozenset()

    def search(self, doc: Document, regions: list[tuple[int, int]] | None,
               context: RunContext) -> Iterable[Match]:
        vocabulary = context.vocabulary
        spans: set[tuple[int, int]] = set()
        matches = []
        if self.pattern is not None and may_contain(doc, self.triggers):
            for start, end in self._term_spans(doc):
                found = doc.text[start:end]
                right = self.canonical.get(found.casefold())
                if right is None or found == right or (self.allow_upper and found == right.upper()):
                    continue
                if accepted(self.accept, vocabulary, found):
                    continue
                spans.add((start, end))
                matches.append(self.make(start, end, {"match": found, "right": right}))
        if self.use_gazetteer:
            found_in = analysis(doc, context)
            gaz = found_in.gaz
            text = doc.text
            for key in found_in.interesting & gaz.capitalized_keys:
                for word, right in gaz.capitalized[key].items():
                    if accepted(self.accept, vocabulary, word):
                        continue
                    for start in found_in.occurrences(word, capitalized=False):
                        end = start + len(word)
                        if (start, end) in spans or in_address(text, start, end) or (
                                text[start - 1:start] == "-" and text[end:end + 1] == "-"):
                            continue      # inside a code-like word (leds-alix-source)
                        if _after_capitalized_hyphen(text, start):
                            continue      # the second part of a given name (Roh Moo-hyun)
                        matches.append(self.make(start, end, {"match": word, "right": right}))
            matches += self._phrases(doc, found_in, vocabulary)
        if self.allow and matches and may_contain(doc, self.allow_triggers):
            matches = outside_allowed(matches, doc.tokens, self.allow)
        return longest(matches)

    def _phrases(self, doc: Document, found_in: NameAnalysis,
                 vocabulary: Vocabulary) -> list[Match]:
        """Names of two words or more written all in lower case (sri lanka, european union)."""
        text = doc.text
        forms = doc.tokens.forms
        matches = []
        gaz = found_in.gaz
        for key in found_in.present("lower_phrase_keys"):
            for phrase, right in gaz.lower_phrases[key].items():
                # a phrase standing as whole words has each of its words (letters between
                # spaces) as a whole token: one missing from the tokens, it stands nowhere
                if not forms.issuperset(phrase.split()):
                    continue
                if accepted(self.accept, vocabulary, phrase):
                    continue
                for start in doc.tokens.occurrences(phrase):
                    end = start + len(phrase)
                    if bounded(text, start, end) and not in_address(text, start, end):
                        matches.append(self.make(start, end, {"match": phrase, "right": right}))
        return matches

    def _term_spans(self, doc: Document) -> list[tuple[int, int]]:
        """Where the terms stand: string searches when every term is one word, else the pattern
        (which also keeps out of web and e-mail addresses)."""
        text, lower = doc.text, doc.lower
        if not self.simple or len(lower) != len(text):
            return [m.span() for m in self.run(self.pattern, text)]
        spans = []
        for word in self.triggers & doc.vocabulary:
            for start in doc.tokens.lower_starts(word):   # a bounded term is a whole token
                end = start + len(word)
                if (start == 0 or not term_edge(text[start - 1], "./@#")) and (
                        end >= len(text) or not term_edge(text[end], "@")) and not (
                        text[end:end + 1] == "." and text[end + 1:end + 2].isalnum()):
                    spans.append((start, end))
        spans.sort()
        return spans


def _after_capitalized_hyphen(text: str, start: int) -> bool:
    """The word follows a hyphen joined to a capitalized word (Moo-hyun, Young-hyun): the second
    part of a hyphenated given name, written in lower case by the romanization."""
    if text[start - 1:start] != "-":
        return False
    before = start - 1
    while before > 0 and text[before - 1].isalpha():
        before -= 1
    return before < start - 1 and text[before].isupper()
