"""A real threaded HTTP server on a loopback address that stands in for badge hosts in tests.

One server plays many hosts: the logical URL `https://api.credly.com/v1/x` is served at
`http://127.0.0.1:PORT/api.credly.com/v1/x`, the same host/path layout as the `--documents`
store, so a fixture tree serves both. `origins()` gives the SafeFetcher origin map for the
hosts it serves. Routes can be slow (delay before headers, or a trickled body), oversize,
redirects or any status, and every hit is recorded, so SSRF tests can prove a server was never
reached.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from credbridge.badges.store import sniff_type


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/ld+json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering."""
    trickle: float = 0.0
    """Seconds to wait between 1-byte writes of the body (a slow-loris server)."""
    send_length: bool = True
    """False: no Content-Length, the body ends when the connection closes (HTTP/1.0)."""


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    """A deep listen backlog: concurrent clients must not wait for SYN retransmits."""


class _Server6(_Server):
    address_family = socket.AF_INET6


def _key(url: str) -> str:
    parts = urlsplit(url)
    return f"/{parts.hostname}{parts.path}"


class BadgeHost:
    """Start with `with BadgeHost() as host:`; add routes by logical URL."""

    def __init__(self, bind: str = "127.0.0.1", *, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self.accepts: list[str] = []
        self.revalidated = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._count = threading.Lock()
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, so connection reuse can be observed
            disable_nagle_algorithm = True  # headers and body are separate writes: no 40 ms stalls

            def log_message(self, *args: object) -> None:
                """Quiet: tests read `hits` instead."""

            def do_GET(self) -> None:
                with host._count:
                    host.in_flight += 1
                    host.max_in_flight = max(host.max_in_flight, host.in_flight)
                try:
                    self._answer()
                finally:
                    with host._count:
                        host.in_flight -= 1

            def _answer(self) -> None:
                host.hits.append(self.path)
                host.accepts.append(self.headers.get("Accept", ""))
                route = host.routes.get(self.path) or host.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    route = Route(b'{"error": "not found"}', status=404, content_type="application/json")
                time.sleep(route.delay)
                etag = route.headers.get("ETag")
                if etag and self.headers.get("If-None-Match") == etag:
                    host.revalidated += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Cache-Control", route.headers.get("Cache-Control", "no-cache"))
                    self.end_headers()
                    return
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    if route.send_length:
                        self.send_header("Content-Length", str(len(route.body)))
                    else:
                        self.send_header("Connection", "close")
                        self.close_connection = True
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    if route.trickle:
                        for i in range(len(route.body)):
                            self.wfile.write(route.body[i : i + 1])
                            self.wfile.flush()
                            time.sleep(route.trickle)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = (_Server6 if ":" in bind else _Server)((bind, 0), Handler)
        self.scheme = "http"
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{self.scheme}://{f'[{host}]' if ':' in host else host}:{port}"

    def physical(self, url: str) -> str:
        """Where the server really answers a logical URL."""
        parts = urlsplit(url)
        return f"{self.base}/{parts.hostname}{parts.path}" + (f"?{parts.query}" if parts.query else "")

    def origins(self, *urls: str) -> dict[str, str]:
        """SafeFetcher origin map for the hosts of `urls` (default: every host with a route)."""
        hosts = {urlsplit(u).hostname for u in urls} or {k.split("/")[1] for k in self.routes}
        return {f"https://{h}": f"{self.base}/{h}" for h in hosts} | {
            f"http://{h}": f"{self.base}/{h}" for h in hosts
        }

    def add(self, url: str, body: bytes | str = b"", **route: object) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[_key(url) + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")] = Route(
            data, **route
        )  # type: ignore[arg-type]

    def redirect(self, url: str, to: str, status: int = 302) -> None:
        self.add(url, b"", status=status, content_type="text/plain", headers={"Location": to})

    def add_tree(self, root: Path) -> None:
        """Serve a documents-store tree: root/<host>/<path> at https://<host>/<path>."""
        for path in root.rglob("*"):
            if path.is_file():
                body = path.read_bytes()
                self.routes["/" + path.relative_to(root).as_posix()] = Route(
                    body, content_type=sniff_type(body)
                )

    def hits_for(self, url: str) -> int:
        return sum(1 for hit in self.hits if hit.split("?", 1)[0] == _key(url))

    def __enter__(self) -> BadgeHost:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
