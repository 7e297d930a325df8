"""The JSON API: `POST /v1/check` and `GET /v1/info`.

    POST /v1/check  {"text": "...", "format": "markdown", "house": "reuters",
                     "select": ["names"], "ignore": ["ap.percent"]}
    200 {"findings": [...], "summary": {...}, "warnings": [...]}

`findings` and `summary` are exactly what `copylint check --format json` writes for one file
(lines and code-point columns in the text as sent). A text that cannot be read in its format
(broken XML, bad JSON) is answered 422 with the reason.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..readers import EXTENSIONS, FORMATS
from ..tally import Tally
from .checker import Checked, Checker, Choice

KEYS = ("text", "format", "house", "select", "ignore")
#: the name findings carry: the text came in a request, from no file
TEXT_NAME = "<text>"


class V1RequestError(ValueError):
    """The request body is not a valid check request (400); the message is one line."""


@dataclass(frozen=True)
class V1Query:
    text: str
    choice: Choice


def _names(body: dict[str, Any], key: str) -> tuple[str, ...] | None:
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise V1RequestError(f"'{key}' must be a list of rule ids or packs (strings)")
    return tuple(item.strip() for item in value if item.strip())


def parse_check(raw: bytes, checker: Checker, extra_keys: tuple[str, ...] = ()) -> V1Query:
    """The request's text and choices; V1RequestError says what is wrong in one line.
    `extra_keys` are other keys the endpoint takes (already taken out of the body)."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise V1RequestError(f"the body is not UTF-8 (byte {error.start})") from None
    except ValueError as error:
        raise V1RequestError(f"the body is not valid JSON: {error}") from None
    if not isinstance(body, dict):
        raise V1RequestError('the body must be a JSON object: {"text": "..."}')
    keys = (*KEYS, *extra_keys)
    for key in body:
        if key not in keys:
            near = difflib.get_close_matches(str(key), keys, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise V1RequestError(f"unknown key '{key}'{hint}; the keys are {', '.join(keys)}")
    text = body.get("text")
    if not isinstance(text, str):
        raise V1RequestError("'text' is required and must be a string")
    input_format = body.get("format")
    if input_format in (None, "auto"):
        input_format = None
    elif input_format not in FORMATS:
        raise V1RequestError(f"'format' must be one of auto, {', '.join(FORMATS)}, not "
                             f"{json.dumps(input_format)}")
    house = body.get("house")
    if house is not None and house not in checker.houses:
        raise V1RequestError(f"'house' must be one of {', '.join(checker.houses)}, not "
                             f"{json.dumps(house)}")
    select = _names(body, "select")
    ignore = _names(body, "ignore") or ()
    return V1Query(text, Choice(house=house, select=select or None, ignore=ignore,
                                input_format=input_format))


def check_answer(checked: Checked) -> dict[str, Any]:
    """The CLI's JSON for one file, and the warnings of the run."""
    result = checked.result
    tally = Tally(None)
    if result.checked:
        tally.add(result)
    warnings = [*result.warnings, *checked.notes]
    if result.backend_error:
        warnings.append(result.backend_error)
    return {"findings": [finding.to_dict() for finding in result.findings],
            "summary": tally.summary(), "warnings": warnings}


def info(checker: Checker, *, fix: bool) -> dict[str, Any]:
    """What the page (and any client) needs to know about this server."""
    return {
        "name": "copylint", "version": __version__,
        "house": checker.house, "houses": checker.houses,
        "formats": ["auto", *FORMATS],
        "extensions": {ext: fmt for ext, fmt in EXTENSIONS.items() if fmt in FORMATS},
        "max_bytes": checker.settings.max_bytes,
        "languagetool": checker.languagetool is not None,
        "fix": fix,
    }
