"""Code actions that apply copylint's fixes: one finding's quick fix, or every safe fix.

A quick fix is one TextEdit computed straight from the finding's fix: its span mapped through the
reader's offsets into the source, the replacement escaped for the markup there (the same mapping
and escapes as `copylint check --fix`), with no second reading of the document, so offering it
stays cheap on a large file. "Fix all safe problems" runs the whole fixer (passes, verification),
so it is offered without an edit and resolved (`codeAction/resolve`) when the editor picks it; a
client that cannot resolve gets it computed only when it asks for that kind by name (on save).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from lsprotocol import types

from ..document import Document
from ..errors import CopylintError
from ..fixes.apply import fix_content, source_span
from ..fixes.escaping import escape
from .positions import LineIndex, to_units

if TYPE_CHECKING:
    from ..findings import Finding
    from .actions import ActionContext

#: the source action that fixes every safe finding in the file
FIX_ALL_KIND = "source.fixAll.copylint"
FIX_ALL_TITLE = "copylint: fix all safe problems in this file"


def _position(doc: Document, offset: int, index: LineIndex, encoding: str) -> types.Position:
    """The LSP position of an offset of the normalised source (same lines and code points as the
    editor's text; only line ends differ)."""
    starts = doc.source_line_starts
    line = bisect_right(starts, offset) - 1
    column = offset - starts[line]
    if line >= index.count:
        line, column = index.count - 1, len(index.line(index.count - 1))
    return types.Position(line=line, character=to_units(index.line(line), column, encoding))


def finding_edit(ctx: ActionContext, finding: Finding) -> types.TextEdit | None:
    """The TextEdit of one finding's fix, in the editor's text."""
    doc = ctx.document()
    fix = finding.fix
    if doc is None or fix is None:
        return None
    start, end = source_span(doc, fix)
    replacement = escape(fix.replacement, doc.escapes_at(start))
    line_end = ctx.index.default_line_end()
    if line_end != "\n":
        replacement = replacement.replace("\n", line_end)
    return types.TextEdit(range=types.Range(start=_position(doc, start, ctx.index, ctx.encoding),
                                            end=_position(doc, end, ctx.index, ctx.encoding)),
                          new_text=replacement)


def region_edit(old: str, new: str, index: LineIndex, encoding: str) -> types.TextEdit | None:
    """One edit turning `old` into `new`: the changed region between their common ends."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1

    def position(offset: int) -> types.Position:
        line = bisect_right(index.starts, offset) - 1
        return types.Position(line=line, character=to_units(index.line(line),
                                                            offset - index.starts[line], encoding))

    return types.TextEdit(range=types.Range(start=position(prefix),
                                            end=position(len(old) - suffix)),
                          new_text=new[prefix:len(new) - suffix])


def quick_fix(ctx: ActionContext, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    """The finding's own fix, when it has one."""
    finding = ctx.finding(diagnostic)
    if finding is None or finding.fix is None:
        return []
    edit = finding_edit(ctx, finding)
    if edit is None:
        return []
    unsafe = " (unsafe: check it)" if finding.fix.safety == "unsafe" else ""
    return [types.CodeAction(title=f"Fix: {finding.fix.describe()}{unsafe}",
                             kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                             is_preferred=finding.fix.safety == "safe",
                             edit=ctx.workspace_edit([edit]))]


def fix_all_edit(ctx: ActionContext) -> types.WorkspaceEdit | None:
    """Every safe fix of the document, as one edit (None when nothing can be fixed)."""
    outcome = ctx.outcome
    if outcome is None or outcome.run is None:
        return None
    data = ctx.text.encode("utf-8", "surrogatepass")
    try:
        fixed = fix_content(outcome.run, data, outcome.snapshot.name, outcome.snapshot.path)
    except CopylintError:  # FixError too: nothing is offered that cannot be applied safely
        return None
    if not fixed.changed:
        return None
    edit = region_edit(ctx.text, fixed.data.decode("utf-8", "surrogatepass"), ctx.index,
                       ctx.encoding)
    return ctx.workspace_edit([edit]) if edit is not None else None


def fix_all(ctx: ActionContext) -> list[types.CodeAction]:
    """"Fix all safe problems in this file", when a safe fix exists: resolved later when the
    client can, computed now when it asked for this kind by name and cannot."""
    if ctx.outcome is None or not any(f.fix is not None and f.fix.safety == "safe"
                                      for f in ctx.outcome.findings):
        return []
    action = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND,
                              data={"uri": ctx.uri, "version": ctx.version})
    if ctx.resolves_edits:
        return [action]
    if not ctx.asked_for(FIX_ALL_KIND):
        return []
    action.edit = fix_all_edit(ctx)
    return [action] if action.edit is not None else []
