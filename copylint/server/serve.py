"""Running the app on uvicorn: the listening socket, workers, and a graceful stop.

On SIGTERM or SIGINT uvicorn stops accepting connections, lets the requests in flight finish
(at most the check time limit and a few seconds more), and the command exits with status 0.
"""

from __future__ import annotations

import inspect
import multiprocessing
import os
import shutil
import signal
import socket
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

import uvicorn
from uvicorn.supervisors import Multiprocess

from ..errors import UsageError
from .metrics import MULTIPROC_ENV
from .settings import SETTINGS_ENV, ServerSettings

#: seconds a stopping server gives requests in flight beyond the check time limit
SHUTDOWN_GRACE = 5.0
APP_FACTORY = "copylint.server.app:create_app"
BACKLOG = 2048  # uvicorn's default


def listen(host: str, port: int) -> socket.socket:
    """A listening, inheritable socket; UsageError (one line) when it cannot be had."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise UsageError(f"--host {host}: cannot resolve it ({error.strerror})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)  # connections wait in the queue until uvicorn accepts them
    except OSError as error:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    sock.set_inheritable(True)
    return sock


@contextmanager
def quiet_stop_signals() -> Iterator[None]:
    """uvicorn raises the stop signal again once it has shut down gracefully; with the default
    handler the process would then die of it. Here it is ignored, so the command exits 0."""
    previous = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def serve(settings: ServerSettings, announce: Callable[[ServerSettings], None],
          access_log: bool = False) -> None:
    """Build the app (configuration errors stop here, as one line), bind, announce, serve."""
    sock = listen(settings.host, settings.port)
    settings = _with_port(settings, sock.getsockname()[1])
    options = dict(log_level="info", access_log=access_log, server_header=False,
                   timeout_graceful_shutdown=int(settings.timeout + SHUTDOWN_GRACE),
                   lifespan="on")
    metrics_dir = None
    try:
        if settings.workers > 1:
            metrics_dir = tempfile.mkdtemp(prefix="copylint-metrics-")
            os.environ[MULTIPROC_ENV] = metrics_dir
            os.environ[SETTINGS_ENV] = settings.to_env()
            problem = check_in_child(settings)
            if problem:
                raise UsageError(problem)
            config = uvicorn.Config(APP_FACTORY, factory=True, workers=settings.workers, **options)
            announce(settings)
            supervisor(config, sock).run()
        else:
            from .app import create_app
            from .checker import Checker

            app = create_app(settings, Checker(settings))
            config = uvicorn.Config(app, **options)
            announce(settings)
            with quiet_stop_signals():
                uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        if metrics_dir is not None:
            for name in (MULTIPROC_ENV, SETTINGS_ENV):  # the workers are gone: forget them
                os.environ.pop(name, None)
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _configuration_problem(settings: ServerSettings) -> str | None:
    from ..errors import CopylintError
    from .checker import Checker

    try:
        Checker(settings).close()
    except CopylintError as error:
        return str(error)
    return None


def check_in_child(settings: ServerSettings) -> str | None:
    """Build the workers' checker once in a short-lived child process, so a configuration error
    is one line here, before any worker starts, and the supervisor stays small."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                          else "spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(_configuration_problem, settings).result()


def supervisor(config: uvicorn.Config, sock: socket.socket) -> Multiprocess:
    """uvicorn's worker supervisor (its signature lost the `target` argument in 0.3x)."""
    if "target" in inspect.signature(Multiprocess).parameters:
        return Multiprocess(config, target=uvicorn.Server(config).run, sockets=[sock])
    return Multiprocess(config, sockets=[sock])


def _with_port(settings: ServerSettings, port: int) -> ServerSettings:
    from dataclasses import replace

    return replace(settings, port=port)
