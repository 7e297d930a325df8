"""The output directory of a batch run: one records file and one summary per partition, each
written under a temporary name and renamed when complete, a plan, and the run's summary.

    OUT/_plan.json                 which run this is (a digest of files, partitions, settings)
    OUT/part-00000.jsonl           records of partition 0 (or .parquet)
    OUT/part-00000.summary.json    its counts; present = the partition is complete
    OUT/_summary.json              the whole run's counts, written at the end
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from .records import TEMPORARY, RecordWriter, temporary_name

KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
PLAN = "_plan.json"
SUMMARY = "_summary.json"


@dataclass(frozen=True)
class OutputTarget:
    """Where records go (a local directory or an fsspec URL) and in which format."""

    url: str
    kind: str

    @classmethod
    def parse(cls, output: str) -> OutputTarget:
        suffix = "." + output.rstrip("/").rpartition(".")[2].lower() if "." in output else ""
        kind = KINDS.get(suffix)
        if kind is None:
            raise UsageError(f"--output {output}: name a directory ending in .jsonl or .parquet "
                             "(the format of the records)")
        return cls(output.rstrip("/"), kind)

    @property
    def extension(self) -> str:
        return ".parquet" if self.kind == "parquet" else ".jsonl"

    def filesystem(self) -> tuple[Any, str]:
        from fsspec.core import url_to_fs

        return url_to_fs(self.url)

    def records_name(self, partition_id: str) -> str:
        return partition_id + self.extension


def write_atomic(fs: Any, path: str, data: bytes) -> None:
    """Write `data` at `path` so that a reader sees all of it or nothing: a temporary file in
    the same directory, renamed (on object stores, the object appears when its upload ends)."""
    temporary = temporary_name(path)
    with fs.open(temporary, "wb") as handle:
        handle.write(data)
    fs.mv(temporary, path)


def open_records(target: OutputTarget, partition_id: str) -> RecordWriter:
    """Where a partition's records go as they come (renamed into place by `commit`)."""
    fs, root = target.filesystem()
    return RecordWriter(fs, f"{root}/{target.records_name(partition_id)}", target.kind)


def complete_partition(target: OutputTarget, partition_id: str, records: RecordWriter,
                       summary: dict[str, Any]) -> None:
    """The partition's records into place, then its summary (which marks it complete)."""
    records.commit()
    fs, root = target.filesystem()
    write_atomic(fs, f"{root}/{partition_id}.summary.json",
                 json.dumps(summary, sort_keys=True).encode("utf-8"))


def prepare(target: OutputTarget, digest: str, *, resume: bool, overwrite: bool) -> dict[str, dict]:
    """Make the output ready; the summaries of the partitions already complete (when resuming).

    UsageError when the directory holds something else: another run's output (without --resume
    or --overwrite), or files that are not a batch output.
    """
    fs, root = target.filesystem()
    plan_path = f"{root}/{PLAN}"
    fs.makedirs(root, exist_ok=True)
    names = {entry.rpartition("/")[2] for entry in fs.ls(root, detail=False)}
    done: dict[str, dict] = {}
    if PLAN in names:
        with fs.open(plan_path, "rb") as handle:
            earlier = json.loads(handle.read().decode("utf-8")).get("digest")
        if overwrite:
            _clear(fs, root, names)
        elif not resume:
            raise UsageError(f"{target.url} holds the output of an earlier run: --resume to "
                             "finish it, --overwrite to start again, or another --output")
        elif earlier != digest:
            raise UsageError(f"{target.url} was written for other files, partitions or settings: "
                             "it cannot be resumed by this run (--overwrite to start again)")
        else:
            done = _complete(fs, root, names, target)
    elif names and not overwrite:
        raise UsageError(f"{target.url} exists and is not the output of copylint batch; choose "
                         "another --output")
    elif names:
        _clear(fs, root, names)
    remove_temporaries(target)
    write_atomic(fs, plan_path, json.dumps({"digest": digest}).encode("utf-8"))
    return done


def remove_temporaries(target: OutputTarget) -> None:
    """Remove what writes that never finished left behind (a killed run, a worker that died)."""
    fs, root = target.filesystem()
    for entry in fs.ls(root, detail=False):
        if TEMPORARY in entry.rpartition("/")[2]:
            fs.rm(entry)


def _complete(fs: Any, root: str, names: set[str], target: OutputTarget) -> dict[str, dict]:
    done = {}
    for name in sorted(names):
        if not name.endswith(".summary.json") or name.startswith("."):
            continue
        partition_id = name[:-len(".summary.json")]
        if target.records_name(partition_id) in names:
            with fs.open(f"{root}/{name}", "rb") as handle:
                done[partition_id] = json.loads(handle.read().decode("utf-8"))
    return done


def _clear(fs: Any, root: str, names: set[str]) -> None:
    """Remove an earlier run's files (only the names a batch run writes)."""
    for name in names:
        if name in (PLAN, SUMMARY) or (name.startswith(("part-", ".part-"))):
            fs.rm(f"{root}/{name}")


def write_summary(target: OutputTarget, summary: dict[str, Any]) -> None:
    """The run's summary, once every partition has ended (temporaries left are removed)."""
    remove_temporaries(target)
    fs, root = target.filesystem()
    write_atomic(fs, f"{root}/{SUMMARY}",
                 json.dumps(summary, indent=2, sort_keys=True).encode("utf-8"))
