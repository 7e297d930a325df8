"""A batch run from start to end: list and partition the files, prepare the output (resuming
what is complete), run the partitions left on Dask, and add up the summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..sources import PathFilter
from . import DEFAULT_PARTITION_SIZE
from .inputs import expand
from .output import OutputTarget, prepare, write_summary
from .plan import Partition, make_partitions, plan_digest
from .settings import BatchSettings
from .summary import Counts

if TYPE_CHECKING:
    from distributed import Client


@dataclass
class Plan:
    """The partitions of a run, the arguments that named no file, and the plan's digest."""

    partitions: list[Partition]
    input_errors: list[str]
    digest: str


@dataclass
class BatchResult:
    """What a run did: its counts, partitions (resumed and failed) and where it wrote."""

    counts: Counts
    partitions: int
    resumed: int = 0
    failed: list[str] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.counts.errors + len(self.failed) + len(self.input_errors)


def make_plan(sources: list[str], settings: BatchSettings, partition_size: int,
              output: str | None = None) -> Plan:
    """List the files (on the client; none under `output`) and cut them into partitions."""
    config = settings.config
    path_filter = PathFilter(config.root, config.exclude, config.respect_gitignore)
    files, errors = expand(sources, path_filter, output)
    partitions = make_partitions(files, partition_size)
    return Plan(partitions, errors, plan_digest(partitions, settings.fingerprint()))


def execute(client: Client, plan: Plan, target: OutputTarget, settings: BatchSettings, *,
            resume: bool = False, overwrite: bool = False, show_progress: bool = False,
            on_failure: Callable[[str], None] | None = None) -> BatchResult:
    """Run the partitions not yet complete in `target`; the summary is written last."""
    from .cluster import submit

    done = prepare(target, plan.digest, resume=resume, overwrite=overwrite)
    summaries: dict[str, dict[str, Any]] = dict(done)
    todo = [p for p in plan.partitions if p.id not in done]
    failed: list[str] = []
    if todo:
        for partition, outcome in submit(client, todo, settings, target, show_progress):
            if isinstance(outcome, BaseException):
                message = (f"{partition.id} ({partition.files[0].name} ...): failed: "
                           f"{type(outcome).__name__}: {outcome}".splitlines()[0])
                failed.append(message)
                if on_failure is not None:
                    on_failure(message)
            else:
                summaries[partition.id] = outcome
    counts = Counts()
    for partition in plan.partitions:
        if partition.id in summaries:
            counts.merge(Counts.from_dict(summaries[partition.id]))
    summary = {**counts.to_dict(), "partitions": len(plan.partitions),
               "partitions_failed": sorted(failed), "input_errors": plan.input_errors}
    write_summary(target, summary)
    return BatchResult(counts, len(plan.partitions), len(done), failed, plan.input_errors, summary)


def run_batch(client: Client, sources: list[str], output: str, settings: BatchSettings, *,
              partition_size: int = DEFAULT_PARTITION_SIZE, resume: bool = False,
              overwrite: bool = False) -> BatchResult:
    """The Python API: check `sources` on the cluster behind `client`, records into `output`."""
    plan = make_plan(sources, settings, partition_size, output)
    return execute(client, plan, OutputTarget.parse(output), settings, resume=resume,
                   overwrite=overwrite)
