"""Writing a fixed file: atomically, keeping its mode, never over a file that changed meanwhile."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .source import FixError


def write_atomically(path: Path, data: bytes, original: bytes) -> None:
    """Replace `path` with `data` by a rename from a temporary file in the same folder, keeping
    the file's permissions; FixError (the original intact) when the file is read-only, changed
    since `original` was read, or the write fails."""
    target = path.resolve()  # a symbolic link keeps pointing at the fixed file
    try:
        info = target.stat()
        current = target.read_bytes() if info.st_size == len(original) else None
    except OSError as error:
        raise FixError(f"{path}: cannot fix: {error.strerror or error}") from None
    if current != original:
        raise FixError(f"{path}: changed on disk since it was read; not overwritten (run again)")
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FixError(f"{path}: read-only; not fixed")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".copylint")
    try:
        with os.fdopen(handle, "wb") as out:  # no fsync: the rename is what makes it atomic
            out.write(data)
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        replace(temporary, target)
    except OSError as error:
        raise FixError(f"{path}: cannot write the fix: {error.strerror or error}; the file is "
                       "unchanged") from None
    finally:  # after a failure (or an interruption) before the rename, no litter is left
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def replace(temporary: str, target: Path) -> None:
    """The rename that makes the fix visible at once (a seam for tests of interrupted writes)."""
    os.replace(temporary, target)
