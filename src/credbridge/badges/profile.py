"""Resolve every badge link in a CandidateProfile, concurrently, and merge what it proves.

Each credential whose link is on a recognised badge platform is verified in its own worker
thread (the format modules speak the synchronous Fetcher protocol), all at once, so a resume
with ten links takes about as long as its slowest link. When the badge's data is authentic
(verified, or verified but expired / revoked / not earned), it fills what the resume lacked;
where the resume's claim disagrees with it (name, issuer, dates) both values are kept and a
Discrepancy says so. Its recipient is compared with the resume's emails, so a genuine badge
that was issued to someone else is reported (see `compare_recipient`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import anyio
import anyio.to_thread

from credbridge.badges.context import CheckId, VerifyContext
from credbridge.badges.fetch import OfflineError, SafeFetcher
from credbridge.badges.recipient import is_hashed, matches
from credbridge.badges.report import passed, skipped, warned
from credbridge.badges.verify import fetching, verify_url
from credbridge.errors import CredbridgeError, UnsafeURL
from credbridge.model import (
    CandidateProfile,
    Check,
    Credential,
    Discrepancy,
    DiscrepancyField,
    Outcome,
    Recipient,
    Verification,
    VerificationStatus,
)
from credbridge.platforms import recognise

MAX_PARALLEL = 16
AUTHENTIC = (
    VerificationStatus.VERIFIED,
    VerificationStatus.EXPIRED,
    VerificationStatus.REVOKED,
    VerificationStatus.NOT_EARNED,
)


def badge_link(credential: Credential) -> str | None:
    """The credential's first link on a recognised credential platform, if any."""
    for url in [credential.url, *credential.urls]:
        if url and recognise(url) is not None:
            return url
    return None


def _verify_link(
    url: str, ctx: VerifyContext, fetcher: SafeFetcher
) -> tuple[Verification, Credential | None]:
    """Verify one link; a link that leads nowhere becomes a check, never an exception."""
    try:
        report = verify_url(url, ctx, fetcher)
    except CredbridgeError as exc:
        unsafe = isinstance(exc, UnsafeURL)
        outcome: Outcome = "fail" if unsafe else "skip"
        reason = "offline" if isinstance(exc, OfflineError) else "could not resolve the badge"
        check = Check(
            id=CheckId.PLATFORM if not unsafe else CheckId.PARSE,
            outcome=outcome,
            message=f"{reason}: {exc.message}",
        )
        status = VerificationStatus.INVALID if unsafe else VerificationStatus.UNVERIFIED
        return Verification(status=status, checked_at=ctx.at, url=url, checks=[check]), None
    verification = Verification(**report.model_dump(include=set(Verification.model_fields)))
    return verification, report.credential


