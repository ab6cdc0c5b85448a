"""Running the service: the bind rule, JSON logs, graceful shutdown (`credbridge serve`, tests, bench).

Without API keys the service answers anyone who can reach it, so it may then only listen on
loopback; this is checked here, before a socket is opened, and said at start-up.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from credbridge.api import create_app
from credbridge.api.logs import configure
from credbridge.api.settings import Settings, is_loopback
from credbridge.errors import InputError

log = logging.getLogger("credbridge.api")


def check_bind(settings: Settings, host: str) -> None:
    """Refuse a non-loopback address when no API keys are configured."""
    if not settings.auth_required and not is_loopback(host):
        raise InputError(
            f"refusing to listen on {host} without API keys: set CREDBRIDGE_API_KEYS or "
            "CREDBRIDGE_API_KEYS_FILE, or bind 127.0.0.1",
            code="serve.unsafe_bind",
        )


def _protocol(header_timeout: float) -> type[asyncio.Protocol]:
    """uvicorn's HTTP protocol (httptools when installed, else h11) with a header-read deadline.

    uvicorn times out idle keep-alive connections, but not a new connection that never finishes
    its headers: thousands of those hold a file descriptor each until the process can accept
    no more, /healthz included. This closes a connection whose first request's headers have not
    arrived `header_timeout` seconds after it opened.
    """
    base: Any
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as base
    except ImportError:
        from uvicorn.protocols.http.h11_impl import H11Protocol as base

    class HeaderDeadlineProtocol(base):  # type: ignore[misc,valid-type]
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._header_deadline = self.loop.call_later(header_timeout, self._headers_late)

        def _headers_late(self) -> None:
            if self.cycle is None and not self.transport.is_closing():  # no request began
                self.transport.close()

        def connection_lost(self, exc: Exception | None) -> None:
            self._header_deadline.cancel()
            super().connection_lost(exc)

    return HeaderDeadlineProtocol


def build_server(settings: Settings, host: str, port: int) -> uvicorn.Server:
    """A uvicorn server for the app, with in-flight requests given `shutdown_grace` to finish.

    Connections are bounded in time (header deadline, 5 s keep-alive) and in number (beyond
    `max_connections` uvicorn answers 503), and a request's headers are capped at 64 KiB.
    """
    check_bind(settings, host)
    configure(settings.log_level)
    config = uvicorn.Config(
        create_app(settings),
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=int(settings.shutdown_grace),
        server_header=False,
        http=_protocol(settings.header_timeout),
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=64 * 1024,
        limit_concurrency=settings.max_connections,
    )
    if not settings.auth_required:
        log.warning("no API keys configured: listening on loopback only, without authentication",
                    extra={"host": host, "port": port})  # fmt: skip
    return uvicorn.Server(config)


def run(host: str | None = None, port: int | None = None) -> None:
    """`credbridge serve`: settings from the environment, host and port from the options."""
    settings = Settings.from_env()
    build_server(settings, host or settings.host, settings.port if port is None else port).run()


@contextmanager
def running(settings: Settings, *, host: str = "127.0.0.1") -> Iterator[str]:
    """The real service on a free port in a background thread; yields its base URL, then stops it.

    For tests and embedding: the same server, middleware and lifespan as `credbridge serve`.
    """
    server = build_server(settings, host, 0)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the service did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=60)
        sock.close()
