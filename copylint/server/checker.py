"""Checking a request's text with the engine.

The server's configuration is read once at start-up and its run is built once; a request that
asks for another house style, selection or ignore list gets a run of its own, built once and kept
(a few of them, least recently used first out). Checks run in a thread pool so the event loop
never waits on lint work, each under the server's time limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..api import build_run
from ..config import Config, load_config
from ..document import Document
from ..errors import UsageError
from ..languagetool import LanguageToolBackend, LanguageToolSettings
from ..languagetool.backend import LTMatch
from ..rulebook import Rule, builtin_rules_dir, load_pack, rule_files
from ..runner import FileResult, Run
from .settings import ServerSettings

#: runs kept for requests that ask for other settings than the server's
MAX_RUNS = 16
#: after LanguageTool failed, requests are checked without it for this long
LANGUAGETOOL_RETRY_SECONDS = 30.0


class CheckTimeout(Exception):
    """A check ran past the server's per-request time limit."""


@dataclass(frozen=True)
class LanguageToolChoice:
    """What a request asks of the LanguageTool server the findings are merged from."""

    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False


@dataclass(frozen=True)
class Choice:
    """What one request asks for beyond the server's configuration."""

    house: str | None = None
    #: rule ids or packs to check (None: the configuration's)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    input_format: str | None = None
    languagetool: LanguageToolChoice = field(default_factory=LanguageToolChoice)


@dataclass(frozen=True)
class RunEntry:
    """A built run, its rules by id and their packs."""

    run: Run
    rules: dict[str, Rule]
    packs: frozenset[str]

    @classmethod
    def of(cls, run: Run) -> RunEntry:
        rules = {rule.id: rule for rule in run.linters.all_rules}
        return cls(run, rules, frozenset(rule.pack for rule in rules.values()))


