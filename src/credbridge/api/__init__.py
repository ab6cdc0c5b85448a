"""The credbridge HTTP service (FastAPI): the translation API HR systems call, and the web page.

`create_app()` builds the application from Settings (CREDBRIDGE_* environment variables by
default); `credbridge serve` runs it through server.py, which also enforces the bind rule.
FastAPI is imported only when an app is built, so that `credbridge serve --help` (which lists
the variables from settings.py) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from credbridge.api.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application, with its lifespan (workers, job store) and every route; no I/O until started."""
    from credbridge.api.app import build_app

    return build_app(settings)
