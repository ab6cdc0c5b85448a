"""CandidateProfile -> Bullhorn REST entities: Candidate (contact, skillSet) and CandidateCertification.

Bullhorn timestamps are milliseconds since 1970 (UTC); `status` carries credbridge's
verification status ("Verified", "Unverified", "Expired", ...) and `comments` the badge URL and
alignments, which have no field of their own. The `candidate` and `certification` associations
are tenant IDs the integration sets when it creates the entities.
"""

from __future__ import annotations

from typing import Any

from credbridge.model import CandidateProfile, Credential
from credbridge_adapters._common import (
    LossReport,
    epoch_millis,
    move_to_text,
    report_person,
    report_skill_references,
    report_uncarried,
    skill_names,
    status_of,
)

CARRIED = (
    "issuer.name",
    "issued",
    "expires",
    "credential_id",
    "verification",
    "url",
    "alignments",
    "criteria",
    "skills",
)


def build(profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    person = profile.person
    candidate: dict[str, Any] = {}
    if person.name:
        candidate["name"] = person.name
    if person.emails:
        candidate["email"] = person.emails[0]
    if person.emails[1:]:
        candidate["email2"] = person.emails[1]
    if person.phones:
        candidate["mobile"] = person.phones[0]
    names = skill_names(profile)
    if names:
        candidate["skillSet"] = ", ".join(names)
        report_skill_references(losses, profile, "Candidate.skillSet")
    report_person(losses, profile, ["person.name", "person.emails", "person.phones[0]"])
    record: dict[str, Any] = {"candidate": candidate} if candidate else {}
    certifications = [_certification(i, cred, losses) for i, cred in enumerate(profile.credentials)]
    if certifications:
        record["candidateCertifications"] = certifications
    return record


def _certification(i: int, cred: Credential, losses: LossReport) -> dict[str, Any]:
    where = f"credentials[{i}]"
    entry: dict[str, Any] = {"name": cred.name}
    if cred.issuer.name:
        entry["issuedBy"] = cred.issuer.name
    if cred.credential_id:
        entry["licenseNumber"] = cred.credential_id
    if cred.issued:
        entry["dateCertified"] = epoch_millis(cred.issued, f"{where}.issued", losses)
    if cred.expires:
        entry["dateExpiration"] = epoch_millis(cred.expires, f"{where}.expires", losses)
    entry["status"] = status_of(cred).replace("_", " ").capitalize()
    comments = move_to_text(
        losses, i, cred, ("url", "alignments", "criteria"), "CandidateCertification.comments"
    )
    if comments:
        entry["comments"] = comments
    report_uncarried(losses, i, cred, "CandidateCertification", CARRIED)
    return entry
