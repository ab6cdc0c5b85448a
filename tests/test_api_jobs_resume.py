"""A job outlives a kill -9 of its server: its uploads are kept, and the next start finishes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from conftest import FIXTURES, free_port, serve

from credbridge.pipeline import ParseOptions, parse_bytes

PDF = FIXTURES / "resumes" / "alex-morgan-cloud.pdf"
FILES = 20


def _pending(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT count(*) FROM job_files WHERE status='pending'").fetchone()[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kills a real server process")
def test_a_job_interrupted_by_kill_9_is_finished_after_restart(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = serve(tmp_path, port, workers=1)
    try:
        files = [("files", (f"cv-{i}.pdf", PDF.read_bytes())) for i in range(FILES)]
        created = httpx.post(f"{url}/v1/jobs", params={"resolve": "false"}, files=files, timeout=60)
        assert created.status_code == 202, created.text
        location = created.headers["location"]
        deadline = time.monotonic() + 60
        while httpx.get(url + location, timeout=10).json()["completed"] < 1:  # mid-job, not before
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
    assert _pending(tmp_path / "jobs.sqlite3") > 0, "the job finished before the kill; nothing was tested"

    server = serve(tmp_path, port, workers=1)
    try:
        deadline = time.monotonic() + 120
        while (job := httpx.get(url + location, timeout=10).json())["status"] != "done":
            assert time.monotonic() < deadline, f"the job never finished: {job}"
            time.sleep(0.1)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    expected = parse_bytes(PDF.read_bytes(), name="cv-0.pdf", options=ParseOptions(resolve=False))
    assert job["completed"] == FILES and job["failed"] == 0, job
    assert all(f["status"] == "done" for f in job["files"])
    names = [c.name for c in expected.credentials]
    assert names and all([c["name"] for c in f["profile"]["credentials"]] == names for f in job["files"])
    with closing(sqlite3.connect(tmp_path / "jobs.sqlite3")) as conn:  # uploads are dropped once done
        assert conn.execute("SELECT count(*) FROM job_files WHERE data IS NOT NULL").fetchone()[0] == 0
