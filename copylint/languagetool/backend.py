"""The LanguageTool backend: findings from LanguageTool for a Document, cached and de-duplicated."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..document import Document
from ..escapes import clean_text
from ..findings import Finding, Severity
from .batches import make_batches
from .cache import ResultCache, cache_key
from .client import Connection, connect, normalise_server
from .dedupe import PREFIX, Equivalence, remove_duplicates
from .errors import LanguageToolError
from .local import local_version
from .offsets import Utf16Offsets
from .settings import LanguageToolSettings

MAX_SUGGESTIONS = 5

ISSUE_SEVERITY: dict[str, Severity] = {
    # LanguageTool's issue types are the ITS 2.0 localization quality issue types.
    "grammar": Severity.ERROR,
    "typographical": Severity.ERROR,
    "duplication": Severity.ERROR,
    "omission": Severity.ERROR,
    "addition": Severity.ERROR,
    "untranslated": Severity.ERROR,
    "mistranslation": Severity.ERROR,
    "misspelling": Severity.WARNING,  # names of the news are often missing from its dictionary
    "whitespace": Severity.WARNING,
    "inconsistency": Severity.WARNING,
    "inconsistent-entities": Severity.WARNING,
    "characters": Severity.WARNING,
    "numbers": Severity.WARNING,
    "terminology": Severity.WARNING,
    "formatting": Severity.WARNING,
    "markup": Severity.WARNING,
    "legal": Severity.WARNING,
    "locale-violation": Severity.WARNING,
    "pattern-problem": Severity.WARNING,
    "length": Severity.WARNING,
    "non-conformance": Severity.WARNING,
    "style": Severity.INFO,
    "register": Severity.INFO,
    "locale-specific-content": Severity.INFO,
    "internationalization": Severity.INFO,
    "uncategorized": Severity.INFO,
    "other": Severity.INFO,
}
DEFAULT_SEVERITY = Severity.WARNING
INCOMPLETE = ("LanguageTool returned incomplete results ({reason}); they were not cached, and its "
              "findings may miss some problems")
_RULE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")

_SUGGESTION_TAG = re.compile(r"<(/?)suggestion>")


def _quote(tag: re.Match[str]) -> str:
    return "”" if tag.group(1) else "“"  # LanguageTool marks suggestions in messages with tags


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def severity_of(issue_type: str | None) -> Severity:
    return ISSUE_SEVERITY.get((issue_type or "").lower(), DEFAULT_SEVERITY)


@dataclass(frozen=True, slots=True)
class LTMatch:
    """One LanguageTool match in a paragraph: code-point offsets into the paragraph's text."""

    start: int
    end: int
    rule_id: str
    message: str
    issue_type: str
    category: str
    replacements: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "rule": self.rule_id, "message": self.message,
                "issue_type": self.issue_type, "category": self.category,
                "replacements": list(self.replacements)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LTMatch:
        return cls(data["start"], data["end"], data["rule"], data["message"], data["issue_type"],
                   data["category"], tuple(data["replacements"]))


def _version(data: dict[str, Any]) -> str:
    software = data.get("software")
    if not isinstance(software, dict) or not software.get("version"):
        return "unknown"
    version = str(software["version"])
    if "SNAPSHOT" in version.upper() and software.get("buildDate"):
        version += f"@{software['buildDate']}"  # a snapshot changes without a new number
    return version


