"""A badge on a resume is checked against the candidate: is its recipient one of the resume's emails?

Unit tests of the one comparison (badges/recipient.py) with real digests, then resumes parsed
end to end (`parse_file`, offline, with the fixtures' document stores) whose badge links lead
to genuine badges issued to the candidate, to someone else, or to a resume without an email.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from credbridge.badges.ob2 import identity_object
from credbridge.badges.ob3 import recipients
from credbridge.badges.profile import compare_recipient
from credbridge.badges.recipient import identity_hash_matches, is_hashed, matches
from credbridge.badges.report import status_of
from credbridge.model import Credential, Recipient
from credbridge.pipeline import ParseOptions, parse_file

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "fixtures" / "badges" / "recipient"
OB2_DOCS = ROOT / "fixtures" / "badges" / "ob2" / "documents"
OB3 = ROOT / "fixtures" / "badges" / "ob3"
AT = datetime(2025, 6, 1, tzinfo=UTC)
ALICE = "alice@example.org"


def digest(algorithm: str, text: str) -> str:
    return hashlib.new(algorithm, text.encode()).hexdigest()


def hashed(identity: str, salt: str | None = None, algorithm: str = "sha256") -> Recipient:
    value = f"{algorithm}${digest(algorithm, identity + (salt or ''))}"
    return Recipient(identity=value, type="email", hashed=True, salt=salt)


# --------------------------------------------------------------------------- matches


@pytest.mark.parametrize("algorithm", ["sha256", "md5"])
@pytest.mark.parametrize("salt", ["deadsea", None])
def test_hashed_identity_matches_its_email_only(algorithm: str, salt: str | None) -> None:
    recipient = hashed(ALICE, salt, algorithm)
    assert matches(recipient, ALICE)
    assert matches(recipient, " Alice@Example.ORG ")  # issuers hash the normalised email
    assert not matches(recipient, "mallory@example.org")
    assert not matches(recipient.model_copy(update={"salt": "other"}), ALICE)


def test_hex_and_algorithm_compare_case_insensitively() -> None:
    recipient = hashed(ALICE, "NaCl")
    upper = recipient.identity.split("$")[1].upper()  # type: ignore[union-attr]
    assert matches(recipient.model_copy(update={"identity": f"SHA256${upper}"}), ALICE)


def test_salt_is_appended_not_prepended() -> None:
    swapped = Recipient(identity="sha256$" + digest("sha256", "NaCl" + ALICE), hashed=True, salt="NaCl")
    assert not matches(swapped, ALICE)


def test_plain_identities_compare_case_insensitively() -> None:
    assert matches(Recipient(identity="Alice@Example.org", type="email"), ALICE)
    assert matches(Recipient(identity="alice@example.org"), "mailto:ALICE@example.org")
    assert not matches(Recipient(identity="alice@example.org"), "alice@example.org.evil")
    assert not matches(Recipient(identity="alice@example.org"), "")
    assert not matches(Recipient(identity=None), ALICE)


def test_hash_form_without_the_hashed_flag_is_still_a_hash() -> None:
    recipient = hashed(ALICE, "s").model_copy(update={"hashed": False})
    assert is_hashed(recipient) and matches(recipient, ALICE)
    assert not is_hashed(Recipient(identity=ALICE))


def test_unknown_algorithm_and_junk_digests_never_match_nor_crash() -> None:
    sha512 = "sha512$" + digest("sha512", ALICE)
    assert not matches(Recipient(identity=sha512, hashed=True), ALICE)
    assert not matches(Recipient(identity="sha256$", hashed=True), ALICE)
    assert not matches(Recipient(identity="sha256$ünïcödé", hashed=True), ALICE)
    assert not identity_hash_matches("", "sha256$" + digest("sha256", ""), "")


def test_ob3_identity_hash_form() -> None:
    """OB 3.0 IdentityObject: identityHash, salt, hashed, identityType (emailAddress -> email)."""
    subject = {
        "id": "did:example:ada",
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": "sha256$" + digest("sha256", "ada@learner.examples4lt"),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": "s4lt",
            }
        ],
    }
    first, by_id = recipients(subject)
    assert (first.type, first.hashed, first.salt) == ("email", True, "s4lt")
    assert matches(first, "ada@learner.example") and not matches(first, "eve@learner.example")
    assert (by_id.type, by_id.identity) == ("did", "did:example:ada") and matches(by_id, "did:example:ada")


def test_ob2_identity_object_keeps_its_salt() -> None:
    recipient = identity_object({"type": "email", "hashed": True, "salt": "deadsea", "identity": "x"})
    assert (recipient.type, recipient.hashed, recipient.salt) == ("email", True, "deadsea")


# --------------------------------------------------------------------------- comparing with a resume


def test_identities_that_are_not_emails_or_missing_are_skipped() -> None:
    url = Recipient(identity="https://alice.example.org", type="url")
    assert compare_recipient(url, [ALICE], "verified")[1].outcome == "skip"
    assert compare_recipient(None, [ALICE], "verified")[1].outcome == "skip"
    recipient, check, discrepancy = compare_recipient(hashed(ALICE, "s"), [], "verified")
    assert check.outcome == "skip" and recipient and recipient.matched is None and discrepancy is None


def test_any_email_on_the_resume_may_match() -> None:
    recipient, check, discrepancy = compare_recipient(
        hashed(ALICE, "s"), ["work@corp.example", ALICE], "expired"
    )
    assert recipient and recipient.matched is True and check.outcome == "pass" and discrepancy is None
    assert ALICE in check.message


def parse(name: str, documents: Path = OB2_DOCS, at: datetime = AT) -> list[Credential]:
    return parse_file(HERE / name, ParseOptions(offline=True, documents=documents, at=at)).credentials


def recipient_checks(credential: Credential) -> list[str]:
    return [c.outcome for c in credential.verification.checks if c.id == "recipient"]


def test_candidates_own_badges_match() -> None:
    """sha256 and md5 salted, plain and expired: all Alice's, her email in mixed case."""
    credentials = parse("alice-resume.html")
    assert [c.verification.status for c in credentials] == ["verified", "verified", "verified", "expired"]
    for credential in credentials:
        assert credential.recipient is not None and credential.recipient.matched is True
        assert recipient_checks(credential) == ["pass"]
        assert not [d for d in credential.discrepancies if d.field == "recipient"]
    assert credentials[0].recipient.salt == "deadsea" and credentials[0].recipient.hashed  # type: ignore[union-attr]
    assert credentials[2].recipient.hashed is False  # type: ignore[union-attr]


