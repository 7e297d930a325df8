"""`POST /v1/fix`: the text with copylint's fixes applied, through the same fixer as `--fix`.

    POST /v1/fix  {"text": "...", "format": "...", "house": "...", "select": [...],
                   "ignore": [...], "unsafe": false, "fix": [{"rule": "...", "line": 3,
                   "column": 14}]}
    200 {"text": "...", "applied": [{"rule", "line", "column", "fix", "safety"}],
         "findings": [...], "summary": {...}}

Without `fix`, every safe fix (and unsafe ones with `"unsafe": true`) is applied, pass after pass,
as `copylint check --fix` does. With `fix`, only the findings named by rule, line and column (as
`/v1/check` reported them) are fixed, in one pass: what the page's "Apply fix" button sends.
`findings` are those left in the fixed text. A fix that cannot be applied safely is a 422.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from ..fixes.apply import apply_fixes, choose, fix_content
from ..tally import Tally
from .checker import Checker, Choice
from .v1 import TEXT_NAME, V1RequestError, parse_check

FIX_KEYS = ("unsafe", "fix")


@dataclass(frozen=True)
class FixQuery:
    text: str
    choice: Choice
    unsafe: bool
    wanted: frozenset[tuple[str, int, int]] | None


def parse_fix(raw: bytes, checker: Checker) -> FixQuery:
    """The fix request: a check request with `unsafe` and `fix`; V1RequestError when wrong."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        body = None  # parse_check says what is wrong with it
    extra: dict[str, Any] = {}
    if isinstance(body, dict):
        extra = {key: body.pop(key) for key in FIX_KEYS if key in body}
        raw = json.dumps(body).encode()
    query = parse_check(raw, checker, extra_keys=FIX_KEYS)
    unsafe = extra.get("unsafe", False)
    if not isinstance(unsafe, bool):
        raise V1RequestError("'unsafe' must be true or false")
    wanted = None
    if "fix" in extra:
        items = extra["fix"]
        if not isinstance(items, list) or not all(
                isinstance(item, dict) and isinstance(item.get("rule"), str)
                and _whole(item.get("line")) and _whole(item.get("column")) for item in items):
            raise V1RequestError("'fix' must be a list of {\"rule\": ..., \"line\": N, "
                                 "\"column\": N} as /v1/check reported them")
        wanted = frozenset((item["rule"], item["line"], item["column"]) for item in items)
    return FixQuery(query.text, query.choice, unsafe, wanted)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def fix_answer(checker: Checker, query: FixQuery) -> dict[str, Any]:
    """Fix the text (in a worker thread); FixError and CopylintError are the caller's 422."""
    entry = checker.entry(query.choice)
    run = replace(entry.run, input_format=query.choice.input_format, languagetool=None)
    data = query.text.encode("utf-8", "surrogatepass")
    if query.wanted is None:
        outcome = fix_content(run, data, TEXT_NAME, None, query.unsafe)
        fixed, applied = outcome.data, outcome.applied
    else:
        from ..fixes.apply import AppliedFix

        doc, result = run.lint(data, TEXT_NAME)
        chosen = [f for f in result.findings if f.fix is not None
                  and (f.rule, f.line, f.column) in query.wanted]
        fixed, done = (data, []) if doc is None or not chosen else apply_fixes(
            run, data, TEXT_NAME, None, doc, choose(chosen, run.linters.for_path(None).superseding))
        applied = [AppliedFix(f.rule, f.line, f.column, f.fix.describe(), f.fix.safety)
                   for f in done if f.fix is not None]
    left = run.check_data(fixed, TEXT_NAME)
    tally = Tally(None)
    if left.checked:
        tally.add(left)
    return {"text": fixed.decode("utf-8", "surrogatepass"),
            "applied": [fix.to_dict() for fix in applied],
            "findings": [finding.to_dict() for finding in left.findings],
            "summary": tally.summary()}
