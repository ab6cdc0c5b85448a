"""From the checks a format module made to the VerificationReport `badge verify` prints.

The status is derived from the checks and nothing else, so a report can always be explained
by its own check list: any failed check other than revocation, expiry and result status makes
the credential invalid (its data cannot be trusted, so neither can the dates or ids it claims);
otherwise a failed revocation means revoked, then expiry expired, then result status not_earned.
With no failure, the credential is verified only if something actually proved it (a passed
proof or hosted check) and nothing verification depends on was left unestablished: a skipped
proof, hosted, key provenance or revocation check means "could not be checked now" (a key or
status list that could not be fetched, a nested credential whose proof could not be checked),
which leaves the credential unverified, never verified and never invalid. Checks that skip
because they do not apply (no expected recipient, no revocation published) are not skips of
these ids: a format module reports "nothing to check" as a pass.
"""

from __future__ import annotations

from datetime import datetime

from credbridge.badges.context import CheckId, Verdict
from credbridge.badges.lint import lint
from credbridge.model import Check, Credential, Verification, VerificationReport, VerificationStatus

_STATUS_OF_FAILURE = {
    CheckId.REVOCATION: VerificationStatus.REVOKED,
    CheckId.EXPIRY: VerificationStatus.EXPIRED,
    CheckId.RESULT_STATUS: VerificationStatus.NOT_EARNED,
}
_PROVING = (CheckId.PROOF, CheckId.HOSTED)
_ESTABLISHING = (CheckId.PROOF, CheckId.HOSTED, CheckId.KEY_PROVENANCE, CheckId.REVOCATION)
"""Checks whose skip means a fact verification needs is unknown (see the module docstring)."""


def passed(check_id: str, message: str) -> Check:
    return Check(id=check_id, outcome="pass", message=message)


def failed(check_id: str, message: str) -> Check:
    return Check(id=check_id, outcome="fail", message=message)


def warned(check_id: str, message: str) -> Check:
    return Check(id=check_id, outcome="warn", message=message)


def skipped(check_id: str, message: str) -> Check:
    return Check(id=check_id, outcome="skip", message=message)


def status_of(checks: list[Check]) -> VerificationStatus:
    """The overall status the checks add up to (see the module docstring for the order)."""
    failures = {c.id for c in checks if c.outcome == "fail"}
    if failures - _STATUS_OF_FAILURE.keys():
        return VerificationStatus.INVALID
    for check_id, status in _STATUS_OF_FAILURE.items():
        if check_id in failures:
            return status
    if any(c.id == CheckId.PLATFORM and c.outcome == "warn" for c in checks) and not any(
        c.id in _PROVING for c in checks
    ):
        return VerificationStatus.NOT_VERIFIABLE
    if any(c.id in _ESTABLISHING and c.outcome == "skip" for c in checks):
        return VerificationStatus.UNVERIFIED
    if any(c.id in _PROVING and c.outcome == "pass" for c in checks):
        return VerificationStatus.VERIFIED
    return VerificationStatus.UNVERIFIED


def method_of(checks: list[Check]) -> str | None:
    """signed when a proof passed, hosted when the hosted check passed, link for a bare page."""
    outcomes = {c.id: c.outcome for c in checks}
    if outcomes.get(CheckId.PROOF) == "pass":
        return "signed"
    if outcomes.get(CheckId.HOSTED) == "pass":
        return "hosted"
    if CheckId.PLATFORM in outcomes and not any(c in outcomes for c in _PROVING):
        return "link"
    return None


def build_report(
    verdict: Verdict,
    *,
    at: datetime,
    input: str | None,
    url: str | None = None,
    platform: str | None = None,
    extra_checks: list[Check] | None = None,
) -> VerificationReport:
    """Turn a Verdict into the report; `extra_checks` (unbaking, platform) come first."""
    checks = [*(extra_checks or []), *verdict.checks]
    status = status_of(checks)
    verification = Verification(
        status=status,
        format=verdict.format,
        method=method_of(checks),  # type: ignore[arg-type]
        checked_at=at,
        url=url,
        checks=checks,
        document=verdict.document if status == VerificationStatus.VERIFIED else None,
    )
    credential: Credential | None = None
    if verdict.credential is not None:
        credential = verdict.credential.model_copy(
            update={"verification": verification, "platform": verdict.credential.platform or platform}
        )
    return VerificationReport(
        **verification.model_dump(),
        valid=status == VerificationStatus.VERIFIED,
        input=input,
        platform=platform,
        credential=credential,
        lint=lint(credential) if credential is not None else [],
    )
