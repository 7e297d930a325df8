"""Dask itself: a client on a local cluster or an existing scheduler, the worker plugin that
keeps one run per worker thread, and the partitions submitted with retries."""

from __future__ import annotations

import gc
import logging
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, progress

from ..config import Config
from .output import OutputTarget
from .plan import Partition
from .settings import BatchSettings
from .task import check_partition

if TYPE_CHECKING:
    from distributed import Worker

    from ..runner import Run

#: a task that raises (an object store that failed to answer) is run again this often; a task
#: whose worker died is rescheduled by the scheduler (distributed.scheduler.allowed-failures)
RETRIES = 2


class RunPlugin(WorkerPlugin):
    """Builds the run once per worker thread, on first use, from the settings it carries."""

    idempotent = True

    def __init__(self, settings: BatchSettings) -> None:
        self.settings = settings
        self._local: threading.local | None = None
        self._runs: list[Run] = []
        self._scratch: Path | None = None
        self._config: Config | None = None

    def setup(self, worker: Worker) -> None:
        self._prepare()

    def _prepare(self) -> threading.local:
        if self._local is None:
            self._local = threading.local()
            self._scratch = Path(tempfile.mkdtemp(prefix="copylint-batch-"))
        return self._local

    def run(self) -> Run:
        """This thread's run."""
        local = self._prepare()
        if self._config is None:
            self._config = self.settings.effective_config(self._scratch)
        run = getattr(local, "run", None)
        if run is None:
            run = self.settings.build(config=self._config)
            run.linters.warm_up()
            gc.freeze()  # the compiled rules live as long as the worker: keep the collector off them
            local.run = run
            self._runs.append(run)
        return run

    def teardown(self, worker: Worker) -> None:
        for run in self._runs:
            if run.languagetool is not None:
                run.languagetool.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)


def plugin_name(settings: BatchSettings) -> str:
    return f"copylint-run-{settings.fingerprint()}"


@contextmanager
def connect(scheduler: str | None, workers: int | None,
            dashboard_address: str = ":8787") -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a local cluster of `workers` processes
    (one thread each) on the loopback interface."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address=dashboard_address,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def submit(client: Client, partitions: list[Partition], settings: BatchSettings,
           target: OutputTarget, show_progress: bool,
           ) -> Iterator[tuple[Partition, dict[str, Any] | BaseException]]:
    """Each partition as one task; (partition, its summary or what failed) as they complete."""
    name = plugin_name(settings)
    client.register_plugin(RunPlugin(settings), name=name)
    token = uuid.uuid4().hex[:8]
    futures = client.map(check_partition, partitions, settings=settings, target=target,
                         plugin_name=name, pure=False, retries=RETRIES,
                         key=[f"copylint-partition-{p.number:05d}-{token}" for p in partitions])
    by_key = {future.key: partition for future, partition in zip(futures, partitions, strict=True)}
    try:
        if show_progress:
            progress(futures)
        for future in as_completed(futures):
            partition = by_key[future.key]
            try:
                yield partition, future.result()
            except Exception as error:  # the partition failed for good: the run goes on
                yield partition, error
    finally:
        client.cancel(futures)
