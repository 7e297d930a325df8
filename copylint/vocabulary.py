"""Vocabulary files (`--vocab FILE`): names a newsroom accepts and rejects, one entry a line.

    Halyna Hutchins          # accepted: never flagged by a name rule
    !Volodomir -> Volodymyr  # rejected, with the suggestion
    !Kiev                    # rejected; the suggestion is the nearest known name
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def read_vocabulary(paths: list[Path]) -> tuple[list[str], list[str]]:
    """The accepted and rejected entries of the files, in order."""
    accept: list[str] = []
    reject: list[str] = []
    from .sources import Source, read_bytes

    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such vocabulary file")
        data = read_bytes(Source(str(path), path, True))  # bounded; no pipes or devices
        try:
            lines = data.decode("utf-8").splitlines()
        except UnicodeDecodeError as error:
            raise InputError(f"{path}: cannot read the vocabulary: not UTF-8 at byte "
                             f"{error.start}") from None
        for line in lines:
            entry = line.split("#", 1)[0].strip()
            if not entry:
                continue
            if entry.startswith("!"):
                reject.append(entry[1:].strip())
            else:
                accept.append(entry)
    return accept, reject


def apply_vocabulary(paths: list[Path]) -> None:
    """Make the files' entries the user vocabulary of every name rule in this process."""
    from .checks.names import set_user_vocabulary

    accept, reject = read_vocabulary(paths)
    set_user_vocabulary(accept, reject)
