"""Dates as resumes write them, read into ISO partial dates with their issued/expires roles."""

from __future__ import annotations

import pytest

from credbridge.resume.dates import find_dates, read_dates


@pytest.mark.parametrize(
    ("text", "issued", "expires", "no_expiry"),
    [
        ("Issued Mar 2023 · Expires Mar 2026", "2023-03", "2026-03", False),
        ("Name - Issuer (Mar 2023 - Mar 2026)", "2023-03", "2026-03", False),
        ("2023  Name, Issuer", "2023", None, False),
        ("March, 2021: Name", "2021-03", None, False),
        ("Sept. 2022 – Present", "2022-09", None, False),
        ("Issued Jan 2020 · No Expiration Date", "2020-01", None, True),
        ("Valid until December 2025", None, "2025-12", False),
        ("Expires: 12/2025", None, "2025-12", False),
        ("Earned 5 June 2021", "2021-06-05", None, False),
        ("completed 2019-06-15", "2019-06-15", None, False),
        ("Jun 2021, expires 2024-06", "2021-06", "2024-06", False),
        ("Watergate Master Plumber, Lic. #2445", None, None, False),
        ("Does not expire", None, None, True),
        ("expires 02/31/2025", None, "2025-02", False),
        ("Sep 2022 – Apr", "2022-09", None, False),
    ],
)
def test_read_dates(text: str, issued: str | None, expires: str | None, no_expiry: bool) -> None:
    reading = read_dates(text)
    assert (reading.issued, reading.expires, reading.no_expiry) == (issued, expires, no_expiry)


def test_spans_cover_labels_and_ranges() -> None:
    text = "AWS SAA (Issued Mar 2023 – Mar 2026)"
    reading = read_dates(text)
    covered = "".join(" " if any(s <= i < e for s, e in reading.spans) else c for i, c in enumerate(text))
    assert covered.split() == ["AWS", "SAA", "(", ")"]


def test_identifiers_and_numbers_are_not_years() -> None:
    assert find_dates("Credential ID AB2019X, order #2020, SKU-2021") == []
    assert [d.value for d in find_dates("from 2019 to 2021")] == ["2019", "2021"]
