"""Fixing the files of a run: in place, as a diff, or to standard output."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import CopylintError
from .apply import fix_content
from .source import FixError
from .write import write_atomically

if TYPE_CHECKING:
    from ..runner import FileResult, Run
    from ..sources import Source


@dataclass(frozen=True)
class FixMode:
    """What `check` does with fixes: `write` them (in place, or to stdout for `-`), or show a
    `diff`; `unsafe` also applies unsafe fixes."""

    write: bool = False
    diff: bool = False
    unsafe: bool = False


def unified_diff(name: str, before: bytes, after: bytes, codec: str = "utf-8") -> str:
    """A unified diff of two versions of a file."""
    old = before.decode(codec, "replace").splitlines(keepends=True)
    new = after.decode(codec, "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"a/{name}", f"b/{name}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def fix_file(run: Run, source: Source, data: bytes, mode: FixMode) -> FileResult:
    """Fix one file as `mode` says; the findings left are its result. Any failure is this file's
    error and leaves it unchanged."""
    from ..runner import FileResult

    try:
        outcome = fix_content(run, data, source.name, source.path, mode.unsafe)
    except FixError as error:
        return _unfixed(run, source, data, str(error))
    except CopylintError as error:
        return FileResult(source.name, error=str(error))
    result = outcome.result or FileResult(source.name)
    result.warnings.extend(outcome.refused)
    result.applied = outcome.applied
    if mode.diff:
        if outcome.changed:
            result.diff = unified_diff(source.name, data, outcome.data, outcome.codec)
        return result
    if source.path is None:  # standard input: the fixed text goes to standard output
        result.fixed = outcome.data
        return result
    if outcome.changed:
        try:
            write_atomically(source.path, outcome.data, data)
        except FixError as error:
            return _unfixed(run, source, data, str(error))
    return result


def _unfixed(run: Run, source: Source, data: bytes, error: str) -> FileResult:
    """The file as it stays (its findings unfixed) and why it could not be fixed."""
    result = run.check_data(data, source.name, source.path, explicit=source.explicit)
    result.fix_error = error
    return result
