"""Request and response bodies that only the HTTP API has, with the OpenAPI examples.

Everything the pipeline produces is a model.py class; these are the envelopes around them.
Examples are built from the real models, so an example that drifts from the vocabulary fails
at import instead of misleading a reader of /docs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from credbridge.model import (
    CandidateProfile,
    Check,
    Credential,
    CredentialKind,
    DocumentInfo,
    Evidence,
    Issuer,
    Loss,
    Origin,
    Person,
    Skill,
    SkillMatch,
    Source,
    TaxonomyRef,
    Translation,
    Verification,
    VerificationReport,
    VerificationStatus,
)

_BADGE_URL = "https://www.credly.com/badges/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

EXAMPLE_CREDENTIAL = Credential(
    kind=CredentialKind.BADGE,
    name="AWS Certified Solutions Architect – Associate",
    issuer=Issuer(name="Amazon Web Services Training and Certification"),
    issued="2024-03",
    expires="2027-03",
    url=_BADGE_URL,
    platform="credly",
    skills=["cloud architecture"],
    source=Source(origin=Origin.RESUME, file="resume.pdf", page=1, line=14, section="Certifications"),
    verification=Verification(
        status=VerificationStatus.VERIFIED,
        format="ob2",
        method="hosted",
        url=_BADGE_URL,
        checks=[Check(id="hosted", outcome="pass", message="the issuer's host serves this assertion")],
    ),
)

EXAMPLE_PROFILE = CandidateProfile(
    document=DocumentInfo(file="resume.pdf", format="pdf", engine="pypdfium2", pages=1),
    person=Person(name="Alex Example", location="Leeds, UK"),
    credentials=[EXAMPLE_CREDENTIAL],
    skills=[
        Skill(
            name="cloud architecture",
            references=[
                TaxonomyRef(
                    scheme="esco",
                    id="http://data.europa.eu/esco/skill/example",
                    label="cloud architecture",
                    score=100,
                )
            ],
            confidence=0.9,
            verified=True,
            evidence=[
                Evidence(source=Source(origin=Origin.BADGE_URL, url=_BADGE_URL), credential=0, verified=True)
            ],
        )
    ],
)

EXAMPLE_TRANSLATION = Translation(
    target="jsonresume",
    record={"basics": {"name": "Alex Example"}, "certificates": [{"name": EXAMPLE_CREDENTIAL.name}]},
    losses=[
        Loss(field="credentials[0].verification", action="dropped", detail="JSON Resume has no verification")
    ],
)

EXAMPLE_REPORT = VerificationReport(
    valid=True,
    status=VerificationStatus.VERIFIED,
    format="ob2",
    method="hosted",
    url=_BADGE_URL,
    checks=EXAMPLE_CREDENTIAL.verification.checks,
    input=_BADGE_URL,
    platform="credly",
    credential=EXAMPLE_CREDENTIAL,
)

EXAMPLE_MATCH = SkillMatch(
    phrase="python programming",
    best=[
        TaxonomyRef(
            scheme="esco",
            id="http://data.europa.eu/esco/skill/example",
            label="Python",
            score=95,
            method="fuzzy",
        )
    ],
)


def dump(model: BaseModel) -> Any:
    return model.model_dump(mode="json", exclude_none=True)


class TranslateRequest(BaseModel):
    """A profile, or just a list of credentials, and the target to translate it to."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"target": "jsonresume", "profile": dump(EXAMPLE_PROFILE)},
                {"target": "jsonresume", "credentials": [dump(EXAMPLE_CREDENTIAL)]},
            ]
        },
    )

    target: str = Field(max_length=64, description="An adapter name from GET /v1/adapters.")
    profile: CandidateProfile | None = None
    credentials: list[Credential] | None = Field(
        default=None, max_length=500, description="Credentials alone; wrapped in an otherwise empty profile."
    )

    @model_validator(mode="before")
    @classmethod
    def _mended(cls, data: Any) -> Any:
        """Lone surrogates ("\\ud800") made U+FFFD, as the CLI's translate does: no adapter's
        output (JSON, XML, CSV) can carry one."""
        from credbridge.documents.repair import mend_value

        return mend_value(data) if isinstance(data, dict) else data

    @model_validator(mode="after")
    def _one_input(self) -> Self:
        if (self.profile is None) == (self.credentials is None):
            raise ValueError("give exactly one of `profile` or `credentials`")
        return self

    def as_profile(self) -> CandidateProfile:
        return (
            self.profile if self.profile is not None else CandidateProfile(credentials=self.credentials or [])
        )


class SkillsMatchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"phrases": ["python programming", "forklift"]}]}
    )

    phrases: list[str] = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _phrase_lengths(self) -> Self:
        if any(len(p) > 300 for p in self.phrases):
            raise ValueError("a phrase may be at most 300 characters long")
        return self


VERIFY_EXAMPLES: list[Any] = [  # list[Any]: what pydantic types json_schema_extra values as (JsonValue)
    {"url": _BADGE_URL},
    {"jwt": "eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl", "at": "2026-01-01T00:00:00Z"},
]


class BadgeChecks(BaseModel):
    """What to check a badge against, besides its own proofs (multipart form fields too)."""

    model_config = ConfigDict(extra="forbid")

    recipient: str | None = Field(default=None, max_length=320, description="Email the badge should be for.")
    at: datetime | None = Field(default=None, description="Verify as of this instant instead of now.")


class BadgeVerifyRequest(BadgeChecks):
    """Exactly one of a badge URL, a credential (JSON object) or a VC-JWT, and optional checks."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": VERIFY_EXAMPLES},
    )

    url: str | None = Field(default=None, max_length=2048, description="An http(s) badge or assertion URL.")
    credential: dict[str, Any] | None = Field(
        default=None, description="An OB 2.0/3.0 or CLR 2.0 credential."
    )
    jwt: str | None = Field(default=None, max_length=200_000, description="A credential as a VC-JWT.")

    @model_validator(mode="before")
    @classmethod
    def _mended(cls, data: Any) -> Any:
        """Lone surrogates ("\\ud800") made U+FFFD, as the CLI's translate does: no adapter's
        output (JSON, XML, CSV) can carry one."""
        from credbridge.documents.repair import mend_value

        return mend_value(data) if isinstance(data, dict) else data

    @model_validator(mode="after")
    def _one_input(self) -> Self:
        given = [name for name in ("url", "credential", "jwt") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of `url`, `credential` or `jwt`")
        if self.url is not None and not self.url.lower().startswith(("http://", "https://")):
            raise ValueError("`url` must be an http or https URL")
        return self


BADGE_UPLOAD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "Baked PNG/SVG, or .json/.jwt file."},
        "recipient": {"type": "string", "maxLength": 320},
        "at": {"type": "string", "format": "date-time"},
    },
}


class AdapterInfo(BaseModel):
    name: str
    title: str
    media_type: str


class Health(BaseModel):
    status: str = "ok"


class Readiness(BaseModel):
    status: str = Field(description="ready, or not_ready with the failing checks.")
    checks: dict[str, str]


EXAMPLE_ADAPTERS = [AdapterInfo(name="jsonresume", title="JSON Resume 1.2.1", media_type="application/json")]
