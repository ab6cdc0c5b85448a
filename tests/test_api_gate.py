"""What a stranger can make the HTTP layer hold: no body before a valid key, no key guessing at
full speed, no job past its byte cap, no connection that never sends its headers."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from credbridge.api.auth import load_key_hashes
from credbridge.api.server import running
from credbridge.api.settings import Settings

KEY = "gate-key-0123456789abcdef"


def _settings(tmp: Path, **overrides: object) -> Settings:
    base = {
        "jobs_db": tmp / "jobs.sqlite3",
        "pool": "thread",
        "workers": 1,
        "offline": True,
        "api_key_hashes": load_key_hashes(KEY, None),
        "auth_failures": 0,
        "max_job_bytes": 100 * 1024,
        "header_timeout": 1.0,
    }
    return Settings(**{**base, **overrides})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running(_settings(tmp_path_factory.mktemp("gate"))) as base:
        yield base


def _connect(url: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=20)
    return sock


def test_a_request_without_a_key_is_refused_before_its_body(url: str) -> None:
    with _connect(url) as sock:
        # Headers only: a 5 MB upload is announced (under the upload cap) and never sent.
        sock.sendall(
            b"POST /v1/resumes HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: 5000000\r\n\r\n"
        )
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    assert b"auth.required" in answer


def test_a_job_past_its_byte_cap_is_413(url: str) -> None:
    headers = {"X-API-Key": KEY}
    with httpx.Client(base_url=url, timeout=60, headers=headers) as api:
        two = [("files", (f"r{i}.txt", b"Certified Kubernetes Administrator\n" * 1800)) for i in range(2)]
        response = api.post("/v1/jobs", params={"resolve": "false"}, files=two)
        assert response.status_code == 413, response.text
        assert response.json()["code"] == "job.too_large"
        one = api.post("/v1/jobs", params={"resolve": "false"}, files=two[:1])
        assert one.status_code == 202, one.text


def test_a_connection_that_never_finishes_its_headers_is_closed(url: str) -> None:
    with _connect(url) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # ... and nothing more
        assert sock.recv(1024) == b""  # closed by the server, not by this test's 20 s timeout
    assert httpx.get(f"{url}/healthz").status_code == 200


def test_failed_keys_are_rate_limited_per_address(tmp_path: Path) -> None:
    with running(_settings(tmp_path, auth_failures=3)) as base, httpx.Client(base_url=base) as api:
        wrong = {"X-API-Key": "wrong-key-0123456789abcdef"}
        assert [api.get("/v1/adapters", headers=wrong).status_code for _ in range(3)] == [401] * 3
        limited = api.get("/v1/adapters", headers=wrong)
        assert limited.status_code == 429, limited.text
        assert limited.json()["code"] == "auth.too_many_failures"
        assert int(limited.headers["retry-after"]) >= 1
        assert api.get("/healthz").status_code == 200  # health needs no key and is not limited
