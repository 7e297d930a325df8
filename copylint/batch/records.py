"""A partition's records, written as they come (JSON Lines a line at a time, Parquet a row group
at a time) into a temporary file that is renamed into place when the partition is complete, so
a worker's memory does not grow with the findings of a large file."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any, Protocol

#: the columns of a Parquet output: the CLI's JSON fields, the story, and an item's error
COLUMNS = ("path", "story", "line", "column", "end_line", "end_column", "rule", "severity",
           "message", "suggestions", "error")
#: Parquet rows held before they are written as one row group
ROW_GROUP = 10_000
TEMPORARY = ".tmp-"


class RecordSink(Protocol):
    def append(self, record: dict[str, Any]) -> None: ...

    def extend(self, records: Iterable[dict[str, Any]]) -> None: ...


def temporary_name(path: str) -> str:
    """A name beside `path` that no other write uses, hidden, marked as temporary."""
    directory, _, name = path.rpartition("/")
    return f"{directory}/.{name}{TEMPORARY}{uuid.uuid4().hex[:12]}"


def parquet_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, pa.list_(pa.string()) if name == "suggestions" else
                       pa.int64() if name in ("line", "column", "end_line", "end_column")
                       else pa.string()) for name in COLUMNS])


class RecordWriter:
    """Records of one partition on their way to `path` (kind `jsonl` or `parquet`)."""

    def __init__(self, fs: Any, path: str, kind: str) -> None:
        self.fs = fs
        self.path = path
        self.temporary = temporary_name(path)
        self._handle = fs.open(self.temporary, "wb")
        self._pending: list[dict[str, Any]] = []
        self._parquet: Any = None
        if kind == "parquet":
            import pyarrow.parquet as pq

            self._schema = parquet_schema()
            self._parquet = pq.ParquetWriter(self._handle, self._schema)

    def append(self, record: dict[str, Any]) -> None:
        if self._parquet is None:
            self._handle.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
            return
        self._pending.append(record)
        if len(self._pending) >= ROW_GROUP:
            self._flush()

    def extend(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            self.append(record)

    def _flush(self) -> None:
        if self._pending:
            import pyarrow as pa

            rows = [{name: record.get(name) for name in COLUMNS} for record in self._pending]
            self._parquet.write_table(pa.Table.from_pylist(rows, schema=self._schema))
            self._pending.clear()

    def commit(self) -> None:
        """Finish the file and rename it into place."""
        if self._parquet is not None:
            self._flush()
            self._parquet.close()
        self._handle.close()
        self.fs.mv(self.temporary, self.path)

    def abort(self) -> None:
        """Drop what was written (the partition failed; it will be run again)."""
        try:
            if self._parquet is not None:
                self._parquet.close()
            self._handle.close()
        finally:
            if self.fs.exists(self.temporary):
                self.fs.rm(self.temporary)
