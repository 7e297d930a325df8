"""When to check a document, and where: off the message loop, on one lint thread.

A change asks for a check after the debounce (0 ms by default); while a check of the document is
running, further changes only mark it dirty, and one more check of the latest text starts when it
ends. So a burst of keystrokes costs at most two checks, a single edit is checked at once, and
the loop keeps answering hovers and code actions however long a check takes. A result for a
version the client has since changed (or a document it closed) is dropped, never published.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from .checking import Outcome, Snapshot

log = logging.getLogger(__name__)


@dataclass
class _State:
    running: bool = False
    dirty: bool = False
    timer: asyncio.TimerHandle | None = None


class LintScheduler:
    """Schedules checks of open documents; every method is called on the event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop,
                 snapshot: Callable[[str], Snapshot | None],
                 check: Callable[[Snapshot], Outcome | None],
                 publish: Callable[[Outcome], None],
                 debounce: Callable[[], float]) -> None:
        self._loop = loop
        self._snapshot = snapshot
        self._check = check
        self._publish = publish
        self._debounce = debounce
        self._states: dict[str, _State] = {}
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copylint-lint")

    def request(self, uri: str, *, now: bool = False) -> None:
        """Check `uri` soon: at once (`now`: open, save, configuration) or after the debounce."""
        state = self._states.setdefault(uri, _State())
        if state.running:
            state.dirty = True
            return
        if state.timer is not None:
            state.timer.cancel()
        delay = 0.0 if now else self._debounce()
        state.timer = self._loop.call_later(delay, self._start, uri)

    def forget(self, uri: str) -> None:
        """The document was closed: no more checks (a running one's result is dropped)."""
        state = self._states.pop(uri, None)
        if state is not None and state.timer is not None:
            state.timer.cancel()

    def submit(self, job: Callable[[], object]) -> Future[object]:
        """Run `job` on the lint thread, after the checks already queued."""
        return self._executor.submit(job)

    def close(self) -> None:
        for state in self._states.values():
            if state.timer is not None:
                state.timer.cancel()
        self._states.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _start(self, uri: str) -> None:
        state = self._states.get(uri)
        if state is None:
            return
        state.timer = None
        snapshot = self._snapshot(uri)
        if snapshot is None:
            return
        state.running = True
        future = self._loop.run_in_executor(self._executor, self._check, snapshot)
        future.add_done_callback(lambda done: self._finished(uri, snapshot, done))

    def _finished(self, uri: str, snapshot: Snapshot, future: asyncio.Future[Outcome | None]) -> None:
        state = self._states.get(uri)
        if state is None:  # closed meanwhile
            return
        state.running = False
        outcome = None
        if future.cancelled():
            log.info("check of %s was cancelled", uri)
        elif future.exception() is not None:
            log.error("check of %s failed", uri, exc_info=future.exception())
        else:
            outcome = future.result()
        current = self._snapshot(uri)
        if outcome is not None and current is not None and current.version == snapshot.version:
            self._publish(outcome)
        if state.dirty or (current is not None and current.version != snapshot.version):
            state.dirty = False
            self.request(uri)
