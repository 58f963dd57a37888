"""The API's one error shape, and the exception that carries it.

Every error the API returns, whatever raised it (a missing event, a bad parameter, a
missing token, an unknown route, a failure inside), has this body::

    {"error": {"status": 404, "code": "not-found", "message": "...", "details": [...]}}

``status`` repeats the HTTP status; ``code`` is a stable word for programs; ``message`` one
sentence for people; ``details`` a list (the bad parameters of a 422, else empty).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

CODES_BY_STATUS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    422: "invalid-request",
    500: "internal",
    503: "unavailable",
}


class ErrorInfo(BaseModel):
    status: int = Field(description="The HTTP status, repeated.")
    code: str = Field(description="A stable word for programs, e.g. not-found.")
    message: str = Field(description="One sentence for people.")
    details: list[dict[str, Any]] = Field(
        default_factory=list, description="The bad parameters of a 422; else empty."
    )


class ErrorBody(BaseModel):
    """The body of every API error."""

    error: ErrorInfo


class ApiError(Exception):
    """An error to answer with: its status, code and message."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str | None = None,
        *,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES_BY_STATUS.get(status, "error")
        self.message = message
        self.details = details or []
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return ErrorBody(
            error=ErrorInfo(
                status=self.status, code=self.code, message=self.message, details=self.details
            )
        ).model_dump()


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` documenting these statuses with :class:`ErrorBody`."""
    return {
        s: {"model": ErrorBody, "description": CODES_BY_STATUS.get(s, "error")} for s in statuses
    }
