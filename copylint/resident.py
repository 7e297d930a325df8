"""A resident copylint: one process that keeps the rules, the gazetteer and the dictionary loaded,
and runs each `copylint` command a client hands it in a fork of itself.

Starting Python, importing copylint and loading its data takes longer than checking a story.
With `copylint resident` running and `COPYLINT_RESIDENT` naming its socket, the `copylint`
command (`copylint.launcher`) imports nothing of the engine: it sends its arguments, working
directory and environment, and its standard input, output and error themselves (as file
descriptors over a Unix socket), to the resident process. That process forks; the child takes
the client's descriptors, directory and environment and runs the ordinary command line
(`copylint.cli`), so that what it prints, where, and the exit status are exactly those of a
command run without it. The client then exits with the child's status.

The client falls back to running the command itself, as if no resident process were there, when
the socket cannot be reached, or when the resident process runs another copylint (another
version, or changed code: it is then stale, and stops). Only Unix systems can pass descriptors,
so elsewhere there is no resident process. The socket is the user's own (mode 0600, in a
directory only the user may write).
"""

from __future__ import annotations

import os
import struct
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing into the client
if TYPE_CHECKING:
    import socket
    from collections.abc import Callable

#: the environment variable that names the resident process's socket
ENV = "COPYLINT_RESIDENT"
#: its value that asks for a resident process at the default socket, started when none answers
AUTO = "auto"
#: seconds without a command after which a resident process started by `auto` stops
AUTO_IDLE = 900
#: bytes of the length that precedes each message
_HEADER = struct.Struct("!I")
#: the longest request accepted (arguments and environment)
MAX_REQUEST = 4 * 1024 * 1024
_CONNECT_TIMEOUT = 2.0


# -- the client: the `copylint` command, before it imports anything else -------------------------

def run_resident(argv: list[str]) -> int | None:
    """Have the resident process named by $COPYLINT_RESIDENT run `copylint ARGV` with this
    process's standard streams; its exit status, or None when there is none to ask (run the
    command here). Only a resident process that answers and then fails gives an error (2).

    With $COPYLINT_RESIDENT set to `auto`, the socket is the default one, and when no resident
    process answers there one is started in the background (it stops after AUTO_IDLE seconds
    without a command) while this command runs here."""
    path = os.environ.get(ENV, "")
    if not path:
        return None
    if path == AUTO:
        path = auto_socket()
        if path is None:
            return None
        status = _ask(path, argv)
        if status is None:
            _start_in_background(path)
        return status
    return _ask(path, argv)


def _ask(path: str, argv: list[str]) -> int | None:
    """The exit status of `copylint ARGV` run by the resident process at `path`, or None."""
    # the socket module's C core: `socket` itself imports `selectors` and `enum`, which would
    # cost the command more than the rest of its way to the resident process
    import _socket

    from . import __version__

    if not hasattr(_socket, "AF_UNIX") or not hasattr(_socket, "SCM_RIGHTS"):
        return None
    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        client.settimeout(_CONNECT_TIMEOUT)
        client.connect(path)
        client.settimeout(None)
        request = encode_request(__version__, argv, os.getcwd(), dict(os.environ))
        streams = struct.pack("3i", 0, 1, 2)     # this process's stdin, stdout and stderr
        payload = _HEADER.pack(len(request)) + request
        sent = client.sendmsg([payload], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, streams)])
        if sent < len(payload):
            client.sendall(payload[sent:])      # the descriptors went with the first part
    except OSError:
        client.close()
        return None     # no resident process (or not one that listens): run here
    try:
        reply = _receive(client)
    except OSError:
        reply = None
    except KeyboardInterrupt:
        sys.stderr.write("Aborted!\n")    # as the command line says it
        return 1
    finally:
        client.close()
    if reply is None or not (reply == b"stale" or reply.isdigit()):
        sys.stderr.write(f"copylint: error: the resident process at {path} ended without an "
                         "answer; run the command again without COPYLINT_RESIDENT\n")
        return 2
    if reply == b"stale":
        return None     # it runs another copylint and has stopped: run here
    return int(reply)


