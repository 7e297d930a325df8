"""Finding the files to check and reading them as text, with one-line errors."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .errors import InputError, UsageError
from .readers import SUFFIXES

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

#: what a directory walk picks up: every extension a reader knows, and files without one
TEXT_SUFFIXES = SUFFIXES
STDIN = "-"
#: the most bytes read from one file unless --max-bytes says otherwise (256 MiB)
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
STDIN_NAME = "<stdin>"


class Skipped(InputError):
    """A file that is not copy: skipped with a note when met walking a folder, an error when
    named."""


class BinaryFile(Skipped):
    """The file holds binary data, not text."""


class NotNews(Skipped):
    """The file is in a format copylint reads (XML, JSON) but is not a news document."""


@dataclass(frozen=True)
class Source:
    """A file to check (or stdin), and whether the user named it directly."""

    name: str
    path: Path | None
    explicit: bool


def gitignore_spec(lines: list[str], what: str = "pattern") -> GitIgnoreSpec:
    """Patterns in .gitignore syntax; pathspec is imported only when patterns are used.

    A pattern git cannot read is a UsageError naming it (`what` says where it came from).
    """
    import pathspec  # its import costs ~25 ms of start-up

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except (ValueError, TypeError) as error:  # GitIgnorePatternError is a ValueError
        bad = next((line for line in lines if not _valid_pattern(line)), None)
        shown = repr(bad) if bad is not None else "one of them"
        raise UsageError(f"{what}: {shown} is not a valid gitignore pattern ({error})") from None


def _valid_pattern(line: str) -> bool:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except (ValueError, TypeError):
        return False
    return True


class PathFilter:
    """Exclude globs (gitignore syntax, relative to `root`) and, when walking, .gitignore files."""

    def __init__(self, root: Path, exclude: list[str], respect_gitignore: bool = True,
                 where: str = "exclude") -> None:
        self.root = root.resolve()
        self.exclude = gitignore_spec(exclude, where) if exclude else None
        self.respect_gitignore = respect_gitignore
        self._gitignores: dict[Path, GitIgnoreSpec | None] = {}

    def excluded(self, path: Path) -> bool:
        if self.exclude is None:
            return False
        resolved = path.resolve()
        try:
            relative = resolved.relative_to(self.root).as_posix()
        except ValueError:
            relative = path.as_posix()
        if resolved.is_dir():
            relative += "/"
        return self.exclude.match_file(relative)

    def _gitignore(self, directory: Path) -> GitIgnoreSpec | None:
        if directory not in self._gitignores:
            file = directory / ".gitignore"
            spec = None
            if file.is_file():
                try:
                    lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    lines = []
                try:
                    spec = gitignore_spec(lines)
                except UsageError:  # as git does, a line it cannot read is ignored, not the file
                    spec = gitignore_spec([line for line in lines if _valid_pattern(line)])
            self._gitignores[directory] = spec
        return self._gitignores[directory]

    def ignored(self, path: Path, top: Path, is_dir: bool) -> bool:
        """Whether a .gitignore between `top` (the walked directory) and `path` ignores it."""
        if not self.respect_gitignore:
            return False
        directory = path.parent
        while True:
            spec = self._gitignore(directory)
            if spec is not None:
                relative = path.relative_to(directory).as_posix() + ("/" if is_dir else "")
                if spec.match_file(relative):
                    return True
            if directory == top or directory.parent == directory:
                return False
            directory = directory.parent


def discover(arguments: list[str], path_filter: PathFilter | None = None,
             ) -> Iterator[Source | InputError]:
    """Expand files and directories (recursively) into sources; errors come back as items."""
    for argument in arguments:
        if argument == STDIN:
            yield Source(STDIN_NAME, None, True)
            continue
        path = Path(argument)
        if path.is_dir():
            found = False
            unreadable = False
            for item in _walk(path, path_filter):
                if isinstance(item, InputError):
                    unreadable = True
                    yield item
                    continue
                found = True
                yield Source(str(item), item, False)
            if not found and not unreadable:
                yield InputError(f"{argument}: no files to check (.txt, .md, .html, .xml, .json, "
                                 ".7901 or no extension) found")
        elif path.exists():
            if path_filter is None or not path_filter.excluded(path):
                yield Source(argument, path, True)
        else:
            yield InputError(f"{argument}: no such file or directory")


def _walk(directory: Path, path_filter: PathFilter | None) -> Iterator[Path | InputError]:
    """The files to check under `directory`; a folder that cannot be read is an error item."""
    failures: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=failures.append):
        yield from (_unreadable(error) for error in failures)
        failures.clear()
        here = Path(root)
        kept = []
        for name in sorted(dirs):
            sub = here / name
            if name.startswith(".") or (path_filter and (
                    path_filter.excluded(sub) or path_filter.ignored(sub, directory, True))):
                continue
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            file = here / name
            if file.suffix.lower() not in TEXT_SUFFIXES or not file.is_file():
                continue
            if path_filter and (path_filter.excluded(file)
                                or path_filter.ignored(file, directory, False)):
                continue
            yield file
    yield from (_unreadable(error) for error in failures)


def _unreadable(error: OSError) -> InputError:
    return InputError(f"{error.filename}: cannot read the folder: {error.strerror or error}")


def read_bytes(source: Source, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a source, at most `limit` of them; InputError says in one line why not.

    Only regular files and standard input are read: a named pipe, a socket or a device
    (`/dev/zero`) is refused before it is opened, so nothing can hang the run or fill memory.
    """
    if source.path is None:
        if sys.stdin is None:
            raise InputError(f"{source.name}: cannot read: standard input is closed")
        return _read_limited(sys.stdin.buffer, source.name, limit)
    try:
        with open_file(source, limit) as handle:
            return _read_limited(handle, source.name, limit)
    except OSError as error:
        raise InputError(f"{source.name}: cannot read: {error.strerror or error}") from None


def open_file(source: Source, limit: int = DEFAULT_MAX_BYTES) -> BinaryIO:
    """A source's file opened for reading, once it is known to be a regular file of at most
    `limit` bytes (InputError says in one line why not)."""
    assert source.path is not None
    try:
        info = source.path.stat()
    except OSError as error:
        raise InputError(f"{source.name}: cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{source.name}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{source.name}: not a regular file ({_file_kind(info.st_mode)}); "
                         "copylint reads files and standard input")
    if info.st_size > limit:
        raise InputError(too_large(source.name, limit))
    try:
        return source.path.open("rb")
    except OSError as error:
        raise InputError(f"{source.name}: cannot read: {error.strerror or error}") from None


def too_large(name: str, limit: int) -> str:
    return (f"{name}: larger than {limit:,} bytes, the most copylint reads from one file; "
            "raise it with --max-bytes")


def _read_limited(handle: BinaryIO, name: str, limit: int) -> bytes:
    try:
        data = handle.read(limit + 1)
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None
    except ValueError:  # standard input closed
        raise InputError(f"{name}: cannot read: the stream is closed") from None
    if data is None:
        data = b""
    if len(data) > limit:
        raise InputError(too_large(name, limit))
    return data


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return "not a file"
