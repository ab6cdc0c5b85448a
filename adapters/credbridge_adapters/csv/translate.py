"""CandidateProfile -> CSV text, one row per credential (RFC 4180: CRLF, quoted when needed).

Dates stay as the profile has them (a spreadsheet can hold "2022-11"), alignments and skills are
joined with "; ", and the profile-level skills and contact details, which are not per
credential, are left out and said so.
"""

from __future__ import annotations

import csv
import io

from credbridge.model import CandidateProfile
from credbridge_adapters._common import (
    LossReport,
    alignment_summary,
    report_person,
    report_uncarried,
    status_of,
)

COLUMNS = (
    "name",
    "kind",
    "issuer",
    "issuer_url",
    "issued",
    "expires",
    "no_expiry",
    "credential_id",
    "url",
    "verification_status",
    "verification_format",
    "verification_method",
    "skills",
    "alignments",
    "description",
    "criteria",
)
CARRIED = (
    "issuer.name",
    "issuer.url",
    "issued",
    "expires",
    "no_expiry",
    "credential_id",
    "url",
    "verification",
    "skills",
    "alignments",
    "description",
    "criteria",
)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str, field: str, losses: LossReport) -> str:
    """Text from a stranger's resume that a spreadsheet would run as a formula ("=HYPERLINK(...)")
    gets a leading apostrophe, the OWASP defence against CSV injection; the loss report says so."""
    if value.startswith(FORMULA_START):
        losses.add(
            field, "converted", f"{value[:40]!r} starts like a spreadsheet formula: written with a leading '"
        )
        return "'" + value
    return value


def build(profile: CandidateProfile, losses: LossReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for i, cred in enumerate(profile.credentials):
        row = (
            cred.name,
            cred.kind.value,
            cred.issuer.name or "",
            cred.issuer.url or "",
            cred.issued or "",
            cred.expires or "",
            "yes" if cred.no_expiry else "",
            cred.credential_id or "",
            cred.url or "",
            status_of(cred),
            cred.verification.format or "",
            cred.verification.method or "",
            "; ".join(cred.skills),
            alignment_summary(cred),
            cred.description or "",
            cred.criteria or "",
        )
        writer.writerow(
            [
                _cell(value, f"credentials[{i}].{column}", losses)
                for column, value in zip(COLUMNS, row, strict=True)
            ]
        )
        report_uncarried(losses, i, cred, "row", CARRIED)
    report_person(losses, profile, [])
    if profile.skills:
        losses.add(
            "skills",
            "dropped",
            f"CSV rows are credentials: the {len(profile.skills)} profile skill(s) "
            "and their ESCO / O*NET codes "
            "are not in it (a credential's own skills are in its skills column)",
        )
    return out.getvalue()
