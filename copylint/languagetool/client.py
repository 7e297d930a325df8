"""Talking to LanguageTool: startup through language_tool_python, checks over its HTTP API.

A local LanguageTool is started (downloaded first if needed) by `language_tool_python` (see
local.py), and a remote one is opened with its `remote_server` argument, so the library validates the language
against `/v2/languages`. The checks themselves are plain `POST /v2/check` requests made here with
urllib: that keeps control of batching, timeouts and exact UTF-16 offsets, and turns every failure
into one LanguageToolError line that says what to do.
"""

from __future__ import annotations

import contextlib
import json
import urllib.parse
from collections.abc import Callable
from typing import Any

from .errors import LanguageToolError
from .settings import LanguageToolSettings

USER_AGENT = "copylint-languagetool/1"
MAX_REPLY_BYTES = 64 * 1024 * 1024
"""The largest reply read from a server (64 MB); LanguageTool's answer for 20 KB is far smaller."""
PUBLIC_HOSTS = ("api.languagetool.org", "api.languagetoolplus.com", "languagetool.org")
#: (status, words in the reply, message): the limits LanguageTool's server enforces, as its
#: LanguageToolHttpHandler, RequestLimiter and ErrorRequestLimiter report them
_SERVER_LIMITS = (
    (403, ("request limit", "size limit"),
     "{where} refused copylint because its request limit is reached (HTTP {status}{detail}); wait "
     "for the period it names and run again, check fewer files at once, or raise requestLimit, "
     "requestLimitInBytes or requestLimitPeriodInSeconds in the server's configuration"),
    (403, ("too many recent timeouts",),
     "{where} refused copylint after too many checks that timed out (HTTP {status}{detail}); wait "
     "and run again with a smaller LanguageTool batch size, or raise the server's "
     "maxCheckTimeMillis or timeoutRequestLimit"),
    (400, ("too many errors", "errorratetoohigh"),
     "{where} stopped checking because too many words looked wrong (HTTP {status}{detail}); check "
     "that the copy is in the LanguageTool language set (now {language}), or raise the server's "
     "maxErrorsPerWordRate"),
)
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


def _retry_after(headers: Any) -> str:
    """` N s` when the server says how long to wait (Retry-After in seconds)."""
    value = str(headers.get("Retry-After", "") if headers is not None else "").strip()
    return f" {int(value)} s" if value.isdigit() and int(value) < 100_000 else " a minute"


def _detail(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0].strip() if text else ""
    if line.startswith("<"):  # an HTML error page says nothing useful in one line
        return ""
    return f": {line[:160]}{'...' if len(line) > 160 else ''}" if line else ""


class HttpApi:
    """The LanguageTool HTTP API at `url` (ending in '/v2/'), with one-line errors."""

    def __init__(self, url: str, timeout: float, *, where: str, local: bool = False,
                 batch_size: int | None = None, language: str = "en-US") -> None:
        self.url = url
        self.timeout = timeout
        self.where = where
        self.local = local
        self.batch_size = batch_size
        self.language = language
        self.public = (urllib.parse.urlsplit(url).hostname or "") in PUBLIC_HOSTS
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

        from . import transport

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
            payload = transport.fetch(request, self.timeout, MAX_REPLY_BYTES)
        except transport.StatusError as error:
            raise self._status(error.status, error.body, error.headers) from None
        except transport.Expired:
            raise self._timeout() from None
        except transport.TooLarge as error:
            raise self._too_large(error.size) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timeout() from None
            raise self._unreachable(error.reason) from None
        except TimeoutError:
            raise self._timeout() from None
        except (http.client.HTTPException, OSError, ValueError) as error:
            raise self._unreachable(error) from None
        try:
            return json.loads(payload.decode("utf-8"))
        except (ValueError, RecursionError) as error:  # JSONDecodeError, UnicodeDecodeError
            raise self._malformed(f"{type(error).__name__}: {str(error)[:80]}") from None

    def _status(self, status: int, body: bytes, headers: Any = None) -> LanguageToolError:
        detail = _detail(body)
        text = body.decode("utf-8", "replace").lower()
        if status in (426, 429):
            wait = _retry_after(headers)
            if self.public:
                return LanguageToolError(
                    f"{self.where} is rate limiting copylint (HTTP {status}{detail}); wait{wait} and "
                    "run again, or use a LanguageTool server of your own (the public API allows 20 "
                    "requests and 75 KB a minute)")
            return LanguageToolError(
                f"{self.where} (or a proxy in front of it) is rate limiting copylint (HTTP "
                f"{status}{detail}); wait{wait} and run again, or ask whoever runs it to raise the "
                "limit for this client")
        for limit_status, markers, advice in _SERVER_LIMITS:
            if status == limit_status and any(marker in text for marker in markers):
                return LanguageToolError(advice.format(where=self.where, status=status,
                                                       detail=detail, language=self.language))
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

    def _too_large(self, size: int) -> LanguageToolError:
        return LanguageToolError(
            f"{self.where} sent a reply of more than {MAX_REPLY_BYTES // (1024 * 1024)} MB "
            f"({size:,} bytes or more) and it was not read; check that the URL points to a "
            "LanguageTool server")

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


def connect(settings: LanguageToolSettings,
            notice: Callable[[str], None] | None = None) -> Connection:
    """Start a local LanguageTool or open the server in `settings`; LanguageToolError on failure.

    `notice` hears, before it starts, that LanguageTool is about to be downloaded.
    """
    if settings.server:
        return _connect_remote(settings)
    from .local import connect_local  # the local mode's download and start-up

    return connect_local(settings, notice)


def _connect_remote(settings: LanguageToolSettings) -> Connection:
    base = normalise_server(str(settings.server))
    api = HttpApi(urllib.parse.urljoin(base, "v2/"), settings.timeout, where=_where(settings),
                  batch_size=settings.batch_size, language=settings.language)
    api.languages()  # within copylint's deadline and size cap, before the library asks the same
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
