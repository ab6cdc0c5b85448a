"""CandidateProfile -> JSON Resume 1.2.1.

JSON Resume allows extra properties on every item, so what it has no field for (expiry,
credential ID, verification status, ESCO / O*NET codes) rides along as extra camelCase
properties rather than being lost; licenses have no section of their own and go under
certificates.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft7Validator

from credbridge.model import CandidateProfile, Credential
from credbridge_adapters._common import (
    SCHEME_NAMES,
    LossReport,
    checked_uri,
    concept_uri,
    is_license,
    report_person,
    report_uncarried,
    status_of,
)

CARRIED = ("issuer.name", "issued", "expires", "credential_id", "url", "verification", "skills", "alignments")


def build(profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    record: dict[str, Any] = {}
    basics = _basics(profile, losses)
    if basics:
        record["basics"] = basics
    certificates = [_certificate(i, cred, losses) for i, cred in enumerate(profile.credentials)]
    if certificates:
        record["certificates"] = certificates
    skills = []
    for skill in profile.skills:
        entry: dict[str, Any] = {"name": skill.name}
        if skill.references:
            entry["taxonomy"] = [
                {"scheme": SCHEME_NAMES[ref.scheme], "id": concept_uri(ref), "label": ref.label}
                for ref in skill.references
            ]
        if skill.verified:
            entry["verified"] = True
        skills.append(entry)
    if skills:
        record["skills"] = skills
    return record


def _basics(profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    person = profile.person
    basics: dict[str, Any] = {}
    carried = ["person.emails[0]", "person.phones[0]"]
    if person.name:
        basics["name"] = person.name
        carried.append("person.name")
    if person.emails:
        basics["email"] = person.emails[0]
    if person.phones:
        basics["phone"] = person.phones[0]
    if person.location:
        basics["location"] = {"address": person.location}
        carried.append("person.location")
        losses.add(
            "person.location",
            "converted",
            "JSON Resume wants a structured location (city, region, countryCode): the free-text "
            f"{person.location!r} went to basics.location.address, not split",
        )
    profiles = [
        {"network": link.kind or link.text or "web", "url": url}
        for i, link in enumerate(person.links)
        if (url := checked_uri(link.url, f"person.links[{i}]", losses))
    ]
    carried.append("person.links")
    if profiles:
        basics["profiles"] = profiles
    report_person(losses, profile, carried)
    return basics


def _certificate(i: int, cred: Credential, losses: LossReport) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": cred.name}
    if cred.issued:
        entry["date"] = cred.issued  # JSON Resume's iso8601 type takes partial dates as they are
    if cred.issuer.name:
        entry["issuer"] = cred.issuer.name
    url = checked_uri(cred.url, f"credentials[{i}].url", losses)
    if url:
        entry["url"] = url
    extras = {
        "expires": cred.expires,
        "credentialId": cred.credential_id,
        "verification": status_of(cred),
        "skills": cred.skills or None,
        "alignments": [_camel(a.model_dump(exclude_none=True)) for a in cred.alignments] or None,
    }
    entry.update({k: v for k, v in extras.items() if v})
    if is_license(cred):
        entry["kind"] = "license"
        losses.add(
            f"credentials[{i}].kind",
            "converted",
            "JSON Resume has no licenses section: "
            "the license is listed under certificates with kind 'license'",
        )
    report_uncarried(losses, i, cred, "certificate", CARRIED)
    return entry


def _camel(item: dict[str, Any]) -> dict[str, Any]:
    """target_name -> targetName: JSON Resume's own keys are camelCase."""
    return {k.split("_")[0] + "".join(w.title() for w in k.split("_")[1:]): v for k, v in item.items()}


@cache
def validator() -> Draft7Validator:
    """The vendored JSON Resume 1.2.1 schema (draft-07, self-contained)."""
    schema = json.loads(files(__package__).joinpath("schema").joinpath("schema.json").read_text("utf-8"))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