class LanguageToolBackend:
    """LanguageTool as a source of findings.

    Nothing is started or sent before the first `check`; paragraphs found in the cache send
    nothing at all. Use as a context manager, or call `close()`, to stop a local server.
    Every failure raises LanguageToolError (one line). `warnings` collects notes about the run
    (an unusable cache, incomplete results) for the caller to print.
    """

    def __init__(self, settings: LanguageToolSettings, *,
                 equivalences: Sequence[Equivalence] | None = None,
                 notice: Callable[[str], None] | None = None) -> None:
        self.settings = settings
        self.equivalences = equivalences
        self.notice = notice  # hears at once what is about to happen (a download); else a warning
        self.server_id = normalise_server(settings.server) if settings.server else "local"
        self.cache = ResultCache(settings.cache_dir)
        self.connection: Connection | None = None
        self.warnings: list[str] = []
        self.requests = 0  # check requests sent (the /v2/languages call of a connect not counted)
        self._version: str | None = None

    def __enter__(self) -> LanguageToolBackend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        self.cache.close()

    # -- public -------------------------------------------------------------------------------

    def check(self, doc: Document, native: Iterable[Finding] = ()) -> list[Finding]:
        """LanguageTool's findings for `doc`, sorted, without those a `native` finding repeats."""
        spans = doc.paragraphs
        results = self.check_paragraphs([doc.text[start:end] for start, end in spans])
        findings = []
        for (start, _), matches in zip(spans, results, strict=True):
            for match in matches:
                line, column, end_line, end_column = doc.span_position(start + match.start,
                                                                       start + match.end)
                findings.append(Finding(
                    doc.path, line, column, end_line, end_column, PREFIX + match.rule_id,
                    severity_of(match.issue_type), match.message, match.replacements))
        findings.sort()
        return remove_duplicates(findings, native, doc, self.equivalences)

    def check_paragraphs(self, texts: Sequence[str]) -> list[list[LTMatch]]:
        """LanguageTool's matches for each paragraph text, offsets in code points of that text."""
        texts = [clean_text(text) for text in texts]  # a lone surrogate cannot be sent (or hashed)
        results: list[list[LTMatch] | None] = [None if text.strip() else [] for text in texts]
        if all(result is not None for result in results):
            return [[] for _ in texts]
        version = self._known_version()
        if version is not None:
            self._from_cache(texts, version, results)
        missing = [index for index, result in enumerate(results) if result is None]
        if missing:
            seen = self._send(texts, missing, results)
            if version is not None and seen != version:
                # The server is not the version the cached results came from: check them again.
                sent = set(missing)
                again = [index for index, text in enumerate(texts) if index not in sent and text.strip()]
                if again:
                    self._send(texts, again, results)
        self._note_cache()
        return [result or [] for result in results]

    # -- internals ----------------------------------------------------------------------------

    def _known_version(self) -> str | None:
        """The LanguageTool version to look results up for, without asking the server if possible."""
        if self._version is not None:
            return self._version
        if not self.settings.server and not os.environ.get("LTP_JAR_DIR_PATH"):
            return local_version()  # language_tool_python starts exactly this version
        remembered = self.cache.server_version(self.server_id)
        if remembered and time.time() - remembered[1] < self.settings.version_ttl:
            return remembered[0]
        return None

    def _key(self, version: str, text: str) -> str:
        s = self.settings
        return cache_key(self.server_id, version, s.language, sorted(s.enabled_rules),
                         sorted(s.disabled_rules), sorted(s.disabled_categories), s.picky, text)

    def _from_cache(self, texts: Sequence[str], version: str,
                    results: list[list[LTMatch] | None]) -> None:
        if not self.cache.enabled:
            return
        keys = [self._key(version, text) for text in texts]
        found = self.cache.get_many(list(dict.fromkeys(keys)))
        for index, key in enumerate(keys):
            if key in found and results[index] is None:
                try:
                    results[index] = [LTMatch.from_json(item) for item in found[key]]
                except (KeyError, TypeError):
                    results[index] = None  # an entry of an older layout: check again

    def _connect(self) -> Connection:
        if self.connection is None:
            self.connection = connect(self.settings, self.notice or self.warnings.append)
        return self.connection

    def _form(self, text: str, language: str) -> dict[str, str]:
        s = self.settings
        # partial results (a check cut short by the server's time or error-rate limit) come back
        # flagged as incomplete instead of as an error
        form = {"text": text, "language": language, "allowIncompleteResults": "true"}
        if s.enabled_rules:
            form["enabledRules"] = ",".join(s.enabled_rules)
        if s.disabled_rules:
            form["disabledRules"] = ",".join(s.disabled_rules)
        if s.disabled_categories:
            form["disabledCategories"] = ",".join(s.disabled_categories)
        if s.picky:
            form["level"] = "picky"
        return form

    def _send(self, texts: Sequence[str], indexes: list[int],
              results: list[list[LTMatch] | None]) -> str:
        """Check the paragraphs at `indexes`, store their results; returns the server's version."""
        connection = self._connect()
        version = self._version or connection.version_hint or "unknown"
        fresh: dict[int, list[LTMatch]] = {index: [] for index in indexes}
        incomplete: str | None = None
        for batch in make_batches([(index, texts[index]) for index in indexes], self.settings.batch_size):
            data = connection.api.check(self._form(batch.text, connection.language))
            self.requests += 1
            version = _version(data)
            warnings = data.get("warnings")
            if isinstance(warnings, dict) and warnings.get("incompleteResults"):
                reason = warnings.get("incompleteResultsReason")
                incomplete = " ".join(str(reason).split())[:160] if reason else "no reason given"
            offsets = Utf16Offsets(batch.text)
            for raw in data["matches"]:
                match = self._parse(raw, offsets, batch, connection)
                if match is not None:
                    fresh[match[0]].append(match[1])
        self._version = version
        self.cache.remember_version(self.server_id, version)
        for index, matches in fresh.items():
            matches.sort(key=lambda m: (m.start, m.end, m.rule_id))
            results[index] = matches
        if incomplete is None:
            self.cache.put_many((self._key(version, texts[index]), [m.to_json() for m in matches])
                                for index, matches in fresh.items())
        elif INCOMPLETE.format(reason=incomplete) not in self.warnings:
            self.warnings.append(INCOMPLETE.format(reason=incomplete))
        return version

    def _parse(self, raw: Any, offsets: Utf16Offsets, batch: Any,
               connection: Connection) -> tuple[int, LTMatch] | None:
        """One match of a reply, checked field by field: a server that sends something else
        is reported, never turned into a finding such as `languagetool/None`."""
        try:
            rule = raw["rule"]
            offset, length = raw["offset"], raw["length"]
            if not isinstance(rule, dict):
                raise TypeError("a rule that is not an object")
            rule_id = rule["id"]
            if not isinstance(rule_id, str) or not _RULE_ID.match(rule_id):
                raise TypeError("a rule id that is not a name")
            if not _is_count(offset) or not _is_count(length) or \
                    offset + length > offsets.units_length:
                raise TypeError(f"an offset or length outside the text ({offset!s:.20}, "
                                f"{length!s:.20})")
            category = rule.get("category") or {}
            replacements = tuple(str(item["value"]) for item in raw.get("replacements") or ()
                                 if isinstance(item, dict) and "value" in item)
            message = raw.get("message") or raw.get("shortMessage") or rule.get("description") or rule_id
        except (KeyError, TypeError, AttributeError) as error:
            problem = f"without {error}" if isinstance(error, KeyError) else f"with {error}"
            raise connection.api._malformed(f"a match {problem}") from None
        start, end = offsets.span(offset, length)
        located = batch.locate(start, end)
        if located is None:
            return None
        piece, para_start, para_end = located
        category_id = str(category.get("id") or "") if isinstance(category, dict) else ""
        message = _SUGGESTION_TAG.sub(_quote, " ".join(str(message).split()))
        return piece.paragraph, LTMatch(para_start, para_end, rule_id, message,
                                        str(rule.get("issueType") or ""), category_id,
                                        replacements[:MAX_SUGGESTIONS])

    def _note_cache(self) -> None:
        if self.cache.warning and self.cache.warning not in self.warnings:
            self.warnings.append(self.cache.warning)


def check_document(doc: Document, settings: LanguageToolSettings,
                   native: Iterable[Finding] = ()) -> list[Finding]:
    """One-shot helper: check one document and stop LanguageTool again."""
    with LanguageToolBackend(settings) as backend:
        return backend.check(doc, native)


__all__ = ["ISSUE_SEVERITY", "LTMatch", "LanguageToolBackend", "LanguageToolError", "check_document",
           "severity_of"]
