"""Configuration: `.copylint.yaml` or `[tool.copylint]` in pyproject.toml, validated with file:line
errors, merged with the command line, every value remembering where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .errors import CopylintError
from .escapes import shown
from .findings import SEVERITY_NAMES
from .sources import DEFAULT_MAX_BYTES
from .yamlsource import LineDict, LineList, error_line, error_text, load_yaml

CONFIG_NAMES = (".copylint.yaml", ".copylint.yml")
FORMATS = ("text", "json", "sarif", "github", "junit")
FAIL_LEVELS = ("error", "warning", "info", "never")
SEVERITY_VALUES = (*SEVERITY_NAMES, "off", "on")
#: YAML 1.1 reads off/no and on/yes as booleans: where a severity is expected they mean off/on
_BOOLEAN_SEVERITY = {False: "off", True: "on"}


class ConfigError(CopylintError):
    """The configuration file is invalid: `file:line: message`."""


@dataclass(frozen=True)
class Override:
    """Settings for files matching `files` (gitignore-style globs, relative to the config file)."""

    files: tuple[str, ...]
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    encoding: str | None = None


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
    encoding: str | None = None
    paragraphs: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    root: Path = field(default_factory=Path.cwd)
    path: Path | None = None
    origins: dict[str, str] = field(default_factory=dict)
    #: `file:line` of each entry of a list or mapping key: ("severity", "ap.percent") -> "x.yaml:4"
    entry_origins: dict[tuple[str, str], str] = field(default_factory=dict)

    def set(self, key: str, value: Any, origin: str) -> None:
        setattr(self, key, value)
        self.origins[key] = origin

    def origin(self, key: str) -> str:
        return self.origins.get(key, "default")

    def where(self, key: str, entry: str) -> str | None:
        """Where an entry (a rule id in `severity`, `disable`, ...) was written, if in a file."""
        return self.entry_origins.get((key, entry))


KEYS = ("house", "packs", "enable", "disable", "severity", "rules", "vocab", "fail_on", "format",
        "exclude", "respect_gitignore", "jobs", "report_unused_suppressions", "encoding",
        "paragraphs", "max_bytes", "overrides", "languagetool")
#: keys whose default is "not set" (null in YAML)
NULLABLE_KEYS = ("jobs", "encoding")
OVERRIDE_KEYS = ("files", "enable", "disable", "severity", "encoding")
#: keys whose entries name rules or packs (checked against the rulebook, with their lines)
RULE_LIST_KEYS = ("packs", "enable", "disable", "severity")


def canonical_key(key: object) -> str:
    """`fail-on` (the command line's spelling, as ruff accepts in pyproject) is `fail_on`."""
    return str(key).replace("-", "_")


def find_config(start: Path) -> Path | None:
    """The nearest `.copylint.yaml`, or pyproject.toml with [tool.copylint], at or above `start`."""
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            from . import tomlcompat  # only when a pyproject.toml is near

            try:
                text = pyproject.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise ConfigError(f"{pyproject}: cannot read it to look for [tool.copylint]: "
                                  f"{error}") from None
            if "copylint" not in text:
                continue  # cannot hold [tool.copylint]: no need to parse it
            try:
                tool = tomlcompat.loads(text).get("tool", {})
            except tomlcompat.TOMLDecodeError as error:
                raise ConfigError(f"{pyproject}: invalid TOML, so its [tool.copylint] cannot be "
                                  f"read: {error}") from None
            if isinstance(tool, dict) and "copylint" in tool:
                return pyproject
    return None


def _hint(word: str, choices: tuple[str, ...]) -> str:
    import difflib  # only error messages need it

    near = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""


class _Reader:
    """Validates the raw mapping of one configuration file."""

    def __init__(self, path: Path, text: str, data: dict[str, Any], toml: bool) -> None:
        self.path, self.text, self.data, self.toml = path, text, data, toml
        self.entries: dict[tuple[str, str], str] = {}

    def line(self, key: str, mapping: Any = None) -> int | None:
        mapping = self.data if mapping is None else mapping
        if isinstance(mapping, LineDict):
            for spelling in (key, key.replace("_", "-")):  # as written: fail_on or fail-on
                if spelling in mapping.key_lines:
                    return mapping.key_lines[spelling]
            return mapping.line
        if self.toml:  # tomllib keeps no positions: find the key in the [tool.copylint] tables
            spelled = "[-_]".join(regex.escape(part) for part in key.split("_"))
            found = regex.search(rf"(?m)^\s*\"?{spelled}\"?\s*=", self.text)
            return self.text.count("\n", 0, found.start()) + 1 if found else None
        return None

    def fail(self, key: str, problem: str, mapping: Any = None) -> ConfigError:
        line = self.line(key, mapping)
        where = f"{self.path}:{line}" if line else str(self.path)
        return ConfigError(f"{where}: {problem}")

    def entry_line(self, key: str, value: Any, index: int, entry: str) -> int | None:
        """The line of one entry of a list or mapping value."""
        if isinstance(value, LineList) and index < len(value.item_lines):
            return value.item_lines[index]
        if isinstance(value, LineDict):
            return value.line_of(entry)
        if self.toml:
            found = regex.search(rf"(?m)[\"']{regex.escape(entry)}[\"']", self.text)
            return self.text.count("\n", 0, found.start()) + 1 if found else self.line(key)
        return self.line(key)

    def record(self, key: str, value: Any, entries: list[str]) -> None:
        for index, entry in enumerate(entries):
            line = self.entry_line(key, value, index, entry)
            self.entries[(key, entry)] = f"{self.path}:{line}" if line else str(self.path)

    def strings(self, key: str, value: Any, mapping: Any = None) -> list[str]:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(key, f"'{key}' must be a list of strings", mapping)
        if key in RULE_LIST_KEYS:
            self.record(key, value, list(value))
        return list(value)

    def severities(self, key: str, value: Any, mapping: Any = None) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail(key, f"'{key}' must map rule ids or packs to a severity", mapping)
        levels = {}
        for rule, level in value.items():
            level = _BOOLEAN_SEVERITY.get(level, level) if isinstance(level, bool) else level
            if level not in SEVERITY_VALUES:
                raise self.fail(key, f"'{key}': {rule}: {shown(level)} is not one of "
                                     f"{', '.join(SEVERITY_VALUES)}", mapping)
            levels[str(rule)] = str(level)
        self.record(key, value, list(levels))
        return levels

    def choice(self, key: str, value: Any, choices: tuple[str, ...]) -> str:
        if value not in choices:
            raise self.fail(key, f"'{key}' must be one of {', '.join(choices)}, not {shown(value)}"
                                 f"{_hint(str(value), choices)}")
        return value

    def apply(self, config: Config) -> None:
        seen: dict[str, str] = {}
        for written, value in self.data.items():
            key = canonical_key(written)
            if key not in KEYS:
                raise self.fail(written, f"unknown key '{written}'{_hint(key, KEYS)}")
            if key in seen:
                raise self.fail(written, f"'{written}' and '{seen[key]}' set the same key")
            seen[key] = written
            line = self.line(written)
            config.set(key, self.value(key, value), f"{self.path}:{line}" if line
                       else str(self.path))
        config.entry_origins.update(self.entries)

    def value(self, key: str, value: Any) -> Any:
        base = self.path.parent
        if value is None and key in NULLABLE_KEYS:
            return None  # as `copylint config` prints a default
        if key == "encoding":
            return self.encoding(key, value)
        if key == "paragraphs":
            from .readers import PARAGRAPH_LAYOUTS

            return self.choice(key, value, PARAGRAPH_LAYOUTS)
        if key == "max_bytes":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise self.fail(key, "'max_bytes' must be a whole number of bytes, at least 1")
            return value
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

    def encoding(self, key: str, value: Any, mapping: Any = None) -> str:
        import codecs

        if not isinstance(value, str):
            raise self.fail(key, f"'{key}' must be an encoding name such as cp1252, or auto",
                            mapping)
        if value != "auto":
            try:
                codecs.lookup(value)
            except LookupError:
                raise self.fail(key, f"'{key}': unknown encoding {shown(value)}", mapping) from None
        return value

    def overrides(self, value: Any) -> list[Override]:
        if not isinstance(value, list):
            raise self.fail("overrides", "'overrides' must be a list of {files: ..., ...}")
        result = []
        for item in value:
            if not isinstance(item, dict):
                raise self.fail("overrides", "each override must be a mapping")
            item = {canonical_key(key): value for key, value in item.items()} \
                if not isinstance(item, LineDict) else item
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
                encoding=self.encoding("encoding", item["encoding"], item)
                if "encoding" in item else None,
            ))
        return result


