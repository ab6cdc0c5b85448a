"""What every /v1 endpoint depends on: the service object and an authorised, rate-limited caller."""

from __future__ import annotations

from http import HTTPStatus
from typing import Annotated, Any

from fastapi import Depends, Request, Security, UploadFile
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from credbridge.api.auth import ANONYMOUS, identify
from credbridge.api.problems import Problem, ProblemError
from credbridge.api.service import Service, Upload

_bearer = HTTPBearer(auto_error=False, description="An API key as a bearer token.")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key.")


async def get_service(request: Request) -> Service:
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(get_service)]


async def authorize(
    request: Request,
    service: ServiceDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    api_key: Annotated[str | None, Security(_header)],
) -> str:
    """The caller's key id (first 12 hex digits of its digest), or `anonymous` without keys."""
    settings = service.settings
    if not settings.auth_required:
        return ANONYMOUS
    presented = (api_key or "").strip() or (bearer.credentials.strip() if bearer else None)
    digest = identify(presented or None, settings.api_key_hashes)
    if digest is None:
        raise ProblemError(
            401, "send a valid API key as `Authorization: Bearer KEY` or `X-API-Key: KEY`",
            code="auth.required", headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip
    key_id = digest[:12]
    request.state.key_id = key_id
    wait = service.limiter.acquire(digest)
    if wait > 0:
        raise ProblemError(
            429, f"this key may make {settings.rate_limit} requests a minute; retry in {wait:.1f} s",
            code="rate_limited", headers={"Retry-After": str(max(1, round(wait)))},
        )  # fmt: skip
    return key_id


Caller = Annotated[str, Depends(authorize)]


async def read_upload(file: UploadFile, service: Service) -> Upload:
    """The bytes of an uploaded file, refused with 413 beyond the upload limit, 422 when empty."""
    limit = service.settings.max_upload_bytes
    data = await file.read(limit + 1)
    name = (file.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200] or "upload"
    if len(data) > limit:
        raise ProblemError(
            413, f"{name}: larger than the {limit // (1024 * 1024)} MiB this service accepts",
            code="upload.too_large",
        )  # fmt: skip
    if not data:
        raise ProblemError(422, f"{name}: the file is empty", code="upload.empty")
    return Upload(name=name, data=data)


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the problems an endpoint can answer with."""
    return {
        status: {
            "model": Problem,
            "content": {
                "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem"},
                    "example": _PROBLEM_EXAMPLES[status],
                }
            },
        }
        for status in statuses
    }


def _example(status: int, code: str, detail: str) -> dict[str, Any]:
    return {
        "type": f"urn:credbridge:problem:{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": "/v1/resumes",
        "code": code,
        "request_id": "5f0c3d2a9b8e4f61a7c2d9e0b1f3a4c5",
    }


_PROBLEM_EXAMPLES = {
    401: _example(401, "auth.required", "send a valid API key as `Authorization: Bearer KEY`"),
    404: _example(404, "job.not_found", "no job q3v6Vw1mJx0Qj8m0n2W5bA: it never existed or expired"),
    413: _example(413, "upload.too_large", "resume.pdf: larger than the 10 MiB this service accepts"),
    415: _example(415, "request.media_type", "send application/json or multipart/form-data"),
    422: _example(422, "document.unreadable", "resume.pdf: the file is encrypted"),
    429: _example(429, "rate_limited", "this key may make 600 requests a minute; retry in 2.0 s"),
    502: _example(502, "fetch.failed", "https://badges.example/a.json: timed out"),
    503: _example(503, "service.worker_lost", "a parsing worker stopped while handling this request"),
    504: _example(504, "request.timeout", "the request took longer than 60 s and was stopped"),
}
