"""Compiled packs and name indexes kept between runs (copylint/cache.py): read back while nothing
they were built from has changed, built again when something has, never read when damaged or
writable by others, and safe when several runs start at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from copylint import rulebook
from copylint.cache import cache_dir
from copylint.gazetteer import BUCKET_KINDS, LAZY, PACKED, load_gazetteer

PACK = """\
pack: local
rules:
  - id: banned
    kind: swap
    severity: warning
    message: "Write “{right}”."
    description: Plain words for fancy ones.
    swap_file: words.tsv
    examples:
      flag: ["The [[utilize]] case."]
      clean: ["The use case."]
"""


@pytest.fixture
def packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A pack with a list file, a cache of its own, and a count of the packs really read."""
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "local.yaml").write_text(PACK, encoding="utf-8")
    (rules / "words.tsv").write_text("utilize\tuse\n", encoding="utf-8")
    reads: list[int] = []
    read = rulebook._read_packs

    def counted(paths):
        reads.append(1)
        return read(paths)

    monkeypatch.setattr(rulebook, "_read_packs", counted)

    def load() -> dict[str, str]:
        book = rulebook.load_rulebook([rules], house="none", builtin=False)
        return {rule.id: dict(rule.check.table) for rule in book.rules}

    return rules, reads, load


def entries(directory: Path, name: str) -> list[Path]:
    return sorted(directory.glob(f"{name}-*.pickle"))


def test_packs_come_from_the_cache_until_a_pack_or_its_list_changes(packs, tmp_path) -> None:
    rules, reads, load = packs
    assert load() == {"local.banned": {"utilize": "use"}}
    assert len(reads) == 1 and len(entries(tmp_path / "cache", "rules")) == 1
    assert load() == {"local.banned": {"utilize": "use"}}
    assert len(reads) == 1                                  # read back, not built
    (rules / "words.tsv").write_text("utilize\tuse\nleverage\tuse\n", encoding="utf-8")
    assert load() == {"local.banned": {"utilize": "use", "leverage": "use"}}
    assert len(reads) == 2                                  # the list file changed
    (rules / "local.yaml").write_text(PACK.replace("warning", "error"), encoding="utf-8")
    load()
    assert len(reads) == 3                                  # the pack changed
    load()
    assert len(reads) == 3


def test_a_damaged_entry_is_built_again(packs, tmp_path) -> None:
    _, reads, load = packs
    load()
    entry = entries(tmp_path / "cache", "rules")[0]
    entry.write_bytes(entry.read_bytes()[:200])             # cut short, as by a full disk
    assert load() == {"local.banned": {"utilize": "use"}}
    assert len(reads) == 2
    load()
    assert len(reads) == 2                                  # and written whole again


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file ownership is a POSIX notion")
def test_an_entry_others_may_write_is_never_read(packs, tmp_path) -> None:
    _, reads, load = packs
    load()
    (tmp_path / "cache").chmod(0o777)
    load()
    load()
    assert len(reads) == 3


def test_the_cache_can_be_turned_off(packs, tmp_path, monkeypatch) -> None:
    _, reads, load = packs
    monkeypatch.setenv("COPYLINT_NO_CACHE", "1")
    assert cache_dir() is None
    load()
    load()
    assert len(reads) == 2 and not (tmp_path / "cache").exists()


def test_the_gazetteer_is_kept_with_its_derived_tables(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path))
    load_gazetteer.cache_clear()
    try:
        built = load_gazetteer()
        assert len(entries(tmp_path, "gazetteer")) == 1
        load_gazetteer.cache_clear()
        read = load_gazetteer()
    finally:
        load_gazetteer.cache_clear()
    assert read is not built
    assert {"sequences", "sequence_keys", "interesting"} <= set(vars(read))
    # the tables only a story with something name-like needs are read one by one, on first use
    assert not set(LAZY) & set(vars(read))
    assert read.name_forms == built.name_forms and read.person_words == built.person_words
    assert set(vars(read)) & set(LAZY) == {"name_forms", "person_words"}
    # the tables a story rarely needs are packed apart, read (not derived again) on first use
    assert not set(PACKED) & set(vars(read)) and vars(read)["_packed"]
    # a near-miss bucket is read alone, without them
    for kind in BUCKET_KINDS:
        assert read.bucket(kind, "z") == built.bucket(kind, "z") and built.bucket(kind, "z")[0]
    assert read.bucket("given", "#") == ([], []) == built.bucket("given", "#")
    assert not set(PACKED) & set(vars(read)) and vars(read)["_packed"]
    assert read.possessives == built.possessives
    assert set(PACKED) <= set(vars(read)) and vars(read)["_packed"] is None
    for name in PACKED + LAZY:
        assert getattr(read, name) == getattr(built, name), name
    assert read.interesting == built.interesting
    import pickle

    forked = pickle.loads(pickle.dumps(built))   # unpack(), before workers fork, reads them all
    forked.unpack()
    assert set(PACKED + LAZY) <= set(vars(forked)) and forked.fixes == built.fixes
    assert read.bucket("surnames", "z") == built.bucket("surnames", "z")


def test_runs_started_at_once_share_one_cache(tmp_path: Path) -> None:
    env = {**os.environ, "COPYLINT_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": str(REPO)}
    story = FIXTURES / "broken-story.txt"
    command = [sys.executable, "-m", "copylint", "check", "--format", "json", str(story)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for _ in range(4)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [1, 1, 1, 1], outputs[0][1]
    assert len({out for out, _ in outputs}) == 1
    again = subprocess.run(command, capture_output=True, env=env, timeout=120)
    assert again.stdout == outputs[0][0]
    names = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir())
    assert names == ["gazetteer", "patterns", "rules", "spelling"]  # whole, no temporary left


def test_a_cached_entry_is_read_with_the_collector_paused_and_then_frozen(packs, tmp_path) -> None:
    """Unpickling pauses the cyclic collector (its collections would cost as much as the
    unpickling) and moves the entry into the permanent generation; the collector is running
    afterwards, and stays off for a caller who had turned it off."""
    import gc

    _, reads, load = packs
    first = load()
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        assert load() == first and len(reads) == 1     # the second load came from the cache
        assert gc.isenabled() and gc.get_freeze_count() > 0
        gc.unfreeze()
        gc.disable()
        try:
            assert load() == first and len(reads) == 1
            assert not gc.isenabled()
        finally:
            gc.enable()
    finally:
        gc.unfreeze()


def test_the_spelling_data_is_kept_until_one_of_its_files_changes(tmp_path, monkeypatch) -> None:
    import shutil

    from copylint.spelling import load_spelling, spelling_dir

    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    directory = tmp_path / "spelling"
    shutil.copytree(spelling_dir(), directory)
    load_spelling.cache_clear()
    try:
        built = load_spelling(directory)
        assert "zorbleflux" not in built.words
        load_spelling.cache_clear()
        read = load_spelling(directory)
        assert read is not built and len(entries(tmp_path / "cache", "spelling")) == 1
        assert read.words._groups == built.words._groups and read.prefixes == built.prefixes
        with open(directory / "words.txt", "a", encoding="ascii") as words:
            words.write(" zor zorbleflux \n")
        load_spelling.cache_clear()
        assert "zorbleflux" in load_spelling(directory).words
    finally:
        load_spelling.cache_clear()
