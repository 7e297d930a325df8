"""Finding the files to check and reading them as text, with one-line errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
STDIN = "-"
STDIN_NAME = "<stdin>"
_SNIFF_BYTES = 8192


class BinaryFile(InputError):
    """The file holds binary data, not text."""


@dataclass(frozen=True)
class Source:
    """A file to check (or stdin), and whether the user named it directly."""

    name: str
    path: Path | None
    explicit: bool


def discover(arguments: list[str]) -> Iterator[Source | InputError]:
    """Expand files and directories (recursively) into sources; errors come back as items."""
    for argument in arguments:
        if argument == STDIN:
            yield Source(STDIN_NAME, None, True)
            continue
        path = Path(argument)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield Source(str(file), file, False)
            if not found:
                yield InputError(f"{argument}: no text files (.txt, .md or no extension) found")
        elif path.exists():
            yield Source(argument, path, True)
        else:
            yield InputError(f"{argument}: no such file or directory")


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            file = Path(root, name)
            if file.suffix.lower() in TEXT_SUFFIXES and file.is_file():
                yield file


def read_source(source: Source) -> str:
    """The text of a source; InputError (or BinaryFile) says what is wrong in one line."""
    try:
        data = sys.stdin.buffer.read() if source.path is None else source.path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{source.name}: is a directory") from None
    except OSError as error:
        raise InputError(f"{source.name}: cannot read: {error.strerror or error}") from None
    if b"\0" in data[:_SNIFF_BYTES]:
        raise BinaryFile(f"{source.name}: binary file, skipped")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source.name}: not valid UTF-8 at byte {error.start} "
            f"(0x{data[error.start]:02x}); convert it to UTF-8 first") from None
