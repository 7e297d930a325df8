"""Where copylint keeps its cache, found with `os` alone: the resident client asks before it
imports anything else (`copylint.cache` builds on it)."""

from __future__ import annotations

import os
import sys


def cache_path() -> str | None:
    """`$COPYLINT_CACHE_DIR`, else the platform's user cache directory (`$XDG_CACHE_HOME` or
    `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows) + `copylint`;
    None when caching is off (`COPYLINT_NO_CACHE`, or no such directory)."""
    if os.environ.get("COPYLINT_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("COPYLINT_CACHE_DIR")
    if explicit:
        return explicit
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return os.path.join(base, "copylint", "Cache") if base else None
    home = os.path.expanduser("~")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "copylint")
    base = os.environ.get("XDG_CACHE_HOME")
    if not (base and os.path.isabs(base)):
        base = os.path.join(home, ".cache")
    return os.path.join(base, "copylint")
