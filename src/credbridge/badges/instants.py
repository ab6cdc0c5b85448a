"""Reading the instants badges carry (issuedOn, validFrom, expires, proof.expires, ...).

One reader for every format, so that a date the issuer wrote without a time zone means the same
thing (UTC) in every check, and comparisons with the aware `VerifyContext.at` never fail.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def parse_instant(value: Any, *, unix_seconds: bool = False) -> datetime | None:
    """An ISO 8601 / xsd:dateTime as an aware datetime (UTC when the zone is missing), or None.

    `unix_seconds` also accepts a number of seconds since the epoch, as Open Badges 1.x wrote.
    """
    if isinstance(value, bool) or value is None:
        return None
    if unix_seconds and (
        isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit())
    ):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
