"""Every badge format reads instants the same way: no zone means UTC, junk means None."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from credbridge.badges.instants import parse_instant


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-15T10:00:00Z", datetime(2024, 1, 15, 10, tzinfo=UTC)),
        ("2024-01-15T10:00:00z", datetime(2024, 1, 15, 10, tzinfo=UTC)),
        ("2024-01-15T12:00:00+02:00", datetime(2024, 1, 15, 10, tzinfo=UTC)),
        ("2024-01-15T10:00:00", datetime(2024, 1, 15, 10, tzinfo=UTC)),  # naive: UTC, comparable
        (" 2024-01-15 ", datetime(2024, 1, 15, tzinfo=UTC)),
    ],
)
def test_instants_are_aware(value: str, expected: datetime) -> None:
    parsed = parse_instant(value)
    assert parsed == expected and parsed.tzinfo is not None


@pytest.mark.parametrize("value", [None, True, 1705312800, "yesterday", "2024-13-01", "", ["2024"], {}])
def test_what_is_not_an_instant_is_none(value: object) -> None:
    assert parse_instant(value) is None


def test_unix_seconds_only_when_the_format_allows_them() -> None:
    assert parse_instant(1705312800, unix_seconds=True) == datetime(2024, 1, 15, 10, tzinfo=UTC)
    assert parse_instant("1705312800", unix_seconds=True) == datetime(2024, 1, 15, 10, tzinfo=UTC)
    assert parse_instant(10**20, unix_seconds=True) is None
