"""The server's settings: what `copylint serve` was started with.

They travel to uvicorn's worker processes as JSON in one environment variable, so every worker
builds the same runs from the same configuration.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

from .defaults import DEFAULT_HOST, DEFAULT_MAX_BYTES, DEFAULT_PORT, DEFAULT_THREADS, DEFAULT_TIMEOUT

#: the environment variable that carries the settings to uvicorn's workers
SETTINGS_ENV = "COPYLINT_SERVE_SETTINGS"


@dataclass(frozen=True)
class ServerSettings:
    """Everything a worker needs to build its app; no secrets are logged from here."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = 1
    token: str | None = None
    config: str | None = None
    house: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    languagetool: str | None = None
    cors_origins: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    threads: int = DEFAULT_THREADS
    #: the working directory the configuration is looked up from
    cwd: str = field(default_factory=os.getcwd)

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ServerSettings:
        raw = (environ if environ is not None else os.environ).get(SETTINGS_ENV)
        if not raw:
            raise RuntimeError(f"{SETTINGS_ENV} is not set: start the server with 'copylint serve'")
        data = json.loads(raw)
        data["cors_origins"] = tuple(data.get("cors_origins") or ())
        return cls(**data)

    @property
    def local_only(self) -> bool:
        """True when the server listens on a loopback address only."""
        import ipaddress

        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"
