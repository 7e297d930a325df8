"""The on-disk result cache: one sqlite3 file in the user cache directory.

Results are stored per paragraph, keyed by a hash of the server, the LanguageTool version, the
language, the request settings and the paragraph's text, so re-checking an unchanged paragraph
sends nothing. The versions servers reported are kept too, with the time they were seen.

A cache that cannot be used (read-only directory, corrupt file, locked too long) never stops a
check: it is switched off for the run and `warning` says why.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

SCHEMA = 1
FILE_NAME = "languagetool.sqlite3"
MAX_AGE = 90 * 24 * 3600  # results older than this are dropped when the cache is opened


def cache_key(*parts: Any) -> str:
    """A stable hash of JSON-serialisable parts."""
    blob = json.dumps([SCHEMA, *parts], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    """Paragraph results and server versions; every method is a no-op once the cache failed."""

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / FILE_NAME if directory is not None else None
        self.warning: str | None = None
        self._db: sqlite3.Connection | None = None
        self._opened = False

    @property
    def enabled(self) -> bool:
        return self.path is not None and self.warning is None

    def _connect(self) -> sqlite3.Connection | None:
        if self._opened:
            return self._db
        self._opened = True
        if self.path is None:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=10)
            db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            db.execute("PRAGMA synchronous=NORMAL")  # a lost cache entry only costs a request
            with db:
                db.execute("CREATE TABLE IF NOT EXISTS results "
                           "(key TEXT PRIMARY KEY, matches TEXT NOT NULL, stored REAL NOT NULL)")
                db.execute("CREATE TABLE IF NOT EXISTS servers "
                           "(server TEXT PRIMARY KEY, version TEXT NOT NULL, seen REAL NOT NULL)")
                db.execute("DELETE FROM results WHERE stored < ?", (time.time() - MAX_AGE,))
        except (sqlite3.Error, OSError) as error:
            self._fail(error)
            return None
        self._db = db
        return db

    def _fail(self, error: Exception) -> None:
        self.warning = (f"the LanguageTool cache {self.path} cannot be used ({error}); "
                        "checking without it (delete the file or fix its permissions)")
        if self._db is not None:
            self._db.close()
        self._db = None
        self._opened = True

    def get_many(self, keys: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        db = self._connect()
        if db is None or not keys:
            return {}
        found: dict[str, list[dict[str, Any]]] = {}
        try:
            for index in range(0, len(keys), 500):
                chunk = list(keys[index:index + 500])
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, matches FROM results WHERE key IN ({marks})", chunk)
                for key, matches in rows:
                    found[key] = json.loads(matches)
        except (sqlite3.Error, ValueError) as error:
            self._fail(error)
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, list[dict[str, Any]]]]) -> None:
        db = self._connect()
        if db is None:
            return
        now = time.time()
        rows = [(key, json.dumps(matches, ensure_ascii=False), now) for key, matches in items]
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", rows)
        except sqlite3.Error as error:
            self._fail(error)

    def server_version(self, server: str) -> tuple[str, float] | None:
        """The version `server` last reported and when, if known."""
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT version, seen FROM servers WHERE server = ?", (server,)).fetchone()
        except sqlite3.Error as error:
            self._fail(error)
            return None
        return (row[0], row[1]) if row else None

    def remember_version(self, server: str, version: str) -> None:
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                db.execute("INSERT OR REPLACE INTO servers VALUES (?, ?, ?)", (server, version, time.time()))
        except sqlite3.Error as error:
            self._fail(error)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db = None
        self._opened = False
