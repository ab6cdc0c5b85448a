"""CandidateProfile -> SuccessFactors CandidateBackground_Certificates entities (OData v2 JSON).

One entity per credential, in the shape an OData upsert takes: `__metadata.type`, `name`,
`institution`, `startDate` / `endDate` as OData v2 `/Date(ms)/` literals, and for licenses
`licenseName` / `licenseNumber`. `candidateId` and `backgroundElementId` belong to the tenant and
are left for the integration to set. The certificate element has no field for skills, so
they are not part of this record.
"""

from __future__ import annotations

from typing import Any

from credbridge.model import CandidateProfile, Credential
from credbridge_adapters._common import (
    LossReport,
    epoch_millis,
    is_license,
    move_to_text,
    report_skills_dropped,
    report_uncarried,
)

ENTITY = "SFOData.CandidateBackground_Certificates"
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
    report_skills_dropped(losses, profile, "SuccessFactors CandidateBackground_Certificates")
    return [_certificate(i, cred, losses) for i, cred in enumerate(profile.credentials)]


def _odata_date(value: str, field: str, losses: LossReport) -> str:
    return f"/Date({epoch_millis(value, field, losses)})/"


def _certificate(i: int, cred: Credential, losses: LossReport) -> dict[str, Any]:
    where = f"credentials[{i}]"
    entry: dict[str, Any] = {"__metadata": {"type": ENTITY}, "name": cred.name}
    if cred.issuer.name:
        entry["institution"] = cred.issuer.name
    if cred.issued:
        entry["startDate"] = _odata_date(cred.issued, f"{where}.issued", losses)
    if cred.expires:
        entry["endDate"] = _odata_date(cred.expires, f"{where}.expires", losses)
    if cred.credential_id:
        entry["licenseNumber"] = cred.credential_id
    if is_license(cred):
        entry["licenseName"] = cred.name
    moved = move_to_text(losses, i, cred, ("url", "verification", "alignments"), "description")
    description = " | ".join(text for text in (cred.description, moved) if text)
    if description:
        entry["description"] = description
    report_uncarried(losses, i, cred, "certificate", CARRIED)
    return entry
