"""The pool that runs CPU-bound work (reading PDFs, parsing resumes, taxonomy matching).

A process pool by default, because parsing holds the GIL: in-process it would stall the event
loop and every other request with it. It is a small pool of its own rather than
ProcessPoolExecutor, because that executor fails every in-flight request when one worker dies,
cannot stop the one task whose request has timed out, and has no per-task budget. Here each
worker is a spawned process (not forked: the server has threads) with its own pipe, running one
task at a time, so the parent always knows whose task a worker holds:

* each task runs under a CPU-time budget (RLIMIT_CPU, re-armed per task) and the worker under an
  address-space budget (RLIMIT_AS); an input that overruns either costs its own request a 422
  and its worker, which is replaced;
* a worker that dies (kill -9, a crash) fails only the request it was running, with a 503;
* a request that is cancelled (its 504 deadline, a client gone) has its worker killed at once
  instead of left to burn CPU to the end;
* replacements are warmed up before they take work, and `ready` is true only while at least one
  live worker is warm, so /readyz tells the truth about the pool;
* workers die with the server (PR_SET_PDEATHSIG, and a watchdog thread where that is missing).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from credbridge.errors import CredbridgeError, InputError
from credbridge.processes import die_with_parent

T = TypeVar("T")
log = logging.getLogger("credbridge.api")


class WorkerLost(CredbridgeError):
    """A pool worker died under a request; the request may be retried (503)."""

    code = "service.worker_lost"


class BudgetExceeded(InputError):
    """The input made its worker overrun its CPU-time or memory budget (422: retrying won't help)."""

    code = "document.over_budget"


@dataclass(frozen=True)
class Budget:
    """Per-task CPU seconds and per-worker address space in bytes; 0 means no limit."""

    cpu_seconds: int = 0
    memory_bytes: int = 0


_WARM_UP_RESUME = b"Sam Example\n\nCertifications\nAWS Certified Developer, 2024\n\nSkills\nPython\n"


def warm_up() -> bool:
    """Parse a tiny resume in this worker: imports every stage and loads the taxonomy index."""
    import importlib

    from credbridge.pipeline import ParseOptions, parse_bytes

    importlib.import_module("credbridge.documents.pdf")  # the PDF engine, which the text file skips
    parse_bytes(_WARM_UP_RESUME, name="warm-up.txt", options=ParseOptions(resolve=False))
    return True


# ---------------------------------------------------------------------------------------------
# The worker process


def _cpu_used() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _arm_cpu(seconds: int) -> None:
    """Let the coming task use `seconds` more CPU: past that the kernel sends SIGXCPU, whose
    default action ends the process, even inside C code that never returns to Python."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(_cpu_used()) + seconds + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _limit_memory(limit: int) -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection, parent: int, budget: Budget) -> None:
    """A worker's life: limits, warm-up, then one task at a time until the pipe closes."""
    import resource

    die_with_parent(parent, kernel=True)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an overrun leaves no core file behind
    if budget.memory_bytes:
        _limit_memory(budget.memory_bytes)
    try:
        warm_up()
        message: tuple[str, str | None] = ("ready", None)
    except BaseException as exc:
        message = ("warm_failed", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(message)
    except OSError:
        return  # the server stopped while this worker warmed up
    if message[0] != "ready":
        return
    while True:
        try:
            call = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return  # the server closed the pipe: shutdown
        if budget.cpu_seconds:
            _arm_cpu(budget.cpu_seconds)
        reply: tuple[str, Any]
        try:
            reply = ("ok", call())
        except MemoryError:
            reply = ("memory", None)
        except BaseException as exc:
            reply = ("error", exc)
        del call
        try:
            conn.send(reply)
        except Exception as exc:  # an unpicklable result or exception: still answer
            conn.send(("error", RuntimeError(f"unpicklable result: {type(exc).__name__}")))
        if reply[0] == "memory":
            return  # a worker that ran out of memory may be left in any state: replace it


# ---------------------------------------------------------------------------------------------
# The server side


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    warm: asyncio.Future[None]
    pending: asyncio.Future[tuple[str, Any]] | None = None
    alive: bool = True
    killed_for: str | None = None
    """Why the server killed it (a cancelled request), so its death is not reported as a crash."""


class CpuPool:
    """`await pool.run(callable)` runs it in a worker; `ready` is true while a worker is warm.

    A failed warm-up does not stop the service (translate and verify need no parsing); /readyz
    reports it in `problem` instead.
    """

    def __init__(self, kind: str, workers: int, budget: Budget | None = None) -> None:
        self.kind, self.workers = kind, workers
        self.budget = budget or Budget()
        self.problem: str | None = "starting"
        self._threads: ThreadPoolExecutor | None = None
        self._threads_ready = False
        self._workers: set[_Worker] = set()
        self._idle: asyncio.Queue[_Worker] | None = None
        self._closing = False
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def ready(self) -> bool:
        if self.kind != "process":
            return self._threads_ready
        return any(w.alive and w.warm.done() and not w.warm.exception() for w in self._workers)

    def pids(self) -> list[int]:
        """PIDs of the live worker processes (for tests, benchmarks and operators)."""
        return [w.process.pid for w in self._workers if w.alive and w.process.pid is not None]

    async def start(self) -> None:
        if self.kind != "process":
            self._threads = ThreadPoolExecutor(self.workers, thread_name_prefix="credbridge-cpu")
            try:
                await asyncio.get_running_loop().run_in_executor(self._threads, warm_up)
            except Exception as exc:  # reported by /readyz; parsing requests fail on their own
                self.problem = f"warm-up failed: {type(exc).__name__}"
                log.warning("cpu pool warm-up failed", extra={"error": type(exc).__name__})
                return
            self._threads_ready, self.problem = True, None
            return
        self._idle = asyncio.Queue()
        started = [self._spawn() for _ in range(self.workers)]
        outcomes = await asyncio.gather(*(w.warm for w in started), return_exceptions=True)
        for worker, outcome in zip(started, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                self._reap(worker)
                self._replace_later()
            else:
                self._idle.put_nowait(worker)
        self._update_problem()

    def _spawn(self) -> _Worker:
        """Start a worker; it is put to work once its warm-up message arrives.

        Called on the event loop thread, which lives as long as the server: PR_SET_PDEATHSIG
        fires when the spawning *thread* ends, so spawning from a short-lived thread would
        kill the worker with it.
        """
        loop = asyncio.get_running_loop()
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker_main,
            args=(theirs, os.getpid(), self.budget),
            name="credbridge-worker",
            daemon=True,
        )
        process.start()
        theirs.close()  # only the child holds its end, so its death reads as end-of-file here
        worker = _Worker(process=process, conn=ours, warm=loop.create_future())
        self._workers.add(worker)
        loop.add_reader(ours.fileno(), self._on_readable, worker)
        return worker

    def _on_readable(self, worker: _Worker) -> None:
        """A message from a worker, or its end-of-file when it died."""
        try:
            kind, value = worker.conn.recv()
        except (EOFError, OSError):
            self._on_death(worker)
            return
        if kind == "ready":
            if not worker.warm.done():
                worker.warm.set_result(None)
        elif kind == "warm_failed":
            if not worker.warm.done():
                worker.warm.set_exception(RuntimeError(value))
        elif worker.pending is not None and not worker.pending.done():
            worker.pending.set_result((kind, value))

    def _on_death(self, worker: _Worker) -> None:
        self._reap(worker)
        if not worker.warm.done():
            # whoever spawned it (start, _replace) sees this and retries: no second replacement
            worker.warm.set_exception(RuntimeError("the worker died while warming up"))
            self._update_problem()
            return
        self._track(self._report_death(worker, worker.pending))
        if not self._closing:
            if worker.killed_for is None:
                log.warning("a parsing worker died; it is replaced", extra={"pid": worker.process.pid})
            self._replace_later()
        self._update_problem()

    async def _report_death(self, worker: _Worker, pending: asyncio.Future[tuple[str, Any]] | None) -> None:
        """Reap the process (no zombie), then fail its own request, if it had one still waiting:
        422 when the kernel stopped it for CPU time, else 503."""
        await asyncio.to_thread(worker.process.join, 5)
        if pending is None or pending.done():
            return
        if worker.process.exitcode == -signal.SIGXCPU:
            seconds = self.budget.cpu_seconds
            pending.set_result(("cpu", seconds))
        else:
            pending.set_result(("lost", worker.process.exitcode))

    def _reap(self, worker: _Worker) -> None:
        if not worker.alive:
            return
        worker.alive = False
        with contextlib.suppress(Exception):
            asyncio.get_running_loop().remove_reader(worker.conn.fileno())
        worker.conn.close()
        self._workers.discard(worker)

    def _replace_later(self) -> None:
        self._track(self._replace())

    async def _replace(self) -> None:
        """Start and warm a replacement, retrying with back-off while warm-ups keep failing."""
        delay = 0.5
        while not self._closing:
            worker = self._spawn()
            try:
                await worker.warm
            except Exception as exc:
                self.problem = f"warm-up failed: {exc}"
                log.warning("a replacement worker failed to warm up", extra={"error": str(exc)})
                self._kill(worker, "warm-up failed")
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._closing or not worker.alive:
                continue
            assert self._idle is not None
            self._idle.put_nowait(worker)
            self._update_problem()
            return

    def _update_problem(self) -> None:
        if self.ready:
            self.problem = None
        elif self.problem is None or self.problem == "starting":
            self.problem = "no parsing worker is alive and warm"

    def _kill(self, worker: _Worker, reason: str) -> None:
        worker.killed_for = reason
        with contextlib.suppress(ProcessLookupError, AttributeError):
            worker.process.kill()

    def _track(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _take(self) -> _Worker:
        assert self._idle is not None
        while True:
            worker = await self._idle.get()
            if worker.alive:
                return worker

    async def run(self, call: Callable[[], T]) -> T:
        """Run `call` in a worker, one task per worker; only this call's own worker can fail it."""
        if self.kind != "process":
            if self._threads is None:
                raise RuntimeError("the CPU pool is not started")
            return await asyncio.get_running_loop().run_in_executor(self._threads, call)
        if self._idle is None:
            raise RuntimeError("the CPU pool is not started")
        payload = pickle.dumps(call)
        worker = await self._take()
        pending: asyncio.Future[tuple[str, Any]] = asyncio.get_running_loop().create_future()
        worker.pending = pending
        try:
            with contextlib.suppress(OSError):  # a dead worker answers through `pending`
                await asyncio.to_thread(worker.conn.send_bytes, payload)
            kind, value = await pending
        except asyncio.CancelledError:
            # The request was abandoned (its deadline, its client): stop the work, not just the wait.
            self._kill(worker, "cancelled")
            raise
        finally:
            worker.pending = None
        if kind == "memory":
            raise BudgetExceeded(
                f"the input needed more than the {self.budget.memory_bytes // 2**20} MiB of memory "
                "a parse may use",
            )
        if worker.alive and not worker.killed_for:
            assert self._idle is not None
            self._idle.put_nowait(worker)
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "error":
            raise value
        if kind == "cpu":
            raise BudgetExceeded(f"the input needed more than the {value} s of CPU time a parse may use")
        raise WorkerLost("a parsing worker stopped while handling this request; try again")

    async def shutdown(self) -> None:
        """Close every pipe (idle workers exit on end-of-file), kill the busy ones, join them all."""
        self._closing = True
        self._threads_ready = False
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        workers = list(self._workers)
        for worker in workers:
            if worker.pending is not None or not worker.warm.done():
                self._kill(worker, "shutdown")
            self._reap(worker)
        for worker in workers:
            await asyncio.to_thread(worker.process.join, 5)
            if worker.process.is_alive():
                self._kill(worker, "shutdown")
                await asyncio.to_thread(worker.process.join, 5)
        if self._threads is not None:
            await asyncio.to_thread(self._threads.shutdown, wait=True, cancel_futures=True)
            self._threads = None