def _norm(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def _same_text(a: str | None, b: str | None) -> bool:
    x, y = _norm(a), _norm(b)
    return x == y or (bool(x) and bool(y) and (x in y or y in x))


def _same_date(a: str | None, b: str | None) -> bool:
    """Partial dates agree when the shorter is a prefix of the longer (2024-05 vs 2024-05-14)."""
    assert a is not None and b is not None
    return a.startswith(b) or b.startswith(a)


def compare_recipient(
    recipient: Recipient | None, emails: Sequence[str], status: str
) -> tuple[Recipient | None, Check, Discrepancy | None]:
    """Whether an authentic badge was issued to one of the resume's emails.

    Returns the recipient with `matched` set (None when nothing could be compared), the
    `recipient` check for the badge's verification, and a Discrepancy when the resume gives
    emails and none of them is the recipient.

    A mismatch does NOT change the badge's status: the badge is still genuine (the issuer
    really issued it), and the candidate may simply have earned it under another address, so
    turning it `invalid` would hide a real credential. The check is a `warn` instead, which
    report.status_of ignores by design, and the Discrepancy puts it beside the name/issuer/date
    disagreements a recruiter already reads. Identities that are not emails (url, did,
    telephone, ...) and resumes without an email are a `skip`: nothing to compare them with.
    """
    if recipient is None or not recipient.identity:
        return recipient, skipped(CheckId.RECIPIENT, "the badge names no recipient to compare"), None
    if recipient.type is not None and recipient.type.lower() != "email":
        message = f"the badge was issued to a {recipient.type} identity, not an email; nothing to compare"
        return recipient, skipped(CheckId.RECIPIENT, message), None
    if not emails:
        message = "the resume gives no email to compare with the badge's recipient"
        return recipient, skipped(CheckId.RECIPIENT, message), None
    hashed = is_hashed(recipient)
    how = "hashed identity" if hashed else recipient.identity
    for email in emails:
        if matches(recipient, email):
            form = "its hashed identity" if hashed else "in clear"
            check = passed(CheckId.RECIPIENT, f"issued to {email}, an email on the resume ({form})")
            return recipient.model_copy(update={"matched": True}), check, None
    claimed = ", ".join(emails)
    check = warned(
        CheckId.RECIPIENT,
        f"the badge was not issued to any email on the resume ({claimed}) but to "
        f"{'a hashed identity' if hashed else how}: it may be someone else's badge, or the "
        "candidate's under another address",
    )
    discrepancy = Discrepancy(
        field="recipient",
        claimed=claimed,
        verified=how,
        message=f"the resume's emails ({claimed}) are not the recipient of the {status} badge ({how})",
    )
    return recipient.model_copy(update={"matched": False}), check, discrepancy


def _with_check(verification: Verification, check: Check) -> Verification:
    """`check` in place of the format's own recipient skip (no `--recipient` was given), else last."""
    checks = list(verification.checks)
    for i, old in enumerate(checks):
        if old.id == CheckId.RECIPIENT and old.outcome == "skip":
            checks[i] = check
            break
    else:
        checks.append(check)
    return verification.model_copy(update={"checks": checks})


def merge(
    claimed: Credential,
    verification: Verification,
    badge: Credential | None,
    emails: Sequence[str] = (),
) -> Credential:
    """The resume's credential with the badge's verification, gaps filled, disagreements kept,
    and the badge's recipient compared with the resume's `emails` (only when authentic)."""
    update: dict[str, object] = {"verification": verification}
    if badge is None or verification.status not in AUTHENTIC:
        return claimed.model_copy(update=update)
    discrepancies = list(claimed.discrepancies)
    status = verification.status.value

    def differ(
        field: DiscrepancyField,
        mine: str | None,
        theirs: str | None,
        same: Callable[[str | None, str | None], bool],
    ) -> None:
        if mine and theirs and not same(mine, theirs):
            discrepancies.append(
                Discrepancy(
                    field=field,
                    claimed=mine,
                    verified=theirs,
                    message=f"the resume says {mine!r}, the {status} badge says {theirs!r}",
                )
            )

    differ("name", claimed.name, badge.name, _same_text)
    differ("issuer", claimed.issuer.name, badge.issuer.name, _same_text)
    differ("issued", claimed.issued, badge.issued, _same_date)
    differ("expires", claimed.expires, badge.expires, _same_date)
    issuer = claimed.issuer.model_copy(
        update={
            k: v
            for k, v in badge.issuer.model_dump().items()
            if v is not None and getattr(claimed.issuer, k) is None
        }
    )
    recipient, check, mismatch = compare_recipient(badge.recipient, emails, status)
    discrepancies += [mismatch] if mismatch else []
    fill = ("issued", "expires", "credential_id", "platform", "description", "criteria", "image")
    for name in fill:
        if getattr(claimed, name) in (None, "") and getattr(badge, name) is not None:
            update[name] = getattr(badge, name)
    update.update(
        issuer=issuer,
        no_expiry=claimed.no_expiry or (badge.no_expiry and not claimed.expires),
        alignments=claimed.alignments or badge.alignments,
        tags=sorted({*claimed.tags, *badge.tags}),
        skills=list(dict.fromkeys([*claimed.skills, *badge.skills])),
        evidence=claimed.evidence or badge.evidence,
        urls=list(
            dict.fromkeys([*claimed.urls, *([badge.url] if badge.url and badge.url != claimed.url else [])])
        ),
        discrepancies=discrepancies,
        recipient=recipient or claimed.recipient,
        verification=_with_check(verification, check),
    )
    return claimed.model_copy(update=update)


async def aresolve_profile(
    profile: CandidateProfile,
    *,
    offline: bool = False,
    documents: Path | None = None,
    at: datetime | None = None,
    allow_loopback: bool = False,
    fetcher: SafeFetcher | None = None,
) -> CandidateProfile:
    """Resolve and verify every badge link of `profile` concurrently; returns a new profile."""
    jobs = [(i, url) for i, c in enumerate(profile.credentials) if (url := badge_link(c))]
    if not jobs:
        return profile
    limiter = anyio.CapacityLimiter(MAX_PARALLEL)
    results: dict[int, tuple[Verification, Credential | None]] = {}
    with fetching(fetcher, offline=offline, documents=documents, allow_loopback=allow_loopback) as fetch:
        ctx = VerifyContext(fetch=fetch, at=at or datetime.now(UTC), offline=fetch.offline)

        async def one(index: int, url: str) -> None:
            results[index] = await anyio.to_thread.run_sync(
                partial(_verify_link, url, ctx, fetch), limiter=limiter
            )

        async with anyio.create_task_group() as group:
            for index, url in jobs:
                group.start_soon(one, index, url)
    emails = profile.person.emails
    credentials = [
        merge(c, *results[i], emails=emails) if i in results else c for i, c in enumerate(profile.credentials)
    ]
    return profile.model_copy(update={"credentials": credentials})


def resolve_profile(
    profile: CandidateProfile,
    *,
    offline: bool = False,
    documents: Path | None = None,
    at: datetime | None = None,
    allow_loopback: bool = False,
    fetcher: SafeFetcher | None = None,
) -> CandidateProfile:
    """Synchronous `aresolve_profile` (CLI, pipeline); same arguments. Not for use inside a
    running event loop: async callers await `aresolve_profile`."""
    run = partial(
        aresolve_profile,
        profile,
        offline=offline,
        documents=documents,
        at=at,
        allow_loopback=allow_loopback,
        fetcher=fetcher,
    )
    return anyio.run(run)
