"""Compiled rule packs and built indexes kept between runs, in the user's cache directory.

Building the rules (reading YAML, validating, compiling some hundred regexes) and the name
indexes costs more than checking a story. `cached(name, parts, build)` keeps what `build`
returns, pickled, under a key made of copylint's own files (their names, sizes and modification
times, and the version), the versions of Python and `regex`, and `parts` (the contents of the
pack files, say): any change to one of them makes a new key, so a stale entry is never read.
(`regex` patterns pickle as their compiled code, so loading them compiles nothing.)

- Where: `$COPYLINT_CACHE_DIR`, else the platform's user cache directory (`$XDG_CACHE_HOME` or
  `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows) + `/copylint`.
  `COPYLINT_NO_CACHE=1` turns it off; so does a directory that cannot be created or written.
- Safe under concurrent runs: an entry is written to a temporary file in the same directory and
  renamed over the old one, so a reader sees a whole file or none; one that cannot be read (cut
  short, from another version of a library) is built again and replaced.
- Only the user's own files are read (a file owned by another user, or in a directory others
  may write, is ignored): loading a pickle runs code, like importing a module.
- An entry may also depend on files found while building it (the list files a pack reads):
  their sizes and modification times are stored with it and compared before it is used.
- Old entries of a name are removed when a new one is written (the newest few are kept, for
  runs with different rule directories).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: entries of one name kept (runs with other --rules directories have other keys)
KEEP = 6
_MAGIC = b"copylint-cache-1\n"


def cache_dir() -> Path | None:
    """The directory of the cache (`copylint.cachedir.cache_path`), or None when caching is
    off."""
    from .cachedir import cache_path

    path = cache_path()
    return Path(path) if path is not None else None


@cache
def code_key() -> bytes:
    """What every entry depends on besides its own parts: the versions of copylint, Python and
    `regex`, and the name, size and modification time of each of copylint's own files (looked
    at once per process)."""
    import regex

    from . import __version__

    package = Path(__file__).resolve().parent
    found = [f"{__version__} {sys.version} {regex.__version__}"]
    stack = [str(package)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith(".py"):
                    info = entry.stat()
                    found.append(f"{entry.path} {info.st_size} {info.st_mtime_ns}")
    found.sort()
    return "\n".join(found).encode("utf-8", "surrogatepass")


def file_stamps(directory: Path) -> list[bytes]:
    """The name, size and modification time of each file of `directory` (a data directory, whose
    files are read whole by a loader: a change to one changes its size or time)."""
    stamps = []
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        if entry.is_file():
            info = entry.stat()
            stamps.append(f"{entry.path} {info.st_size} {info.st_mtime_ns}".encode(
                "utf-8", "surrogatepass"))
    return stamps


def digest(parts: Iterable[bytes]) -> str:
    try:
        from _blake2 import blake2b  # hashlib's own, without loading OpenSSL (4 ms at start-up)
    except ImportError:               # an interpreter built without it
        from hashlib import blake2b

    hasher = blake2b(digest_size=20)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


Stamp = tuple[str, int, int]


def depends(paths: Iterable[str]) -> list[Stamp]:
    """(path, size, modification time) of files a value was built from besides its `parts`
    (the list files a pack reads): the entry is built again when one of them changes."""
    return [_stamp(path) for path in dict.fromkeys(paths)]


def _stamp(path: str) -> Stamp:
    info = os.stat(path)
    return path, info.st_size, info.st_mtime_ns


def _current(stamps: list[Stamp]) -> bool:
    """Whether none of the files has changed (or gone) since the stamps were taken."""
    try:
        return all(_stamp(stamp[0]) == tuple(stamp) for stamp in stamps)
    except OSError:
        return False


def cached(name: str, parts: Iterable[bytes], build: Callable[[], T],
           dependencies: Callable[[T], list[Stamp]] | None = None) -> T:
    """What `build()` returns, from the cache when an entry for `name` and `parts` is there (and
    the files `dependencies(value)` named when it was built have not changed since); built, and
    stored for the next run, otherwise. A failure of the cache never fails the run."""
    directory = cache_dir()
    if directory is None:
        return build()
    path, key = _entry_path(directory, name, parts)
    entry = _load(path, key)
    if entry is not None and _current(entry[0]):
        return entry[1]  # type: ignore[no-any-return]
    value = build()
    try:
        stamps = dependencies(value) if dependencies is not None else []
    except OSError:
        return value    # a file it read is gone already: nothing to keep
    _store(directory, path, name, key, (stamps, value))
    return value


def load_entry(name: str, parts: Iterable[bytes] = ()) -> object | None:
    """The value last stored for `name` and `parts` by `store_entry`, or None (none stored,
    caching off, an entry that cannot be read)."""
    directory = cache_dir()
    if directory is None:
        return None
    entry = _load(*_entry_path(directory, name, parts))
    return entry[1] if entry is not None and _current(entry[0]) else None


def store_entry(name: str, parts: Iterable[bytes], value: object) -> None:
    """Keep `value` for `name` and `parts` (replacing what was kept), for `load_entry`."""
    directory = cache_dir()
    if directory is not None:
        path, key = _entry_path(directory, name, parts)
        _store(directory, path, name, key, ([], value))


def _entry_path(directory: Path, name: str, parts: Iterable[bytes]) -> tuple[Path, str]:
    key = digest([name.encode(), code_key(), *parts])
    return directory / f"{name}-{key}.pickle", key


def _trusted(path: Path) -> bool:
    """The file and its directory belong to this user, and no one else may write to them."""
    if not hasattr(os, "getuid"):
        return True
    try:
        file_info, dir_info = path.stat(), path.parent.stat()
    except OSError:
        return False
    uid = os.getuid()
    return (file_info.st_uid == uid and dir_info.st_uid == uid
            and not (file_info.st_mode | dir_info.st_mode) & 0o022)


def _load(path: Path, key: str) -> tuple[list[Stamp], object] | None:
    if not _trusted(path):
        return None
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_MAGIC)) != _MAGIC or handle.readline().strip() != key.encode():
                return None
            with collector_paused():
                return pickle.load(handle)  # type: ignore[no-any-return]
    except Exception:  # an unreadable entry is built again, whatever the cause
        return None


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while an entry is unpickled, and then move what is
    alive into the collector's permanent generation (`gc.freeze`): an entry lives as long as
    the process and holds no cycles, and the collections that its hundreds of thousands of new
    objects would set off, then and in every later full collection, cost about as much as the
    unpickling itself (a gazetteer entry: 72 ms with them, 44 without). Frozen objects are
    still freed when nothing refers to them."""
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _store(directory: Path, path: Path, name: str, key: str, value: object) -> None:
    import tempfile

    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}-", dir=directory)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + key.encode() + b"\n" + data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(directory, name)
    except Exception:  # a cache that cannot be written only costs time
        pass


def _prune(directory: Path, name: str) -> None:
    """Remove all but the newest KEEP entries of `name`."""
    entries = []
    for entry in os.scandir(directory):
        if entry.name.startswith(f"{name}-") and entry.name.endswith(".pickle"):
            try:
                entries.append((entry.stat().st_mtime_ns, entry.path))
            except OSError:
                continue
    for _, old in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(old)
