"""The HTTP service under mixed load, undisturbed and while a parsing worker is killed mid-run.

The service runs as `credbridge serve` in its own process (offline); 20 concurrent clients send
2,000 requests: translate, PDF and text uploads, and the adapter list, in two rounds: one
undisturbed, then one in which, half-way through, a parsing worker is killed with kill -9.
Reported per round: errors by kind, p50 and p95, and the number of unexpected 5xx answers
(goal: 0). The killed worker's own request may get a 503
`service.worker_lost`, which is expected (at most one per kill); nothing else may fail.
Usage: python bench/bench_load.py [REQUESTS]
"""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from bench_api import PDF, PROFILE, ROOT, start_service

TXT = ROOT / "fixtures" / "resumes" / "luis-ortega-plumber.txt"
REQUESTS = 2000
CONCURRENCY = 20


def _workers(pid: int) -> list[int]:
    """The server's parsing workers: its children started by multiprocessing's spawn."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(int(child))
    return found


async def _drive(
    base: str, server_pid: int, total: int, kill: bool
) -> tuple[float, list[float], Counter[str], int]:
    """`total` mixed requests from CONCURRENCY clients; with `kill`, one worker is killed after
    half of them.

    Returns wall time, latencies (s), outcomes by kind, and the number of workers killed.
    """
    translate_body = f'{{"target": "lerrs", "profile": {PROFILE.read_text(encoding="utf-8")}}}'.encode()
    pdf, txt = PDF.read_bytes(), TXT.read_bytes()
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    sent = done = killed = 0

    async def send(client: httpx.AsyncClient, n: int) -> httpx.Response:
        kind = n % 10
        if kind < 4:
            return await client.post(
                "/v1/translate", content=translate_body, headers={"content-type": "application/json"}
            )
        if kind < 7:
            return await client.post("/v1/resumes", files={"file": (PDF.name, pdf, "application/pdf")})
        if kind < 9:
            return await client.post(
                "/v1/resumes", params={"resolve": "false"}, files={"file": (TXT.name, txt)}
            )
        return await client.get("/v1/adapters")

    async def worker() -> None:
        nonlocal sent, done, killed
        async with httpx.AsyncClient(base_url=base, timeout=120) as client:
            while sent < total:
                n, sent = sent, sent + 1
                started = time.perf_counter()
                try:
                    response = await send(client, n)
                    code = response.json().get("code", "") if response.status_code >= 400 else ""
                    outcomes[f"HTTP {response.status_code} {code}".strip()] += 1
                except httpx.HTTPError as exc:
                    outcomes[type(exc).__name__] += 1
                latencies.append(time.perf_counter() - started)
                done += 1
                if kill and done == total // 2 and not killed:
                    victims = _workers(server_pid)
                    if victims:
                        os.kill(victims[0], signal.SIGKILL)
                        killed += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return time.perf_counter() - started, latencies, outcomes, killed


def main(total: int = REQUESTS) -> None:
    clients = f"{CONCURRENCY} clients, {total} requests a round"
    print(f"service: credbridge serve, {os.cpu_count()} CPU(s), offline; {clients}")
    print("  mixed: 40% translate, 30% PDF upload, 20% text upload (no badges), 10% GET /v1/adapters")
    with tempfile.TemporaryDirectory() as tmp:
        process, base = start_service(Path(tmp), {"CREDBRIDGE_RATE_LIMIT": "0"})
        try:
            for kill in (False, True):
                wall, latencies, outcomes, killed = asyncio.run(_drive(base, process.pid, total, kill))
                ready = httpx.get(f"{base}/readyz", timeout=10).status_code
                _report(wall, latencies, outcomes, killed, ready, total)
        finally:
            process.terminate()
            process.wait(timeout=60)


def _report(
    wall: float, latencies: list[float], outcomes: Counter[str], killed: int, ready: int, total: int
) -> None:
    ms = sorted(x * 1000 for x in latencies)
    p50, p95 = statistics.median(ms), ms[int(0.95 * (len(ms) - 1))]
    lost = outcomes["HTTP 503 service.worker_lost"]
    unexpected_5xx = sum(n for kind, n in outcomes.items() if kind.startswith("HTTP 5")) - min(lost, killed)
    failures = sum(n for kind, n in outcomes.items() if kind != "HTTP 200")
    print(f"round with {killed} worker(s) killed with SIGKILL mid-run; /readyz afterwards: {ready}")
    print(f"  {total / wall:.1f} req/s  p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    print("  outcomes: " + ", ".join(f"{kind} x{n}" for kind, n in outcomes.most_common()))
    print(f"  non-200: {failures}; 503 worker_lost: {lost} (expected <= {killed})")
    print(f"  unexpected 5xx: {unexpected_5xx}")
    verdict = "meets" if unexpected_5xx == 0 and failures == min(lost, killed) else "MISSES"
    print(f"  {verdict} the goal: no failure but the killed worker's own request")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else REQUESTS)
