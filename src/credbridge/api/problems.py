"""RFC 9457 problem details for every error the service returns, and never a stack trace.

One `Problem` shape for 404, 405, 413, 422, 429, 500, 504 and the credbridge errors, so a client
has a single way to read failures: `title` says what kind, `detail` what exactly, `code` is a
stable identifier programs can switch on, `request_id` ties it to the service's log line.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from credbridge.api.workers import WorkerLost
from credbridge.errors import CredbridgeError, FetchError, UnsafeURL

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("credbridge.api")


class FieldError(BaseModel):
    """One invalid field of a request (422)."""

    location: str = Field(description="Where in the request, e.g. body.target or query.resolve.")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, with credbridge's extension members."""

    type: str = Field(default="about:blank", description="URI naming the kind of problem.")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = Field(default=None, description="The request path.")
    code: str = Field(description="Stable identifier, e.g. document.unreadable or rate_limited.")
    request_id: str | None = None
    errors: list[FieldError] | None = None


class ProblemError(Exception):
    """Raised by endpoints to answer with a problem; the handler renders it."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        errors: list[FieldError] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.code = status, detail, code
        self.title = title or HTTPStatus(status).phrase
        self.headers = headers or {}
        self.errors = errors


def problem_response(
    request_id: str | None,
    path: str | None,
    status: int,
    detail: str | None,
    *,
    code: str,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    errors: list[FieldError] | None = None,
) -> JSONResponse:
    problem = Problem(
        type=f"urn:credbridge:problem:{code}",
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=path,
        code=code,
        request_id=request_id,
        errors=errors,
    )
    return JSONResponse(
        problem.model_dump(exclude_none=True), status_code=status, headers=headers, media_type=MEDIA_TYPE
    )


def status_for(error: CredbridgeError) -> int:
    """HTTP status of a deliberate error: the input's fault is 4xx, an upstream failure 502, a lost
    worker 503 (retry).

    A URL refused as unsafe, or absent from the offline store, will not get better on retry: 422.
    """
    if error.code.endswith("too_large"):
        return 413
    if isinstance(error, WorkerLost):
        return 503
    if isinstance(error, FetchError) and not isinstance(error, UnsafeURL) and error.code != "fetch.offline":
        return 502
    return 422


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every exception into a problem response."""

    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            _request_id(request), request.url.path, exc.status, exc.detail,
            code=exc.code, title=exc.title, headers=exc.headers, errors=exc.errors,
        )  # fmt: skip

    @app.exception_handler(CredbridgeError)
    async def _credbridge(request: Request, exc: CredbridgeError) -> JSONResponse:
        return problem_response(
            _request_id(request), request.url.path, status_for(exc), exc.message, code=exc.code
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        phrase = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else None
        if exc.status_code == 404 and detail is None:
            detail = f"nothing at {request.url.path}"
        elif exc.status_code == 405 and detail is None:
            detail = f"{request.method} is not allowed on {request.url.path}"
        code = phrase.lower().replace(" ", "_").replace("-", "_")
        return problem_response(
            _request_id(request), request.url.path, exc.status_code, detail,
            code=code, headers=dict(exc.headers or {}),
        )  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return await _problem(request, invalid_request(exc.errors()))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The frames, not the message: an exception's message may quote the resume it choked on.
        log.error(
            "unhandled error",
            extra={
                "request_id": _request_id(request),
                "error": type(exc).__name__,
                "trace": "".join(traceback.format_tb(exc.__traceback__)[-6:]),
            },
        )
        return problem_response(
            _request_id(request), request.url.path, 500,
            "the service failed on this request; quote the request id when reporting it",
            code="internal",
        )  # fmt: skip


def invalid_request(errors: Sequence[Any]) -> ProblemError:
    """422 for pydantic/FastAPI validation errors, without echoing the (possibly personal) input."""
    fields = [
        FieldError(
            location=".".join(str(part) for part in error.get("loc", ())) or "body",
            message=str(error.get("msg", "invalid")),
        )
        for error in errors
    ] or [FieldError(location="body", message="invalid")]
    detail = f"{len(fields)} invalid field(s); first: {fields[0].location}: {fields[0].message}"
    return ProblemError(422, detail, code="request.invalid", title="Invalid request", errors=fields)
