"""CandidateProfile -> SmartRecruiters: candidate body, tags, a candidate property, an attachment.

SmartRecruiters has no certification record: skills and credential names go to the candidate
tags (PUT /candidates/{id}/tags), one line per credential with issuer, dates, ID, verification
status, badge URL and alignments to the text candidate property `credbridge_credentials`
(create it with that id), and the LER-RS document to an attachment
(POST /candidates/{id}/attachments, base64 here). The candidate's web links take one URL per
network, so badge URLs live in the property text. The property id and attachment type are the
integration's to configure; they are named here, not looked up.
"""

from __future__ import annotations

from typing import Any

from credbridge.model import CandidateProfile
from credbridge_adapters._common import LossReport, checked_uri
from credbridge_adapters._fallback import fallback, split_name

PROPERTY = "credbridge_credentials"
WEB_KEYS = {"linkedin": "linkedin", "facebook": "facebook", "twitter": "twitter", "skype": "skype"}


def build(profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    person = profile.person
    candidate: dict[str, Any] = {}
    first, last = split_name(person.name, losses)
    if first:
        candidate["firstName"] = first
    if last:
        candidate["lastName"] = last
    if person.emails:
        candidate["email"] = person.emails[0]
    if person.phones:
        candidate["phoneNumber"] = person.phones[0]
    for field, values in (("person.emails", person.emails[1:]), ("person.phones", person.phones[1:])):
        if values:
            losses.add(field, "dropped", f"SmartRecruiters takes one of each: {', '.join(values)} dropped")
    if person.location:
        losses.add(
            "person.location",
            "dropped",
            "SmartRecruiters wants a structured location (city, country code): "
            f"{person.location!r} not split, dropped",
        )
    web: dict[str, str] = {}
    for i, link in enumerate(person.links):
        url = checked_uri(link.url, f"person.links[{i}]", losses)
        if not url:
            continue
        key = WEB_KEYS.get(link.kind or "", "website")
        if key in web:
            losses.add(
                f"person.links[{i}]", "dropped", f"SmartRecruiters keeps one {key} link: {url} dropped"
            )
        else:
            web[key] = url
    if web:
        candidate["web"] = web
    parts = fallback(profile, losses, f"candidate property {PROPERTY}", f"candidate property {PROPERTY}")
    record: dict[str, Any] = {"candidate": candidate} if candidate else {}
    if parts.tags:
        record["tags"] = {"tags": parts.tags}
    if parts.summaries:
        record["properties"] = [{"id": PROPERTY, "value": "\n".join(parts.summaries)}]
    record["attachments"] = [
        {
            "attachmentType": "GENERIC_FILE",
            "fileName": parts.attachment_name,
            "contentType": "application/json",
            "content": parts.attachment_base64,
        }
    ]
    return record
