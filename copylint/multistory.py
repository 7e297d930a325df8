"""`copylint check` on a file that holds many stories: story by story, in memory bounded by the
largest story, each finding at its own line of the file.

The containers and their conventions are those of `copylint.readers.stories` (JSON Lines of
ninjs items, IPTC 7901 streams of several messages, NewsML-G2 news messages of several items,
plain-text dumps with a line holding only a form feed between stories; a plain-text story over
128 KiB is checked in segments). A file is read in chunks; a file that turns out to hold one story
is checked whole, as always. The stories' results become the file's one result: their findings
in file order under the file's name, their warnings, and every story's error (a bad item costs
that item only).
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, BinaryIO

from .errors import InputError
from .sources import Source, open_file, too_large

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .runner import FileResult, Run


class _Limited:
    """A stream that refuses to give more than `limit` bytes (a file that grows while read)."""

    def __init__(self, stream: BinaryIO, name: str, limit: int) -> None:
        self.stream = stream
        self.name = name
        self.limit = limit
        self.left = limit

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(self.left + 1 if size < 0 else min(size, self.left + 1))
        self.left -= len(data)
        if self.left < 0:
            raise InputError(too_large(self.name, self.limit))
        return data


def check_file(run: Run, source: Source) -> FileResult:
    """Check the file of `source` (a path): story by story when it holds several, whole when it
    holds one, as one result. Errors raise as `Run.check` expects (it turns them into the file's
    result)."""
    from .runner import FileResult

    merged: FileResult | None = None
    errors = []
    for result in file_parts(run, source):
        if result.part == 0:
            return result
        if merged is None:
            merged = FileResult(source.name)
        merged.findings += result.findings
        merged.warnings += result.warnings
        merged.suppressed += result.suppressed
        merged.baseline += result.baseline
        merged.hidden += result.hidden
        merged.checked = merged.checked or result.checked
        merged.backend_error = merged.backend_error or result.backend_error
        errors += [result.error] if result.error else []
    assert merged is not None
    if errors:
        merged.error = "\n".join(errors)   # one line each, for each story that failed
    return merged


def file_parts(run: Run, source: Source) -> Iterator[FileResult]:
    """The results of the file of `source` (a path) as its stories are checked: one whole result
    (`part` 0) for a file of one story; for a file of several, one a story under the file's name
    (`part` 1, 2, ...), its findings at the file's lines. A story that could not be checked (or
    was skipped) carries its error. Errors of the file raise, as `Run.check` expects."""
    from .readers.stories import check_story, iter_stories

    assert source.path is not None
    encoding = run.linters.encoding_for(source.path, run.read_options.encoding)
    with open_file(source, run.max_bytes) as handle:
        stream = _Limited(handle, source.name, run.max_bytes)
        stories = iter_stories(stream, source.name, run.input_format,  # type: ignore[arg-type]
                               encoding=encoding)
        first = next(stories)
        if first.whole:
            yield run.check_data(first.content, source.name, source.path,
                                 explicit=source.explicit)
            return
        for number, story in enumerate(chain([first], stories), 1):
            result = check_story(run, story, source.path, explicit=True)
            result.name, result.part = source.name, number
            if result.skipped:     # a story that is no copy is an error of its file
                result.error = "\n".join(filter(None, (result.error, result.skipped)))
                result.skipped = None
            yield result
