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
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("credbridge.api")


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

    async def start(self) -> None:
        if self.kind == "process":
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
        else:
            self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="credbridge-cpu")
        try:
            await asyncio.gather(*(self.run(warm_up) for _ in range(self.workers)))
        except Exception as exc:  # reported by /readyz; parsing requests fail on their own
            self.problem = f"warm-up failed: {type(exc).__name__}"
            log.warning("cpu pool warm-up failed", extra={"error": type(exc).__name__})
            return
        self.ready, self.problem = True, None

    async def run(self, call: Callable[[], T]) -> T:
        if self._executor is None:
            raise RuntimeError("the CPU pool is not started")
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def shutdown(self) -> None:
        self.ready = False
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
