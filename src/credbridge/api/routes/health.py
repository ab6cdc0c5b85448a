"""GET /healthz (the process answers) and GET /readyz (it can do its work); no key needed."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from credbridge.api.routes.common import ServiceDep
from credbridge.api.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    summary="Liveness",
    responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}},
)
async def healthz() -> Health:
    """Answers as long as the event loop runs; for a supervisor's liveness probe."""
    return Health()


_READY_EXAMPLE = {"status": "ready", "checks": {"workers": "ok", "jobs": "ok", "adapters": "ok"}}


@router.get(
    "/readyz",
    summary="Readiness",
    response_model=Readiness,
    responses={
        200: {"content": {"application/json": {"example": _READY_EXAMPLE}}},
        503: {"model": Readiness, "description": "Not ready yet, or a part is broken."},
    },
)
async def readyz(service: ServiceDep) -> JSONResponse:
    """Ready once the parsing workers are warm, the job store answers and adapters are loaded."""
    from credbridge.targets import available

    checks = {"workers": "ok" if service.pool.ready else (service.pool.problem or "not ready")}
    try:
        ok = service.jobs is not None and await asyncio.to_thread(service.jobs.ping)
        checks["jobs"] = "ok" if ok else "not open"
    except Exception as exc:
        checks["jobs"] = f"failed: {type(exc).__name__}"
    try:
        checks["adapters"] = "ok" if available() else "none installed"
    except Exception as exc:
        checks["adapters"] = f"failed: {type(exc).__name__}"
    ready = all(value == "ok" for value in checks.values())
    body = Readiness(status="ready" if ready else "not_ready", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
