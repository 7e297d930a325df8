"""The language server: pygls over stdio, with copylint's document store, lint thread, hover and
code actions. Adapters own no rule logic: every check goes through `Run.check_data`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.capabilities import ServerCapabilitiesBuilder
from pygls.lsp.server import LanguageServer
from pygls.protocol.language_server import LanguageServerProtocol, lsp_method

from .. import __version__
from .actions import ACTION_KINDS, ActionContext, code_actions, in_range
from .checking import Outcome, Snapshot, check_snapshot
from .documents import DocumentStore, uri_path
from .fixes import fix_all_edit
from .hover import hover
from .positions import ENCODINGS, UTF16
from .runs import CONFIG_FILE_NAMES, RunCache
from .scheduler import LintScheduler
from .settings import KEYS, SECTION, Settings

log = logging.getLogger(__name__)


class CopylintProtocol(LanguageServerProtocol):
    """pygls's protocol, keeping open documents in copylint's store (LSP line ends only) rather
    than pygls's workspace copy; the server's own handlers then run as usual."""

    _server: CopylintServer

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams
                                    ) -> Generator[Any, Any, None]:
        item = params.text_document
        self._server.documents.open(item.uri, item.text, item.version, item.language_id)
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams
                                      ) -> Generator[Any, Any, None]:
        document = self._server.documents.get(params.text_document.uri)
        if document is None:
            log.warning("change to a document that is not open: %s", params.text_document.uri)
            return
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                start, end = change.range.start, change.range.end
                document.replace((start.line, start.character), (end.line, end.character),
                                 change.text, self._server.encoding)
            else:
                document.replace(None, None, change.text, self._server.encoding)
        document.version = params.text_document.version
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams
                                     ) -> Generator[Any, Any, None]:
        self._server.documents.close(params.text_document.uri)
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def _user(self, method: str, params: Any) -> Generator[Any, Any, None]:
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None


class CopylintServer(LanguageServer):
    """State shared by the handlers: documents, settings, the lint thread and its results."""

    def __init__(self, defaults: Settings) -> None:
        super().__init__("copylint", __version__, protocol_cls=CopylintProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.documents = DocumentStore()
        self.defaults = defaults
        self.settings = defaults
        self.encoding = UTF16
        self.root: Path | None = None
        self.versioned_edits = False
        self.resolves_edits = False
        self.can_watch = False
        self.can_pull_settings = False
        #: used from the lint thread only
        self.cache = RunCache(defaults)
        self.outcomes: dict[str, Outcome] = {}
        self.reported: set[str] = set()
        self.watched: set[str] = set()
        #: the client asked for shutdown (an exit without it ends with status 1)
        self.shut_down = False
        self._scheduler: LintScheduler | None = None
        #: code actions read documents here, so neither the loop nor the checks wait for them
        self.side = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copylint-actions")

    @property
    def scheduler(self) -> LintScheduler:
        if self._scheduler is None:
            self._scheduler = LintScheduler(asyncio.get_running_loop(), self.snapshot,
                                            self.check, self.publish,
                                            lambda: self.settings.debounce / 1000)
        return self._scheduler

    def snapshot(self, uri: str) -> Snapshot | None:
        document = self.documents.get(uri)
        if document is None:
            return None
        return Snapshot(uri, document.version, document.text, document.name, document.path,
                        document.language)

    def check(self, snapshot: Snapshot) -> Outcome | None:
        """On the lint thread: check a snapshot unless the client has moved past it."""
        document = self.documents.get(snapshot.uri)
        if document is None or document.version != snapshot.version:
            return None
        return check_snapshot(self.cache, snapshot, self.encoding, self.root)

    def publish(self, outcome: Outcome) -> None:
        uri = outcome.snapshot.uri
        previous = self.outcomes.get(uri)
        self.outcomes[uri] = outcome
        # logged when they change, not again at every keystroke
        old_warnings = previous.warnings if previous is not None else []
        for warning in outcome.warnings:
            if warning not in old_warnings:
                self.log(types.MessageType.Warning, warning)
        if outcome.skipped and (previous is None or previous.skipped != outcome.skipped):
            self.log(types.MessageType.Info, f"copylint: not checked: {outcome.skipped}")
        if outcome.error and outcome.error not in self.reported:
            self.reported.add(outcome.error)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=outcome.error))
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=outcome.diagnostics, version=outcome.snapshot.version))
        if outcome.prepared is not None:
            self.watch([path for path, _ in outcome.prepared.stamps])

    def log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def apply_settings(self, raw: Any) -> None:
        """New client settings over the command line's; every open document is checked again."""
        settings = self.defaults.merged(raw, self.root)
        for problem in settings.problems:
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning, message=f"copylint: {problem}"))
        if settings == self.settings:
            return
        self.settings = settings
        self.scheduler.submit(lambda: self.cache.configure(settings))
        self.reported.clear()
        self.recheck_all()

    def recheck_all(self) -> None:
        for document in self.documents.all():
            self.scheduler.request(document.uri, now=True)

    def watch(self, paths: list[Path]) -> None:
        """Ask the client to tell us when these files change (configuration, vocabulary, rules)."""
        if not self.can_watch:
            return
        patterns = [f"**/{name}" for name in CONFIG_FILE_NAMES]
        patterns += [f"**/{path.name}" for path in paths]
        new = [pattern for pattern in dict.fromkeys(patterns) if pattern not in self.watched]
        if not new:
            return
        self.watched.update(new)
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=pattern) for pattern in new])
        registration = types.Registration(id=f"copylint-watch-{len(self.watched)}",
                                          method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                          register_options=options)
        self.client_register_capability(types.RegistrationParams(registrations=[registration]))

    def action_context(self, params: types.CodeActionParams) -> ActionContext | None:
        document = self.documents.get(params.text_document.uri)
        if document is None:
            return None
        outcome = self.outcomes.get(document.uri)
        current = outcome is not None and outcome.snapshot.version == document.version
        diagnostics = in_range(outcome.diagnostics, params.range) if current and outcome \
            else list(params.context.diagnostics)
        only = [str(getattr(kind, "value", kind)) for kind in params.context.only or ()]
        return ActionContext(document.uri, document.version, document.text, document.index,
                             self.encoding, outcome, diagnostics, self.versioned_edits,
                             self.resolves_edits, only)

    def close(self) -> None:
        if self._scheduler is not None:
            self._scheduler.close()
        self.side.shutdown(wait=False, cancel_futures=True)


