"""Partitions: the files of a run cut into tasks in a stable order, and a digest of the plan so
that `--resume` continues only the run it belongs to."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .inputs import InputFile


@dataclass(frozen=True)
class Partition:
    """One Dask task: files checked one after the other, their records written together."""

    number: int
    files: tuple[InputFile, ...]

    @property
    def id(self) -> str:
        return f"part-{self.number:05d}"


def make_partitions(files: list[InputFile], size: int) -> list[Partition]:
    """Consecutive runs of `size` files, numbered from 0."""
    return [Partition(n, tuple(files[start:start + size]))
            for n, start in enumerate(range(0, len(files), size))]


def plan_digest(partitions: list[Partition], settings_fingerprint: str) -> str:
    """A digest of which files (names and sizes) each partition holds, and of the settings."""
    digest = hashlib.sha256(settings_fingerprint.encode("ascii"))
    for partition in partitions:
        digest.update(f"{partition.id}\n".encode())
        for file in partition.files:
            digest.update(f"{file.name}\t{file.size}\t{file.explicit:d}\n".encode())
    return digest.hexdigest()
