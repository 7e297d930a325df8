"""The run for a document: its nearest configuration with the client's settings over it, built
once and rebuilt when the configuration, a vocabulary file or a rule file changes on disk.

Freshness is checked by re-stating those files before every check (cheap: a few `stat` calls), so
a change is picked up whether or not the client watches files for us. Everything here runs on the
one lint thread: the name rules' user vocabulary is process-wide in copylint, so the vocabulary of
the run about to check is made the active one first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..api import build_run
from ..config import CONFIG_NAMES, Config, find_config, load_config
from ..errors import CopylintError
from ..rulebook import Rule, rule_files
from ..runner import Run
from .settings import Settings

Stamp = tuple[int, int, int] | None
#: the file names whose change can change a document's configuration
CONFIG_FILE_NAMES = (*CONFIG_NAMES, "pyproject.toml")


def stamp(path: Path) -> Stamp:
    """What tells a changed file apart: modification time, size and inode (None: missing)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


def _rule_paths(directories: list[Path]) -> tuple[Path, ...]:
    paths: list[Path] = []
    for directory in directories:
        try:
            paths.extend(rule_files(directory))
        except CopylintError:
            paths.append(directory)  # missing: its stamp is None until it appears
    return tuple(paths)


@dataclass(frozen=True)
class Prepared:
    """A run built for one configuration and settings, or the one-line error that stopped it."""

    config_path: Path | None
    run: Run | None
    error: str | None
    rule_dirs: tuple[Path, ...] = ()
    #: the rule files found in `rule_dirs` at build time (a new or removed one is a change)
    rule_files: tuple[Path, ...] = ()
    #: every file the run was built from, with its stamp at build time
    stamps: tuple[tuple[Path, Stamp], ...] = ()
    vocab: tuple[Path, ...] = ()
    rules: dict[str, Rule] = field(default_factory=dict, compare=False)

    def fresh(self) -> bool:
        """True while no file it was built from has changed (or appeared, or gone)."""
        if self.rule_dirs and _rule_paths(list(self.rule_dirs)) != self.rule_files:
            return False
        return all(stamp(path) == old for path, old in self.stamps)


class RunCache:
    """Prepared runs by (configuration file, settings); used from the lint thread only."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._runs: dict[tuple[Path | None, Settings], Prepared] = {}
        self._active: Prepared | None = None

    def configure(self, settings: Settings) -> None:
        """New client settings: every run is built again on its next use."""
        self.settings = settings
        self._runs.clear()

    def for_document(self, path: Path | None, root: Path | None) -> Prepared:
        """The run for a document at `path` (None: an unsaved buffer, configured from `root`)."""
        start = path.parent if path is not None else (root or Path.cwd())
        try:
            config_path = find_config(start)
        except CopylintError as error:
            return Prepared(None, None, str(error))
        key = (config_path, self.settings)
        cached = self._runs.get(key)
        if cached is not None and cached.fresh():
            return cached
        built = self._build(config_path)
        self._runs[key] = built
        if built.run is not None:
            self._active = built
        return built

    def activate(self, prepared: Prepared) -> None:
        """Note the run in use (each run carries its own vocabulary: nothing is process-wide)."""
        self._active = prepared

    def _build(self, config_path: Path | None) -> Prepared:
        settings = self.settings
        config_stamps = ((config_path, stamp(config_path)),) if config_path is not None else ()
        try:
            config = load_config(config_path) if config_path is not None else Config()
            _apply(config, settings)
        except CopylintError as error:
            return Prepared(config_path, None, str(error), stamps=config_stamps)
        vocab, rule_dirs = tuple(config.vocab), tuple(config.rules)
        found = _rule_paths(list(rule_dirs))
        stamps = (*config_stamps, *((path, stamp(path)) for path in (*vocab, *found)))
        try:
            run = build_run(config, select=settings.select)
        except CopylintError as error:
            return Prepared(config_path, None, str(error), rule_dirs, found, stamps, vocab)
        return Prepared(config_path, run, None, rule_dirs, found, stamps, vocab,
                        {rule.id: rule for rule in run.linters.all_rules})


def _apply(config: Config, settings: Settings) -> None:
    """The client's settings over the configuration file's, each remembering its origin."""
    if settings.house:
        config.set("house", settings.house, "client setting copylint.house")
    if settings.ignore:
        config.set("disable", [*config.disable, *settings.ignore],
                   "client setting copylint.ignore (and the configuration)")
    if settings.vocab:
        config.set("vocab", [*config.vocab, *settings.vocab],
                   "client setting copylint.vocab (and the configuration)")
