"""Findings written as LanguageTool's `/v2/check` answer.

The shape follows LanguageTool's own serializer (languagetool-core
`org/languagetool/tools/RuleMatchesAsJsonSerializer.java`): `software`, `warnings`, `language`,
`matches` (message, shortMessage, replacements[].value, offset and length in UTF-16 code units
of the text as sent, context {text, offset, length} of 40 characters either side with `...`
where cut and line breaks as spaces, sentence, type.typeName, rule {id, description,
issueType, urls, category {id, name}}), and `sentenceRanges`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..document import Document
from ..findings import Finding, Severity
from ..rulebook import Rule
from .checker import Checked
from .ltrequest import LANGUAGETOOL_PREFIX, LTQuery, Selection
from .positions import Normalised, Spans, Utf16, utf16_length

CONTEXT_SIZE = 40
#: LanguageTool's issue types (ITS 2.0) for copylint's built-in packs and rule kinds
ISSUE_TYPE_BY_PACK = {
    "punctuation": "typographical", "garble": "grammar", "scrape": "non-conformance",
    "quotes": "typographical", "consistency": "inconsistency", "names": "misspelling",
    "ap": "style", "reuters": "style",
}
ISSUE_TYPE_BY_KIND = {
    "names": "misspelling", "name-case": "misspelling", "capitalization": "typographical",
    "quotes": "typographical", "repetition": "duplication", "consistency": "inconsistency",
    "boilerplate": "non-conformance", "sentence-start": "grammar", "swap": "style",
}
#: what LanguageTool's clients colour a match by (RuleMatch.Type)
TYPE_NAMES = {"misspelling": "UnknownWord", "style": "Hint", "register": "Hint"}
#: the issue type a LanguageTool finding is given when the server did not say
ISSUE_TYPE_BY_SEVERITY = {Severity.ERROR: "grammar", Severity.WARNING: "misspelling",
                          Severity.INFO: "style"}


def software() -> dict[str, Any]:
    return {"name": "copylint", "version": __version__, "buildDate": None, "apiVersion": 1,
            "premium": False, "status": ""}


def category_name(pack: str) -> str:
    return pack.upper() if len(pack) <= 2 else pack.replace("-", " ").capitalize()


def _rule_json(rule: Rule) -> dict[str, Any]:
    summary = rule.summary
    rule_json: dict[str, Any] = {
        "id": rule.id, "description": rule.id if "{" in summary else summary,
        "issueType": ISSUE_TYPE_BY_PACK.get(rule.pack) or ISSUE_TYPE_BY_KIND.get(rule.kind, "other")}
    if rule.link:
        rule_json["urls"] = [{"value": rule.link}]
    rule_json["category"] = {"id": rule.pack.upper(), "name": category_name(rule.pack)}
    return rule_json


def _languagetool_rule_json(rule_id: str, finding: Finding,
                            seen: dict[str, tuple[str, str]]) -> dict[str, Any]:
    issue_type, category = seen.get(rule_id, (ISSUE_TYPE_BY_SEVERITY[finding.severity], ""))
    category = category or "MISC"
    return {"id": rule_id, "description": finding.message, "issueType": issue_type,
            "category": {"id": category, "name": category.replace("_", " ").capitalize()}}


def context(text: str, start: int, end: int) -> dict[str, Any]:
    """LanguageTool's context: CONTEXT_SIZE characters either side, `...` where the text goes on
    (LanguageTool's rule: a prefix whenever the window does not start before the text), line
    breaks as spaces; offset and length in UTF-16 code units."""
    begin = start - CONTEXT_SIZE
    prefix = "..."
    if begin < 0:
        prefix, begin = "", 0
    stop = end + CONTEXT_SIZE
    postfix = "..."
    if stop > len(text):
        postfix, stop = "", len(text)
    snippet = prefix + text[begin:stop].replace("\n", " ") + postfix
    before = len(prefix) + start - begin
    return {"text": snippet, "offset": utf16_length(snippet[:before]),
            "length": utf16_length(text[start:end])}


@dataclass(frozen=True)
class Mapper:
    """From the engine's positions to offsets in the text as the client sent it."""

    query: LTQuery
    normalised: Normalised
    units: Utf16

    @classmethod
    def for_query(cls, query: LTQuery, normalised: Normalised) -> Mapper:
        return cls(query, normalised, Utf16(query.text.with_markup))

    def span(self, finding: Finding) -> tuple[int, int]:
        """Code-point span in the text with markup."""
        start = self.normalised.offset(finding.line, finding.column)
        end = max(start, self.normalised.offset(finding.end_line, finding.end_column))
        return self.query.text.original_span(self.normalised.original(start),
                                             self.normalised.original(end))

    def plain_span(self, start: int, end: int) -> tuple[int, int]:
        return self.query.text.original_span(self.normalised.original(start),
                                             self.normalised.original(end))


def keep(finding: Finding, query: LTQuery, selection: Selection,
         seen: dict[str, tuple[str, str]]) -> bool:
    """level=default leaves out copylint's info findings (picky shows them; LanguageTool applies
    the level to its own rules); enabledOnly keeps only the LanguageTool rules and categories
    named."""
    from_languagetool = finding.rule.startswith(LANGUAGETOOL_PREFIX)
    if finding.severity == Severity.INFO and not query.picky and not from_languagetool:
        return False
    if selection.languagetool_only is not None and from_languagetool:
        rules, categories = selection.languagetool_only
        rule_id = finding.rule.removeprefix(LANGUAGETOOL_PREFIX)
        return rule_id in rules or seen.get(rule_id, ("", ""))[1].upper() in categories
    return True


def check_answer(query: LTQuery, selection: Selection, checked: Checked, doc: Document | None,
                 normalised: Normalised) -> dict[str, Any]:
    """The JSON answer to one `/v2/check` request."""
    mapper = Mapper.for_query(query, normalised)
    original = query.text.with_markup
    sentences = Spans(doc.sentences if doc is not None else [])
    seen = checked.languagetool_rules
    rules_json: dict[str, dict[str, Any]] = {}
    matches = []
    for finding in checked.result.findings:
        if not keep(finding, query, selection, seen):
            continue
        start, end = mapper.span(finding)
        rule = checked.entry.rules.get(finding.rule)
        if finding.rule.startswith(LANGUAGETOOL_PREFIX):
            rule_json = _languagetool_rule_json(finding.rule.removeprefix(LANGUAGETOOL_PREFIX),
                                                finding, seen)
        elif rule is not None:
            rule_json = rules_json.get(rule.id) or rules_json.setdefault(rule.id, _rule_json(rule))
        else:  # copylint's own notes (an unused suppression)
            rule_json = {"id": finding.rule, "description": finding.message, "issueType": "other",
                         "category": {"id": "COPYLINT", "name": "copylint"}}
        issue_type = rule_json["issueType"]
        offset = mapper.units.units(start)
        match: dict[str, Any] = {
            "message": finding.message,
            "shortMessage": rule_json["category"]["name"] if rule is not None else "",
            "replacements": [{"value": value} for value in finding.suggestions],
            "offset": offset,
            "length": mapper.units.units(end) - offset,
            "context": context(original, start, end),
        }
        plain_start = normalised.offset(finding.line, finding.column)
        sentence = sentences.holding(plain_start)
        if sentence is not None and doc is not None:
            match["sentence"] = doc.text[sentence[0]:sentence[1]].strip()
        match["type"] = {"typeName": TYPE_NAMES.get(issue_type, "Other")}
        match["rule"] = rule_json
        match["ignoreForIncompleteSentence"] = False
        match["contextForSureMatch"] = 0
        matches.append(match)
    ranges = []
    for begin, stop in sentences.spans:
        first, last = mapper.plain_span(begin, stop)
        ranges.append([mapper.units.units(first), mapper.units.units(last)])
    detected = {**query.language.as_json(), "confidence": 1.0,
                "source": "copylint" if query.auto else "given"}
    problems = [*checked.notes, *([checked.result.backend_error] if checked.result.backend_error else [])]
    warnings: dict[str, Any] = {"incompleteResults": bool(problems)}
    if problems:
        warnings["incompleteResultsReason"] = "; ".join(problems)
    return {"software": software(), "warnings": warnings,
            "language": {**query.language.as_json(), "detectedLanguage": detected},
            "matches": matches, "sentenceRanges": ranges}


def languages() -> list[dict[str, str]]:
    from .ltrequest import LANGUAGES

    return [{"name": name, "code": code, "longCode": long_code} for name, code, long_code in LANGUAGES]
