"""What a batch run checks with: the configuration, sent once to every worker, which builds its
run from it (the same `build_run` as `copylint check`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
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


@dataclass(frozen=True)
class BatchSettings:
    """The configuration, `--select`, `--input-format` (a reader format, `jsonl`, or None) and
    the LanguageTool server, if any. Picklable: it travels to the workers."""

    config: Config
    select: tuple[str, ...] | None = None
    input_format: str | None = None
    languagetool: str | None = None

    @property
    def reader_format(self) -> str | None:
        """The format every story is read as (None: each story's own)."""
        return None if self.input_format in (None, "auto", *CONTAINER_FORMATS) else self.input_format

    @property
    def story_format(self) -> str | None:
        """The format files are split by (`jsonl` included)."""
        return None if self.input_format == "auto" else self.input_format

    def build(self) -> Run:
        """A run for these settings; CopylintError (one line) when they are wrong."""
        from ..api import build_run

        return build_run(self.config, select=self.select, input_format=self.reader_format,
                         languagetool=self._languagetool())

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
                         languagetool=self.languagetool)
        text = json.dumps(described, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
