"""Talking to LanguageTool: startup through language_tool_python, checks over its HTTP API.

A local LanguageTool is started (downloaded first if needed) by `language_tool_python`, and a
remote one is opened with its `remote_server` argument, so the library validates the language
against `/v2/languages`. The checks themselves are plain `POST /v2/check` requests made here with
urllib: that keeps control of batching, timeouts and exact UTF-16 offsets, and turns every failure
into one LanguageToolError line that says what to do.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import urllib.parse
from typing import Any

from .errors import LanguageToolError
from .settings import LanguageToolSettings

USER_AGENT = "copylint-languagetool/1"
MAX_PORT_TRIES = 4
INSTALL_JAVA = ("install Java 17 or newer (for example 'apt-get install openjdk-17-jre-headless'), "
                "or pass the URL of a LanguageTool server (--languagetool URL)")


def normalise_server(url: str) -> str:
    """The base URL of a server, ending in '/', without a trailing 'v2' (the API path is added)."""
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/v2"):
        path = path[:-3]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


def _detail(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0].strip() if text else ""
    if line.startswith("<"):  # an HTML error page says nothing useful in one line
        return ""
    return f": {line[:160]}{'...' if len(line) > 160 else ''}" if line else ""


class HttpApi:
    """The LanguageTool HTTP API at `url` (ending in '/v2/'), with one-line errors."""

    def __init__(self, url: str, timeout: float, *, where: str, local: bool = False,
                 batch_size: int | None = None) -> None:
        self.url = url
        self.timeout = timeout
        self.where = where
        self.local = local
        self.batch_size = batch_size
        self.requests = 0

    def languages(self) -> list[dict[str, Any]]:
        data = self._request("languages")
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise self._malformed("/v2/languages is not a list of languages")
        return data

    def check(self, form: dict[str, str]) -> dict[str, Any]:
        data = self._request("check", form)
        if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
            raise self._malformed("no list of matches")
        return data

    def _request(self, endpoint: str, form: dict[str, str] | None = None) -> Any:
        import http.client  # imported here: a run served from the cache never needs them
        import urllib.error
        import urllib.request

        url = urllib.parse.urljoin(self.url, endpoint)
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode("utf-8")
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        request = urllib.request.Request(url, data=body, headers=headers,
                                         method="POST" if form is not None else "GET")
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
        except urllib.error.HTTPError as error:
            try:
                error_body = error.read(2000)
            except (OSError, http.client.HTTPException):
                error_body = b""
            raise self._status(error.code, error_body) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timeout() from None
            raise self._unreachable(error.reason) from None
        except TimeoutError:
            raise self._timeout() from None
        except (http.client.HTTPException, OSError) as error:
            raise self._unreachable(error) from None
        try:
            return json.loads(payload.decode("utf-8"))
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
            raise self._malformed(f"{type(error).__name__}: {str(error)[:80]}") from None

    def _status(self, status: int, body: bytes) -> LanguageToolError:
        detail = _detail(body)
        if status in (426, 429):
            return LanguageToolError(
                f"{self.where} is rate limiting copylint (HTTP {status}{detail}); wait a minute and "
                "run again, or use a LanguageTool server of your own (the public API allows "
                "20 requests and 75 KB a minute)")
        if status == 413:
            size = f" (now {self.batch_size} bytes)" if self.batch_size else ""
            return LanguageToolError(
                f"{self.where} rejected the text as too long (HTTP 413{detail}); lower the "
                f"LanguageTool batch size{size} or raise the server's maxTextLength")
        if status in (401, 403):
            return LanguageToolError(
                f"{self.where} refused access (HTTP {status}{detail}); check the URL, or use a "
                "server that needs no account")
        if status == 404:
            return LanguageToolError(
                f"{self.where} has no LanguageTool API at {self.url} (HTTP 404); give the server's "
                "base URL, for example http://localhost:8081")
        if 400 <= status < 500:
            return LanguageToolError(
                f"{self.where} refused the request (HTTP {status}{detail}); check the LanguageTool "
                "language and rule ids in the settings")
        return LanguageToolError(
            f"{self.where} failed (HTTP {status}{detail}); try again later or look at the server's log")

    def _timeout(self) -> LanguageToolError:
        return LanguageToolError(
            f"{self.where} did not answer within {self.timeout:g} s; raise the LanguageTool timeout "
            "or check that the server is not overloaded")

    def _unreachable(self, reason: object) -> LanguageToolError:
        reason = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        if self.local:
            return LanguageToolError(
                f"{self.where} stopped answering ({reason}); run again, or pass the URL of a "
                "LanguageTool server (--languagetool URL)")
        return LanguageToolError(
            f"cannot reach {self.where} ({reason}); check the URL and that the server is running "
            "(java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port 8081), "
            "or leave the URL out to start a local LanguageTool")

    def _malformed(self, why: str) -> LanguageToolError:
        return LanguageToolError(
            f"{self.where} sent an answer that is not LanguageTool's JSON ({why}); check that the "
            "URL points to a LanguageTool server")


class Connection:
    """An open LanguageTool: the language_tool_python object and the HTTP API it serves."""

    def __init__(self, tool: Any, api: HttpApi, language: str, version_hint: str | None) -> None:
        self.tool = tool
        self.api = api
        self.language = language
        self.version_hint = version_hint

    def close(self) -> None:
        tool, self.tool = self.tool, None
        if tool is not None:
            with contextlib.suppress(Exception):  # closing must never hide the run's result
                tool.close()


def _library() -> Any:
    try:
        import language_tool_python
    except ImportError:
        raise LanguageToolError(
            "the LanguageTool backend needs the language-tool-python package; "
            "install it with 'pip install language-tool-python'") from None
    return language_tool_python


def local_version() -> str:
    """The LanguageTool version language_tool_python downloads and starts by default."""
    _library()
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION
    return str(LTP_DOWNLOAD_VERSION)


def _tool_class(timeout: float) -> type:
    library = _library()

    class Tool(library.LanguageTool):  # type: ignore[misc, name-defined]
        _TIMEOUT = timeout  # the library's request timeout (300 s by default)

        def _start_server_on_free_port(self) -> None:
            # The library would try every port from 8081 to 8999 when the server fails to start.
            ports = getattr(self, "_available_ports", None)
            if isinstance(ports, list):
                del ports[MAX_PORT_TRIES - 1:]
            super()._start_server_on_free_port()

    return Tool


def _chain(error: BaseException) -> list[BaseException]:
    chain = []
    while error is not None and error not in chain:
        chain.append(error)
        error = error.__cause__ or error.__context__
    return chain


def _where(settings: LanguageToolSettings) -> str:
    return f"the LanguageTool server at {settings.server}" if settings.server else "the local LanguageTool"


def connect(settings: LanguageToolSettings) -> Connection:
    """Start a local LanguageTool or open the server in `settings`; LanguageToolError on failure."""
    if settings.server:
        return _connect_remote(settings)
    return _connect_local(settings)


def _connect_remote(settings: LanguageToolSettings) -> Connection:
    base = normalise_server(str(settings.server))
    api = HttpApi(urllib.parse.urljoin(base, "v2/"), settings.timeout, where=_where(settings),
                  batch_size=settings.batch_size)
    tool_class = _tool_class(settings.timeout)
    try:
        tool = tool_class(language=settings.language, remote_server=base)
    except (Exception, SystemExit) as error:  # every failure becomes one line
        raise _remote_failure(error, settings, api) from None
    return Connection(tool, api, str(tool.language), None)


def _remote_failure(error: BaseException, settings: LanguageToolSettings,
                    api: HttpApi) -> LanguageToolError:
    import requests

    for cause in _chain(error):
        if isinstance(cause, requests.exceptions.Timeout):
            return api._timeout()
        if isinstance(cause, requests.exceptions.ConnectionError):
            return api._unreachable(_reason(cause))
    if isinstance(error, ValueError) and "language" in str(error):
        return _unknown_language(settings, api)
    try:  # ask again, without the library, for the precise status or shape
        api.languages()
    except LanguageToolError as precise:
        return precise
    return api._malformed(str(error).splitlines()[0][:120] if str(error) else type(error).__name__)


def _unknown_language(settings: LanguageToolSettings, api: HttpApi) -> LanguageToolError:
    return LanguageToolError(
        f"{api.where} does not know the language '{settings.language}'; use a code it lists at "
        f"{api.url}languages, such as en-US or en-GB")


def _reason(error: BaseException) -> str:
    text = str(error)
    for marker in ("Connection refused", "Name or service not known", "timed out",
                   "No route to host", "Temporary failure in name resolution", "Network is unreachable"):
        if marker in text:
            return marker
    return text.splitlines()[0][:120] if text else type(error).__name__


def _connect_local(settings: LanguageToolSettings) -> Connection:
    if shutil.which("java") is None:
        raise LanguageToolError(f"LanguageTool needs Java, and no 'java' is on PATH; {INSTALL_JAVA}")
    library = _library()
    tool_class = _tool_class(settings.timeout)
    try:
        tool = tool_class(language=settings.language)
    except (Exception, SystemExit) as error:  # every failure becomes one line
        raise _local_failure(error, settings, library) from None
    url = getattr(tool, "url", None) or tool._url
    api = HttpApi(url, settings.timeout, where=f"the local LanguageTool server ({url})", local=True,
                  batch_size=settings.batch_size)
    version = None if os.environ.get("LTP_JAR_DIR_PATH") else str(
        getattr(tool, "language_tool_download_version", local_version()))
    return Connection(tool, api, str(tool.language), version)


def _local_failure(error: BaseException, settings: LanguageToolSettings,
                   library: Any) -> LanguageToolError:
    import requests

    exceptions = library.exceptions
    where = os.environ.get("LTP_PATH") or "~/.cache/language_tool_python"
    message = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
    offline = ("could not download LanguageTool ({why}); connect to the internet once, or unpack "
               f"LanguageTool into {where} (or set LTP_JAR_DIR_PATH), or pass the URL of a "
               "LanguageTool server (--languagetool URL)")
    for cause in _chain(error):
        if isinstance(cause, (ModuleNotFoundError, exceptions.JavaError)):
            return LanguageToolError(
                f"LanguageTool needs Java, and none was found ({message}); {INSTALL_JAVA}")
        if isinstance(cause, SystemError) and "java" in str(cause).lower():
            return LanguageToolError(f"{message}; {INSTALL_JAVA}")
        if isinstance(cause, SystemExit) and "java" in str(cause).lower():
            return LanguageToolError(f"cannot tell which Java is installed ({message}); {INSTALL_JAVA}")
        if isinstance(cause, requests.exceptions.RequestException) and not isinstance(
                cause, requests.exceptions.HTTPError) and _is_download(cause):
            return LanguageToolError(offline.format(why=_reason(cause)))
        if isinstance(cause, TimeoutError) and "timed out" in str(cause) and _is_download(cause):
            return LanguageToolError(offline.format(why="the download timed out"))
        if isinstance(cause, exceptions.PathError):
            if "download" in str(cause).lower() or "url" in str(cause).lower():
                return LanguageToolError(offline.format(why=message))
            return LanguageToolError(
                f"LanguageTool is not installed correctly ({message}); delete {where} to download it "
                "again, or pass the URL of a LanguageTool server (--languagetool URL)")
        if isinstance(cause, exceptions.ServerError):
            return LanguageToolError(
                f"the local LanguageTool server did not start ({message}); check that Java 17+ works "
                "and that there is memory for it (about 1 GB), or pass the URL of a LanguageTool "
                "server (--languagetool URL)")
    if isinstance(error, exceptions.LanguageToolError):
        return LanguageToolError(
            f"the local LanguageTool server started but did not answer ({message}); run again, or "
            "pass the URL of a LanguageTool server (--languagetool URL)")
    if isinstance(error, ValueError) and "language" in str(error):
        return LanguageToolError(
            f"LanguageTool does not know the language '{settings.language}'; use a code such as "
            "en-US or en-GB")
    if isinstance(error, OSError):
        return LanguageToolError(
            f"cannot set up the local LanguageTool in {where} ({message}); free disk space or fix the "
            "directory's permissions, or pass the URL of a LanguageTool server (--languagetool URL)")
    return LanguageToolError(
        f"the local LanguageTool could not be started ({type(error).__name__}: {message}); "
        "pass the URL of a LanguageTool server (--languagetool URL) instead")


def _is_download(error: BaseException) -> bool:
    """True unless the failed request went to the local server (which is not a download)."""
    request = getattr(error, "request", None)
    url = str(getattr(request, "url", "") or "")
    host = urllib.parse.urlsplit(url).hostname or ""
    return not (host in ("localhost", "::1") or host.startswith("127.")) or not url
