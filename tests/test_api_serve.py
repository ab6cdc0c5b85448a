"""`credbridge serve` as an operator runs it: a real process, its logs, its refusal, its shutdown."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from badgehost import BadgeHost

CREDBRIDGE = [sys.executable, "-c", "from credbridge.cli import main; main()"]
EMAIL = "quentin.zephyr@example.org"
RESUME = f"""Quentin Zephyrson
{EMAIL}

Certifications
Certified Kubernetes Administrator (CKA), The Linux Foundation, 2023
""".encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(tmp: Path, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDBRIDGE_")}
    return env | {
        "CREDBRIDGE_PORT": str(port),
        "CREDBRIDGE_JOBS_DB": str(tmp / "jobs.sqlite3"),
        "CREDBRIDGE_WORKERS": "1",
        "CREDBRIDGE_CACHE": "off",
        **extra,
    }


def wait_up(base: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the service exited during start-up"
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("the service did not come up")


def test_serve_refuses_public_binds_without_keys(tmp_path: Path) -> None:
    result = subprocess.run(
        [*CREDBRIDGE, "serve", "--host", "0.0.0.0"],
        env=environment(tmp_path, free_port()),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "API keys" in result.stderr and "Traceback" not in result.stderr


def test_serve_help_documents_the_environment() -> None:
    result = subprocess.run([*CREDBRIDGE, "serve", "--help"], capture_output=True, text=True, timeout=60)
    from credbridge.api.settings import ENV_VARS

    for name in ENV_VARS:
        assert name in result.stdout


@pytest.mark.timeout(180)
def test_logs_are_structured_and_private_and_shutdown_is_graceful(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with BadgeHost() as host:
        host.add("https://slow.example/badge.json", b"{}", content_type="application/json", delay=2.0)
        process = subprocess.Popen(
            [*CREDBRIDGE, "serve"],
            env=environment(tmp_path, port, CREDBRIDGE_ALLOW_LOOPBACK="1"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_up(base, process)
            upload = httpx.post(
                f"{base}/v1/resumes",
                params={"resolve": "false"},
                files={"file": ("quentin-zephyrson.txt", RESUME)},
                headers={"X-Request-ID": "upload-1"},
                timeout=60,
            )
            assert upload.status_code == 200, upload.text
            assert EMAIL in upload.text  # the answer has it; the log must not
            # a request in flight when SIGTERM arrives still gets its answer
            answers: list[httpx.Response] = []
            slow = threading.Thread(
                target=lambda: answers.append(
                    httpx.post(
                        f"{base}/v1/badges/verify",
                        json={"url": host.physical("https://slow.example/badge.json")},
                        timeout=60,
                    )
                )
            )
            slow.start()
            while not host.hits:
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            slow.join(timeout=60)
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    # uvicorn re-raises SIGTERM once it has shut down gracefully, so the exit is the signal's
    assert process.returncode in (0, -signal.SIGTERM)
    assert answers and answers[0].status_code < 500, answers and answers[0].text
    entries = [json.loads(line) for line in stderr.splitlines() if line.strip()]
    assert any("loopback only" in e["message"] for e in entries)
    assert any(e["message"] == "service stopped" for e in entries)
    requests = [e for e in entries if e["message"] == "request"]
    upload_log = next(e for e in requests if e["request_id"] == "upload-1")
    assert upload_log["path"] == "/v1/resumes" and upload_log["status"] == 200
    for forbidden in (EMAIL, "Quentin", "Zephyrson", "quentin-zephyrson"):
        assert forbidden not in stderr
