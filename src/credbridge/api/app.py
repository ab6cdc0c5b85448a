"""Building the FastAPI application: lifespan, problem handlers, routes, the web page, middleware."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from credbridge import __version__
from credbridge.api import problems
from credbridge.api.auth import RateLimiter
from credbridge.api.middleware import Gate, Limits, ServiceMiddleware
from credbridge.api.routes import badges, health, jobs, resumes, translate
from credbridge.api.routes.common import authorize
from credbridge.api.service import Service
from credbridge.api.settings import Settings

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"

_DESCRIPTION = """\
Find, verify and translate the credentials in resumes and badge links.

Every error is an RFC 9457 `application/problem+json` document with a stable `code` and the
`request_id` of its log line. When the service has API keys, send one as
`Authorization: Bearer KEY` or `X-API-Key: KEY`; each key has a rate limit.
"""


def build_app(settings: Settings | None = None) -> FastAPI:
    """The application, with its lifespan (workers, job store) and every route; no I/O until started."""
    settings = settings or Settings.from_env()
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.stop()

    # FastAPIOffline serves Swagger UI from the package instead of a CDN, so /docs works offline.
    app = FastAPIOffline(
        title="credbridge",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.service = service
    problems.install(app)
    app.include_router(health.router)
    for module in (resumes, badges, translate, jobs):
        app.include_router(module.router, dependencies=[Depends(authorize)])
    if STATIC.is_dir():  # after the API routes, so that / never shadows them
        app.mount("/", StaticFiles(directory=STATIC, html=True), name="web")
    limits = Limits(
        settings.max_upload_bytes, settings.max_json_bytes, settings.request_timeout, settings.max_job_bytes
    )
    gate = Gate(settings.api_key_hashes, RateLimiter(settings.auth_failures))
    app.add_middleware(ServiceMiddleware, limits=limits, max_job_files=settings.max_job_files, gate=gate)
    return app
