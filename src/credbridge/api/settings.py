"""The service's configuration, read from CREDBRIDGE_* environment variables.

Plain environment parsing (no extra dependency): every variable is documented in ENV_VARS, which
`credbridge serve --help` prints, so the help and the code cannot disagree.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from credbridge.errors import InputError

ENV_VARS: dict[str, str] = {
    "CREDBRIDGE_HOST": "Address to bind (default 127.0.0.1; others need API keys).",
    "CREDBRIDGE_PORT": "Port to listen on (default 8000).",
    "CREDBRIDGE_API_KEYS": "Comma-separated API keys, raw or as sha256:<hex> (only hashes are kept).",
    "CREDBRIDGE_API_KEYS_FILE": "File with one API key or sha256:<hex> per line (# comments).",
    "CREDBRIDGE_RATE_LIMIT": "Requests per minute per API key (default 600; 0 = unlimited).",
    "CREDBRIDGE_MAX_UPLOAD_MB": "Largest resume or badge file accepted, in MiB (default 10).",
    "CREDBRIDGE_MAX_JSON_KB": "Largest JSON request body, in KiB (default 1024).",
    "CREDBRIDGE_MAX_PAGES": "Most pages a resume may have (default 20).",
    "CREDBRIDGE_MAX_JOB_FILES": "Most files in one batch job (default 100).",
    "CREDBRIDGE_REQUEST_TIMEOUT": "Seconds a request may take before a 504 (default 60).",
    "CREDBRIDGE_HEADER_TIMEOUT": "Seconds a new connection has to send its request headers (default 10).",
    "CREDBRIDGE_MAX_CONNECTIONS": "Open connections and requests at once before a 503 (default 1000).",
    "CREDBRIDGE_WORKERS": "Parsing processes (default: the number of CPUs).",
    "CREDBRIDGE_POOL": "process (default) or thread: where CPU-bound parsing runs.",
    "CREDBRIDGE_WORKER_CPU_SECONDS": "CPU seconds one parse may use before a 422 (default 30; 0 = no limit).",
    "CREDBRIDGE_WORKER_MEMORY_MB": "Memory of a parsing worker, MiB; past it a 422 (default 2048; 0 = off).",
    "CREDBRIDGE_MAX_JOB_MB": "Most bytes of files in one batch job, in MiB (default 100).",
    "CREDBRIDGE_AUTH_FAILURES": "Failed key checks a minute per client address before a 429 (default 30).",
    "CREDBRIDGE_JOBS_DB": "SQLite file of the job store (default: the user data dir).",
    "CREDBRIDGE_JOB_TTL": "Seconds a job's results are kept before deletion (default 3600).",
    "CREDBRIDGE_OFFLINE": "1 = never fetch badges over the network.",
    "CREDBRIDGE_DOCUMENTS": "Offline document store consulted before the network (see --documents).",
    "CREDBRIDGE_ALLOW_LOOPBACK": "1 = badge fetches may reach 127.0.0.1 (tests and demos only; off).",
    "CREDBRIDGE_CACHE": "SQLite HTTP cache of badge fetches, or off (default: the user cache dir).",
    "CREDBRIDGE_SHUTDOWN_GRACE": "Seconds in-flight requests get to finish on shutdown (default 10).",
    "CREDBRIDGE_LOG_LEVEL": "DEBUG, INFO (default), WARNING, ERROR.",
}

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Settings:
    """Everything the service can be told; the defaults are a safe single-machine set-up."""

    host: str = "127.0.0.1"
    port: int = 8000
    api_key_hashes: frozenset[str] = frozenset()
    """SHA-256 hex digests of the accepted keys; the keys themselves are never kept."""
    rate_limit: int = 600
    max_upload_bytes: int = 10 * 1024 * 1024
    max_json_bytes: int = 1024 * 1024
    max_pages: int = 20
    max_job_files: int = 100
    request_timeout: float = 60.0
    header_timeout: float = 10.0
    """A connection that has not sent its headers by then is closed: idle sockets cost a file each."""
    max_connections: int = 1000
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    pool: str = "process"
    worker_cpu_seconds: int = 30
    """Per parse, enforced by the kernel (RLIMIT_CPU) in process pools; 0 = no limit."""
    worker_memory_mb: int = 2048
    """Per worker, enforced by the kernel (RLIMIT_AS) in process pools; 0 = no limit."""
    max_job_bytes: int = 100 * 1024 * 1024
    """A key's files in one job, together: bounds what one request can make the server hold."""
    auth_failures: int = 30
    """Failed authentications a minute one client address may make (guessing keys); 0 = no limit."""
    jobs_db: Path = field(default_factory=lambda: Path(user_data_dir("credbridge")) / "jobs.sqlite3")
    job_ttl: float = 3600.0
    offline: bool = False
    documents: Path | None = None
    allow_loopback: bool = False
    shutdown_grace: float = 10.0
    log_level: str = "INFO"

    @property
    def auth_required(self) -> bool:
        return bool(self.api_key_hashes)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read CREDBRIDGE_* variables; a malformed value is an InputError naming the variable."""
        env = os.environ if environ is None else environ
        reader = _Reader(env)
        from credbridge.api.auth import load_key_hashes

        keys_file = reader.text("CREDBRIDGE_API_KEYS_FILE")
        defaults = cls()
        settings = cls(
            host=reader.text("CREDBRIDGE_HOST") or defaults.host,
            port=reader.integer("CREDBRIDGE_PORT", defaults.port, low=0, high=65535),
            api_key_hashes=load_key_hashes(
                reader.text("CREDBRIDGE_API_KEYS"), Path(keys_file) if keys_file else None
            ),
            rate_limit=reader.integer("CREDBRIDGE_RATE_LIMIT", defaults.rate_limit, low=0),
            max_upload_bytes=reader.integer("CREDBRIDGE_MAX_UPLOAD_MB", 10, low=1) * 1024 * 1024,
            max_json_bytes=reader.integer("CREDBRIDGE_MAX_JSON_KB", 1024, low=1) * 1024,
            max_pages=reader.integer("CREDBRIDGE_MAX_PAGES", defaults.max_pages, low=1),
            max_job_files=reader.integer("CREDBRIDGE_MAX_JOB_FILES", defaults.max_job_files, low=1),
            request_timeout=reader.number("CREDBRIDGE_REQUEST_TIMEOUT", defaults.request_timeout),
            header_timeout=reader.number("CREDBRIDGE_HEADER_TIMEOUT", defaults.header_timeout),
            max_connections=reader.integer("CREDBRIDGE_MAX_CONNECTIONS", defaults.max_connections, low=1),
            workers=reader.integer("CREDBRIDGE_WORKERS", defaults.workers, low=1),
            pool=reader.choice("CREDBRIDGE_POOL", defaults.pool, ("process", "thread")),
            worker_cpu_seconds=reader.integer(
                "CREDBRIDGE_WORKER_CPU_SECONDS", defaults.worker_cpu_seconds, low=0
            ),
            worker_memory_mb=reader.integer("CREDBRIDGE_WORKER_MEMORY_MB", defaults.worker_memory_mb, low=0),
            max_job_bytes=reader.integer("CREDBRIDGE_MAX_JOB_MB", 100, low=1) * 1024 * 1024,
            auth_failures=reader.integer("CREDBRIDGE_AUTH_FAILURES", defaults.auth_failures, low=0),
            jobs_db=Path(reader.text("CREDBRIDGE_JOBS_DB") or defaults.jobs_db),
            job_ttl=reader.number("CREDBRIDGE_JOB_TTL", defaults.job_ttl),
            offline=reader.flag("CREDBRIDGE_OFFLINE"),
            documents=_directory(reader.text("CREDBRIDGE_DOCUMENTS"), "CREDBRIDGE_DOCUMENTS"),
            allow_loopback=reader.flag("CREDBRIDGE_ALLOW_LOOPBACK"),
            shutdown_grace=reader.number("CREDBRIDGE_SHUTDOWN_GRACE", defaults.shutdown_grace),
            log_level=reader.choice(
                "CREDBRIDGE_LOG_LEVEL", defaults.log_level, ("DEBUG", "INFO", "WARNING", "ERROR")
            ),
        )
        return settings


def is_loopback(host: str) -> bool:
    return host.strip("[]").lower() in LOOPBACK_HOSTS


def _directory(value: str | None, name: str) -> Path | None:
    if not value:
        return None
    path = Path(value)
    if not path.is_dir():
        raise InputError(f"{name}: not a directory: {value}")
    return path


class _Reader:
    """Typed access to the environment, with errors that name the variable."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def text(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return value or None

    def integer(self, name: str, default: int, *, low: int | None = None, high: int | None = None) -> int:
        raw = self.text(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise InputError(f"{name}: not an integer: {raw!r}") from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise InputError(f"{name}: {value} is out of range")
        return value

    def number(self, name: str, default: float) -> float:
        raw = self.text(name)
        if raw is None:
            return default
        try:
            value = float(raw)
        except ValueError:
            raise InputError(f"{name}: not a number: {raw!r}") from None
        if not value > 0:
            raise InputError(f"{name}: must be greater than 0")
        return value

    def flag(self, name: str) -> bool:
        raw = (self.text(name) or "0").lower()
        if raw in ("1", "true", "yes", "on"):
            return True
        if raw in ("0", "false", "no", "off"):
            return False
        raise InputError(f"{name}: expected 1/0, true/false, yes/no or on/off, not {raw!r}")

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        raw = self.text(name)
        if raw is None:
            return default
        value = raw.upper() if choices[0].isupper() else raw.lower()
        if value not in choices:
            raise InputError(f"{name}: choose one of {', '.join(choices)}, not {raw!r}")
        return value
