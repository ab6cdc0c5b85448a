"""What every adapter shares: the adapter shape, the loss report, dates, taxonomy URIs.

One home for these so that every target converts a partial date, names a taxonomy concept and
words a loss the same way; a target module only decides where each fact goes in its record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import quote, urlparse

from credbridge.model import CandidateProfile, Credential, Loss, TaxonomyRef, Translation, VerificationStatus

ESCO_SCHEME = "http://data.europa.eu/esco/concept-scheme/skills"
"""The ESCO skills concept scheme: the `scheme` of every ESCO reference."""
ONET_SCHEME = "https://www.onetcenter.org/dictionary/30.2/excel/technology_skills.html"
"""The O*NET 30.2 Technology Skills file the O*NET references come from."""
SCHEME_URIS = {"esco": ESCO_SCHEME, "onet": ONET_SCHEME}
SCHEME_NAMES = {"esco": "ESCO", "onet": "O*NET"}

Action = Literal["dropped", "moved", "truncated", "converted"]


class LossReport:
    """The losses of one translation, in the order they were found."""

    def __init__(self, target_title: str) -> None:
        self.target = target_title
        self.items: list[Loss] = []

    def add(self, field: str, action: Action, detail: str) -> None:
        self.items.append(Loss(field=field, action=action, detail=detail))


@dataclass(frozen=True)
class SimpleAdapter:
    """An adapter made of a name, a title, a media type and a build function.

    `build(profile, losses)` returns the record and writes what it could not carry into
    `losses`; the wrapper turns both into a Translation.
    """

    name: str
    title: str
    media_type: str
    build: Callable[[CandidateProfile, LossReport], Any]
    platform: str = ""
    """Short platform name the loss report uses ("Workday", "LER-RS"); the title if empty."""

    def translate(self, profile: CandidateProfile) -> Translation:
        losses = LossReport(self.platform or self.title)
        record = self.build(_calendar_dates_only(profile, losses), losses)
        return Translation(target=self.name, media_type=self.media_type, record=record, losses=losses.items)


# --------------------------------------------------------------------------- dates


def _calendar_dates_only(profile: CandidateProfile, losses: LossReport) -> CandidateProfile:
    """The profile with impossible dates (2023-02-30 passes the partial-date pattern) left out,
    so that no target turns one into a crash or a different day."""
    fixed = []
    for i, cred in enumerate(profile.credentials):
        bad = {}
        for name in ("issued", "expires"):
            value = getattr(cred, name)
            if value:
                year, _, rest = value.partition("-")
                try:
                    date.fromisoformat(value) if rest.count("-") else date(int(year), int(rest or 1), 1)
                except ValueError:
                    bad[name] = None
                    losses.add(
                        f"credentials[{i}].{name}", "dropped", f"{value} is not a calendar date: left out"
                    )
        fixed.append(cred.model_copy(update=bad) if bad else cred)
    return profile.model_copy(update={"credentials": fixed})


def precision(value: str) -> Literal["year", "month", "day"]:
    """How much of a partial date (YYYY, YYYY-MM, YYYY-MM-DD) is known."""
    return {4: "year", 7: "month"}.get(len(value), "day")  # type: ignore[return-value]


def full_date(value: str, field: str, losses: LossReport) -> date:
    """A calendar date for targets that need a day; a partial date becomes the first day of its
    month or year, and the loss report says so (a resume that says "2022" never said 1 January)."""
    known = precision(value)
    if known == "day":
        return date.fromisoformat(value)
    year, _, month = value.partition("-")
    day = date(int(year), int(month or 1), 1)
    first = "first of the month" if known == "month" else "1 January"
    losses.add(
        field,
        "converted",
        f"{losses.target} needs a full date: {value} (known to the {known}) "
        f"sent as {day.isoformat()} ({first})",
    )
    return day


def iso_date(value: str, field: str, losses: LossReport) -> str:
    """YYYY-MM-DD, for targets whose date fields are xsd:date or ISO dates."""
    return full_date(value, field, losses).isoformat()


def epoch_millis(value: str, field: str, losses: LossReport) -> int:
    """Milliseconds since 1970 at 00:00 UTC of the date (Bullhorn timestamps, OData v2 dates)."""
    day = full_date(value, field, losses)
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


# --------------------------------------------------------------------------- taxonomy


def is_uri(value: str) -> bool:
    """True for an absolute URI (has a scheme), the form schema `format: uri` fields expect."""
    parsed = urlparse(value)
    return bool(parsed.scheme) and bool(parsed.netloc or parsed.path) and " " not in value


def checked_uri(value: str | None, field: str, losses: LossReport) -> str | None:
    """`value` when it is an absolute URL; otherwise None and a loss, since a resume's
    "credly.com/badges/..." has no scheme and guessing one would be inventing it."""
    if not value:
        return None
    if is_uri(value):
        return value
    losses.add(
        field, "dropped", f"{value!r} is not an absolute URL (no scheme), so {losses.target} cannot take it"
    )
    return None


def person_links(profile: CandidateProfile, losses: LossReport) -> list[str]:
    """The person's link URLs that are absolute URLs, reporting the others."""
    found = (
        checked_uri(link.url, f"person.links[{i}]", losses) for i, link in enumerate(profile.person.links)
    )
    return [url for url in found if url]