def test_someone_elses_genuine_badge_is_reported_but_stays_genuine() -> None:
    alice_badge, stray = parse("mallory-resume.txt")
    assert alice_badge.verification.status == "verified"
    assert status_of(alice_badge.verification.checks) == "verified"  # the warn is explainable
    assert alice_badge.recipient is not None and alice_badge.recipient.matched is False
    assert recipient_checks(alice_badge) == ["warn"]
    (discrepancy,) = [d for d in alice_badge.discrepancies if d.field == "recipient"]
    assert discrepancy.claimed == "mallory@example.org, mallory.work@example.net"
    assert discrepancy.verified == "hashed identity"

    # Not authentic: nothing compared, nothing reported about its recipient.
    assert stray.verification.status == "invalid"
    assert stray.recipient is None and recipient_checks(stray) == ["skip"]
    assert not [d for d in stray.discrepancies if d.field == "recipient"]


def test_resume_without_email_compares_nothing() -> None:
    (credential,) = parse("no-email-resume.txt")
    assert credential.verification.status == "verified"
    assert credential.recipient is not None and credential.recipient.matched is None
    assert recipient_checks(credential) == ["skip"] and credential.discrepancies == []


def test_ob3_credential_recipient_matches_through_the_resume(tmp_path: Path) -> None:
    """A signed OB 3.0 credential hosted at the resume's link, issued to Ada's salted hash."""
    documents = tmp_path / "documents"
    shutil.copytree(OB3 / "documents", documents)
    hosted = documents / "badges.learner.example" / "assertions" / "ada-robotics.json"
    hosted.parent.mkdir(parents=True)
    shutil.copy(OB3 / "credentials" / "eddsa-didkey.json", hosted)

    (credential,) = parse("ada-resume.txt", documents, datetime(2026, 6, 1, tzinfo=UTC))
    assert credential.verification.status == "verified" and credential.verification.format == "ob3"
    assert credential.recipient is not None and credential.recipient.matched is True
    assert credential.recipient.salt == "s4lt-ob3" and credential.recipient.type == "email"
    assert recipient_checks(credential) == ["pass"] and credential.discrepancies == []
