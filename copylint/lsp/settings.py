"""Client settings: house style, select, ignore, vocabulary files and the debounce, from
`initializationOptions`, `workspace/didChangeConfiguration` or `workspace/configuration`.

Clients send them flat (`{"house": "reuters"}`) or under a `copylint` section
(`{"copylint": {"house": "reuters"}}`, as VS Code and Neovim's `settings` do); both are read.
They override the configuration file, as command-line options do for `copylint check`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

SECTION = "copylint"
KEYS = ("house", "select", "ignore", "vocab", "debounce")


class SettingsError(ValueError):
    """A client setting has the wrong type (one line, shown to the user)."""


@dataclass(frozen=True)
class Settings:
    """What the client (or `copylint lsp` options) asked for; None and () mean "as configured"."""

    house: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    vocab: tuple[Path, ...] = ()
    #: milliseconds of quiet after a change before checking (changes arriving during a check are
    #: folded into one more check whatever this is)
    debounce: int = 0
    #: the problems found reading the settings, reported once to the user
    problems: tuple[str, ...] = field(default=(), compare=False)

    def merged(self, raw: Any, root: Path | None) -> Settings:
        """These settings with the client's `raw` value applied over them (None: unchanged)."""
        section = _section(raw)
        if not section:
            return self
        problems: list[str] = []
        values: dict[str, Any] = {}
        for key, value in section.items():
            if key not in KEYS:
                problems.append(f"unknown setting '{SECTION}.{key}' (known: {', '.join(KEYS)})")
                continue
            try:
                values[key] = _parse(key, value, root)
            except SettingsError as error:
                problems.append(str(error))
        return replace(self, **values, problems=tuple(problems))


def _section(raw: Any) -> Mapping[str, Any] | None:
    if not isinstance(raw, Mapping):
        return None
    nested = raw.get(SECTION)
    if isinstance(nested, Mapping):
        return nested
    return raw if any(key in KEYS for key in raw) else None


def _names(key: str, value: Any) -> tuple[str, ...]:
    """A list of rule ids or packs, or one comma-separated string of them."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise SettingsError(f"setting '{SECTION}.{key}' must be a list of rule ids or packs")
    return tuple(item.strip() for item in value if item.strip())


def _parse(key: str, value: Any, root: Path | None) -> Any:
    if key == "house":
        if value is not None and not isinstance(value, str):
            raise SettingsError(f"setting '{SECTION}.house' must be a house name such as ap")
        return value or None
    if key == "select":
        return None if value is None else _names(key, value)
    if key == "ignore":
        return () if value is None else _names(key, value)
    if key == "vocab":
        paths = _names(key, [] if value is None else value)
        return tuple(Path(p).expanduser() if Path(p).expanduser().is_absolute() or root is None
                     else root / p for p in paths)
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000:
        raise SettingsError(f"setting '{SECTION}.debounce' must be milliseconds from 0 to 10000")
    return value
