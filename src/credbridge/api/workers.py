"""The pool that runs CPU-bound work (reading PDFs, parsing resumes, taxonomy matching).

A process pool by default, because parsing holds the GIL: in-process it would stall the event
loop and every other request with it. Workers are spawned (not forked: the server has threads)
and warmed up at start-up so that the first request does not pay for imports and index loads.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import TypeVar

from credbridge.errors import CredbridgeError

T = TypeVar("T")
log = logging.getLogger("credbridge.api")


class WorkerLost(CredbridgeError):
    """A pool worker died under a request; the request may be retried (503)."""

    code = "service.worker_lost"


_WARM_UP_RESUME = b"Sam Example\n\nCertifications\nAWS Certified Developer, 2024\n\nSkills\nPython\n"


def warm_up() -> bool:
    """Parse a tiny resume in this worker: imports every stage and loads the taxonomy index."""
    import importlib

    from credbridge.pipeline import ParseOptions, parse_bytes

    importlib.import_module("credbridge.documents.pdf")  # the PDF engine, which the text file skips
    parse_bytes(_WARM_UP_RESUME, name="warm-up.txt", options=ParseOptions(resolve=False))
    return True


class CpuPool:
    """`await pool.run(callable)` runs it in a worker; `ready` is set once every worker is warm.

    A failed warm-up does not stop the service (translate and verify need no parsing); /readyz
    reports it in `problem` instead.
    """

    def __init__(self, kind: str, workers: int) -> None:
        self.kind, self.workers = kind, workers
        self.ready = False
        self.problem: str | None = "starting"
        self._executor: Executor | None = None

    def _new_executor(self) -> Executor:
        if self.kind == "process":
            context = multiprocessing.get_context("spawn")
            return ProcessPoolExecutor(self.workers, mp_context=context)
        return ThreadPoolExecutor(self.workers, thread_name_prefix="credbridge-cpu")

    async def start(self) -> None:
        self._executor = self._new_executor()
        try:
            await asyncio.gather(*(self.run(warm_up) for _ in range(self.workers)))
        except Exception as exc:  # reported by /readyz; parsing requests fail on their own
            self.problem = f"warm-up failed: {type(exc).__name__}"
            log.warning("cpu pool warm-up failed", extra={"error": type(exc).__name__})
            return
        self.ready, self.problem = True, None

    async def run(self, call: Callable[[], T]) -> T:
        """Run `call` in a worker; a worker that dies (killed, crashed) costs its requests a 503,
        not the service: the pool is replaced and the next request gets a fresh worker."""
        executor = self._executor
        if executor is None:
            raise RuntimeError("the CPU pool is not started")
        try:
            return await asyncio.get_running_loop().run_in_executor(executor, call)
        except BrokenExecutor:
            if self._executor is executor:  # the first request to notice replaces the pool
                log.warning("a parsing worker died; the pool is restarted")
                self._executor = self._new_executor()
                executor.shutdown(wait=False, cancel_futures=True)
            raise WorkerLost("a parsing worker stopped while handling this request; try again") from None

    def shutdown(self) -> None:
        self.ready = False
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
