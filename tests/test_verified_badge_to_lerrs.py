"""A verified OB 3.0 badge travels whole into LER-RS: verify -> profile -> adapter -> schema."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import FIXTURES
from credbridge_adapters.lerrs.validation import errors

from credbridge.badges import verify
from credbridge.model import CandidateProfile
from credbridge.targets import translate

OB3 = FIXTURES / "badges" / "ob3"
AT = datetime(2026, 6, 1, tzinfo=UTC)


def lerrs_for(name: str, at: datetime = AT) -> tuple[dict, CandidateProfile]:
    report = verify(str(OB3 / "credentials" / name), documents=OB3 / "documents", offline=True, at=at)
    assert report.credential is not None
    profile = CandidateProfile(credentials=[report.credential])
    return translate(profile, "lerrs").record, profile


@pytest.mark.parametrize("name", ["eddsa-didkey.json", "eddsa-didkey.jwt"])
def test_the_issued_credential_is_embedded_when_verified(name: str) -> None:
    record, profile = lerrs_for(name)
    issued = profile.credentials[0].verification.document
    assert issued is not None and issued["id"]
    assert errors(record) == []
    verifications = [
        v
        for section in ("certifications", "licenses")
        for entry in record.get(section, [])
        for v in entry.get("verifications", [])
    ]
    embedded = [v.get("otherW3CVerifiableCredential", v) for v in verifications if "reference" not in v]
    assert [doc["id"] for doc in embedded] == [issued["id"]]


def test_an_expired_badge_does_not_carry_its_document() -> None:
    record, profile = lerrs_for("eddsa-didkey.json", at=datetime(2031, 1, 1, tzinfo=UTC))
    assert profile.credentials[0].verification.status == "expired"
    assert profile.credentials[0].verification.document is None
    assert "otherW3CVerifiableCredential" not in str(record)