def auto_socket() -> str | None:
    """The socket `auto` uses: resident.sock in copylint's cache directory (None when caching,
    and so the directory, is off)."""
    from .cachedir import cache_path

    directory = cache_path()
    return None if directory is None else os.path.join(directory, "resident.sock")


def _start_in_background(path: str) -> None:
    """Start `copylint resident` on `path` in a session of its own, detached from this command's
    terminal and streams, to stop after AUTO_IDLE idle seconds. A second one started at the same
    moment finds the socket taken and exits."""
    import subprocess
    from contextlib import suppress

    environment = {key: value for key, value in os.environ.items() if key != ENV}
    with suppress(OSError):  # none started: the command still runs here, as without one
        subprocess.Popen(
            [sys.executable, "-m", "copylint", "resident", "--socket", path, "--idle-timeout",
             str(AUTO_IDLE), "--quiet"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True, env=environment)


def encode_request(version: str, argv: list[str], cwd: str, env: dict[str, str]) -> bytes:
    """A request as NUL-separated fields: the version, the number of arguments, the arguments,
    the working directory, then the environment as NAME=VALUE (no field can hold a NUL)."""
    fields = [version, str(len(argv)), *argv, cwd, *(f"{k}={v}" for k, v in env.items())]
    return "\0".join(fields).encode("utf-8", "surrogateescape")


def decode_request(data: bytes) -> dict | None:
    """The request `encode_request` made, or None when it is not one."""
    fields = data.decode("utf-8", "surrogateescape").split("\0")
    if len(fields) < 3 or not fields[1].isdigit() or len(fields) < 3 + int(fields[1]):
        return None
    count = int(fields[1])
    env = dict(item.partition("=")[::2] for item in fields[3 + count:] if "=" in item)
    return {"version": fields[0], "argv": fields[2:2 + count], "cwd": fields[2 + count],
            "env": env}


def _receive(connection: socket.socket) -> bytes | None:
    """One length-prefixed message, or None at the end of the stream."""
    header = _read_exactly(connection, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    return _read_exactly(connection, size) if size <= MAX_REQUEST else None


def _read_exactly(connection: socket.socket, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = connection.recv(size)
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _send(connection: socket.socket, message: bytes) -> None:
    connection.sendall(_HEADER.pack(len(message)) + message)


# -- the resident process ------------------------------------------------------------------------

def default_socket() -> str:
    """$COPYLINT_RESIDENT (unless `auto`), else `resident.sock` in copylint's cache directory."""
    explicit = os.environ.get(ENV)
    if explicit and explicit != AUTO:
        return explicit
    path = auto_socket()
    if path is None:
        raise OSError("no cache directory for the socket (COPYLINT_NO_CACHE is set): give --socket")
    return path


def serve(path: str, log: bool = True, idle: float | None = None) -> None:
    """Load everything, listen on the Unix socket `path` and run each command a client sends in
    a child process, until SIGTERM or SIGINT, or until `idle` seconds pass without a command.
    OSError when the socket cannot be made."""
    import gc
    import signal
    import socket

    if not hasattr(socket, "send_fds"):
        raise OSError("a resident process needs Unix sockets that pass file descriptors")
    code = _warm_up()
    listener = _listen(path)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)    # children are reaped by the system
    stop = _stopper(listener)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    gc.freeze()       # what is loaded now lives as long as the process: forks share it
    if log:
        sys.stderr.write(f"copylint: resident at {path}; export {ENV}={path}\n")
        sys.stderr.flush()
    listener.settimeout(idle)
    try:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                break         # idle too long (TimeoutError), or the listener closed by a signal
            connection.setblocking(True)
            _handle(listener, connection, code, log)
    finally:
        listener.close()
        _unlink(path)


def _warm_up() -> bytes:
    """Import the command line and load what a default run reads; copylint's code key."""
    from .api import build_run
    from .cache import code_key
    from .cli import main  # noqa: F401 - imported here once, for every child
    from .config import Config

    build_run(Config()).linters.warm_up()
    return code_key()


def _listen(path: str) -> socket.socket:
    """A listening socket at `path`, readable by this user only; OSError when another resident
    process answers there."""
    import socket

    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(path)
    except OSError:
        _unlink(path)     # nothing listens there: a socket left by a process that died
    else:
        probe.close()
        raise OSError(f"a resident process already listens at {path}")
    finally:
        probe.close()
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, mode=0o700, exist_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)
    try:
        listener.bind(path)
    finally:
        os.umask(old_mask)
    listener.listen(16)
    return listener


def _stopper(listener: socket.socket) -> Callable[[int, object], None]:
    """A signal handler that closes the listener, which ends the accept loop."""
    def stop(signum: int, frame: object) -> None:
        listener.close()
    return stop


def _unlink(path: str) -> None:
    from contextlib import suppress

    with suppress(FileNotFoundError):
        os.unlink(path)


def _handle(listener: socket.socket, connection: socket.socket, code: bytes, log: bool) -> None:
    """Take one request and run it in a child; the parent only closes its copies. A client that
    connects and sends nothing is given up after a few seconds."""
    import socket

    fds: list[int] = []
    connection.settimeout(_CONNECT_TIMEOUT)
    try:
        header, fds, _, _ = socket.recv_fds(connection, _HEADER.size + 65536, 3)
        request = _complete(connection, header)
    except (OSError, ValueError):
        request = None
    if request is None or len(fds) != 3:
        for fd in fds:
            os.close(fd)
        connection.close()
        return
    pid = os.fork()
    if pid == 0:
        listener.close()
        connection.settimeout(None)
        _child(connection, fds, request, code)   # never returns
    for fd in fds:
        os.close(fd)
    connection.close()
    if log:
        sys.stderr.write(f"copylint: resident ran copylint {' '.join(request['argv'])} "
                         f"(pid {pid})\n")
        sys.stderr.flush()


def _complete(connection: socket.socket, data: bytes) -> dict | None:
    """The request whose first bytes are `data` (read on until its length is reached)."""
    if len(data) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(data[:_HEADER.size])
    if size > MAX_REQUEST:
        return None
    body = data[_HEADER.size:]
    if len(body) < size:
        rest = _read_exactly(connection, size - len(body))
        if rest is None:
            return None
        body += rest
    return decode_request(body)


def _child(connection: socket.socket, fds: list[int], request: dict, code: bytes) -> None:
    """Become the client's command: its streams, directory and environment; then answer with the
    exit status (or that this process is stale) and end."""
    import signal

    status = 2
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)    # the command may wait for its own
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if _stale(request, code):
            _send(connection, b"stale")
            os.kill(os.getppid(), signal.SIGTERM)       # stop the stale resident process
            os._exit(0)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        _reopen_streams()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        status = _run(request["argv"])
    except BaseException:  # anything the command did not handle itself
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        from contextlib import suppress

        with suppress(OSError):
            _send(connection, str(status).encode("ascii"))
        os._exit(0)


def _stale(request: dict, code: bytes) -> bool:
    """Another version asks, or copylint's code changed since this process loaded it."""
    from . import __version__
    from .cache import code_key

    return request.get("version") != __version__ or code_key.__wrapped__() != code


def _reopen_streams() -> None:
    """New standard streams over descriptors 0, 1 and 2 (now the client's), as Python makes them
    at start-up: line-buffered on a terminal."""
    import io

    def stream(fd: int, mode: str, errors: str) -> io.TextIOWrapper:
        raw = io.FileIO(fd, mode, closefd=False)
        buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
        return io.TextIOWrapper(buffered, encoding=sys.stdout.encoding, errors=errors,
                                line_buffering=mode == "w" and raw.isatty(),
                                write_through=fd == 2)

    sys.stdin = stream(0, "r", "surrogateescape")
    sys.stdout = stream(1, "w", sys.stdout.errors or "strict")
    sys.stderr = stream(2, "w", "backslashreplace")


def _run(argv: list[str]) -> int:
    """`copylint ARGV`, as the command line runs it; its exit status."""
    from .cli import main

    sys.argv = ["copylint", *argv]
    try:
        main(args=argv, prog_name="copylint")
    except SystemExit as done:
        code = done.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 1
    return 0