def concept_uri(ref: TaxonomyRef) -> str:
    """A URI for a taxonomy concept: ESCO ids are URIs already; an O*NET technology skill example
    has no URI of its own, so it is named by a URN built from its key (never a made-up URL)."""
    if is_uri(ref.id):
        return ref.id
    return f"urn:onet:technology-skill:{quote(ref.id, safe='')}"


# --------------------------------------------------------------------------- credentials


def status_of(cred: Credential) -> str:
    """The verification status as a word a recruiter reads: verified, unverified, expired, ..."""
    return VerificationStatus(cred.verification.status).value


def is_license(cred: Credential) -> bool:
    return cred.kind == "license"


def credential_summary(cred: Credential) -> str:
    """One line that keeps what a platform without a certification record would otherwise lose:
    name, issuer, dates, identifier, verification status and the badge URL."""
    parts = [cred.name]
    if cred.issuer.name:
        parts.append(f"issued by {cred.issuer.name}")
    if cred.issued:
        parts.append(f"issued {cred.issued}")
    if cred.expires:
        parts.append(f"expires {cred.expires}")
    elif cred.no_expiry:
        parts.append("does not expire")
    if cred.credential_id:
        parts.append(f"ID {cred.credential_id}")
    verification = status_of(cred)
    if cred.verification.format:
        verification += f" ({cred.verification.format}"
        verification += f", {cred.verification.method})" if cred.verification.method else ")"
    parts.append(f"verification: {verification}")
    if cred.url:
        parts.append(cred.url)
    return "; ".join(parts)


def alignment_summary(cred: Credential) -> str:
    """Alignments as `name (framework code/url)`, for targets that can only hold text."""
    items = []
    for a in cred.alignments:
        where = ", ".join(x for x in (a.target_framework, a.target_code or a.target_url) if x)
        items.append(f"{a.target_name} ({where})" if where else a.target_name)
    return "; ".join(items)


