"""The parameters of LanguageTool's `/v2/check`, read as LanguageTool's server reads them.

Parameters come form-encoded in the body of a POST (or in the query string; the query's win, as
in LanguageTool). Rule ids and categories the client names are split between copylint (its rule
ids, packs as categories) and the LanguageTool server whose matches are merged in (the rest).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from .annotated import AnnotatedText, AnnotationError, parse_data
from .checker import Choice, LanguageToolChoice, RunEntry

LANGUAGETOOL_PREFIX = "languagetool/"
#: the languages copylint checks, as LanguageTool names them (name, code, longCode)
LANGUAGES = (
    ("English", "en", "en"),
    ("English (Australian)", "en", "en-AU"),
    ("English (Canadian)", "en", "en-CA"),
    ("English (GB)", "en", "en-GB"),
    ("English (New Zealand)", "en", "en-NZ"),
    ("English (South African)", "en", "en-ZA"),
    ("English (US)", "en", "en-US"),
)
AUTO_LANGUAGE = "en-US"
#: the most parameters one request may carry
MAX_FIELDS = 100


class LTRequestError(ValueError):
    """The request is not one LanguageTool would accept (400); the message is one line."""


@dataclass(frozen=True)
class Language:
    name: str
    code: str

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "code": self.code}


@dataclass(frozen=True)
class LTQuery:
    """One `/v2/check` request."""

    text: AnnotatedText
    language: Language
    auto: bool
    enabled_rules: tuple[str, ...]
    disabled_rules: tuple[str, ...]
    enabled_categories: tuple[str, ...]
    disabled_categories: tuple[str, ...]
    enabled_only: bool
    picky: bool


def parse_form(body: bytes, query: str) -> dict[str, str]:
    """Form fields of the body, then of the query string (which win); LTRequestError when the
    body is not URL-encoded UTF-8."""
    params: dict[str, str] = {}
    for raw in (body, query.encode("latin-1", "replace")):
        try:
            text = raw.decode("utf-8")
            pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, errors="strict",
                                           max_num_fields=MAX_FIELDS)
        except UnicodeDecodeError as error:
            raise LTRequestError(f"the form data is not UTF-8 (byte {error.start})") from None
        except ValueError as error:
            raise LTRequestError(f"the form data cannot be read: {error}") from None
        params.update(pairs)
    return params


def _names(params: dict[str, str], key: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in params.get(key, "").split(",") if item.strip())


def find_language(code: str) -> Language | None:
    wanted = code.strip().lower().replace("_", "-")
    for name, _, long_code in LANGUAGES:
        if wanted == long_code.lower():
            return Language(name, long_code)
    for name, short, long_code in LANGUAGES:
        if wanted == short:
            return Language(name, long_code)
    return None


def parse_query(params: dict[str, str]) -> LTQuery:
    """The request's text and settings; LTRequestError (LanguageTool's wording) when invalid."""
    if "text" in params and "data" in params:
        raise LTRequestError("Set only 'text' or 'data' parameter, not both")
    if "text" in params:
        text = AnnotatedText.from_text(params["text"])
    elif "data" in params:
        try:
            text = parse_data(params["data"])
        except AnnotationError as error:
            raise LTRequestError(str(error)) from None
    else:
        raise LTRequestError("Missing 'text' or 'data' parameter")
    code = params.get("language", "").strip()
    if not code:
        raise LTRequestError("Missing 'language' parameter, e.g. 'language=en-US' for American "
                             "English")
    auto = code.lower() == "auto"
    language = find_language(AUTO_LANGUAGE if auto else code)
    if language is None:
        raise LTRequestError(f"'{code}' is not a language code this server knows: copylint checks "
                             "English copy (en, en-US, en-GB, ... or auto)")
    level = params.get("level")
    if level not in (None, "default", "picky"):
        raise LTRequestError("If 'level' is set, it must be set to 'default' or 'picky'")
    enabled_only = params.get("enabledOnly") in ("true", "yes")
    query = LTQuery(text, language, auto, _names(params, "enabledRules"),
                    _names(params, "disabledRules"), _names(params, "enabledCategories"),
                    _names(params, "disabledCategories"), enabled_only, level == "picky")
    if enabled_only and (query.disabled_rules or query.disabled_categories):
        raise LTRequestError("You cannot specify disabled rules or categories using enabledOnly=true")
    if enabled_only and not (query.enabled_rules or query.enabled_categories):
        raise LTRequestError("You must specify enabled rules or categories when using "
                             "enabledOnly=true")
    return query


@dataclass(frozen=True)
class Selection:
    """A query's rule choices split between copylint and LanguageTool."""

    choice: Choice
    #: with enabledOnly, the LanguageTool rule ids and categories whose matches are kept
    languagetool_only: tuple[frozenset[str], frozenset[str]] | None


def split_selection(query: LTQuery, entry: RunEntry,
                    default_select: tuple[str, ...] | None) -> Selection:
    """copylint's rule ids and packs (categories, in any case) go to the engine; every other id
    (with or without the `languagetool/` prefix) goes to the LanguageTool server."""
    packs = {pack.lower(): pack for pack in entry.packs}

    def native_rule(rule_id: str) -> bool:
        return rule_id in entry.rules or rule_id in entry.packs

    def lt_id(rule_id: str) -> str:
        return rule_id.removeprefix(LANGUAGETOOL_PREFIX)

    native_enabled = [r for r in query.enabled_rules if native_rule(r)]
    native_enabled += [packs[c.lower()] for c in query.enabled_categories if c.lower() in packs]
    ignore = [r for r in query.disabled_rules if native_rule(r)]
    ignore += [packs[c.lower()] for c in query.disabled_categories if c.lower() in packs]
    lt_enabled = tuple(lt_id(r) for r in query.enabled_rules if not native_rule(r))
    lt_categories = tuple(c for c in query.enabled_categories if c.lower() not in packs)
    languagetool = LanguageToolChoice(
        enabled_rules=lt_enabled,
        disabled_rules=tuple(lt_id(r) for r in query.disabled_rules if not native_rule(r)),
        disabled_categories=tuple(c for c in query.disabled_categories if c.lower() not in packs),
        picky=query.picky)
    if query.enabled_only:
        # only what was named: with no copylint rule among it, no copylint rule runs
        select: tuple[str, ...] | None = tuple(dict.fromkeys(native_enabled)) or ("languagetool",)
        only = (frozenset(lt_enabled), frozenset(c.upper() for c in lt_categories))
    else:
        select = default_select
        if native_enabled and default_select is not None:
            select = tuple(dict.fromkeys([*default_select, *native_enabled]))
        only = None
    choice = Choice(select=select, ignore=tuple(dict.fromkeys(ignore)), input_format="text",
                    languagetool=languagetool)
    return Selection(choice, only)
