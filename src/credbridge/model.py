"""The one vocabulary of credbridge.

Every part of the pipeline (readers, resume parser, badge verifier, taxonomy, adapters, API)
speaks these pydantic models and nothing else, so that a fact keeps its provenance from the
file it was read in to the record a hiring platform receives.

Field names follow the JSON contract in DESIGN.md; extend them, never rename them.
Dates on credentials are ISO 8601 *partial* dates (YYYY, YYYY-MM or YYYY-MM-DD) because resumes
rarely say more than a month, and inventing a day would be a lie.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = "1.0"

PartialDate = Annotated[
    str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
]
"""YYYY, YYYY-MM or YYYY-MM-DD."""


class _Model(BaseModel):
    """Base for every model: unknown fields are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --------------------------------------------------------------------------- documents


class Hyperlink(_Model):
    """A link found in a document, with the text it sits under (its anchor)."""

    url: str
    text: str | None = None
    start: int | None = Field(default=None, description="Offset of the anchor in its line's text.")
    end: int | None = Field(default=None, description="End offset (exclusive) of the anchor.")


class Line(_Model):
    """One visual line of a document, with the style and position the layout analysis needs.

    Coordinates are in points with the origin at the top-left of the page, so that PDF, DOCX
    and HTML lines can be compared; readers that have no geometry (DOCX, HTML, text) leave them
    as None and number lines in reading order instead.
    """

    text: str
    page: int = 1
    index: int = Field(description="1-based line number in the document, in reading order.")
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    font_size: float | None = None
    bold: bool = False
    font: str | None = None
    column: int = Field(default=0, description="0 for full width, 1.. for columns left to right.")
    role: Literal["heading", "list_item", "table_cell", "paragraph", "header", "footer"] | None = None
    heading_level: int | None = None
    links: list[Hyperlink] = Field(default_factory=list)


class Document(_Model):
    """What a reader makes of a file: lines in reading order, whatever the format was."""

    file: str | None = None
    format: Literal["pdf", "docx", "html", "text"]
    engine: str | None = Field(default=None, description="Library that read it, e.g. pypdfium2.")
    pages: int = 1
    page_width: float | None = None
    page_height: float | None = None
    lines: list[Line] = Field(default_factory=list)
    links: list[Hyperlink] = Field(
        default_factory=list, description="Links that could not be attached to any line."
    )
    warnings: list[Diagnostic] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# --------------------------------------------------------------------------- provenance


class Diagnostic(_Model):
    """A warning or error about an input, named by a stable code so programs can react to it."""

    code: str = Field(description="Stable identifier, e.g. pdf.no_text_layer.")
    message: str
    file: str | None = None


class Origin(StrEnum):
    RESUME = "resume"
    BADGE_URL = "badge_url"
    BAKED_IMAGE = "baked_image"
    CREDENTIAL_FILE = "credential_file"
    CATALOGUE = "catalogue"
    TAXONOMY = "taxonomy"


class Source(_Model):
    """Where a fact came from: a resume line, a badge URL, a baked image, ..."""

    origin: Origin = Origin.RESUME
    file: str | None = None
    page: int | None = None
    line: int | None = Field(default=None, description="1-based line number (Line.index).")
    text: str | None = Field(default=None, description="The text the fact was read from.")
    section: str | None = Field(default=None, description="The resume section it sat in.")
    url: str | None = None


class Evidence(_Model):
    """Why we believe a skill: a source, and the credential it came through if any."""

    source: Source
    credential: int | None = Field(default=None, description="Index into credentials[].")
    verified: bool = Field(default=False, description="True when a verified badge carries it.")


# --------------------------------------------------------------------------- verification


Outcome = Literal["pass", "fail", "warn", "skip"]


class Check(_Model):
    """One named step of a verification, as in the Open Badges validators."""

    id: str
    outcome: Outcome
    message: str


class VerificationStatus(StrEnum):
    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    INVALID = "invalid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    NOT_EARNED = "not_earned"
    NOT_VERIFIABLE = "not_verifiable"
    """The platform is known but publishes nothing machine-verifiable."""


class Verification(_Model):
    """The outcome of checking a credential; `unverified` until a badge check runs."""

    status: VerificationStatus = VerificationStatus.UNVERIFIED
    format: str | None = Field(default=None, description="ob2, ob3, clr2, vc-jwt, ... or None.")
    method: Literal["signed", "hosted", "link"] | None = None
    checked_at: datetime | None = None
    url: str | None = Field(default=None, description="What was checked.")
    checks: list[Check] = Field(default_factory=list)
    document: dict[str, Any] | None = Field(
        default=None,
        description="The credential as issued (OB 3.0 / CLR 2.0 JSON) when it was verified, for targets "
        "such as LER-RS that embed the full credential.",
    )


DiscrepancyField = Literal["name", "issuer", "issued", "expires", "recipient", "credential_id"]


class Discrepancy(_Model):
    """A field where the resume's claim and the verified badge disagree; both are kept."""

    field: DiscrepancyField
    claimed: str | None
    verified: str | None
    message: str


# --------------------------------------------------------------------------- credentials


class CredentialKind(StrEnum):
    CERTIFICATION = "certification"
    LICENSE = "license"
    BADGE = "badge"
    CERTIFICATE = "certificate"
    MICRO_CREDENTIAL = "micro_credential"
    COURSE = "course"
    CLEARANCE = "clearance"
    DEGREE = "degree"
    OTHER = "other"


