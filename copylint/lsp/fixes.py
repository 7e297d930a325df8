"""Code actions that apply copylint's fixes: one finding's quick fix, or every safe fix.

Both run the same machinery as `copylint check --fix` (`copylint.fixes`): the edit is mapped
through the reader's offsets onto the raw text the editor holds, escaped for the format, and
checked by reading the result again. The editor receives one TextEdit covering the changed region.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from ..errors import CopylintError
from ..fixes.apply import apply_fixes, fix_content
from .positions import LineIndex, to_units

if TYPE_CHECKING:
    from ..findings import Finding
    from .actions import ActionContext

#: the source action that fixes every safe finding in the file
FIX_ALL_KIND = "source.fixAll.copylint"


def region_edit(old: str, new: str, index: LineIndex, encoding: str) -> types.TextEdit | None:
    """One edit turning `old` into `new`: the changed region between their common ends."""
    if old == new:
        return None
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return types.TextEdit(range=types.Range(start=_position(index, prefix, encoding),
                                            end=_position(index, len(old) - suffix, encoding)),
                          new_text=new[prefix:len(new) - suffix])


def _position(index: LineIndex, offset: int, encoding: str) -> types.Position:
    line = max(0, _bisect(index.starts, offset))
    return types.Position(line=line, character=to_units(index.line(line),
                                                        offset - index.starts[line], encoding))


def _bisect(starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, offset) - 1


def fixed_text(ctx: ActionContext, only_finding: Finding | None = None,
               unsafe: bool = False) -> str | None:
    """The editor's text with one finding's fix (or every allowed fix) applied; None when
    nothing can be applied safely."""
    outcome = ctx.outcome
    if outcome is None or outcome.run is None:
        return None
    data = ctx.text.encode("utf-8", "surrogatepass")
    name, path = outcome.snapshot.name, outcome.snapshot.path
    try:
        if only_finding is None:
            result = fix_content(outcome.run, data, name, path, unsafe=unsafe)
            return result.data.decode("utf-8", "surrogatepass") if result.changed else None
        return _one(ctx, only_finding, data)
    except CopylintError:  # FixError too: nothing is offered that cannot be applied safely
        return None


def _one(ctx: ActionContext, finding: Finding, data: bytes) -> str | None:
    doc = ctx.document()
    outcome = ctx.outcome
    if doc is None or finding.fix is None or outcome is None or outcome.run is None:
        return None
    new, applied = apply_fixes(outcome.run, data, outcome.snapshot.name, outcome.snapshot.path,
                               doc, [finding])
    return new.decode("utf-8", "surrogatepass") if applied else None


def quick_fix(ctx: ActionContext, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    """The finding's own fix, when it has one."""
    finding = ctx.finding(diagnostic)
    if finding is None or finding.fix is None:
        return []
    new = fixed_text(ctx, finding)
    edit = region_edit(ctx.text, new, ctx.index, ctx.encoding) if new is not None else None
    if edit is None:
        return []
    unsafe = " (unsafe: check it)" if finding.fix.safety == "unsafe" else ""
    return [types.CodeAction(title=f"Fix: {finding.fix.describe()}{unsafe}",
                             kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                             is_preferred=finding.fix.safety == "safe",
                             edit=ctx.workspace_edit([edit]))]


def fix_all(ctx: ActionContext) -> list[types.CodeAction]:
    """"Fix all safe problems in this file", when there is one to fix."""
    if ctx.outcome is None or not any(f.fix is not None and f.fix.safety == "safe"
                                      for f in ctx.outcome.findings):
        return []
    new = fixed_text(ctx)
    edit = region_edit(ctx.text, new, ctx.index, ctx.encoding) if new is not None else None
    if edit is None:
        return []
    return [types.CodeAction(title="copylint: fix all safe problems in this file",
                             kind=FIX_ALL_KIND, edit=ctx.workspace_edit([edit]))]
