"""Faults in the parsing pool cost one request, never the others: kill -9, budgets, deadlines.

The service runs in this process (server.running) with real spawned workers; a request's parse
is made slow or greedy by sending the pool a stand-in task (a stdlib callable, so the worker
can unpickle it) for files whose name says so. Workers are killed with a real SIGKILL.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import FIXTURES, free_port, serve

import credbridge.api.service
from credbridge.api.problems import status_for
from credbridge.api.server import running
from credbridge.api.settings import Settings
from credbridge.api.workers import Budget, BudgetExceeded, CpuPool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux /proc and rlimits")

TXT = FIXTURES / "resumes" / "luis-ortega-plumber.txt"
real_aparse_bytes = credbridge.api.service.aparse_bytes


def _stand_in(pid_dir: Path, name: str) -> Any:
    """The task a worker runs for a file named `slow-<tag>-<seconds>.txt`: it records its pid in
    `pid_dir/<tag>`, then sleeps."""
    _, tag, seconds = name.removesuffix(".txt").split("-")
    code = (
        f"import os, time; open({str(pid_dir / tag)!r}, 'w').write(str(os.getpid())); time.sleep({seconds})"
    )
    return partial(exec, code)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    tmp = tmp_path_factory.mktemp("faults")

    async def aparse_bytes(data: bytes, *, name: str, options: Any, run_cpu: Any) -> Any:
        if name.startswith("slow-"):
            await run_cpu(_stand_in(tmp, name))
        return await real_aparse_bytes(data, name=name, options=options, run_cpu=run_cpu)

    settings = Settings(jobs_db=tmp / "jobs.sqlite3", workers=2, offline=True, request_timeout=6)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(credbridge.api.service, "aparse_bytes", aparse_bytes)
        with running(settings) as url:
            yield url, tmp


def post(api: httpx.Client, name: str) -> httpx.Response:
    return api.post("/v1/resumes", params={"resolve": "false"}, files={"file": (name, TXT.read_bytes())})


def wait_for(path: Path) -> int:
    deadline = time.monotonic() + 60
    while not path.exists() or not path.read_text():
        assert time.monotonic() < deadline, f"{path.name} never started"
        time.sleep(0.02)
    return int(path.read_text())


def gone(pid: int) -> bool:
    """True once the process has ended (a zombie counts: it runs no more)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_gone(pid: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not gone(pid):
        assert time.monotonic() < deadline, f"process {pid} still runs"
        time.sleep(0.05)


def wait_ready(api: httpx.Client) -> None:
    deadline = time.monotonic() + 60
    while api.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "the pool never became ready again"
        time.sleep(0.05)


def test_a_killed_worker_fails_only_its_own_request(service: tuple[str, Path]) -> None:
    url, tmp = service
    results: dict[str, httpx.Response] = {}
    with httpx.Client(base_url=url, timeout=60) as api:
        wait_ready(api)

        def send(name: str) -> None:
            results[name] = post(api, name)

        threads = [
            threading.Thread(target=send, args=(n,)) for n in ("slow-victim-30.txt", "slow-other-2.txt")
        ]
        for thread in threads:
            thread.start()
        victim = wait_for(tmp / "victim")
        wait_for(tmp / "other")
        os.kill(victim, signal.SIGKILL)
        for thread in threads:
            thread.join()
        lost, other = results["slow-victim-30.txt"], results["slow-other-2.txt"]
        assert lost.status_code == 503, lost.text
        assert lost.json()["code"] == "service.worker_lost"
        assert other.status_code == 200, other.text  # the other worker's request never noticed
        wait_ready(api)
        assert post(api, TXT.name).status_code == 200


def test_readyz_follows_the_pool(service: tuple[str, Path]) -> None:
    url, tmp = service
    with httpx.Client(base_url=url, timeout=60) as api:
        wait_ready(api)
        for tag in ("a", "b"):  # both workers, so that each one's pid is known
            (tmp / tag).unlink(missing_ok=True)
        # Each holds its worker for 2 s, so that the two run at once, one on each worker.
        threads = [threading.Thread(target=post, args=(api, f"slow-{tag}-2.txt")) for tag in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        pids = {int((tmp / tag).read_text()) for tag in ("a", "b")}
        assert len(pids) == 2, "both requests ran on one worker"
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while (ready := api.get("/readyz")).status_code == 200:  # until the deaths are noticed
            assert time.monotonic() < deadline, "/readyz still says ready with every worker dead"
        assert ready.json()["checks"]["workers"] != "ok"
        wait_ready(api)  # the replacements, once warm
        assert post(api, TXT.name).status_code == 200


def test_a_request_past_its_deadline_has_its_worker_killed(service: tuple[str, Path]) -> None:
    url, tmp = service
    with httpx.Client(base_url=url, timeout=60) as api:
        wait_ready(api)
        response = post(api, "slow-late-120.txt")
        assert response.status_code == 504 and response.json()["code"] == "request.timeout"
        wait_gone(int((tmp / "late").read_text()))  # not left sleeping out its 120 s
        wait_ready(api)
        assert post(api, TXT.name).status_code == 200


def test_budget_overruns_are_refused_and_their_worker_replaced() -> None:
    """Kernel-enforced budgets, at the pool: no request deadline, so a slow machine cannot turn
    the CPU overrun into a 504."""

    async def scenario() -> None:
        pool = CpuPool("process", 1, Budget(cpu_seconds=1, memory_bytes=768 * 2**20))
        await pool.start()
        try:
            assert pool.ready
            first = set(pool.pids())
            with pytest.raises(BudgetExceeded, match="CPU"):
                await pool.run(partial(eval, "sum(range(10**12))"))  # CPU in C, never back in Python
            with pytest.raises(BudgetExceeded, match="MiB"):
                await pool.run(partial(eval, "bytearray(2 * 2**30)"))
            assert await pool.run(partial(eval, "6 * 7")) == 42
            assert pool.pids() and first.isdisjoint(pool.pids())  # each overrun cost its worker
        finally:
            await pool.shutdown()

    asyncio.run(scenario())
    assert status_for(BudgetExceeded("too much")) == 422  # the input's fault: retrying won't help


def _children(pid: int) -> list[int]:
    return [
        int(c)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for c in (task / "children").read_text().split()
    ]


def test_workers_die_with_a_killed_server(tmp_path: Path) -> None:
    server = serve(tmp_path, free_port(), workers=2)
    try:
        workers = _children(server.pid)
        assert len(workers) >= 2
    finally:
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
    for pid in workers:
        wait_gone(pid)
