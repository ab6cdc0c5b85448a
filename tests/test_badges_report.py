"""How checks add up to a status: the order in badges/report.py, case by case."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from credbridge.badges.context import CheckId, Verdict
from credbridge.badges.report import build_report, failed, method_of, passed, skipped, status_of, warned

PROOF_OK = passed(CheckId.PROOF, "ok")


@pytest.mark.parametrize(
    ("checks", "status"),
    [
        ([PROOF_OK], "verified"),
        ([passed(CheckId.HOSTED, "ok"), warned(CheckId.CONTEXT, "1.x")], "verified"),
        ([skipped(CheckId.HOSTED, "offline")], "unverified"),
        ([PROOF_OK, failed(CheckId.REVOCATION, "x")], "revoked"),
        ([PROOF_OK, failed(CheckId.EXPIRY, "x")], "expired"),
        ([PROOF_OK, failed(CheckId.RESULT_STATUS, "x")], "not_earned"),
        ([PROOF_OK, failed(CheckId.EXPIRY, "x"), failed(CheckId.REVOCATION, "x")], "revoked"),
        ([failed(CheckId.PROOF, "x"), failed(CheckId.REVOCATION, "x")], "invalid"),
        ([PROOF_OK, failed(CheckId.RECIPIENT, "x")], "invalid"),
        ([warned(CheckId.PLATFORM, "no badge")], "not_verifiable"),
    ],
)
def test_status_of(checks, status) -> None:
    assert status_of(checks) == status


def test_method_and_report() -> None:
    assert method_of([PROOF_OK]) == "signed"
    assert method_of([passed(CheckId.HOSTED, "ok")]) == "hosted"
    assert method_of([warned(CheckId.PLATFORM, "x")]) == "link"
    assert method_of([failed(CheckId.PROOF, "x")]) is None
    at = datetime(2025, 6, 1, tzinfo=UTC)
    report = build_report(
        Verdict("ob2", [PROOF_OK]), at=at, input="x", extra_checks=[passed(CheckId.PARSE, "p")]
    )
    assert report.valid and [c.id for c in report.checks] == ["parse", "proof"] and report.checked_at == at
