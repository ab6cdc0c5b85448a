"""A small persistent HTTP cache in SQLite, honouring Cache-Control, Expires, ETag, Last-Modified.

Why not hishel: hishel caches at the transport layer, below our own redirect loop, and stores
whole responses per physical request; we need to cache only the final, size-capped body of a
fetch that already passed the SSRF checks, keyed by the logical URL and Accept header (the
physical URL is a pinned IP). Its 1.0 rewrite also changed the storage API, and what we need is
about a hundred lines of stdlib sqlite3. The rules kept are the ones that matter for badges:
`no-store` is never stored, `max-age` / `s-maxage` / `Expires` give freshness, `no-cache` and
stale entries are revalidated with `If-None-Match` / `If-Modified-Since`, and entries without
freshness or validators are not stored at all.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

import platformdirs

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    body BLOB NOT NULL,
    content_type TEXT NOT NULL,
    fresh_until REAL NOT NULL,
    etag TEXT,
    last_modified TEXT
)
"""


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    content_type: str
    fresh_until: float
    etag: str | None
    last_modified: str | None

    def is_fresh(self, now: float) -> bool:
        return now < self.fresh_until

    def validators(self) -> dict[str, str]:
        """Headers for a conditional request that revalidates this entry."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def default_path() -> Path:
    """The cache file in the user's cache directory (platformdirs)."""
    return Path(platformdirs.user_cache_dir("credbridge")) / "http-cache.sqlite3"


def freshness(headers: dict[str, str], now: float) -> float | None:
    """Until when a response may be reused without asking; None when it must not be stored."""
    directives = {}
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip().strip('"')
    if "no-store" in directives:
        return None
    if "no-cache" in directives:
        return now
    for name in ("s-maxage", "max-age"):
        if name in directives:
            try:
                return now + max(0, int(directives[name]))
            except ValueError:
                return now
    if "expires" in headers:
        try:
            return parsedate_to_datetime(headers["expires"]).timestamp()
        except (TypeError, ValueError):
            return now
    return now


class HttpCache:
    """Thread-safe SQLite cache of final response bodies, keyed by Accept and logical URL."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)

    @staticmethod
    def key(url: str, accept: str) -> str:
        return f"{accept}\n{url}"

    def get(self, url: str, accept: str) -> CachedResponse | None:
        """The cached entry, or None (also when the cache file cannot be read: a cache is optional)."""
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT body, content_type, fresh_until, etag, last_modified "
                    "FROM responses WHERE key = ?",
                    (self.key(url, accept),),
                ).fetchone()
        except sqlite3.Error:
            return None
        return CachedResponse(*row) if row else None

    def put(self, url: str, accept: str, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        """Store a 200 response when its headers allow it and it can be reused or revalidated."""
        now = time.time()
        fresh_until = freshness(headers, now)
        etag, last_modified = headers.get("etag"), headers.get("last-modified")
        if fresh_until is None or (fresh_until <= now and not etag and not last_modified):
            return
        self._write(
            "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)",
            (self.key(url, accept), body, content_type, fresh_until, etag, last_modified),
        )

    def refresh(self, url: str, accept: str, headers: dict[str, str]) -> None:
        """A 304 answered a revalidation: extend the entry's freshness from the new headers."""
        fresh_until = freshness(headers, time.time())
        if fresh_until is None:
            self._write("DELETE FROM responses WHERE key = ?", (self.key(url, accept),))
        else:
            self._write(
                "UPDATE responses SET fresh_until = ? WHERE key = ?", (fresh_until, self.key(url, accept))
            )

    def _write(self, sql: str, parameters: tuple[object, ...]) -> None:
        """Write, ignoring a full disk or a locked file: losing a cache entry is harmless."""
        try:
            with self._lock:
                self._db.execute(sql, parameters)
        except sqlite3.Error:
            return

    def close(self) -> None:
        with self._lock:
            self._db.close()
