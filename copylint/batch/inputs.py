"""The files a batch run checks: local files, folders and globs, and fsspec URLs (`s3://`,
`gs://`, `file://`, `memory://`, ...), listed on the client in a stable order."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..readers import SUFFIXES
from ..readers.stories import JSONL_SUFFIXES
from ..sources import PathFilter

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

#: what a folder walk picks up: every format copylint reads, JSON Lines, files without a suffix
BATCH_SUFFIXES = SUFFIXES | JSONL_SUFFIXES
_GLOB = frozenset("*?[")


@dataclass(frozen=True)
class InputFile:
    """One file to check: what a worker opens (`url`), the name findings carry, its local path
    (for the configuration's per-glob overrides), its size, and whether it was named directly
    (then a file that is not news is an error, not a skip)."""

    url: str
    name: str
    local: str | None
    size: int
    explicit: bool


def expand(arguments: list[str], path_filter: PathFilter,
           output: str | None = None) -> tuple[list[InputFile], list[str]]:
    """The files the arguments name (never those under `output`, the run's own records), and
    one error line for each argument that names none."""
    files: list[InputFile] = []
    errors: list[str] = []
    skip = _output_prefix(output)
    for argument in arguments:
        if argument == "-":
            errors.append("-: copylint batch reads files, folders and URLs, not standard input")
            continue
        found = [file for file in (_remote(argument, path_filter) if "://" in argument
                                   else _local(argument, path_filter))
                 if skip is None or not file.url.startswith(skip)]
        if not found and not _excluded_file(argument, path_filter):
            errors.append(_nothing(argument))
        files.extend(found)
    return files, errors


def _output_prefix(output: str | None) -> str | None:
    if output is None:
        return None
    if "://" in output:
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(output)
        return fs.unstrip_protocol(path).rstrip("/") + "/"
    return str(Path(output).resolve()) + os.sep


def _excluded_file(argument: str, path_filter: PathFilter) -> bool:
    """A file named on the command line that --exclude leaves out (no error, as in check)."""
    path = Path(argument)
    return "://" not in argument and path.is_file() and path_filter.excluded(path)


def _nothing(argument: str) -> str:
    if "://" in argument or set(argument) & _GLOB or Path(argument).exists():
        return (f"{argument}: no files to check (.txt, .md, .html, .xml, .json, .jsonl, .7901 "
                "or no extension) found")
    return f"{argument}: no such file or directory"


def _local(argument: str, path_filter: PathFilter) -> Iterator[InputFile]:
    path = Path(argument)
    if set(argument) & _GLOB and not path.exists():
        for match in sorted(glob.glob(argument, recursive=True)):
            yield from _local(match, path_filter)
        return
    if path.is_dir():
        yield from _walk(path, path_filter)
    elif path.is_file() and not path_filter.excluded(path):
        yield _local_file(path, explicit=True)


def _local_file(path: Path, explicit: bool) -> InputFile:
    return InputFile(str(path.resolve()), str(path), str(path), path.stat().st_size, explicit)


def _walk(top: Path, path_filter: PathFilter) -> Iterator[InputFile]:
    """Files under `top` in a stable order, as `copylint check` walks (hidden entries, excluded
    paths and what .gitignore files ignore are skipped), JSON Lines included."""
    for root, dirs, names in os.walk(top):
        here = Path(root)
        dirs[:] = [d for d in sorted(dirs) if not d.startswith(".")
                   and not _ignored(path_filter, here / d, top, True)]
        for name in sorted(names):
            file = here / name
            if (not name.startswith(".") and file.suffix.lower() in BATCH_SUFFIXES
                    and file.is_file() and not _ignored(path_filter, file, top, False)):
                yield _local_file(file, explicit=False)


def _ignored(path_filter: PathFilter, path: Path, top: Path, is_dir: bool) -> bool:
    return path_filter.excluded(path) or path_filter.ignored(path, top, is_dir)


def _remote(argument: str, path_filter: PathFilter) -> Iterator[InputFile]:
    """Objects of a filesystem fsspec knows (the protocol's own package installed: s3fs for
    s3://, gcsfs for gs://). `--exclude` globs match paths relative to the argument."""
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(argument)
    exclude = path_filter.exclude
    if set(path) & _GLOB:
        for match in sorted(fs.glob(path)):
            yield from _remote_entry(fs, match, exclude)
        return
    if fs.exists(path):
        yield from _remote_entry(fs, path, exclude)


def _remote_entry(fs: Any, path: str, exclude: GitIgnoreSpec | None) -> Iterator[InputFile]:
    """The file at `path` (named: explicit), or the files under it (walked)."""
    if fs.isdir(path):
        found = fs.find(path, detail=True)
        for name in sorted(found):
            relative = PurePosixPath(name).relative_to(PurePosixPath(path))
            if (any(part.startswith(".") for part in relative.parts)
                    or PurePosixPath(name).suffix.lower() not in BATCH_SUFFIXES
                    or (exclude is not None and exclude.match_file(relative.as_posix()))):
                continue
            url = fs.unstrip_protocol(name)
            yield InputFile(url, url, None, int(found[name].get("size") or 0), False)
        return
    url = fs.unstrip_protocol(path)
    yield InputFile(url, url, None, int(fs.size(path) or 0), True)