def _resolves_edits(params: types.InitializeParams) -> bool:
    """Whether the client can ask for a code action's edit later (`codeAction/resolve`)."""
    document = params.capabilities.text_document
    action = document.code_action if document else None
    support = action.resolve_support if action else None
    return bool(action and action.data_support and support and "edit" in support.properties)


def _encoding(params: types.InitializeParams) -> str:
    """The position encoding pygls negotiates (the client's first choice we support)."""
    chosen = ServerCapabilitiesBuilder.choose_position_encoding(params.capabilities)
    value = str(getattr(chosen, "value", chosen))
    return value if value in ENCODINGS else UTF16


def _root(params: types.InitializeParams) -> Path | None:
    for folder in params.workspace_folders or ():
        path = uri_path(folder.uri)
        if path is not None:
            return path
    if params.root_uri:
        return uri_path(params.root_uri)
    return Path(params.root_path) if params.root_path else None


def create_server(defaults: Settings) -> CopylintServer:
    """The server with its handlers registered."""
    server = CopylintServer(defaults)

    @server.feature(types.INITIALIZE)
    def initialize(ls: CopylintServer, params: types.InitializeParams) -> None:
        ls.encoding = _encoding(params)
        ls.root = _root(params)
        workspace = params.capabilities.workspace
        edit = workspace.workspace_edit if workspace else None
        watch = workspace.did_change_watched_files if workspace else None
        ls.versioned_edits = bool(edit and edit.document_changes)
        ls.resolves_edits = _resolves_edits(params)
        ls.can_watch = bool(watch and watch.dynamic_registration)
        ls.can_pull_settings = bool(workspace and workspace.configuration)
        ls.settings = ls.defaults.merged(params.initialization_options, ls.root)
        ls.cache.configure(ls.settings)  # nothing runs on the lint thread yet

    @server.feature(types.INITIALIZED)
    async def initialized(ls: CopylintServer, params: types.InitializedParams) -> None:
        for problem in ls.settings.problems:
            ls.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning, message=f"copylint: {problem}"))
        ls.watch([])
        if ls.can_pull_settings:
            await _pull_settings(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def changed_configuration(ls: CopylintServer,
                                    params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and (SECTION in settings or settings.keys() & set(KEYS)):
            ls.apply_settings(settings)
        elif ls.can_pull_settings:
            await _pull_settings(ls)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def changed_files(ls: CopylintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if params.changes:
            ls.reported.clear()
            ls.recheck_all()  # each run re-stats its files: only changed ones are rebuilt

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def opened(ls: CopylintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.scheduler.request(params.text_document.uri, now=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def changed(ls: CopylintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.scheduler.request(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def saved(ls: CopylintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.scheduler.request(params.text_document.uri, now=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def closed(ls: CopylintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.scheduler.forget(uri)
        ls.outcomes.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri,
                                                                            diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: CopylintServer, params: types.HoverParams) -> types.Hover | None:
        return hover(ls.outcomes.get(params.text_document.uri), params.position)

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def on_resolve(ls: CopylintServer, action: types.CodeAction) -> types.CodeAction:
        """The edit of "fix all safe problems", computed when the editor picks the action."""
        data = action.data if isinstance(action.data, dict) else {}
        document = ls.documents.get(str(data.get("uri", "")))
        if document is None or document.version != data.get("version"):
            return action  # the document changed: no edit rather than a stale one
        ctx = ls.action_context(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=document.uri),
            range=types.Range(start=types.Position(line=0, character=0),
                              end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[])))
        if ctx is None:
            return action
        loop = asyncio.get_running_loop()
        action.edit = await loop.run_in_executor(ls.side, fix_all_edit, ctx)
        return action

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=ACTION_KINDS,
                                            resolve_provider=True))
    async def on_code_action(ls: CopylintServer, params: types.CodeActionParams
                             ) -> list[types.CodeAction] | None:
        ctx = ls.action_context(params)
        if ctx is None:
            return None
        only = [str(getattr(kind, "value", kind)) for kind in params.context.only or ()]
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(ls.side, code_actions, ctx, only or None)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CopylintServer, params: None) -> None:
        ls.shut_down = True
        ls.close()

    return server


async def _pull_settings(ls: CopylintServer) -> None:
    """Ask the client for the `copylint` section of its settings (the pull model)."""
    params = types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
    try:
        result = await ls.workspace_configuration_async(params)
    except Exception as error:  # a client that says it supports this but fails: not fatal
        log.warning("workspace/configuration failed: %s", error)
        return
    if result and isinstance(result[0], dict) and result[0]:
        ls.apply_settings({SECTION: result[0]})


def serve(defaults: Settings) -> int:
    """Run the server on stdin and stdout until the client says exit (or closes stdin); the
    exit status: 0 after a shutdown request, else 1."""
    server = create_server(defaults)
    server.start_io()  # pygls swallows the SystemExit of `exit`: the status is decided here
    return 0 if server.shut_down else 1
