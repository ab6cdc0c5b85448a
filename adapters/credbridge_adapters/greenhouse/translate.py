"""CandidateProfile -> the body of Greenhouse Harvest's POST /v1/candidates.

Greenhouse has no certification record, so the fallback chain applies: skills and credential
names as `tags`, one line per credential (issuer, dates, ID, verification status, badge URL,
alignments) in the long-text candidate custom field `credbridge_credentials` (create it in
Greenhouse with that name key), badge URLs as `website_addresses`, and the LER-RS document as an
attachment.
"""

from __future__ import annotations

from typing import Any

from credbridge.model import CandidateProfile
from credbridge_adapters._common import LossReport, person_links
from credbridge_adapters._fallback import fallback, split_name

CUSTOM_FIELD = "credbridge_credentials"


def build(profile: CandidateProfile, losses: LossReport) -> dict[str, Any]:
    person = profile.person
    record: dict[str, Any] = {}
    first, last = split_name(person.name, losses)
    if first:
        record["first_name"] = first
    if last:
        record["last_name"] = last
    if person.emails:
        record["email_addresses"] = [{"value": e, "type": "personal"} for e in person.emails]
    if person.phones:
        record["phone_numbers"] = [{"value": p, "type": "other"} for p in person.phones]
    if person.location:
        record["addresses"] = [{"value": person.location, "type": "other"}]
    parts = fallback(profile, losses, f"custom field {CUSTOM_FIELD}", "website_addresses")
    websites = person_links(profile, losses) + parts.badge_urls
    if websites:
        record["website_addresses"] = [{"value": url, "type": "other"} for url in dict.fromkeys(websites)]
    if parts.tags:
        record["tags"] = parts.tags
    if parts.summaries:
        record["custom_fields"] = [{"name_key": CUSTOM_FIELD, "value": "\n".join(parts.summaries)}]
    record["attachments"] = [
        {
            "filename": parts.attachment_name,
            "type": "admin_only",
            "content": parts.attachment_base64,
            "content_type": "application/json",
        }
    ]
    return record
