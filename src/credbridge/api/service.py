"""The running service's state: settings, the CPU pool, the job store, the rate limiter, job tasks.

Endpoints reach it as `request.app.state.service`; start() and stop() are the lifespan, which is
what makes shutdown graceful: running jobs are stopped and recorded, workers are joined, the
database is closed.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from credbridge.api.auth import RateLimiter
from credbridge.api.jobs import JobStore
from credbridge.api.problems import Problem, status_for
from credbridge.api.settings import Settings
from credbridge.api.workers import Budget, CpuPool
from credbridge.errors import CredbridgeError
from credbridge.model import CandidateProfile
from credbridge.pipeline import ParseOptions, aparse_bytes

log = logging.getLogger("credbridge.api")


@dataclass(frozen=True)
class Upload:
    """A resume received in a request: its bytes and the name the client gave it."""

    name: str
    data: bytes


class Service:
    """Everything the endpoints share for the lifetime of the process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        budget = Budget(settings.worker_cpu_seconds, settings.worker_memory_mb * 1024 * 1024)
        self.pool = CpuPool(settings.pool, settings.workers, budget)
        self.limiter = RateLimiter(settings.rate_limit)
        self.jobs: JobStore | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        # Batch jobs get half the workers, so that interactive uploads are not queued behind them.
        self._job_slots = asyncio.Semaphore(max(1, settings.workers // 2))

    async def start(self) -> None:
        self.jobs = await asyncio.to_thread(JobStore, self.settings.jobs_db, self.settings.job_ttl)
        self._spawn(self._purge_expired())
        await self.pool.start()
        for job in await asyncio.to_thread(self.jobs.unfinished):
            # a previous process stopped (or was killed) mid-job: its stored uploads go on now
            uploads = [(index, Upload(name, data)) for index, name, data in job.files]
            self._spawn(self._run_job(job.job_id, uploads, resolve=job.resolve, target=job.target))
            log.info("unfinished job resumed", extra={"files": len(uploads)})
        log.info(
            "service started",
            extra={
                "pool": self.settings.pool,
                "workers": self.settings.workers,
                "auth": self.settings.auth_required,
                "offline": self.settings.offline,
            },
        )

    async def stop(self) -> None:
        """Stop job tasks (their unfinished files stay stored for the next start), then the pool and
        the store."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.pool.shutdown()
        if self.jobs is not None:
            self.jobs.close()
        log.info("service stopped")

    def parse_options(self, *, resolve: bool) -> ParseOptions:
        s = self.settings
        return ParseOptions(
            resolve=resolve,
            offline=s.offline,
            documents=s.documents,
            allow_loopback=s.allow_loopback,
            max_pages=s.max_pages,
        )

    async def parse(self, upload: Upload, *, resolve: bool) -> CandidateProfile:
        """One resume through the pipeline: parsing in the pool, badge fetching on the loop."""
        return await aparse_bytes(
            upload.data, name=upload.name, options=self.parse_options(resolve=resolve), run_cpu=self.pool.run
        )

    def submit_job(self, job_id: str, uploads: list[Upload], *, resolve: bool, target: str | None) -> None:
        self._spawn(self._run_job(job_id, list(enumerate(uploads)), resolve=resolve, target=target))

    async def _run_job(
        self, job_id: str, uploads: list[tuple[int, Upload]], *, resolve: bool, target: str | None
    ) -> None:
        assert self.jobs is not None
        await asyncio.gather(*(self._job_file(job_id, i, upload, resolve, target) for i, upload in uploads))
        await asyncio.to_thread(self.jobs.finish, job_id)

    async def _job_file(
        self, job_id: str, index: int, upload: Upload, resolve: bool, target: str | None
    ) -> None:
        assert self.jobs is not None
        result: Any = None
        error: Problem | None = None
        try:
            async with self._job_slots, asyncio.timeout(self.settings.request_timeout):
                # the same deadline as a request: a file that outlasts it has its worker killed
                profile = await self.parse(upload, resolve=resolve)
            if target is None:
                result = profile.model_dump(mode="json", exclude_none=True)
            else:
                from credbridge.targets import translate

                result = translate(profile, target).record
        except CredbridgeError as exc:
            error = Problem(title="File failed", status=status_for(exc), detail=exc.message, code=exc.code)
        except TimeoutError:
            detail = f"the file took longer than {self.settings.request_timeout:g} s and was stopped"
            error = Problem(title="File failed", status=504, detail=detail, code="request.timeout")
        except Exception as exc:  # one bad file never loses the others
            log.error("job file failed", extra={"error": type(exc).__name__})
            error = Problem(
                title="File failed", status=500, detail="this file could not be processed", code="internal"
            )
        await asyncio.to_thread(self.jobs.record, job_id, index, result=result, error=error)

    async def _purge_expired(self) -> None:
        assert self.jobs is not None
        interval = min(60.0, max(1.0, self.settings.job_ttl / 4))
        while True:
            removed = await asyncio.to_thread(self.jobs.purge)
            if removed:
                log.info("expired jobs deleted", extra={"jobs": removed})
            await asyncio.sleep(interval)

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
