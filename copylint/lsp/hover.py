"""Hover on a finding: the explanation of its rule, as `copylint explain` prints it."""

from __future__ import annotations

from lsprotocol import types

from ..explain import explain_text
from .checking import Outcome


def _contains(span: types.Range, position: types.Position) -> bool:
    here = (position.line, position.character)
    return (span.start.line, span.start.character) <= here <= (span.end.line, span.end.character)


def hover(outcome: Outcome | None, position: types.Position) -> types.Hover | None:
    """The explanations of the rules of the findings under `position` (None: nothing there)."""
    if outcome is None or outcome.prepared is None:
        return None
    rules = outcome.prepared.rules
    texts: list[str] = []
    for finding, diagnostic in zip(outcome.findings, outcome.diagnostics, strict=False):
        rule = rules.get(finding.rule)
        if rule is None or not _contains(diagnostic.range, position):
            continue
        text = explain_text(rule)
        if text not in texts:
            texts.append(text)
    if not texts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.PlainText,
                                                    value="\n\n".join(texts)))
