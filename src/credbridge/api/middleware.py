"""One pure-ASGI middleware for what every request needs: an id, a key, a body cap, a deadline, a log line.

Pure ASGI (not BaseHTTPMiddleware) because it sits on the hot path of every translate call and
must be able to replace a response that has not started yet (413, 504) with a problem. The key
is checked here, from the headers alone, so that a stranger's upload is refused (401) before a
byte of its body is read, and a client address that keeps presenting wrong keys is slowed
down (429) before it can guess one.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from credbridge.api.auth import RateLimiter, identify, presented_key
from credbridge.api.problems import problem_response

log = logging.getLogger("credbridge.api")
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


@dataclass(frozen=True)
class Limits:
    """Body caps and the deadline; uploads (multipart) may be larger than JSON bodies."""

    upload_bytes: int
    json_bytes: int
    timeout: float
    job_bytes: int

    def body_cap(self, content_type: str, path: str, files: int) -> int:
        if content_type.startswith("multipart/"):
            # Room for the multipart framing and the small form fields around the files.
            if path.startswith("/v1/jobs"):
                return min(self.upload_bytes * files, self.job_bytes) + 64 * 1024
            return self.upload_bytes + 64 * 1024
        return self.json_bytes


@dataclass(frozen=True)
class Gate:
    """Who may send a /v1 request: the accepted key digests (none: anyone on loopback) and the
    limit on failed attempts per client address."""

    key_hashes: frozenset[str]
    failures: RateLimiter

    def check(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str, str, dict[str, str]] | None:
        """None when the request may go on, else the problem to answer with, body unread."""
        if not self.key_hashes or not scope["path"].startswith("/v1"):
            return None
        address = (scope.get("client") or ("-", 0))[0]
        wait = self.failures.wait(address)
        if wait > 0:
            detail = f"too many failed authentications from this address; retry in {wait:.0f} s"
            return 429, detail, "auth.too_many_failures", {"Retry-After": str(max(1, round(wait)))}
        if identify(presented_key(headers), self.key_hashes) is not None:
            return None
        self.failures.spend(address)
        detail = "send a valid API key as `Authorization: Bearer KEY` or `X-API-Key: KEY`"
        return 401, detail, "auth.required", {"WWW-Authenticate": "Bearer"}


class _BodyTooLarge(Exception):
    """Raised into the app from `receive` once the body passes its cap; answered with 413."""


class ServiceMiddleware:
    """Request id (X-Request-ID in and out), body cap (413), deadline (504), structured access log."""

    def __init__(self, app: ASGIApp, *, limits: Limits, max_job_files: int, gate: Gate) -> None:
        self.app = app
        self.limits = limits
        self.max_job_files = max_job_files
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started_at = time.perf_counter()
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        offered = headers.get("x-request-id", "")
        request_id = offered if _CLIENT_ID.match(offered) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        path = scope["path"]
        cap = self.limits.body_cap(headers.get("content-type", ""), path, self.max_job_files)
        state = {"status": 0, "started": False, "received": 0, "too_large": False}

        async def capped_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > cap:
                    state["too_large"] = True
                    raise _BodyTooLarge
            return message

        async def tagged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                if state["too_large"]:
                    return  # the app's answer to a half-read body is replaced by a 413 below
                state["started"], state["status"] = True, message["status"]
                message = {**message, "headers": [*message.get("headers", []), _id_header(request_id)]}
            elif state["too_large"] and not state["started"]:
                return
            await send(message)

        async def answer(status: int, detail: str, code: str, extra: dict[str, str] | None = None) -> None:
            response = problem_response(request_id, path, status, detail, code=code, headers=extra)
            await response(scope, receive, tagged_send)

        try:
            declared = int(headers.get("content-length", "0") or 0)
        except ValueError:
            declared = 0
        deadline = asyncio.timeout(self.limits.timeout)
        refused = self.gate.check(scope, headers)
        try:
            if refused is not None:
                await answer(*refused)
            elif declared > cap:
                await answer(413, _too_large(cap), "request.too_large")
            else:
                async with deadline:
                    await self.app(scope, capped_receive, tagged_send)
        except _BodyTooLarge:
            pass
        except TimeoutError:
            if not deadline.expired():
                raise  # some library's own timeout: an ordinary error, not the request deadline
            if not state["started"]:
                detail = f"the request took longer than {self.limits.timeout:g} s and was stopped"
                await answer(504, detail, "request.timeout")
        if state["too_large"] and not state["started"]:
            state["too_large"] = False
            await answer(413, _too_large(cap), "request.too_large")
        log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": scope["method"],
                "path": _route_of(scope),
                "status": state["status"],
                "duration_ms": round((time.perf_counter() - started_at) * 1000, 2),
                "bytes_in": state["received"],
                "key": scope["state"].get("key_id"),
            },
        )


def _id_header(request_id: str) -> tuple[bytes, bytes]:
    return (b"x-request-id", request_id.encode("latin-1"))


def _too_large(cap: int) -> str:
    return f"the request body is larger than the {cap // 1024} KiB this endpoint accepts"


def _route_of(scope: Scope) -> str:
    """The route template (/v1/jobs/{job_id}), not the raw path, so logs carry no ids or names."""
    return getattr(scope.get("route"), "path", None) or "-"
