"""CandidateProfile -> HR Open LER-RS 4.4 (Learning and Employment Record Resume Standard).

LER-RS is the one target that can carry a credential's proof: each certification or license
gets `verifications[]` with the badge URL (a RefSchemeType) and, when the badge was verified
and the profile kept the credential as issued, the whole Open Badges 3.0 credential. Skills
carry a `schemeReference` to their ESCO concept or O*NET technology skill.
"""

from __future__ import annotations

from typing import Any

from credbridge.model import CandidateProfile, Credential, Skill
from credbridge_adapters._common import (
    SCHEME_NAMES,
    SCHEME_URIS,
    LossReport,
    alignment_summary,
    checked_uri,
    concept_uri,
    full_date,
    is_license,
    is_uri,
    person_links,
    precision,
    report_uncarried,
)
from credbridge_adapters.lerrs.validation import is_ob3_credential

LER_RS_TYPE = "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/LER-RSType.json"
CARRIED = (
    "issuer.name",
    "issuer.id",
    "issued",
    "expires",
    "credential_id",
    "url",
    "urls",
    "description",
    "criteria",
    "skills",
)


def build(profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    """The LER-RS document; valid against the vendored LER-RSType.json."""
    record: dict[str, Any] = {"type": LER_RS_TYPE}
    if profile.person.name:
        record["person"] = {"name": {"formattedName": profile.person.name}}
    communication = _communication(profile, losses)
    if communication:
        record["communication"] = communication
    certifications, licenses, orphans = [], [], []
    for i, cred in enumerate(profile.credentials):
        if not (cred.issuer.name or cred.issuer.id):
            orphans.append(cred.name)
            losses.add(
                f"credentials[{i}]",
                "moved",
                "LER-RS requires an issuing authority for a certification or license and the profile "
                f"names none for {cred.name!r}: moved to narratives[] as text",
            )
            continue
        entry = _credential(i, cred, losses)
        (licenses if is_license(cred) else certifications).append(entry)
    if certifications:
        record["certifications"] = certifications
    if licenses:
        record["licenses"] = licenses
    skills = [_skill(i, skill, profile, losses) for i, skill in enumerate(profile.skills)]
    if skills:
        record["skills"] = skills
    if orphans:
        record["narratives"] = [{"name": "Credentials without a named issuer", "texts": [{"lines": orphans}]}]
    return record


def _communication(profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    person = profile.person
    out: dict[str, Any] = {}
    if person.emails:
        out["email"] = [{"address": email} for email in person.emails]
    if person.phones:
        out["phone"] = [{"formattedNumber": phone} for phone in person.phones]
    if person.location:
        out["address"] = [{"formattedAddress": person.location}]
    web = [{"url": url} for url in person_links(profile, losses)]
    if web:
        out["web"] = web
    return out


def _credential(i: int, cred: Credential, losses: LossReport) -> dict[str, Any]:
    where = f"credentials[{i}]"
    authority: dict[str, Any] = {}
    if cred.issuer.name:
        authority["name"] = cred.issuer.name
    if cred.issuer.id:
        authority["id"] = {"value": cred.issuer.id}
    entry: dict[str, Any] = {"name": cred.name, "issuingAuthority": authority}
    if cred.credential_id:
        entry["id"] = {"value": cred.credential_id}
    if cred.issued:
        entry["issued"] = cred.issued  # FormattedDateTimeType takes YYYY, YYYY-MM and full dates as they are
    if cred.expires:
        day = full_date(cred.expires, f"{where}.expires", losses)
        entry["effectiveTimePeriod"] = {"validTo": f"{day.isoformat()}T00:00:00Z"}
        if precision(cred.expires) == "day":
            losses.add(
                f"{where}.expires",
                "converted",
                f"LER-RS validTo is a date-time: {cred.expires} sent as "
                f"{day.isoformat()}T00:00:00Z (midnight UTC)",
            )
    if cred.verification.status in ("expired", "revoked"):
        entry["status"] = cred.verification.status.value
    descriptions = [text for text in (cred.description,) if text]
    if cred.criteria:
        descriptions.append(f"Criteria: {cred.criteria}")
        losses.add(
            f"{where}.criteria",
            "moved",
            "LER-RS has no criteria field: moved to descriptions[] as 'Criteria: ...'",
        )
    if descriptions:
        entry["descriptions"] = descriptions
    verifications = _verifications(i, cred, losses)
    if verifications:
        entry["verifications"] = verifications
    embedded = any("@context" in v or "otherW3CVerifiableCredential" in v for v in verifications)
    if cred.alignments and not embedded:
        losses.add(
            f"{where}.alignments",
            "dropped",
            "LER-RS certifications have no alignment field and no issued credential is embedded to carry "
            f"them: {alignment_summary(cred)} dropped (the mapped skills are in skills[])",
        )
    status_kept = embedded or cred.verification.status in ("unverified", "expired", "revoked")
    shown = ("verification",) if status_kept else ()
    report_uncarried(losses, i, cred, "certification", (*CARRIED, *shown, "alignments"))
    return entry


def _verifications(i: int, cred: Credential, losses: LossReport) -> list[dict[str, Any]]:
    where = f"credentials[{i}]"
    out: list[dict[str, Any]] = []
    for field, value in [("url", cred.url), *((f"urls[{k}]", v) for k, v in enumerate(cred.urls))]:
        url = checked_uri(value, f"{where}.{field}", losses)
        if url:
            out.append({"reference": url})
    if cred.verification.status != "verified":
        return out
    document = cred.verification.document
    if document is None:
        if (cred.verification.format or "").split("+")[0] in ("ob3", "clr2"):
            losses.add(
                f"{where}.verification.document",
                "dropped",
                f"the badge was verified ({cred.verification.format}) "
                "but the profile does not carry the issued "
                "credential JSON, so verifications[] holds only the badge URL, not the full credential",
            )
        return out
    if is_ob3_credential(document):
        out.append(document)
    else:
        out.append({"otherW3CVerifiableCredential": document})
        losses.add(
            f"{where}.verification.document",
            "converted",
            "the issued credential does not fit the Open Badges 3.0 schema LER-RS 4.4 embeds (that schema "
            "predates VC 2.0: it wants issuanceDate, not validFrom): embedded whole as "
            "otherW3CVerifiableCredential instead of as an OB 3.0 credential",
        )
    return out


def _skill(i: int, skill: Skill, profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": skill.name}
    refs = skill.references
    if refs:
        first, *more = refs
        entry["schemeReference"] = {"reference": concept_uri(first), "scheme": SCHEME_URIS[first.scheme]}
        if more:
            entry["keywords"] = [
                {"name": f"{SCHEME_NAMES[ref.scheme]}: {ref.label}", "value": concept_uri(ref)}
                for ref in more
            ]
            losses.add(
                f"skills[{i}].references",
                "moved",
                "LER-RS holds one schemeReference per skill: "
                + ", ".join(f"{SCHEME_NAMES[r.scheme]} {concept_uri(r)}" for r in more)
                + " moved to keywords[] (name = scheme and label, value = concept URI)",
            )
    badge_urls = sorted(
        {
            url
            for ev in skill.evidence
            if ev.verified and ev.credential is not None and ev.credential < len(profile.credentials)
            for url in [profile.credentials[ev.credential].url]
            if url and is_uri(url)
        }
    )
    if badge_urls:
        entry["verifications"] = [{"Verification": {"reference": url}} for url in badge_urls]
    return entry
