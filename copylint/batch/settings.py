"""What a batch run checks with: the configuration, sent once to every worker, which builds its
run from it (the same `build_run` as `copylint check`).

The files the configuration names (`--rules` packs and their folders, `--vocab` lists) travel
with it: a worker that does not have them at the same paths, with the same content, gets a copy
in a scratch folder, so a cluster of machines needs no shared filesystem for them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import UsageError
from ..readers.stories import CONTAINER_FORMATS

if TYPE_CHECKING:
    from ..languagetool import LanguageToolBackend
    from ..runner import Run

#: Config fields that do not change findings (or are the client's business)
_NOT_CHECKED = frozenset({"origins", "entry_origins", "format", "fail_on", "jobs", "exclude",
                          "respect_gitignore", "path"})
#: the most bytes of rule and vocabulary files sent to the workers
MAX_SHIPPED = 64 * 1024 * 1024


@dataclass(frozen=True)
class BatchSettings:
    """The configuration, `--select`, `--input-format` (a reader format, `jsonl`, or None) and
    the LanguageTool server, if any. Picklable: it travels to the workers."""

    config: Config
    select: tuple[str, ...] | None = None
    input_format: str | None = None
    languagetool: str | None = None
    #: (absolute path, content) of every rule and vocabulary file the configuration names
    shipped: tuple[tuple[str, bytes], ...] = ()

    @classmethod
    def create(cls, config: Config, select: tuple[str, ...] | None = None,
               input_format: str | None = None, languagetool: str | None = None,
               ) -> BatchSettings:
        """Settings carrying the contents of the rule and vocabulary files they name."""
        return cls(config, select, input_format, languagetool, _read_named_files(config))

    @property
    def reader_format(self) -> str | None:
        """The format every story is read as (None: each story's own)."""
        return None if self.input_format in (None, "auto", *CONTAINER_FORMATS) else self.input_format

    @property
    def story_format(self) -> str | None:
        """The format files are split by (`jsonl` included)."""
        return None if self.input_format == "auto" else self.input_format

    def build(self, scratch: Path | None = None, config: Config | None = None) -> Run:
        """A run for these settings (or for `config`, their `effective_config`); CopylintError
        (one line) when they are wrong."""
        from ..api import build_run

        return build_run(config or self.effective_config(scratch), select=self.select,
                         input_format=self.reader_format, languagetool=self._languagetool())

    def effective_config(self, scratch: Path | None = None) -> Config:
        """The configuration as this machine can use it: rule and vocabulary files missing or
        different here are written under `scratch` (a new temporary folder if None) and named
        from there."""
        if not self.shipped or all(_same(path, data) for path, data in self.shipped):
            return self.config
        if scratch is None:
            import tempfile

            scratch = Path(tempfile.mkdtemp(prefix="copylint-batch-"))
        return self._materialized(scratch)

    def _materialized(self, scratch: Path) -> Config:
        """The configuration with its files copied under `scratch` (their absolute paths kept
        below it, so packs that name files beside them still find them)."""
        def moved(path: Path) -> Path:
            absolute = path.resolve()
            return scratch / absolute.relative_to(absolute.anchor)

        for path, data in self.shipped:
            target = moved(Path(path))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return replace(self.config, rules=[moved(p) for p in self.config.rules],
                       vocab=[moved(p) for p in self.config.vocab])

    def _languagetool(self) -> LanguageToolBackend | None:
        if self.languagetool is None and not self.config.languagetool:
            return None
        from ..languagetool import LanguageToolBackend, LanguageToolSettings

        overrides: dict[str, object] = {}
        if self.languagetool is not None:
            overrides = {"enabled": True, "server": self.languagetool}
        settings = LanguageToolSettings.from_config(self.config.languagetool or None, **overrides)
        if not settings.enabled:
            return None
        if settings.server is None:
            raise UsageError("batch: LanguageTool needs a server every worker can reach "
                             "(--languagetool http://HOST:PORT, or languagetool: server: in the "
                             "configuration); a local one per worker is not started")
        return LanguageToolBackend(settings)

    def fingerprint(self) -> str:
        """A digest of everything that changes findings: a resumed run must match it."""
        described = {f.name: getattr(self.config, f.name) for f in fields(self.config)
                     if f.name not in _NOT_CHECKED}
        described.update(select=self.select, input_format=self.input_format,
                         languagetool=self.languagetool,
                         shipped=[(path, hashlib.sha256(data).hexdigest())
                                  for path, data in self.shipped])
        text = json.dumps(described, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _read_named_files(config: Config) -> tuple[tuple[str, bytes], ...]:
    """The files under every rule path (a pack, or a folder of packs and their data) and every
    vocabulary file; paths that do not exist are left for `build` to report."""
    files: list[Path] = []
    for entry in config.rules:
        if entry.is_dir():
            files.extend(sorted(p for p in entry.rglob("*") if p.is_file()))
        elif entry.is_file():
            files.append(entry)
    files.extend(path for path in config.vocab if path.is_file())
    shipped = tuple((str(path.resolve()), path.read_bytes()) for path in files)
    if sum(len(data) for _, data in shipped) > MAX_SHIPPED:
        raise UsageError(f"batch: the rule and vocabulary files come to more than "
                         f"{MAX_SHIPPED // (1024 * 1024)} MiB; put them at the same paths on "
                         "every worker instead")
    return shipped


def _same(path: str, data: bytes) -> bool:
    try:
        return Path(path).read_bytes() == data
    except OSError:
        return False
