"""Code actions for copylint's diagnostics.

Actions come from providers, each a function of an `ActionContext`:

- `DIAGNOSTIC_PROVIDERS` run once for each copylint diagnostic in the requested range and give
  quick fixes for it: the finding's own fix (`copylint.lsp.fixes`), then "disable this rule for
  the next line".
- `DOCUMENT_PROVIDERS` run once per request and give source actions for the whole file: "fix all
  safe problems in this file" (`FIX_ALL_KIND`).

Every provider builds its edits with `ctx.workspace_edit`, so versioned edits (which the client
refuses to apply to a changed document) are used whenever the client supports them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lsprotocol import types

from ..document import Document
from ..errors import CopylintError
from ..findings import Finding
from .checking import Outcome
from .diagnostics import CONFIG_ERROR, INPUT_ERROR, SOURCE
from .directives import plan
from .fixes import FIX_ALL_KIND, fix_all, quick_fix
from .positions import LineIndex, to_units

#: the kinds advertised in the server's capabilities
ACTION_KINDS = [types.CodeActionKind.QuickFix, FIX_ALL_KIND]


@dataclass
class ActionContext:
    """What a provider needs: the document, the diagnostics asked about, the client's support."""

    uri: str
    version: int
    text: str
    index: LineIndex
    encoding: str
    outcome: Outcome | None
    diagnostics: Sequence[types.Diagnostic]
    versioned_edits: bool = True
    #: the client resolves a code action's edit later (`codeAction/resolve`)
    resolves_edits: bool = False
    #: the kinds the request asked for (empty: any)
    only: Sequence[str] = ()
    _document: Document | None = field(default=None, repr=False)

    def asked_for(self, kind: str) -> bool:
        """Whether the request named this kind (or a kind above it) in `only`."""
        return any(kind == base or kind.startswith(base + ".") for base in self.only)

    def document(self) -> Document | None:
        """The document as copylint reads it (None when it cannot be read)."""
        if self._document is None:
            run = self.outcome.run if self.outcome is not None else None
            if run is None:
                return None
            try:
                self._document = run.read(self.text, self.outcome.snapshot.name,
                                          self.outcome.snapshot.path)
            except CopylintError:
                return None
        return self._document

    def read(self, text: str) -> Document:
        """Another text read exactly as this document is (same run, name and format)."""
        assert self.outcome is not None and self.outcome.run is not None
        return self.outcome.run.read(text, self.outcome.snapshot.name, self.outcome.snapshot.path)

    def finding(self, diagnostic: types.Diagnostic) -> Finding | None:
        """The finding behind a diagnostic of the current version (None if it is older)."""
        if self.outcome is None or self.outcome.snapshot.version != self.version:
            return None
        for finding, published in zip(self.outcome.findings, self.outcome.diagnostics,
                                      strict=False):
            if published.range == diagnostic.range and published.code == diagnostic.code:
                return finding
        return None

    def workspace_edit(self, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        if self.versioned_edits:
            document = types.OptionalVersionedTextDocumentIdentifier(uri=self.uri,
                                                                     version=self.version)
            return types.WorkspaceEdit(document_changes=[
                types.TextDocumentEdit(text_document=document, edits=edits)])
        return types.WorkspaceEdit(changes={self.uri: edits})


DiagnosticProvider = Callable[[ActionContext, types.Diagnostic], list[types.CodeAction]]
DocumentProvider = Callable[[ActionContext], list[types.CodeAction]]


def disable_next_line(ctx: ActionContext, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    """"Disable RULE for this line": the directive above the line, in the format's own form."""
    rule = str(diagnostic.code)
    doc = ctx.document()
    if doc is None:
        return []
    line = diagnostic.range.start.line
    insertion = plan(ctx.text, ctx.index, line, rule, doc.format, ctx.read)
    if insertion is None:
        return []
    at = types.Position(line=insertion.line, character=to_units(
        ctx.index.line(insertion.line), insertion.column, ctx.encoding))
    edit = types.TextEdit(range=types.Range(start=at, end=at), new_text=insertion.text)
    return [types.CodeAction(title=f"Disable {rule} for this line",
                             kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                             edit=ctx.workspace_edit([edit]))]


#: quick fixes for one diagnostic, in the order they are offered
DIAGNOSTIC_PROVIDERS: tuple[DiagnosticProvider, ...] = (quick_fix, disable_next_line)
#: source actions for the whole document
DOCUMENT_PROVIDERS: tuple[DocumentProvider, ...] = (fix_all,)


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether an action kind was asked for (`only` filters by kind and its sub-kinds)."""
    return not only or any(kind == base or kind.startswith(base + ".") for base in only)


def code_actions(ctx: ActionContext, only: Sequence[str] | None) -> list[types.CodeAction]:
    """The actions for the copylint diagnostics of `ctx`, and the whole-document ones."""
    actions: list[types.CodeAction] = []
    seen: set[tuple[int, str, str]] = set()
    for diagnostic in ctx.diagnostics:
        if diagnostic.source != SOURCE or not _is_rule(diagnostic.code):
            continue
        for provider in DIAGNOSTIC_PROVIDERS:
            for action in provider(ctx, diagnostic):
                key = (diagnostic.range.start.line, str(diagnostic.code), action.title)
                if key not in seen and wanted(kind_name(action.kind), only):
                    seen.add(key)
                    actions.append(action)
    for document_provider in DOCUMENT_PROVIDERS:
        actions.extend(a for a in document_provider(ctx) if wanted(kind_name(a.kind), only))
    return actions


def _is_rule(code: object) -> bool:
    """A rule a directive can name (not copylint's own: unused or bad directives, errors)."""
    return isinstance(code, str) and code not in (CONFIG_ERROR, INPUT_ERROR) \
        and not code.startswith("copylint.")


def kind_name(kind: object) -> str:
    """An action kind as the protocol spells it (lsprotocol's kinds are str enums)."""
    return str(getattr(kind, "value", kind))


def in_range(diagnostics: Sequence[types.Diagnostic], wanted_range: types.Range) -> list[types.Diagnostic]:
    """The diagnostics that overlap a range (a range touching a diagnostic's edge counts)."""
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character

    return [d for d in diagnostics
            if key(d.range.start) <= key(wanted_range.end) and key(wanted_range.start) <= key(d.range.end)]
