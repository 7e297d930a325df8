"""The Starlette application: routes, error answers and middleware.

    GET  /               the editors' page
    GET  /healthz        {"status": "ok"} (no token needed)
    GET  /metrics        Prometheus text format
    GET  /v1/info        house styles, formats and limits of this server
    POST /v1/check       JSON in, the CLI's JSON out
    POST /v2/check       LanguageTool's API (also GET, as LanguageTool accepts)
    GET  /v2/languages   LanguageTool's list of languages

`create_app()` with no arguments reads the settings from the environment: that is how uvicorn's
worker processes build it.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import CopylintError
from .checker import Checked, Checker, CheckTimeout, Choice
from .fixing import fix_answer, parse_fix
from .ltrequest import LTRequestError, parse_form, parse_query, split_selection
from .ltresponse import check_answer as lt_answer
from .ltresponse import languages
from .metrics import CONTENT_TYPE, Metrics
from .middleware import NEEDS_API_KEY, BodyLimit, MeasureRequests, TokenAuth, error_body, token_matches
from .page import load_page
from .positions import Normalised
from .settings import ServerSettings
from .v1 import TEXT_NAME, V1RequestError, info, parse_check
from .v1 import check_answer as v1_answer

JSON_TYPES = ("application/json", "application/ld+json")


def json_bytes(data: object) -> bytes:
    """Compact UTF-8 JSON, as Starlette's JSONResponse writes it."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def error(request: Request, status: int, message: str,
          headers: dict[str, str] | None = None) -> Response:
    """A one-line error: JSON, or LanguageTool's `Error: ...` text under /v2/."""
    body, content_type = error_body(request.url.path, status, " ".join(message.split()))
    return Response(body, status, headers=headers, media_type=content_type.decode())


class Endpoints:
    """The request handlers, sharing one checker, one set of metrics and the page."""

    def __init__(self, settings: ServerSettings, checker: Checker, metrics: Metrics) -> None:
        self.settings = settings
        self.checker = checker
        self.metrics = metrics
        self.page = load_page()

    async def index(self, request: Request) -> Response:
        return Response(self.page.html, headers=self.page.headers, media_type="text/html")

    async def healthz(self, request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def prometheus(self, request: Request) -> Response:
        return Response(self.metrics.exposition(), media_type=CONTENT_TYPE)

    async def info(self, request: Request) -> Response:
        return JSONResponse(info(self.checker, fix=True))

    async def check_v1(self, request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in JSON_TYPES:
            return error(request, 415, "send the check request as JSON (Content-Type: "
                                       "application/json)")
        body = await request.body()
        try:
            query = parse_check(body, self.checker)
            checked = await self._check(query.text, query.choice, finish=self._v1_answer)
        except V1RequestError as problem:
            return error(request, 400, str(problem))
        except CopylintError as problem:  # a selection naming no rule
            return error(request, 400, str(problem))
        except CheckTimeout as problem:
            return error(request, 503, str(problem))
        if checked.result.error:
            return error(request, 422, checked.result.error)
        self._count(query.text, checked.result.findings)
        return Response(checked.answer, media_type="application/json")

    async def fix_v1(self, request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in JSON_TYPES:
            return error(request, 415, "send the fix request as JSON (Content-Type: "
                                       "application/json)")
        body = await request.body()
        try:
            query = parse_fix(body, self.checker)
            answer = await self.checker.run_async(fix_answer, self.checker, query)
        except V1RequestError as problem:
            return error(request, 400, str(problem))
        except CheckTimeout as problem:
            return error(request, 503, str(problem))
        except CopylintError as problem:  # unreadable text, or a fix that cannot be applied
            return error(request, 422, str(problem))
        return Response(json.dumps(answer, ensure_ascii=False).encode(),
                        media_type="application/json")

    @staticmethod
    def _v1_answer(checked: Checked) -> bytes | None:
        return None if checked.result.error else json_bytes(v1_answer(checked))

    async def check_v2(self, request: Request) -> Response:
        body = await request.body() if request.method == "POST" else b""
        try:
            params = parse_form(body, request.url.query)
            if request.scope.get(NEEDS_API_KEY) and not token_matches(
                    self.settings.token or "", params.get("apiKey")):
                reason = "the apiKey is wrong" if params.get("apiKey") else (
                    "this server needs a token: send it as the apiKey field or as "
                    "'Authorization: Bearer TOKEN'")
                return error(request, 401, reason, {"www-authenticate": 'Bearer realm="copylint"'})
            query = parse_query(params)
            selection = split_selection(query, self.checker.default, self.checker.default_select)
            normalised = Normalised(query.text.plain)

            def answer(checked: Checked) -> bytes | None:
                if checked.result.error:
                    return None
                return json_bytes(lt_answer(query, selection, checked, checked.document, normalised))

            checked = await self._check(normalised.text, selection.choice, with_document=True,
                                        finish=answer)
        except LTRequestError as problem:
            return error(request, 400, str(problem))
        except CopylintError as problem:
            return error(request, 400, str(problem))
        except CheckTimeout as problem:
            return error(request, 503, str(problem))
        if checked.result.error:
            return error(request, 500, f"Internal Error: {checked.result.error}")
        self._count(normalised.text, checked.result.findings)
        return Response(checked.answer, media_type="application/json")

    async def languages(self, request: Request) -> Response:
        return JSONResponse(languages())

    async def _check(self, text: str, choice: Choice, *, with_document: bool = False,
                     finish: Callable[[Checked], bytes | None]) -> Checked:
        with self.metrics.in_progress.track_inprogress():
            return await self.checker.check_async(text, TEXT_NAME, choice, with_document=with_document,
                                                  finish=finish)

    def _count(self, text: str, findings: list[Any]) -> None:
        self.metrics.checked_bytes.inc(len(text.encode("utf-8", "surrogatepass")))
        self.metrics.count_findings(findings)

    def routes(self) -> list[Route]:
        return [
            Route("/", self.index, methods=["GET"]),
            Route("/healthz", self.healthz, methods=["GET"]),
            Route("/metrics", self.prometheus, methods=["GET"]),
            Route("/v1/info", self.info, methods=["GET"]),
            Route("/v1/check", self.check_v1, methods=["POST"]),
            Route("/v1/fix", self.fix_v1, methods=["POST"]),
            Route("/v2/check", self.check_v2, methods=["GET", "POST"]),
            Route("/v2/languages", self.languages, methods=["GET"]),
        ]


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: f"no such endpoint: {request.url.path}",
                405: f"{request.method} is not allowed on {request.url.path}"}
    return error(request, exc.status_code, messages.get(exc.status_code, exc.detail),
                 dict(exc.headers or {}))


async def internal_error(request: Request, exc: Exception) -> Response:
    return error(request, 500, f"Internal Error: {type(exc).__name__}; please report")


def create_app(settings: ServerSettings | None = None, checker: Checker | None = None) -> Starlette:
    """The app for `settings` (default: from the environment, in a uvicorn worker)."""
    settings = settings or ServerSettings.from_env()
    checker = checker or Checker(settings)
    metrics = Metrics()
    endpoints = Endpoints(settings, checker, metrics)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            checker.close()
            metrics.process_exited(os.getpid())

    middleware = [Middleware(MeasureRequests, metrics=metrics)]
    if settings.cors_origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
            max_age=600))
    if settings.token:
        middleware.append(Middleware(TokenAuth, token=settings.token))
    middleware.append(Middleware(BodyLimit, limit=settings.max_bytes))
    return Starlette(routes=endpoints.routes(), middleware=middleware, lifespan=lifespan,
                     exception_handlers={HTTPException: http_error, Exception: internal_error})
