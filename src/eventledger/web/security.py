"""What keeps hostile article text and hostile clients harmless.

- :class:`SecurityHeaders`: every response gets a strict Content-Security-Policy (scripts and
  styles only from this server's own files, nothing inline, no frames, no plugins), and
  nosniff, no-referrer and frame-denial headers. A route may set a stricter CSP of its own
  (the archived raw input is served sandboxed).
- :class:`BodyLimit`: request bodies over the limit are refused with 413 before they are
  read whole.
- :func:`check_token`: the write token, compared in constant time; a missing or wrong token
  is 401, and a server started without one is read-only (403).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from eventledger.web.errors import ApiError
from eventledger.web.settings import WebSettings, tile_origin

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

RAW_CSP = "sandbox; default-src 'none'"


def content_security_policy(settings: WebSettings) -> str:
    images = "'self' data:"
    if settings.tile_url:
        images += " " + tile_origin(settings.tile_url)
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "font-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        )
    )


class SecurityHeaders:
    """Adds the security headers to every response that does not set them itself."""

    def __init__(self, app: App, settings: WebSettings) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", content_security_policy(settings).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in self.headers if n not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    """A request body went past the limit while it was being read."""


class BodyLimit:
    """Refuses request bodies over ``max_bytes``: at once when Content-Length says so, else
    as soon as the bytes read pass the limit."""

    def __init__(self, app: App, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            body = json.dumps(too_large(self.max_bytes).body()).encode()
            headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
            await send({"type": "http.response.start", "status": 413, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)


def too_large(max_bytes: int) -> ApiError:
    return ApiError(413, f"The request body is larger than {max_bytes:,} bytes.", "too-large")


def check_token(settings: WebSettings, supplied: str | None) -> None:
    """Raise 403 when the server is read-only, 401 when ``supplied`` is not the token."""
    if not settings.write_token:
        raise ApiError(
            403,
            "This server is read-only: its operator started it without a write token.",
            "read-only",
        )
    if not supplied or not hmac.compare_digest(
        supplied.encode("utf-8"), settings.write_token.encode("utf-8")
    ):
        raise ApiError(
            401,
            "A write token is needed: send 'Authorization: Bearer <token>'.",
            "unauthorized",
            headers={"WWW-Authenticate": "Bearer"},
        )


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
