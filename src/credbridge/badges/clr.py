"""CLR 2.0 (Comprehensive Learner Record): the outer credential and every credential inside it.

A ClrCredential is verified with the same named checks as an OB 3.0 credential (its own proof,
issuer, dates, status, recipient), and then each credential in
credentialSubject.verifiableCredential is verified on its own, as CLR 2.0 section 9 asks. The
outer proof only says the CLR issuer packaged those credentials; each one still has to carry its
own issuer's valid proof.

Nested findings are reported under the same check ids with the credential named in the message.
A nested credential that is forged or malformed makes the CLR invalid; one that is revoked,
expired or not earned is a warning (the record is genuine, that one achievement is not current),
and its achievement's skills are not carried into the normalised credential. One whose proof,
key or status could not be checked (a key or status list that could not be fetched) is carried
over as a skip of that check, so the CLR is not verified either: a skipped check is not a pass.
The nested summary never stands in for the CLR's own proof (report.py: a skipped proof blocks
`verified` whatever else passed).
"""

from __future__ import annotations

from typing import Any

from credbridge.badges.context import CheckId, Verdict, VerifyContext
from credbridge.badges.ob3 import Parsed, normalise, parse, run_checks
from credbridge.badges.report import failed, passed, skipped, warned
from credbridge.model import Check, Credential

_NOT_CURRENT = (CheckId.REVOCATION, CheckId.EXPIRY, CheckId.RESULT_STATUS)
_UNESTABLISHED = (CheckId.PROOF, CheckId.REVOCATION)
"""Nested checks whose skip means the nested credential could not be verified now (a key
provenance skip only follows a proof that did not pass, so it adds nothing)."""
MAX_NESTED = 500
"""A CLR is a transcript, not an archive: beyond this many credentials the rest are refused."""


def nested_credentials(parsed: Parsed) -> list[Any]:
    return [item for item in _list(parsed.subject.get("verifiableCredential")) if item is not None]


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _nested(item: Any, index: int, ctx: VerifyContext) -> tuple[str, list[Check], Credential | None]:
    """Verify one nested credential: (label, its checks, its normalised credential or None)."""
    parsed = parse(item)
    label = f"nested credential {index + 1}"
    if isinstance(parsed, Check):
        return label, [parsed], None
    if parsed.kind == "clr2":
        return label, [failed(CheckId.TYPE, "a CLR nested inside a CLR is not verified")], None
    name = parsed.credential.get("name") or parsed.credential.get("id")
    if isinstance(name, str):
        label = f"{label} ({name})"
    return label, run_checks(parsed, ctx), normalise(parsed, ctx)


def verify_clr(parsed: Parsed, ctx: VerifyContext) -> Verdict:
    """Verify a parsed ClrCredential and all of its nested credentials."""
    checks = run_checks(parsed, ctx)
    credential = normalise(parsed, ctx)
    items = nested_credentials(parsed)
    if len(items) > MAX_NESTED:
        checks.append(failed(CheckId.PARSE, f"{len(items)} nested credentials, over the cap of {MAX_NESTED}"))
        items = items[:MAX_NESTED]
    good = 0
    for index, item in enumerate(items):
        label, nested_checks, nested = _nested(item, index, ctx)
        problems = [c for c in nested_checks if c.outcome == "fail"]
        for check in problems:
            make = warned if check.id in _NOT_CURRENT else failed
            checks.append(make(check.id, f"{label}: {check.message}"))
        unknown = [c for c in nested_checks if c.outcome == "skip" and c.id in _UNESTABLISHED]
        checks.extend(skipped(c.id, f"{label}: {c.message}") for c in unknown)
        if not problems and not unknown and nested is not None:
            good += 1
            _merge_skills(credential, nested)
    if items:
        summary = f"{good} of {len(items)} nested credentials verified and current"
        checks.append(
            passed(CheckId.PROOF, summary) if good == len(items) else warned(CheckId.PROOF, summary)
        )
    return Verdict(format=parsed.format, checks=checks, credential=credential, document=parsed.credential)


def _merge_skills(into: Credential, nested: Credential) -> None:
    """Carry a verified nested achievement's alignments, skills and tags into the CLR's record."""
    for alignment in nested.alignments:
        if alignment not in into.alignments:
            into.alignments.append(alignment)
    into.skills = list(dict.fromkeys([*into.skills, *nested.skills]))
    into.tags = list(dict.fromkeys([*into.tags, *nested.tags]))