@dataclass
class Checked:
    """A request's result, the run that gave it, and what LanguageTool said about its rules."""

    result: FileResult
    entry: RunEntry
    #: LanguageTool rule id -> (issue type, category id), for the rules that matched
    languagetool_rules: dict[str, tuple[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: the checked document, when asked for (its sentences, for LanguageTool's answer)
    document: Document | None = None
    #: what the request's `finish` made of the result, in the worker thread
    answer: Any = None


class RecordingBackend(LanguageToolBackend):
    """The LanguageTool backend, remembering the issue type and category of each matched rule
    (a Finding keeps neither, and LanguageTool's clients show both)."""

    def __init__(self, settings: LanguageToolSettings) -> None:
        super().__init__(settings)
        self.rule_info: dict[str, tuple[str, str]] = {}

    def check_paragraphs(self, texts: list[str]) -> list[list[LTMatch]]:  # type: ignore[override]
        results = super().check_paragraphs(texts)
        for matches in results:
            for match in matches:
                self.rule_info[match.rule_id] = (match.issue_type, match.category)
        return results


def available_houses(config: Config) -> list[str]:
    """The house styles the packs offer, and `none`."""
    directories = [builtin_rules_dir(), *config.rules]
    houses = {load_pack(path).house for directory in directories for path in rule_files(directory)}
    return [*sorted(house for house in houses if house), "none"]


class Checker:
    """Builds runs and checks texts; one per worker process."""

    def __init__(self, settings: ServerSettings) -> None:
        self.settings = settings
        config_file = Path(settings.config) if settings.config else None
        self.config = load_config(config_file, start=Path(settings.cwd))
        if settings.house:
            self.config.set("house", settings.house, "--house (command line)")
        self.houses = available_houses(self.config)
        self.languagetool = self._languagetool_settings()
        self._runs: OrderedDict[tuple[object, ...], RunEntry] = OrderedDict()
        self._lock = threading.Lock()
        self._local = threading.local()
        self._backends: list[RecordingBackend] = []
        self._languagetool_down: tuple[float, str] | None = None
        self.default = self.entry(Choice())
        self.default.run.linters.warm_up()
        self._pool = ThreadPoolExecutor(settings.threads, thread_name_prefix="copylint-check")

    @property
    def house(self) -> str:
        return self.config.house or "ap"

    def _languagetool_settings(self) -> LanguageToolSettings | None:
        section = self.config.languagetool or None
        if self.settings.languagetool:
            return LanguageToolSettings.from_config(section, enabled=True,
                                                    server=self.settings.languagetool)
        if section is None:
            return None
        settings = LanguageToolSettings.from_config(section)
        if not settings.enabled:
            return None
        if not settings.server:
            raise UsageError("the configuration enables a local LanguageTool, which the server does "
                             "not start; start a LanguageTool server and pass --languagetool URL")
        return settings

    # -- runs -----------------------------------------------------------------------------------

    def entry(self, choice: Choice) -> RunEntry:
        """The run for a request's house, selection and ignore list; CopylintError when one of
        them names nothing."""
        key = (choice.house or self.house, choice.select, choice.ignore)
        with self._lock:
            entry = self._runs.get(key)
            if entry is not None:
                self._runs.move_to_end(key)
                return entry
            config = copy.deepcopy(self.config)
            if choice.house:
                config.set("house", choice.house, "the request")
            if choice.ignore:
                config.set("disable", [*config.disable, *choice.ignore], "the request")
            run = build_run(config, select=choice.select)
            entry = RunEntry.of(run)
            self._runs[key] = entry
            if len(self._runs) > MAX_RUNS:
                self._runs.popitem(last=False)
            return entry

    # -- LanguageTool ---------------------------------------------------------------------------

    def _backend(self, choice: LanguageToolChoice, notes: list[str]) -> RecordingBackend | None:
        """This thread's backend for the request's LanguageTool settings (a backend is not
        thread-safe, and its cache connection belongs to the thread that opened it)."""
        if self.languagetool is None:
            return None
        down = self._languagetool_down
        if down is not None:
            if time.monotonic() < down[0]:
                notes.append(f"{down[1]} (checked without LanguageTool; it is tried again "
                             f"within {LANGUAGETOOL_RETRY_SECONDS:g} s)")
                return None
            self._languagetool_down = None
        settings = replace(
            self.languagetool,
            enabled_rules=(*self.languagetool.enabled_rules, *choice.enabled_rules),
            disabled_rules=(*self.languagetool.disabled_rules, *choice.disabled_rules),
            disabled_categories=(*self.languagetool.disabled_categories, *choice.disabled_categories),
            picky=self.languagetool.picky or choice.picky)
        backends: OrderedDict[LanguageToolSettings, RecordingBackend] | None = getattr(
            self._local, "backends", None)
        if backends is None:
            backends = self._local.backends = OrderedDict()
        backend = backends.get(settings)
        if backend is None:
            backend = RecordingBackend(settings)
            backends[settings] = backend
            with self._lock:
                self._backends.append(backend)
            if len(backends) > MAX_RUNS:
                self._close(backends.popitem(last=False)[1])
        backends.move_to_end(settings)
        backend.rule_info = {}
        return backend

    def _failed(self, backend: RecordingBackend, error: str) -> None:
        backends = getattr(self._local, "backends", {})
        for key, value in list(backends.items()):
            if value is backend:
                del backends[key]
        self._close(backend)
        self._languagetool_down = (time.monotonic() + LANGUAGETOOL_RETRY_SECONDS, error)

    def _close(self, backend: RecordingBackend) -> None:
        with self._lock:
            if backend in self._backends:
                self._backends.remove(backend)
        with contextlib.suppress(Exception):  # closing must never fail a request or a shutdown
            backend.close()

    # -- checking -------------------------------------------------------------------------------

    @property
    def default_select(self) -> tuple[str, ...] | None:
        """The configuration's selection (None: every rule of the packs)."""
        return tuple([*self.config.packs, *self.config.enable]) or None

    def check(self, content: str, name: str, choice: Choice, *, with_document: bool = False,
              finish: Callable[[Checked], Any] | None = None) -> Checked:
        """Check one text (runs in a worker thread); `finish` turns the result into the answer
        there too, so the event loop only sends it."""
        entry = self.entry(choice)
        notes: list[str] = []
        backend = self._backend(choice.languagetool, notes)
        run = replace(entry.run, input_format=choice.input_format, languagetool=backend)
        result = run.check_data(content, name)
        if backend is not None and run.languagetool is None:  # it failed on this request
            self._failed(backend, result.backend_error or "LanguageTool failed")
        info = dict(backend.rule_info) if backend is not None else {}
        document = run.read(content, name) if with_document and result.checked else None
        if document is not None:
            document.sentences  # noqa: B018 -- computed here, in the worker thread
        checked = Checked(result, entry, info, notes, document)
        if finish is not None:
            checked.answer = finish(checked)
        return checked

    async def check_async(self, content: str, name: str, choice: Choice, *,
                          with_document: bool = False,
                          finish: Callable[[Checked], Any] | None = None) -> Checked:
        """Check in the thread pool; CheckTimeout past the time limit (the thread finishes on its
        own: every rule's regexes have a time limit of their own)."""
        loop = asyncio.get_running_loop()
        work = partial(self.check, with_document=with_document, finish=finish)
        future = loop.run_in_executor(self._pool, work, content, name, choice)
        try:
            return await asyncio.wait_for(future, self.settings.timeout)
        except asyncio.TimeoutError:
            raise CheckTimeout(f"the check took longer than {self.settings.timeout:g} s, this "
                               "server's limit; send a shorter text") from None

    async def run_async(self, work: Callable[..., Any], *args: Any) -> Any:
        """Run other work (fixing) in the checks' thread pool, under the same time limit."""
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, partial(work, *args))
        try:
            return await asyncio.wait_for(future, self.settings.timeout)
        except asyncio.TimeoutError:
            raise CheckTimeout(f"the fix took longer than {self.settings.timeout:g} s, this "
                               "server's limit; send a shorter text") from None

    def close(self) -> None:
        """Wait for checks still running, then close LanguageTool connections."""
        self._pool.shutdown(wait=True)
        for backend in list(self._backends):
            self._close(backend)
