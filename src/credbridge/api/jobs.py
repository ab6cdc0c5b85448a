"""The batch job store: SQLite, one row per job and one per file, deleted when they expire.

A job's results are the only resume-derived data the service keeps, and only because the
client asked for them; they are deleted `job_ttl` seconds after the job finishes (or on
DELETE). Each file's result is written as soon as it is ready, so progress is visible and one
bad file never loses the others. Calls are small and serialised under a lock; the service
calls them through asyncio.to_thread so the event loop never waits on the disk.

A file's upload is kept in its row until the file has an outcome, and then dropped: a server
that is killed mid-job finds its unfinished files at the next start and parses them then
(`unfinished`), and a job is done only once every file is.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from credbridge.api.problems import Problem
from credbridge.model import CandidateProfile

_SCHEMA = """
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    target TEXT,
    created REAL NOT NULL,
    expires REAL NOT NULL,
    finished REAL,
    resolve INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS job_files (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    result TEXT,
    error TEXT,
    data BLOB,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX IF NOT EXISTS jobs_expires ON jobs(expires);
"""

FileStatus = Literal["pending", "done", "failed"]
_COLUMNS_ADDED = (("jobs", "resolve", "INTEGER NOT NULL DEFAULT 1"), ("job_files", "data", "BLOB"))
"""Columns newer than the first schema, added to a store created before them."""


@dataclass(frozen=True)
class Unfinished:
    """A job a previous process did not finish: its options and the files still to parse."""

    job_id: str
    resolve: bool
    target: str | None
    files: list[tuple[int, str, bytes]]


class JobFile(BaseModel):
    """One file of a job: its outcome, with the profile (or target record) or the problem."""

    index: int
    name: str
    status: FileStatus
    profile: CandidateProfile | None = None
    record: Any = Field(default=None, description="The target's record when the job named a target.")
    error: Problem | None = None


class Job(BaseModel):
    """A batch of resumes being parsed; poll it until `status` is done."""

    id: str
    status: Literal["running", "done"]
    target: str | None = None
    total: int
    completed: int = Field(description="Files finished, successfully or not.")
    failed: int
    created_at: datetime
    expires_at: datetime = Field(description="When the job and its results will be deleted.")
    files: list[JobFile]


def _time(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


class JobStore:
    """SQLite-backed jobs; `owner` is the API key id, so a key sees only its own jobs."""

    def __init__(self, path: Path, ttl: float) -> None:
        self.path, self.ttl = path, ttl
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.executescript(_SCHEMA)
        for table, column, kind in _COLUMNS_ADDED:
            present = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        self._interrupt_lost()

    def _interrupt_lost(self) -> None:
        """Pending files whose upload is not stored (a store from before uploads were kept) can
        never be parsed: they fail now instead of staying pending forever."""
        problem = _problem_json("the service restarted before this file was processed", "job.interrupted")
        with self._lock:
            self._db.execute(
                "UPDATE job_files SET status='failed', error=? WHERE status='pending' AND data IS NULL",
                (problem,),
            )
        for job_id in self._unfinished_ids():
            self.finish(job_id)

    def _unfinished_ids(self) -> list[str]:
        with self._lock:
            rows = self._db.execute("SELECT id FROM jobs WHERE finished IS NULL").fetchall()
        return [row[0] for row in rows]

    def unfinished(self) -> list[Unfinished]:
        """Every job a previous process left running, with the uploads of its pending files."""
        jobs = []
        for job_id in self._unfinished_ids():
            with self._lock:
                resolve, target = self._db.execute(
                    "SELECT resolve, target FROM jobs WHERE id=?", (job_id,)
                ).fetchone()
                files = self._db.execute(
                    "SELECT idx, name, data FROM job_files WHERE job_id=? AND status='pending' ORDER BY idx",
                    (job_id,),
                ).fetchall()
            jobs.append(Unfinished(job_id, bool(resolve), target, [(i, n, bytes(d)) for i, n, d in files]))
        return jobs

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def ping(self) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1").fetchone() == (1,)

    def create(self, owner: str, files: list[tuple[str, bytes]], target: str | None, *, resolve: bool) -> str:
        """A new job with its files' names and uploads, kept until each file has an outcome."""
        job_id = secrets.token_urlsafe(16)
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN")
            self._db.execute(
                "INSERT INTO jobs (id, owner, target, created, expires, resolve) VALUES (?, ?, ?, ?, ?, ?)",
                (job_id, owner, target, now, now + self.ttl, int(resolve)),
            )
            self._db.executemany(
                "INSERT INTO job_files (job_id, idx, name, status, data) VALUES (?, ?, ?, 'pending', ?)",
                [(job_id, i, name, data) for i, (name, data) in enumerate(files)],
            )
            self._db.execute("COMMIT")
        return job_id

    def record(self, job_id: str, index: int, *, result: Any = None, error: Problem | None = None) -> None:
        """Store one file's outcome: a JSON-able result, or a problem."""
        status = "failed" if error is not None else "done"
        with self._lock:
            self._db.execute(
                "UPDATE job_files SET status=?, result=?, error=?, data=NULL WHERE job_id=? AND idx=?",
                (
                    status,
                    None if error is not None else json.dumps(result, ensure_ascii=False),
                    error.model_dump_json(exclude_none=True) if error is not None else None,
                    job_id,
                    index,
                ),
            )

    def finish(self, job_id: str) -> None:
        """Mark the job done, if every file has an outcome; its results expire `ttl` from now."""
        now = time.time()
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET finished=?, expires=? WHERE id=? AND NOT EXISTS "
                "(SELECT 1 FROM job_files WHERE job_id=? AND status='pending')",
                (now, now + self.ttl, job_id, job_id),
            )

    def get(self, job_id: str, owner: str) -> Job | None:
        with self._lock:
            row = self._db.execute(
                "SELECT target, created, expires, finished FROM jobs WHERE id=? AND owner=? AND expires>?",
                (job_id, owner, time.time()),
            ).fetchone()
            if row is None:
                return None
            files = self._db.execute(
                "SELECT idx, name, status, result, error FROM job_files WHERE job_id=? ORDER BY idx",
                (job_id,),
            ).fetchall()
        target, created, expires, finished = row
        entries = [_job_file(target, *file) for file in files]
        return Job(
            id=job_id,
            status="done" if finished is not None else "running",
            target=target,
            total=len(entries),
            completed=sum(f.status != "pending" for f in entries),
            failed=sum(f.status == "failed" for f in entries),
            created_at=_time(created),
            expires_at=_time(expires),
            files=entries,
        )

    def delete(self, job_id: str, owner: str) -> bool:
        with self._lock:
            cursor = self._db.execute("DELETE FROM jobs WHERE id=? AND owner=?", (job_id, owner))
        return cursor.rowcount > 0

    def purge(self) -> int:
        """Delete every expired job with its results; returns how many went."""
        with self._lock:
            cursor = self._db.execute("DELETE FROM jobs WHERE expires<=?", (time.time(),))
        return cursor.rowcount


def _job_file(
    target: str | None, index: int, name: str, status: FileStatus, result: str | None, error: str | None
) -> JobFile:
    value = json.loads(result) if result is not None else None
    return JobFile(
        index=index,
        name=name,
        status=status,
        profile=CandidateProfile.model_validate(value) if value is not None and target is None else None,
        record=value if target is not None else None,
        error=Problem.model_validate_json(error) if error is not None else None,
    )


def _problem_json(detail: str, code: str) -> str:
    return Problem(title="Service Unavailable", status=503, detail=detail, code=code).model_dump_json(
        exclude_none=True
    )
