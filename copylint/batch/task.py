"""The Dask task: check the files of one partition story by story, write their records, and
return the partition's counts. It runs on the workers; it imports no Dask itself."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..errors import CopylintError
from ..readers.stories import check_story, iter_stories
from ..runner import internal_error
from .output import OutputTarget, complete_partition, open_records
from .plan import Partition
from .settings import BatchSettings
from .summary import Counts

if TYPE_CHECKING:
    from ..runner import FileResult, Run
    from .inputs import InputFile
    from .records import RecordSink


def check_partition(partition: Partition, settings: BatchSettings, target: OutputTarget,
                    plugin_name: str) -> dict[str, Any]:
    """Check, write and count one partition (what a Dask task runs)."""
    run = worker_run(settings, plugin_name)
    counts = Counts()
    records = open_records(target, partition.id)
    try:
        for file in partition.files:
            counts.files += 1
            check_file(run, file, settings, records, counts)
    except BaseException:
        records.abort()
        raise
    summary = {"partition": partition.id, **counts.to_dict()}
    complete_partition(target, partition.id, records, summary)
    return summary


def worker_run(settings: BatchSettings, plugin_name: str) -> Run:
    """The run the worker's plugin keeps for this thread; built here when there is none."""
    try:
        from distributed import get_worker

        plugin = get_worker().plugins.get(plugin_name)
    except (ImportError, ValueError):  # not on a Dask worker
        plugin = None
    return settings.build() if plugin is None else plugin.run()


def check_file(run: Run, file: InputFile, settings: BatchSettings, records: RecordSink,
               counts: Counts) -> None:
    """Check every story of one file; whatever goes wrong is that file's (or story's) record."""
    path = Path(file.local) if file.local else None
    try:
        with _open(file) as handle:
            for story in iter_stories(handle, file.name, settings.story_format,
                                      encoding=settings.config.encoding):
                result = check_story(run, story, path, explicit=file.explicit or not story.whole)
                _record(result, file.name, story.name, records, counts)
    except CopylintError as error:
        _error(str(error), file.name, file.name, records, counts)
    except OSError as error:
        _error(f"{file.name}: cannot read: {error.strerror or error}", file.name, file.name,
               records, counts)
    except Exception as error:  # isolation: a bug costs one file, not the partition
        _error(internal_error(file.name, error), file.name, file.name, records, counts)


def _open(file: InputFile) -> BinaryIO:
    """A local file directly; anything else through fsspec."""
    if file.local is not None:
        return open(file.url, "rb")
    import fsspec

    return fsspec.open(file.url, "rb").open()


def _record(result: FileResult, path: str, story: str, records: RecordSink,
            counts: Counts) -> None:
    counts.warnings += len(result.warnings)
    if result.skipped:
        counts.skipped += 1
        return
    counts.stories += 1
    for error in (result.error, result.backend_error):
        if error:
            _error(error, path, story, records, counts)
    if result.checked:
        counts.add_findings(result.findings)
        records.extend({**finding.to_dict(), "story": story} for finding in result.findings)


def _error(message: str, path: str, story: str, records: RecordSink, counts: Counts) -> None:
    records.append({"path": path, "story": story, "error": message})
    counts.add_error(message)
