"""API keys (kept only as SHA-256 digests) and a per-key token-bucket rate limit.

Keys are long random tokens, so an unsalted SHA-256 is enough to make a leaked config file
useless; comparison is constant-time. A key is sent as `Authorization: Bearer KEY` or
`X-API-Key: KEY`. Without configured keys the service is reachable only on loopback (see
server.py) and no key is asked for.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from pathlib import Path

from credbridge.errors import InputError

_DIGEST = re.compile(r"^sha256:([0-9a-fA-F]{64})$")
ANONYMOUS = "anonymous"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def load_key_hashes(env_value: str | None, keys_file: Path | None) -> frozenset[str]:
    """Digests of the keys in CREDBRIDGE_API_KEYS and the keys file (raw keys are hashed here)."""
    entries = [part.strip() for part in (env_value or "").split(",")]
    if keys_file is not None:
        try:
            text = keys_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"CREDBRIDGE_API_KEYS_FILE: cannot read {keys_file}: {exc.strerror}") from None
        entries += [line.split("#", 1)[0].strip() for line in text.splitlines()]
    digests = set()
    for entry in filter(None, entries):
        match = _DIGEST.match(entry)
        if match:
            digests.add(match.group(1).lower())
        elif len(entry) < 16:
            raise InputError("API keys must be at least 16 characters long")
        else:
            digests.add(hash_key(entry))
    return frozenset(digests)


def identify(key: str | None, digests: frozenset[str]) -> str | None:
    """The digest of `key` when it is one of ours, else None (constant-time per digest)."""
    if key is None:
        return None
    digest = hash_key(key)
    found = None
    for known in digests:
        if hmac.compare_digest(digest, known):
            found = known
    return found


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """A token bucket per key: `per_minute` requests a minute, bursts up to the same number."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, _Bucket] = {}

    def acquire(self, key_id: str) -> float:
        """0 when the request may go ahead, else the seconds until it may (for Retry-After)."""
        wait = self.wait(key_id)
        if wait == 0.0 and self.per_minute > 0:
            self._buckets[key_id].tokens -= 1.0
        return wait

    def wait(self, key_id: str) -> float:
        """Like acquire(), without spending a token: for limits on failures, which are counted
        (spent) only once they happen."""
        if self.per_minute <= 0:
            return 0.0
        now = time.monotonic()
        rate = self.per_minute / 60.0
        if len(self._buckets) > _MAX_BUCKETS:  # client addresses are unbounded: forget the idle ones
            self._forget_full(now, rate)
        bucket = self._buckets.setdefault(key_id, _Bucket(float(self.per_minute), now))
        bucket.tokens = min(float(self.per_minute), bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now
        return 0.0 if bucket.tokens >= 1.0 else (1.0 - bucket.tokens) / rate

    def spend(self, key_id: str) -> None:
        """Count one event (a failed authentication) against `key_id`."""
        if self.per_minute > 0:
            self.wait(key_id)
            bucket = self._buckets[key_id]
            bucket.tokens = max(0.0, bucket.tokens - 1.0)

    def _forget_full(self, now: float, rate: float) -> None:
        for key, bucket in list(self._buckets.items()):
            if bucket.tokens + (now - bucket.updated) * rate >= self.per_minute:
                del self._buckets[key]


_MAX_BUCKETS = 10_000


def presented_key(headers: dict[str, str]) -> str | None:
    """The key a request carries (lower-case header names), as `authorize` reads it."""
    key = headers.get("x-api-key", "").strip()
    if key:
        return key
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return None
