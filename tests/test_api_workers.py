"""The parsing pool survives its workers: a killed worker costs a 503, never the service."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import pytest
from conftest import FIXTURES

from credbridge.api.server import running
from credbridge.api.settings import Settings

TXT = FIXTURES / "resumes" / "luis-ortega-plumber.txt"


def pool_workers() -> list[int]:
    """PIDs of this process's multiprocessing spawn children (the service runs in a thread here)."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for pid in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"spawn_main" in cmdline:
                found.append(int(pid))
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to find the workers")
def test_a_killed_worker_is_replaced(tmp_path: Path) -> None:
    settings = Settings(jobs_db=tmp_path / "jobs.sqlite3", workers=1, offline=True)
    upload = {"file": (TXT.name, TXT.read_bytes())}
    with running(settings) as url, httpx.Client(base_url=url, timeout=120) as api:
        assert api.post("/v1/resumes", params={"resolve": "false"}, files=upload).status_code == 200
        workers = pool_workers()
        assert workers, "no pool worker found"
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{pid}").exists() and b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
                  for pid in workers):  # fmt: skip
            assert time.monotonic() < deadline
            time.sleep(0.05)
        first = api.post("/v1/resumes", params={"resolve": "false"}, files=upload)
        assert first.status_code in (200, 503), first.text
        if first.status_code == 503:
            assert first.json()["code"] == "service.worker_lost"
        again = api.post("/v1/resumes", params={"resolve": "false"}, files=upload)
        assert again.status_code == 200, again.text
        assert set(pool_workers()).isdisjoint(workers)
