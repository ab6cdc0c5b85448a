"""CandidateProfile -> Lever: the POST /opportunities body, the notes and the file to add to it.

Lever has neither a certification record nor custom fields on an opportunity, so the fallback
chain is: tags for skills and credential names, badge URLs in `links`, one note per credential
(POST /opportunities/:id/notes) with issuer, dates, ID, verification status and alignments, and
the LER-RS document as a file (POST /opportunities/:id/files, base64 here).
"""

from __future__ import annotations

from typing import Any

from credbridge.model import CandidateProfile
from credbridge_adapters._common import LossReport, person_links
from credbridge_adapters._fallback import fallback


def build(profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    person = profile.person
    opportunity: dict[str, Any] = {}
    if person.name:
        opportunity["name"] = person.name
    if person.emails:
        opportunity["emails"] = list(person.emails)
    if person.phones:
        opportunity["phones"] = [{"value": p} for p in person.phones]
    if person.location:
        opportunity["location"] = person.location
    parts = fallback(profile, losses, "a note per credential", "links")
    links = person_links(profile, losses) + parts.badge_urls
    if links:
        opportunity["links"] = list(dict.fromkeys(links))
    if parts.tags:
        opportunity["tags"] = parts.tags
    record: dict[str, Any] = {"opportunity": opportunity} if opportunity else {}
    if parts.summaries:
        record["notes"] = [{"value": f"Credential: {line}"} for line in parts.summaries]
    record["files"] = [
        {"name": parts.attachment_name, "type": "application/json", "data": parts.attachment_base64}
    ]
    return record