class Issuer(_Model):
    name: str | None = None
    id: str | None = None
    url: str | None = None
    email: str | None = None
    inferred: bool = Field(
        default=False,
        description="The name came from the certification catalogue, not from the document or badge.",
    )


class Alignment(_Model):
    """A skill or competency framework entry a badge aligns to (OB alignment / CLR)."""

    target_name: str
    target_url: str | None = None
    target_code: str | None = None
    target_framework: str | None = None
    target_type: str | None = None
    target_description: str | None = None


class Link(_Model):
    """A URL with an optional human label (badge evidence, profile links)."""

    url: str | None = None
    text: str | None = None
    kind: str | None = Field(default=None, description="linkedin, github, credly, ...")


class CatalogueMatch(_Model):
    """A credential recognised in the catalogue of known certifications."""

    id: str
    name: str
    issuer: str | None = None
    score: float
    validity_months: int | None = None


class Recipient(_Model):
    """Who a badge was issued to, as the badge says it (possibly hashed)."""

    identity: str | None = None
    type: str | None = Field(default=None, description="email, url, telephone, did, ...")
    hashed: bool = False
    salt: str | None = Field(default=None, description="The salt a hashed identity was hashed with.")
    name: str | None = None
    matched: bool | None = Field(default=None, description="None when nothing was compared.")


class Credential(_Model):
    """A certification, license, badge, certificate or micro-credential."""

    kind: CredentialKind = CredentialKind.CERTIFICATION
    name: str
    issuer: Issuer = Field(default_factory=Issuer)
    issued: PartialDate | None = None
    expires: PartialDate | None = None
    no_expiry: bool = Field(default=False, description="The resume or badge says it never expires.")
    credential_id: str | None = None
    url: str | None = Field(default=None, description="The main link: badge page or assertion.")
    urls: list[str] = Field(default_factory=list, description="Other links that belong to it.")
    platform: str | None = Field(default=None, description="credly, badgr, accredible, ...")
    description: str | None = None
    criteria: str | None = None
    image: str | None = None
    skills: list[str] = Field(default_factory=list, description="Skill names it names or aligns to.")
    alignments: list[Alignment] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    evidence: list[Link] = Field(default_factory=list, description="Earner evidence in a badge.")
    recipient: Recipient | None = None
    catalogue: CatalogueMatch | None = None
    source: Source = Field(default_factory=Source)
    verification: Verification = Field(default_factory=Verification)
    discrepancies: list[Discrepancy] = Field(default_factory=list)


# --------------------------------------------------------------------------- skills


class TaxonomyRef(_Model):
    """A concept in a skills taxonomy that a phrase maps to."""

    scheme: Literal["esco", "onet"]
    id: str = Field(description="ESCO concept URI, or the O*NET example's stable key.")
    label: str = Field(description="Preferred label (ESCO) or example title (O*NET).")
    category: str | None = Field(default=None, description="O*NET commodity title.")
    score: float = Field(description="0..100; 100 for an exact or direct match.")
    method: Literal["exact", "alias", "fuzzy", "direct"] = "exact"


class SkillMatch(_Model):
    """The ranked taxonomy candidates for one phrase (`credbridge skills match`)."""

    phrase: str
    best: list[TaxonomyRef] = Field(default_factory=list, description="Best match per scheme.")
    alternatives: list[TaxonomyRef] = Field(default_factory=list)


class Skill(_Model):
    """One distinct skill concept, merged across every source that supports it."""

    name: str
    references: list[TaxonomyRef] = Field(default_factory=list)
    alternatives: list[TaxonomyRef] = Field(default_factory=list)
    confidence: float = 0.0
    verified: bool = Field(default=False, description="True only when a verified badge backs it.")
    evidence: list[Evidence] = Field(default_factory=list)


# --------------------------------------------------------------------------- the profile


class Person(_Model):
    name: str | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    location: str | None = None
    links: list[Link] = Field(default_factory=list)
    source: Source | None = None


class DocumentInfo(_Model):
    """What was read to make a profile, without its contents."""

    file: str | None = None
    format: str | None = None
    engine: str | None = None
    pages: int | None = None


class CandidateProfile(_Model):
    """Everything credbridge knows about one candidate, each fact with its provenance."""

    schema_version: str = SCHEMA_VERSION
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    person: Person = Field(default_factory=Person)
    credentials: list[Credential] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    warnings: list[Diagnostic] = Field(default_factory=list)


class VerificationReport(Verification):
    """What `credbridge badge verify` prints: the verification plus the normalised credential."""

    valid: bool
    input: str | None = None
    platform: str | None = None
    credential: Credential | None = None
    lint: list[Check] = Field(
        default_factory=list, description="Hiring-readiness findings for the issuer (badges/lint.py)."
    )


# --------------------------------------------------------------------------- adapters


class Loss(_Model):
    """Something a target platform could not carry, and what the adapter did with it."""

    field: str = Field(description="Profile field, e.g. credentials[0].alignments.")
    action: Literal["dropped", "moved", "truncated", "converted"]
    detail: str


class Translation(_Model):
    """An adapter's output: the target record plus what it lost on the way."""

    target: str
    media_type: str = "application/json"
    record: Any = Field(description="The target's record: a JSON value, or text for XML and CSV.")
    losses: list[Loss] = Field(default_factory=list)


Document.model_rebuild()
