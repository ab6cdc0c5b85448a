"""What every badge check may use: a fetcher, the instant to check at, the expected recipient.

Format modules (ob2, ob3, clr) receive a VerifyContext and never touch the network or the clock
directly, so that tests pin both and `--offline` / `--documents` apply everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from credbridge.model import Check, Credential


class Fetcher(Protocol):
    """The one way badge code reaches other documents (see badges/fetch.py for the safe one).

    Both methods raise credbridge.errors.FetchError (or UnsafeURL) with a readable message.
    """

    def get_json(self, url: str) -> Any: ...

    def get_bytes(self, url: str, *, accept: str | None = None) -> bytes: ...


@dataclass(frozen=True)
class VerifyContext:
    fetch: Fetcher
    at: datetime
    """Timezone-aware instant the checks are made at (expiry, validity windows, status)."""
    recipient: str | None = None
    """Email (or other identity) the badge should have been issued to."""
    offline: bool = False


class CheckId:
    """The names of checks, shared by every format so that reports read alike.

    badges/report.py derives the overall status from these: a failed `revocation` means
    revoked, `expiry` expired, `result_status` not_earned, any other failure invalid.
    """

    PARSE = "parse"
    CONTEXT = "context"
    TYPE = "type"
    SCHEMA = "schema"
    PROOF = "proof"
    HOSTED = "hosted"
    KEY_PROVENANCE = "key_provenance"
    ISSUER = "issuer"
    RECIPIENT = "recipient"
    ISSUANCE = "issuance"
    EXPIRY = "expiry"
    REVOCATION = "revocation"
    RESULT_STATUS = "result_status"
    PLATFORM = "platform"


@dataclass
class Verdict:
    """What a format module (ob2, ob3, clr) returns: its checks and the credential it read."""

    format: str
    """ob2, ob3, clr2; with a +jwt suffix when the credential came as a VC-JWT."""
    checks: list[Check]
    credential: Credential | None = None
    document: dict[str, Any] | None = None
    """The credential as issued (OB 3.0 / CLR 2.0 JSON), kept for targets that embed it whole."""
