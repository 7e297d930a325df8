"""Vocabulary files (`--vocab FILE`): names and words a newsroom accepts and rejects, one entry a
line.

    Halyna Hutchins          # accepted: never flagged by a name or spelling rule
    deplatform               # accepted: an ordinary word the spelling check does not know
    !Volodomir -> Volodymyr  # rejected, with the suggestion
    !Kiev                    # rejected; the suggestion is the nearest known name
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def parse_reject(line: str) -> tuple[str, str | None]:
    """`Wrong` or `Wrong -> Right` (also `=>` or `→`): a rejected spelling, with its fix."""
    for arrow in ("->", "=>", "→"):
        if arrow in line:
            wrong, right = (part.strip() for part in line.split(arrow, 1))
            return wrong, right or None
    return line.strip(), None


@dataclass(frozen=True)
class Vocabulary:
    """The user's accepted entries (case-folded) and rejected ones (as written, with the fix)."""

    accept: frozenset[str] = frozenset()
    reject: tuple[tuple[str, str | None], ...] = ()
    #: every word of every accepted entry, case-folded (the spelling check's allow list)
    accepted_words: frozenset[str] = field(default=frozenset(), compare=False)

    @classmethod
    def of(cls, accept: Iterable[str] = (), reject: Iterable[str] = ()) -> Vocabulary:
        """From entries as written in a file: blank entries and `#` comments are ignored."""
        accepted = frozenset(a.strip().casefold() for a in accept
                             if a.strip() and not a.strip().startswith("#"))
        rejected = tuple(parse_reject(r) for r in reject
                         if r.strip() and not r.strip().startswith("#"))
        words = frozenset(w.casefold() for entry in accepted for w in _WORD.findall(entry))
        return cls(accepted, tuple((w, r) for w, r in rejected if w), words)

    @property
    def rejected(self) -> frozenset[str]:
        return frozenset(wrong for wrong, _ in self.reject)

    def accepts(self, text: str) -> bool:
        return text.casefold() in self.accept


def read_vocabulary(paths: Iterable[Path]) -> Vocabulary:
    """The accepted and rejected entries of the files."""
    accept: list[str] = []
    reject: list[str] = []
    from .sources import Source, read_bytes

    for path in paths:
        path = Path(path)
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
    return Vocabulary.of(accept, reject)