_DESCRIBE: dict[str, Callable[[Credential], str | None]] = {
    "issuer.name": lambda c: c.issuer.name,
    "issuer.url": lambda c: c.issuer.url,
    "issuer.id": lambda c: c.issuer.id,
    "issued": lambda c: c.issued,
    "expires": lambda c: c.expires,
    "no_expiry": lambda c: "never expires" if c.no_expiry else None,
    "credential_id": lambda c: c.credential_id,
    "url": lambda c: c.url,
    "urls": lambda c: ", ".join(c.urls) or None,
    "description": lambda c: c.description,
    "criteria": lambda c: c.criteria,
    "image": lambda c: c.image,
    "skills": lambda c: ", ".join(c.skills) or None,
    "alignments": lambda c: alignment_summary(c) or None,
    "tags": lambda c: ", ".join(c.tags) or None,
    "evidence": lambda c: ", ".join(e.url or e.text or "" for e in c.evidence) or None,
    "verification": lambda c: None if c.verification.status == "unverified" else status_of(c),
    "discrepancies": lambda c: "; ".join(d.message for d in c.discrepancies) or None,
}
CREDENTIAL_FIELDS = tuple(_DESCRIBE)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def report_uncarried(
    losses: LossReport, index: int, cred: Credential, record: str, carried: Iterable[str]
) -> None:
    """Say, field by field, what of credential `index` the target's `record` has no place for."""
    kept = set(carried)
    for name, describe in _DESCRIBE.items():
        if name in kept:
            continue
        value = describe(cred)
        if value:
            losses.add(
                f"credentials[{index}].{name}",
                "dropped",
                f"{losses.target} {record} has no field for {name.replace('_', ' ')}: "
                f"{_short(value)!r} dropped",
            )


def report_person(losses: LossReport, profile: CandidateProfile, carried: Iterable[str]) -> None:
    """Say which contact facts the target's record does not carry."""
    kept = set(carried)
    person = profile.person
    values = {
        "person.name": person.name,
        "person.emails": ", ".join(person.emails[1:] if "person.emails[0]" in kept else person.emails),
        "person.phones": ", ".join(person.phones[1:] if "person.phones[0]" in kept else person.phones),
        "person.location": person.location,
        "person.links": ", ".join(link.url or "" for link in person.links),
    }
    for field, value in values.items():
        if value and field not in kept:
            losses.add(
                field, "dropped", f"{losses.target} record has no place for it: {_short(value)!r} dropped"
            )


def skill_names(profile: CandidateProfile) -> list[str]:
    """Skill names in profile order, each once (case-insensitively)."""
    seen: set[str] = set()
    names = []
    for skill in profile.skills:
        if skill.name.casefold() not in seen:
            seen.add(skill.name.casefold())
            names.append(skill.name)
    return names


def report_skills_dropped(losses: LossReport, profile: CandidateProfile, record: str) -> None:
    """For targets whose credential record has no skills at all."""
    if profile.skills:
        losses.add(
            "skills",
            "dropped",
            f"{record} has no skills; {len(profile.skills)} skill(s) are not in this record",
        )


def report_skill_references(losses: LossReport, profile: CandidateProfile, where: str) -> None:
    """For targets that keep skills as plain names: the ESCO / O*NET codes are dropped."""
    for i, skill in enumerate(profile.skills):
        if skill.references:
            codes = ", ".join(f"{SCHEME_NAMES[r.scheme]} {r.id}" for r in skill.references)
            losses.add(
                f"skills[{i}].references",
                "dropped",
                f"{losses.target} keeps skills as plain names in {where}: {codes} dropped",
            )


def move_to_text(
    losses: LossReport, index: int, cred: Credential, names: Iterable[str], target_field: str
) -> str | None:
    """Fold facts the target has no field for into its one free-text field, saying so.

    Returns the text (None when there is nothing to fold) as `Label: value` parts joined by
    " | ", in the order of `names`, so a recruiter reads it as it was meant.
    """
    labels = {
        "issuer.name": "Issuer",
        "issued": "Issued",
        "expires": "Expires",
        "credential_id": "ID",
        "url": "Badge",
        "description": "Description",
        "criteria": "Criteria",
        "alignments": "Aligned to",
        "verification": "Verification",
        "skills": "Skills",
    }
    parts = []
    for name in names:
        value = _DESCRIBE[name](cred)
        if not value:
            continue
        parts.append(f"{labels[name]}: {value}")
        losses.add(
            f"credentials[{index}].{name}",
            "moved",
            f"{losses.target} has no field for {name.replace('_', ' ')}: moved to {target_field}",
        )
    return " | ".join(parts) or None
