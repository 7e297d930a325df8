"""Settings of the LanguageTool backend, and their defaults."""

from __future__ import annotations

import difflib
import math
import os
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..escapes import shown

PUBLIC_API_LIMIT = 20_000
"""The public LanguageTool API accepts at most 20 KB of text a request."""
MAX_SECONDS = 86_400
"""The longest timeout or version lifetime accepted: a day."""
MAX_BATCH = 10_000_000


def _seconds(value: float) -> bool:
    """A finite number of seconds from 0 to MAX_SECONDS (not NaN, not infinity)."""
    try:
        return math.isfinite(value) and 0 <= value <= MAX_SECONDS
    except (OverflowError, TypeError):  # an integer too large for a float, or not a number
        return False


def _check_url(url: str) -> None:
    """Refuse a server URL urllib cannot use (`http://[::1`, a bad port, another scheme)."""
    text = url.strip()
    try:
        parts = urllib.parse.urlsplit(text if "://" in text else "http://" + text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError as error:
        raise UsageError(f"languagetool: the server URL '{url}' is not valid ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"languagetool: the server URL '{url}' is not valid: give http:// or "
                         "https:// and a host, for example http://localhost:8081")


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/copylint, or ~/.cache/copylint (%LOCALAPPDATA%\\copylint on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base and os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "copylint"


def _names(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise UsageError(f"languagetool: '{key}' must be a list of ids or a comma-separated string")
    names = []
    for item in value:
        if not isinstance(item, str):
            raise UsageError(f"languagetool: '{key}' must hold ids (strings), not {shown(item)}")
        if item.strip():
            names.append(item.strip())
    return tuple(names)


@dataclass(frozen=True)
class LanguageToolSettings:
    """How to reach LanguageTool and what to ask it.

    `server` None starts a local LanguageTool through language_tool_python (Java 17+, downloaded
    once into its cache); a URL uses that server. `cache_dir` None turns the result cache off.
    `batch_size` is the most text, in UTF-8 bytes, sent in one request (the public API allows
    20 KB). `version_ttl` is how long (seconds) the version a server reported is trusted before
    it is asked again; results are cached per version. `timeout` bounds each request as a
    whole (connecting, waiting and reading). `download` False refuses to download LanguageTool
    for local mode (offline desks): a missing LanguageTool is then an error.
    """

    enabled: bool = False
    server: str | None = None
    language: str = "en-US"
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False
    cache_dir: Path | None = field(default_factory=default_cache_dir)
    timeout: float = 30.0
    batch_size: int = PUBLIC_API_LIMIT
    version_ttl: float = 3600.0
    download: bool = True

    def __post_init__(self) -> None:
        for key in ("enabled_rules", "disabled_rules", "disabled_categories"):
            object.__setattr__(self, key, _names(getattr(self, key), key))
        if self.server is not None and not str(self.server).strip():
            object.__setattr__(self, "server", None)
        if self.cache_dir is not None:
            object.__setattr__(self, "cache_dir", Path(self.cache_dir).expanduser())
        if not isinstance(self.language, str) or not self.language.strip():
            raise UsageError("languagetool: 'language' must be a language code such as en-US")
        if not _seconds(self.timeout) or self.timeout <= 0:
            raise UsageError("languagetool: 'timeout' must be a number of seconds above 0 and at "
                             f"most {MAX_SECONDS:,}")
        if not _seconds(self.version_ttl):
            raise UsageError("languagetool: 'version_ttl' must be a number of seconds from 0 to "
                             f"{MAX_SECONDS:,}")
        if not 200 <= self.batch_size <= MAX_BATCH:
            raise UsageError(f"languagetool: 'batch_size' must be from 200 to {MAX_BATCH:,} bytes")
        if self.server is not None:
            _check_url(str(self.server))

    @classmethod
    def from_config(cls, data: Mapping[str, Any] | bool | str | None,
                    **overrides: Any) -> LanguageToolSettings:
        """Settings from the `languagetool:` section of a configuration file.

        The section may be a mapping of the field names, `true`/`false`, or a server URL.
        Keyword arguments (for example from the command line) take precedence.
        Raises UsageError, naming the key, for an unknown key or a value of the wrong type.
        """
        if data is None or data is False:
            data = {"enabled": False}
        elif data is True:
            data = {"enabled": True}
        elif isinstance(data, str):
            data = {"enabled": True, "server": data}
        if not isinstance(data, Mapping):
            raise UsageError("languagetool: expected a mapping, true/false or a server URL")
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in {**data, **overrides}.items():
            name = str(key).replace("-", "_")
            if name not in known:
                near = difflib.get_close_matches(name, sorted(known), n=1)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                raise UsageError(f"languagetool: unknown key '{key}'{hint}")
            values[name] = _check_type(name, value)
        return cls(**values)


_BOOLS = {"enabled", "picky", "download"}
_NUMBERS = {"timeout", "version_ttl"}


def _check_type(name: str, value: Any) -> Any:
    if name in _BOOLS and not isinstance(value, bool):
        raise UsageError(f"languagetool: '{name}' must be true or false, not {shown(value)}")
    if name in _NUMBERS and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise UsageError(f"languagetool: '{name}' must be a number of seconds, not {shown(value)}")
    if name == "batch_size" and (isinstance(value, bool) or not isinstance(value, int)):
        raise UsageError(f"languagetool: 'batch_size' must be a whole number of bytes, not {shown(value)}")
    if name in ("server", "language") and value is not None and not isinstance(value, str):
        raise UsageError(f"languagetool: '{name}' must be a string, not {shown(value)}")
    if name == "cache_dir" and value is not None and not isinstance(value, (str, os.PathLike)):
        raise UsageError(f"languagetool: 'cache_dir' must be a directory path, not {shown(value)}")
    return value
