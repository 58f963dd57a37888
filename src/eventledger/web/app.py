"""The application: routers, static files, middleware and the one error shape.

Errors under ``/api/`` are JSON in the shape of :mod:`eventledger.web.errors`; errors on
pages are an HTML page saying the same thing.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventledger import __version__
from eventledger.errors import FetchError, InputError, StoreError, UsageError
from eventledger.store import Ledger
from eventledger.web import api, pages
from eventledger.web.assets import STATIC_DIR
from eventledger.web.errors import ApiError
from eventledger.web.reports import Reporter
from eventledger.web.security import (
    BodyLimit,
    BodyTooLarge,
    SecurityHeaders,
    content_security_policy,
    too_large,
)
from eventledger.web.settings import WebSettings

log = logging.getLogger("eventledger.web")

DESCRIPTION = (
    "A verifiable ledger of political-violence and protest events: every coded field with "
    "the sentence and the source that said it. Every error has the body "
    '`{"error": {"status", "code", "message", "details"}}`.'
)


def create_app(settings: WebSettings, ledger: Ledger | None = None) -> FastAPI:
    """The web app over ``ledger`` (opened from ``settings.db`` when not given)."""
    owned = ledger is None
    ledger = ledger or Ledger.open(settings.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            ledger.close()

    app = FastAPI(
        title="eventledger",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI would load scripts from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.ledger = ledger
    app.state.reporter = Reporter(ledger, settings)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    _handle_errors(app, settings)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, settings=settings)  # added last: outermost
    return app


def _handle_errors(app: FastAPI, settings: WebSettings) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return respond(request, exc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = {
            404: "Nothing here: check the address.",
            405: f"{request.method} is not allowed here.",
        }.get(exc.status_code, str(exc.detail))
        return respond(request, ApiError(exc.status_code, message, headers=exc.headers))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = [
            {
                "parameter": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body",
                "expected": e.get("msg", ""),
            }
            for e in exc.errors()
        ]
        names = ", ".join(d["parameter"] for d in details)
        return respond(request, ApiError(422, f"Bad request parameters: {names}.", details=details))

    async def library_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, FetchError | InputError):
            return respond(request, ApiError(400, str(exc), "fetch-failed"))
        if isinstance(exc, UsageError):
            return respond(request, ApiError(400, str(exc)))
        log.error("ledger failed: %s", exc)
        return respond(request, ApiError(503, "The ledger cannot be read just now; try again."))

    async def body_too_large(request: Request, exc: Exception) -> Response:
        return respond(request, too_large(settings.max_body_bytes))

    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        response = respond(request, ApiError(500, "Something went wrong inside the server."))
        # This handler runs outside the middleware stack: set the security headers here.
        response.headers["Content-Security-Policy"] = content_security_policy(settings)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(UsageError, library_error)
    app.add_exception_handler(InputError, library_error)
    app.add_exception_handler(StoreError, library_error)
    app.add_exception_handler(BodyTooLarge, body_too_large)
    app.add_exception_handler(Exception, crash)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def respond(request: Request, error: ApiError) -> Response:
    """The error as JSON (API) or as an HTML page (pages)."""
    headers: dict[str, Any] = dict(error.headers)
    if wants_json(request):
        return JSONResponse(error.body(), status_code=error.status, headers=headers)
    html = pages.render_error(request, error)
    return HTMLResponse(html, status_code=error.status, headers=headers)
