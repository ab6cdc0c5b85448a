"""The fallback chain for ATSs that have no certification record (Greenhouse, Lever, SmartRecruiters).

What they can hold, in order: tags (skills and credential names), a text field or note per
credential with issuer, dates, ID, verification status and badge URL, the badge URLs as links,
and an attachment holding the LER-RS document, which keeps everything the tags and text cannot
(built by the lerrs adapter itself, not a copy of it).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from credbridge.model import CandidateProfile
from credbridge_adapters._common import (
    LossReport,
    alignment_summary,
    checked_uri,
    credential_summary,
    report_skill_references,
    skill_names,
)
from credbridge_adapters.lerrs import adapter as lerrs


@dataclass(frozen=True)
class Fallback:
    tags: list[str]
    summaries: list[str]
    """One line per credential (with its alignments), in profile order."""
    badge_urls: list[str]
    attachment_name: str
    attachment_base64: str


def fallback(profile: CandidateProfile, losses: LossReport, text_home: str, link_home: str) -> Fallback:
    """Build the pieces and record, per credential, where its facts went and what stayed behind."""
    tags = skill_names(profile)
    seen = {t.casefold() for t in tags}
    for cred in profile.credentials:
        if cred.name.casefold() not in seen:
            seen.add(cred.name.casefold())
            tags.append(cred.name)
    summaries, badge_urls = [], []
    for i, cred in enumerate(profile.credentials):
        line = credential_summary(cred)
        if cred.alignments:
            line += f"; aligned to: {alignment_summary(cred)}"
        summaries.append(line)
        url = checked_uri(cred.url, f"credentials[{i}].url", losses)
        if url:
            badge_urls.append(url)
        moved = [
            f
            for f, v in (
                ("issuer", cred.issuer.name),
                ("dates", cred.issued or cred.expires),
                ("ID", cred.credential_id),
                ("alignments", cred.alignments),
            )
            if v
        ]
        losses.add(
            f"credentials[{i}]",
            "moved",
            f"{losses.target} has no certification record: the name went to tags, "
            + (", ".join(moved) + " and " if moved else "")
            + f"verification status to {text_home}"
            + (f", the badge URL to {link_home}" if url else "")
            + "; the full record is in the attached LER-RS document",
        )
        for name, value in (
            ("description", cred.description),
            ("criteria", cred.criteria),
            ("evidence", cred.evidence),
            ("discrepancies", cred.discrepancies),
        ):
            if value:
                losses.add(
                    f"credentials[{i}].{name}",
                    "moved",
                    f"{losses.target} has no place for the {name}: kept only in the attached LER-RS document",
                )
    report_skill_references(losses, profile, "tags (the codes are in the attached LER-RS document)")
    document = lerrs.translate(profile).record
    raw = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8")
    slug = "-".join((profile.person.name or "candidate").lower().split())
    return Fallback(
        tags=tags,
        summaries=summaries,
        badge_urls=badge_urls,
        attachment_name=f"{slug}-ler-rs.json",
        attachment_base64=base64.b64encode(raw).decode("ascii"),
    )


def split_name(name: str | None, losses: LossReport) -> tuple[str | None, str | None]:
    """First and last name for platforms that require both: the last word is taken as the family
    name, which is a guess for many names, so the loss report says so."""
    if not name or not name.split():
        return None, None
    *given, family = name.split()
    if not given:
        losses.add(
            "person.name",
            "converted",
            f"{losses.target} wants first and last name; {name!r} has one word: sent as last name",
        )
        return None, family
    losses.add(
        "person.name",
        "converted",
        f"{losses.target} wants first and last name: {name!r} split at the last space "
        f"(first {' '.join(given)!r}, last {family!r}); check names where the family name comes first",
    )
    return " ".join(given), family