def read_config_file(path: Path) -> _Reader:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error}") from None
    if path.suffix == ".toml":
        from . import tomlcompat

        try:
            data = tomlcompat.loads(text).get("tool", {}).get("copylint", {})
        except tomlcompat.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.copylint] must be a table")
        return _Reader(path, text, data, toml=True)
    if not text.strip():
        return _Reader(path, text, LineDict(), toml=False)
    import yaml  # a YAML configuration is read only where there is one

    try:
        data = load_yaml(text)
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


def _plain(value: Any) -> Any:
    """A configuration value as YAML can write it (paths as strings, overrides as mappings)."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Override):
        plain = {"files": list(value.files), "enable": list(value.enable),
                 "disable": list(value.disable), "severity": dict(value.severity)}
        if value.encoding:
            plain["encoding"] = value.encoding
        return plain
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def describe(config: Config) -> list[str]:
    """Lines for `copylint config`: valid YAML that can be pasted into `.copylint.yaml`, each key
    followed by a comment saying where its value came from."""
    import yaml

    lines = [f"# configuration file: {config.path or 'none found'}",
             "# every key with its effective value; the comment says where it came from"]
    for key in KEYS:
        flow = yaml.safe_dump(_plain(getattr(config, key)), default_flow_style=True,
                              allow_unicode=True, width=1_000_000).strip()
        flow = flow.removesuffix("...").strip()
        lines.append(f"{key}: {flow}  # {config.origin(key)}")
    return lines
