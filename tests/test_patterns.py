"""Module-level patterns kept compiled in the cache (copylint/patterns.py): the first run compiles
and stores them, the next reads them without compiling, and a pattern missing from the entry is
compiled and added."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import regex
from conftest import FIXTURES, REPO

from copylint.patterns import ENTRY, PatternStore

#: what a fresh process reports: patterns read from the cache, patterns it compiled, and the
#: dateline pattern's verdict on a dateline (the pattern works whichever way it was made)
PROBE = """
import copylint.readers.wire as wire
from copylint.patterns import pattern_store
store = pattern_store()
print(len(store.patterns) - store.compiled, store.compiled,
      bool(wire.DATELINE.match("KYIV, Ukraine (AP) — Drones")))
"""


def probe(cache: Path) -> list[str]:
    env = {**os.environ, "COPYLINT_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO)}
    env.pop("COPYLINT_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                          timeout=60, check=True)
    return done.stdout.split()


def test_the_first_run_compiles_and_stores_the_next_only_reads(tmp_path: Path) -> None:
    read, compiled, works = probe(tmp_path)
    assert read == "0" and int(compiled) >= 6 and works == "True"
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == [ENTRY]
    read_again, compiled_again, works_again = probe(tmp_path)
    assert (int(read_again), compiled_again, works_again) == (int(compiled), "0", "True")


def test_a_pattern_missing_from_the_entry_is_compiled_once_and_stored(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COPYLINT_NO_CACHE", raising=False)
    store = PatternStore.from_cache()
    assert store.patterns == {}
    first = store.get(r"ky\w+", regex.IGNORECASE)
    assert store.get(r"ky\w+", regex.IGNORECASE) is first and store.compiled == 1
    assert store.get(r"ky\w+") is not first and store.compiled == 2
    store.save()
    again = PatternStore.from_cache()
    assert set(again.patterns) == {(r"ky\w+", regex.IGNORECASE), (r"ky\w+", 0)}
    assert again.get(r"ky\w+", regex.IGNORECASE).findall("Kyiv and kyiv") == ["Kyiv", "kyiv"]
    assert again.compiled == 0


def test_a_damaged_entry_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COPYLINT_NO_CACHE", raising=False)
    probe(tmp_path)
    [entry] = tmp_path.iterdir()
    entry.write_bytes(entry.read_bytes()[:-40])
    read, compiled, works = probe(tmp_path)
    assert read == "0" and int(compiled) >= 6 and works == "True"
    assert pickle.loads(entry.read_bytes().split(b"\n", 2)[2])[1]   # stored whole again


def test_without_a_cache_patterns_are_compiled_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COPYLINT_NO_CACHE", "1")
    store = PatternStore.from_cache()
    assert store.get(r"\d+").pattern == r"\d+"
    store.save()
    assert not (tmp_path / "cache").exists()


def test_findings_are_the_same_with_patterns_from_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "COPYLINT_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(REPO)}
    env.pop("COPYLINT_NO_CACHE", None)
    command = [sys.executable, "-m", "copylint", "check", "--format", "json",
               str(FIXTURES / "broken-story.txt")]
    first, second = (subprocess.run(command, capture_output=True, env=env, timeout=120)
                     for _ in range(2))
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
