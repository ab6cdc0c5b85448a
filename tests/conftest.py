"""Shared test set-up: paths to fixtures, and a real `credbridge serve` process for the tests
that kill one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(tmp: Path, port: int, *, workers: int) -> subprocess.Popen[bytes]:
    """`credbridge serve` as a process of its own (offline, its job store under tmp), once
    /readyz says it is ready: the tests that kill a server or its workers need a real one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDBRIDGE_")} | {
        "CREDBRIDGE_PORT": str(port),
        "CREDBRIDGE_JOBS_DB": str(tmp / "jobs.sqlite3"),
        "CREDBRIDGE_OFFLINE": "1",
        "CREDBRIDGE_CACHE": "off",
        "CREDBRIDGE_WORKERS": str(workers),
    }
    server = subprocess.Popen(
        [sys.executable, "-c", "from credbridge.cli import main; main()", "serve"],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None and time.monotonic() < deadline, "the service did not start"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
