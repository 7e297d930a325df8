"""Local mode: LanguageTool started on this machine by language_tool_python, downloaded first
when it is missing (unless downloading is turned off), with every failure one line."""

from __future__ import annotations

import os
import shutil
import urllib.parse
from collections.abc import Callable
from typing import Any

from .client import INSTALL_JAVA, Connection, HttpApi, _chain, _library, _reason, _tool_class
from .errors import LanguageToolError
from .settings import LanguageToolSettings


def local_version() -> str:
    """The LanguageTool version language_tool_python downloads and starts by default."""
    _library()
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION
    return str(LTP_DOWNLOAD_VERSION)


def _download_folder() -> str:
    return os.environ.get("LTP_PATH") or "~/.cache/language_tool_python"


def missing_download() -> str | None:
    """The LanguageTool version language_tool_python would download before starting, or None
    when it is installed (or LTP_JAR_DIR_PATH names an unpacked one)."""
    if os.environ.get("LTP_JAR_DIR_PATH"):
        return None
    _library()
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

    try:
        wanted = LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION)
        installed = LocalLanguageTool.get_installed_versions()
    except (OSError, ValueError):  # no download folder can be made: the download would fail too
        return str(LTP_DOWNLOAD_VERSION)
    return None if wanted in installed else str(LTP_DOWNLOAD_VERSION)


def connect_local(settings: LanguageToolSettings,
                   notice: Callable[[str], None] | None = None) -> Connection:
    if shutil.which("java") is None:
        raise LanguageToolError(f"LanguageTool needs Java, and no 'java' is on PATH; {INSTALL_JAVA}")
    library = _library()
    version = missing_download()
    if version is not None and not settings.download:
        raise LanguageToolError(
            f"LanguageTool {version} is not installed in {_download_folder()} and downloading it is "
            "turned off (--no-download, or 'download: false' under languagetool: in the "
            "configuration); pass the URL of a LanguageTool server (--languagetool URL), or unpack "
            f"LanguageTool {version} into {_download_folder()} (or set LTP_JAR_DIR_PATH to it)")
    if version is not None and notice is not None:
        notice(f"LanguageTool {version} is not installed: downloading it once (about 250 MB) into "
               f"{_download_folder()}; --no-download (or 'download: false' under languagetool: "
               "in the configuration) turns this off")
    tool_class = _tool_class(settings.timeout)
    try:
        tool = tool_class(language=settings.language)
    except (Exception, SystemExit) as error:  # every failure becomes one line
        raise _local_failure(error, settings, library) from None
    url = getattr(tool, "url", None) or tool._url
    api = HttpApi(url, settings.timeout, where=f"the local LanguageTool server ({url})", local=True,
                  batch_size=settings.batch_size, language=settings.language)
    version = None if os.environ.get("LTP_JAR_DIR_PATH") else str(
        getattr(tool, "language_tool_download_version", local_version()))
    return Connection(tool, api, str(tool.language), version)


def _local_failure(error: BaseException, settings: LanguageToolSettings,
                   library: Any) -> LanguageToolError:
    import requests

    exceptions = library.exceptions
    where = _download_folder()
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
