"""CandidateProfile -> schema.org JSON-LD, the form job boards and search engines read.

Each credential is an EducationalOccupationalCredential (issuer as `recognizedBy`, dates as
`dateCreated` / `expires`, alignments as `competencyRequired` DefinedTerms); each skill is a
DefinedTerm in `knowsAbout`, one per taxonomy reference, with `termCode` and
`inDefinedTermSet` naming the ESCO concept or O*NET technology skill.
"""

from __future__ import annotations

from typing import Any

from credbridge.model import CandidateProfile, Credential
from credbridge_adapters._common import (
    SCHEME_URIS,
    LossReport,
    checked_uri,
    concept_uri,
    is_uri,
    person_links,
    report_person,
    report_uncarried,
)

CARRIED = (
    "issuer.name",
    "issuer.url",
    "issuer.id",
    "issued",
    "expires",
    "credential_id",
    "url",
    "urls",
    "description",
    "alignments",
    "skills",
    "criteria",
)


def build(profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    person = profile.person
    record: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person"}
    if person.name:
        record["name"] = person.name
    if person.emails:
        record["email"] = person.emails if len(person.emails) > 1 else person.emails[0]
    if person.phones:
        record["telephone"] = person.phones if len(person.phones) > 1 else person.phones[0]
    if person.location:
        record["address"] = person.location  # Person.address takes Text
    links = person_links(profile, losses)
    if links:
        record["sameAs"] = links
    report_person(
        losses, profile, ["person.name", "person.emails", "person.phones", "person.location", "person.links"]
    )
    credentials = [_credential(i, cred, losses) for i, cred in enumerate(profile.credentials)]
    if credentials:
        record["hasCredential"] = credentials
    terms = []
    for skill in profile.skills:
        if not skill.references:
            terms.append({"@type": "DefinedTerm", "name": skill.name})
        for ref in skill.references:
            term = {
                "@type": "DefinedTerm",
                "name": skill.name,
                "termCode": ref.id,
                "inDefinedTermSet": SCHEME_URIS[ref.scheme],
            }
            if is_uri(ref.id):
                term["url"] = ref.id
            else:
                term["identifier"] = concept_uri(ref)
            terms.append(term)
    if terms:
        record["knowsAbout"] = terms
    return record


def _credential(i: int, cred: Credential, losses: LossReport) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "@type": "EducationalOccupationalCredential",
        "name": cred.name,
        "credentialCategory": cred.kind.value.replace("_", "-"),
    }
    issuer = {
        k: v for k, v in (("name", cred.issuer.name), ("url", cred.issuer.url), ("@id", cred.issuer.id)) if v
    }
    if issuer:
        entry["recognizedBy"] = {"@type": "Organization", **issuer}
    if cred.issued:
        entry["dateCreated"] = cred.issued  # schema.org Date is ISO 8601: partial dates stay partial
    if cred.expires:
        entry["expires"] = cred.expires
    if cred.credential_id:
        entry["identifier"] = cred.credential_id
    urls = [
        u
        for field, value in [("url", cred.url), *((f"urls[{k}]", v) for k, v in enumerate(cred.urls))]
        if (u := checked_uri(value, f"credentials[{i}].{field}", losses))
    ]
    if urls:
        entry["url"] = urls[0]
        if urls[1:]:
            entry["sameAs"] = urls[1:]
    if cred.description:
        entry["description"] = cred.description
    if cred.criteria:
        entry["competencyRequired"] = [cred.criteria]
    terms = []
    for a in cred.alignments:
        term: dict[str, Any] = {"@type": "DefinedTerm", "name": a.target_name}
        if a.target_code:
            term["termCode"] = a.target_code
        if a.target_url:
            term["url"] = a.target_url
        if a.target_framework:
            term["inDefinedTermSet"] = a.target_framework
        if a.target_description:
            term["description"] = a.target_description
        terms.append(term)
    if terms:
        entry["competencyRequired"] = entry.get("competencyRequired", []) + terms
    if cred.skills:
        entry["about"] = cred.skills
    report_uncarried(losses, i, cred, "EducationalOccupationalCredential", CARRIED)
    return entry
