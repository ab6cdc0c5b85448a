"""CandidateProfile -> Oracle Recruiting Cloud licensesAndCertificates items (HCM REST JSON).

One item per credential, as POSTed to
/hcmRestApi/resources/11.13.18.05/recruitingCandidates/{CandidateNumber}/child/licensesAndCertificates:
CertificationName, CertificationNumber, CertificationURL, IssueDate, ExpirationDate (YYYY-MM-DD)
and Comments for what has no field of its own (issuer, verification status, alignments).
CertificationName, CertificationNumber and CertificationURL are as Oracle's REST reference
names them; check IssueDate and ExpirationDate against the tenant's `describe` of the resource
before relying on them.
"""

from __future__ import annotations

from typing import Any

from credbridge.model import CandidateProfile, Credential
from credbridge_adapters._common import (
    LossReport,
    checked_uri,
    iso_date,
    move_to_text,
    report_skills_dropped,
    report_uncarried,
)

CARRIED = (
    "issuer.name",
    "issued",
    "expires",
    "credential_id",
    "url",
    "verification",
    "alignments",
    "description",
)


def build(profile: CandidateProfile, losses: LossReport) -> list[dict[str, Any]]:
    report_skills_dropped(losses, profile, "Oracle licensesAndCertificates")
    return [_item(i, cred, losses) for i, cred in enumerate(profile.credentials)]


def _item(i: int, cred: Credential, losses: LossReport) -> dict[str, Any]:
    where = f"credentials[{i}]"
    item: dict[str, Any] = {"CertificationName": cred.name}
    if cred.credential_id:
        item["CertificationNumber"] = cred.credential_id
    url = checked_uri(cred.url, f"{where}.url", losses)
    if url:
        item["CertificationURL"] = url
    if cred.issued:
        item["IssueDate"] = iso_date(cred.issued, f"{where}.issued", losses)
    if cred.expires:
        item["ExpirationDate"] = iso_date(cred.expires, f"{where}.expires", losses)
    comments = move_to_text(
        losses, i, cred, ("issuer.name", "verification", "description", "alignments"), "Comments"
    )
    if comments:
        item["Comments"] = comments
    report_uncarried(losses, i, cred, "licensesAndCertificates item", CARRIED)
    return item
