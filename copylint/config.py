"""Configuration: `.copylint.yaml` or `[tool.copylint]` in pyproject.toml, validated with file:line
errors, merged with the command line, every value remembering where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

from .errors import CopylintError
from .findings import SEVERITY_NAMES
from .yamlsource import LineDict, error_line, error_text, load_yaml

CONFIG_NAMES = (".copylint.yaml", ".copylint.yml")
FORMATS = ("text", "json", "sarif", "github", "junit")
FAIL_LEVELS = ("error", "warning", "info", "never")
SEVERITY_VALUES = (*SEVERITY_NAMES, "off")


class ConfigError(CopylintError):
    """The configuration file is invalid: `file:line: message`."""


@dataclass(frozen=True)
class Override:
    """Settings for files matching `files` (gitignore-style globs, relative to the config file)."""

    files: tuple[str, ...]
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()


@dataclass
class Config:
    """The effective settings of a run; `origins` says where each came from."""

    house: str = "ap"
    packs: list[str] = field(default_factory=list)
    enable: list[str] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rules: list[Path] = field(default_factory=list)
    vocab: list[Path] = field(default_factory=list)
    fail_on: str = "warning"
    format: str = "text"
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    jobs: int | None = None
    report_unused_suppressions: bool = False
    overrides: list[Override] = field(default_factory=list)
    languagetool: dict[str, Any] = field(default_factory=dict)
    root: Path = field(default_factory=Path.cwd)
    path: Path | None = None
    origins: dict[str, str] = field(default_factory=dict)

    def set(self, key: str, value: Any, origin: str) -> None:
        setattr(self, key, value)
        self.origins[key] = origin

    def origin(self, key: str) -> str:
        return self.origins.get(key, "default")


KEYS = ("house", "packs", "enable", "disable", "severity", "rules", "vocab", "fail_on", "format",
        "exclude", "respect_gitignore", "jobs", "report_unused_suppressions", "overrides",
        "languagetool")
OVERRIDE_KEYS = ("files", "enable", "disable", "severity")


def find_config(start: Path) -> Path | None:
    """The nearest `.copylint.yaml`, or pyproject.toml with [tool.copylint], at or above `start`."""
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            import tomllib  # only when a pyproject.toml is near

            try:
                if "copylint" in tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}):
                    return pyproject
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
    return None


def _hint(word: str, choices: tuple[str, ...]) -> str:
    import difflib  # only error messages need it

    near = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""


class _Reader:
    """Validates the raw mapping of one configuration file."""

    def __init__(self, path: Path, text: str, data: dict[str, Any], toml: bool) -> None:
        self.path, self.text, self.data, self.toml = path, text, data, toml

    def line(self, key: str, mapping: Any = None) -> int | None:
        mapping = self.data if mapping is None else mapping
        if isinstance(mapping, LineDict):
            return mapping.line_of(key)
        if self.toml:  # tomllib keeps no positions: find the key in the [tool.copylint] tables
            found = regex.search(rf"(?m)^\s*\"?{regex.escape(key)}\"?\s*=", self.text)
            return self.text.count("\n", 0, found.start()) + 1 if found else None
        return None

    def fail(self, key: str, problem: str, mapping: Any = None) -> ConfigError:
        line = self.line(key, mapping)
        where = f"{self.path}:{line}" if line else str(self.path)
        return ConfigError(f"{where}: {problem}")

    def strings(self, key: str, value: Any, mapping: Any = None) -> list[str]:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(key, f"'{key}' must be a list of strings", mapping)
        return list(value)

    def severities(self, key: str, value: Any, mapping: Any = None) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail(key, f"'{key}' must map rule ids or packs to a severity", mapping)
        for rule, level in value.items():
            if level not in SEVERITY_VALUES:
                raise self.fail(key, f"'{key}': {rule}: {level!r} is not one of "
                                     f"{', '.join(SEVERITY_VALUES)}", mapping)
        return {str(rule): str(level) for rule, level in value.items()}

    def choice(self, key: str, value: Any, choices: tuple[str, ...]) -> str:
        if value not in choices:
            raise self.fail(key, f"'{key}' must be one of {', '.join(choices)}, not {value!r}"
                                 f"{_hint(str(value), choices)}")
        return value

    def apply(self, config: Config) -> None:
        origin_of = {}
        for key, value in self.data.items():
            if key not in KEYS:
                raise self.fail(key, f"unknown key '{key}'{_hint(str(key), KEYS)}")
            line = self.line(key)
            origin_of[key] = f"{self.path}:{line}" if line else str(self.path)
            config.set(key, self.value(key, value), origin_of[key])

    def value(self, key: str, value: Any) -> Any:
        base = self.path.parent
        if key == "house":
            if not isinstance(value, str):
                raise self.fail(key, "'house' must be a house name such as ap or none")
            return value
        if key in ("packs", "enable", "disable", "exclude"):
            return self.strings(key, value)
        if key in ("rules", "vocab"):
            return [base / item for item in self.strings(key, value)]
        if key == "severity":
            return self.severities(key, value)
        if key == "fail_on":
            return self.choice(key, value, FAIL_LEVELS)
        if key == "format":
            return self.choice(key, value, FORMATS)
        if key in ("respect_gitignore", "report_unused_suppressions"):
            if not isinstance(value, bool):
                raise self.fail(key, f"'{key}' must be true or false")
            return value
        if key == "jobs":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise self.fail(key, "'jobs' must be a whole number of at least 1")
            return value
        if key == "languagetool":
            from .languagetool.settings import LanguageToolSettings

            try:  # validated now, so a mistake points at this file and line
                LanguageToolSettings.from_config(value)
            except CopylintError as error:
                raise self.fail(key, str(error)) from None
            if isinstance(value, bool):
                return {"enabled": value}
            return {"enabled": True, "server": value} if isinstance(value, str) else dict(value)
        return self.overrides(value)

    def overrides(self, value: Any) -> list[Override]:
        if not isinstance(value, list):
            raise self.fail("overrides", "'overrides' must be a list of {files: ..., ...}")
        result = []
        for item in value:
            if not isinstance(item, dict):
                raise self.fail("overrides", "each override must be a mapping")
            for key in item:
                if key not in OVERRIDE_KEYS:
                    raise self.fail(key, f"unknown override key '{key}'{_hint(key, OVERRIDE_KEYS)}",
                                    item)
            if "files" not in item:
                raise self.fail("overrides", "an override needs 'files'", None)
            result.append(Override(
                files=tuple(self.strings("files", item["files"], item)),
                enable=tuple(self.strings("enable", item.get("enable", []), item)),
                disable=tuple(self.strings("disable", item.get("disable", []), item)),
                severity=tuple(self.severities("severity", item.get("severity", {}), item).items()),
            ))
        return result


def read_config_file(path: Path) -> _Reader:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error}") from None
    if path.suffix == ".toml":
        import tomllib

        try:
            data = tomllib.loads(text).get("tool", {}).get("copylint", {})
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.copylint] must be a table")
        return _Reader(path, text, data, toml=True)
    try:
        data = load_yaml(text) if text.strip() else LineDict()
    except yaml.YAMLError as error:
        line = error_line(error)
        raise ConfigError(f"{path}:{line}: invalid YAML: {error_text(error)}") from None
    if not isinstance(data, LineDict):
        raise ConfigError(f"{path}:1: the configuration must be a mapping of keys to values")
    return _Reader(path, text, data, toml=False)


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """Defaults, then the configuration file (`explicit`, or the nearest one found)."""
    path = explicit if explicit is not None else find_config(start or Path.cwd())
    config = Config()
    if path is None:
        return config
    path = path.resolve() if path.exists() else path
    if not path.is_file():
        raise ConfigError(f"{path}: no such configuration file")
    read_config_file(path).apply(config)
    config.path = path
    config.root = path.parent
    return config


def describe(config: Config) -> list[str]:
    """Lines for `copylint config`: each key, its value and where it came from."""
    lines = [f"# configuration file: {config.path or 'none found'}"]
    for key in KEYS:
        value = getattr(config, key)
        if key in ("rules", "vocab"):
            value = [str(item) for item in value]
        if key == "overrides":
            value = [{"files": list(o.files), "enable": list(o.enable), "disable": list(o.disable),
                      "severity": dict(o.severity)} for o in value]
        lines.append(f"{key} = {value!r}  # {config.origin(key)}")
    return lines

