"""Open Badges 2.0 verification: every check with a passing and a failing case.

Offline cases read the fixture tree through the `--documents` store; online cases serve the
same tree from the local badge host (for 410 Gone and live refetches). The clock is pinned to
2025-06-01 (fixtures/badges/ob2/make_fixtures.py: CLOCK).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from badgehost import BadgeHost

from credbridge.badges import verify
from credbridge.badges.fetch import SafeFetcher
from credbridge.badges.ob2 import recipient_matches
from credbridge.errors import InputError
from credbridge.model import VerificationReport

ROOT = Path(__file__).resolve().parent.parent
OB2 = ROOT / "fixtures/badges/ob2"
DOCS = OB2 / "documents"
AT = datetime(2025, 6, 1, tzinfo=UTC)
ALICE = "alice@example.org"


def offline(data: str | bytes, **options) -> VerificationReport:
    return verify(data, **({"documents": DOCS, "offline": True, "at": AT} | options))


def outcome(report: VerificationReport, check_id: str) -> str:
    outcomes = {c.outcome for c in report.checks if c.id == check_id}
    assert len(outcomes) == 1, (check_id, report.checks)
    return outcomes.pop()


def signed(name: str) -> str:
    return str(OB2 / "signed" / f"{name}.jws")


@pytest.fixture
def host():
    with BadgeHost() as server:
        server.add_tree(DOCS)
        yield server


def online(host: BadgeHost, data: str | bytes, **options) -> VerificationReport:
    fetcher = SafeFetcher(allow_loopback=True, origins=host.origins())
    with fetcher:
        return verify(data, fetcher=fetcher, **({"at": AT} | options))


# --------------------------------------------------------------------------- signed


def test_signed_badge_verifies() -> None:
    report = offline(signed("signed-ok"), recipient=ALICE)
    assert (
        report.valid and report.status == "verified" and report.method == "signed" and report.format == "ob2"
    )
    for check in ("proof", "key_provenance", "issuer", "revocation", "recipient", "issuance", "expiry"):
        assert outcome(report, check) == "pass", check
    credential = report.credential
    assert credential is not None
    assert credential.name == "Python Programming" and credential.issuer.name == "Example Robotics Institute"
    assert credential.issued == "2024-03-01" and credential.no_expiry
    assert credential.skills == ["Python (computer programming)"] and credential.tags == [
        "programming",
        "python",
    ]
    assert credential.recipient is not None and credential.recipient.matched is True
    assert credential.verification.status == "verified" and credential.source.origin == "credential_file"


def test_signed_without_creator_tries_the_issuers_keys() -> None:
    assert offline(signed("signed-no-creator")).status == "verified"


def test_tampered_payload_fails_the_proof() -> None:
    report = offline(signed("signed-tampered"))
    assert outcome(report, "proof") == "fail" and report.status == "invalid" and not report.valid


def test_wrong_key_fails_the_proof() -> None:
    report = offline(signed("signed-wrong-key"))
    assert outcome(report, "proof") == "fail" and report.status == "invalid"


def test_key_not_declared_by_issuer() -> None:
    report = offline(signed("signed-undeclared-key"))
    assert outcome(report, "key_provenance") == "fail" and "not declared" in report.checks[5].message
    assert report.status == "invalid"


def test_key_not_owned_by_issuer() -> None:
    report = offline(signed("signed-stranger-key"))
    assert outcome(report, "key_provenance") == "fail"
    assert any("owned by 'https://evil.example.com" in c.message for c in report.checks)
    assert report.status == "invalid"


def test_revocation_list() -> None:
    report = offline(signed("signed-revoked"))
    assert outcome(report, "revocation") == "fail" and "Awarded in error" in str(report.checks)
    assert report.status == "revoked" and not report.valid


def test_signed_expired() -> None:
    report = offline(signed("signed-expired"))
    assert outcome(report, "expiry") == "fail" and report.status == "expired"
    assert offline(signed("signed-expired"), at=datetime(2025, 1, 1, tzinfo=UTC)).status == "verified"


def test_unknown_algorithm_is_refused() -> None:
    _header, payload, _sig = Path(signed("signed-ok")).read_text().strip().split(".")
    none_alg = "eyJhbGciOiJub25lIn0." + payload + "."
    report = offline(none_alg)
    assert outcome(report, "proof") == "fail" and "'none'" in str(report.checks)


def test_signed_assertion_json_without_its_jws_is_not_verified() -> None:
    import base64

    payload = Path(signed("signed-ok")).read_text().split(".")[1]
    assertion = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    report = offline(assertion)
    assert outcome(report, "proof") == "fail" and report.status == "invalid"


# --------------------------------------------------------------------------- hosted


def test_hosted_badge_verifies_offline_from_the_store() -> None:
    report = offline("https://issuer.example.org/assertions/hosted-1.json", recipient=ALICE)
    assert report.status == "verified" and report.method == "hosted"
    assert outcome(report, "hosted") == "pass" and outcome(report, "revocation") == "pass"
    assert report.credential and report.credential.expires == "2026-01-15"
    assert [e.url for e in report.credential.evidence] == ["https://alice.example.org/projects/robot"]


def test_hosted_badge_online_refetches_from_its_id(host: BadgeHost) -> None:
    data = (DOCS / "issuer.example.org/assertions/hosted-1.json").read_text()
    report = online(host, data)
    assert report.status == "verified"
    assert host.hits_for("https://issuer.example.org/assertions/hosted-1.json") == 1


def test_hosted_input_is_only_trusted_for_its_id(host: BadgeHost) -> None:
    """A forged copy (re-dated, no expiry) is replaced by what the issuer hosts."""
    forged = json.loads((DOCS / "issuer.example.org/assertions/hosted-expired.json").read_text())
    forged.pop("expires")
    report = online(host, json.dumps(forged))
    assert report.status == "expired" and outcome(report, "expiry") == "fail"


def test_an_assertion_under_another_context_is_invalid(host: BadgeHost) -> None:
    url = "https://issuer.example.org/assertions/hosted-1.json"
    assertion = json.loads((DOCS / "issuer.example.org/assertions/hosted-1.json").read_text())
    assertion["@context"] = "https://example.org/not-open-badges/v2"
    host.add(url, json.dumps(assertion), content_type="application/ld+json")
    report = online(host, url)
    assert report.status == "invalid" and outcome(report, "context") == "fail"


def test_hosted_410_gone_is_revoked(host: BadgeHost) -> None:
    url = "https://issuer.example.org/assertions/gone.json"
    host.add(url, f'{{"id": "{url}", "revoked": true, "revocationReason": "Fraud"}}', status=410)
    report = online(host, url)
    assert report.status == "revoked" and "410" in str(report.checks) and "Fraud" in str(report.checks)
    forged = json.loads((DOCS / "issuer.example.org/assertions/hosted-1.json").read_text()) | {"id": url}
    assert online(host, json.dumps(forged)).status == "revoked"


def test_hosted_revoked_true() -> None:
    report = offline("https://issuer.example.org/assertions/hosted-revoked.json")
    assert report.status == "revoked" and "Academic misconduct" in str(report.checks)


def test_hosted_refetch_failure_is_invalid(host: BadgeHost) -> None:
    forged = json.loads((DOCS / "issuer.example.org/assertions/hosted-1.json").read_text())
    forged["id"] = "https://issuer.example.org/assertions/missing.json"
    report = online(host, json.dumps(forged))
    assert outcome(report, "hosted") == "fail" and report.status == "invalid"


def test_hosted_offline_without_store_is_unverified(tmp_path: Path) -> None:
    data = (DOCS / "issuer.example.org/assertions/hosted-1.json").read_text()
    report = verify(data, offline=True, at=AT, documents=tmp_path)
    assert report.status == "unverified" and outcome(report, "hosted") == "skip"
    assert "offline" in str(report.checks)


def test_hosted_scope_default_is_the_issuers_origin() -> None:
    report = offline("https://other.example.net/assertions/stray.json")
    assert outcome(report, "hosted") == "fail" and report.status == "invalid"


def test_hosted_scope_default_covers_the_badge_class() -> None:
    report = offline("https://issuer.example.org/assertions/foreign-class.json")
    assert outcome(report, "hosted") == "fail" and "badge class host" in str(report.checks)


def test_hosted_scope_starts_with() -> None:
    assert offline("https://scoped.example.org/badges/assertions/ok.json").status == "verified"
    report = offline("https://scoped.example.org/elsewhere/bad.json")
    assert outcome(report, "hosted") == "fail" and "startsWith" in str(report.checks)


def test_hosted_scope_allowed_origins() -> None:
    assert offline("https://cdn.multi.example.net/a/1.json").status == "verified"
    report = offline("https://cdn.other.example.net/a/2.json")
    assert outcome(report, "hosted") == "fail" and "allowedOrigins" in str(report.checks)


def test_not_yet_valid() -> None:
    report = offline("https://issuer.example.org/assertions/hosted-future.json")
    assert outcome(report, "issuance") == "fail" and report.status == "invalid"
    later = offline(
        "https://issuer.example.org/assertions/hosted-future.json", at=datetime(2025, 10, 1, tzinfo=UTC)
    )
    assert later.status == "verified"


def test_hosted_expired() -> None:
    report = offline("https://issuer.example.org/assertions/hosted-expired.json")
    assert report.status == "expired" and report.credential and report.credential.expires == "2025-01-01"


def test_badge_class_unresolvable(host: BadgeHost) -> None:
    url = "https://issuer.example.org/assertions/orphan.json"
    orphan = json.loads((DOCS / "issuer.example.org/assertions/hosted-1.json").read_text())
    orphan |= {"id": url, "badge": "https://issuer.example.org/badges/nope.json"}
    host.add(url, json.dumps(orphan))
    report = online(host, url)
    assert outcome(report, "issuer") == "fail" and report.status == "invalid"


# --------------------------------------------------------------------------- recipient


@pytest.mark.parametrize("name", ["hosted-1", "hosted-md5", "hosted-plain"])
def test_recipient_match_and_mismatch(name: str) -> None:
    url = f"https://issuer.example.org/assertions/{name}.json"
    assert outcome(offline(url, recipient=ALICE), "recipient") == "pass"
    assert outcome(offline(url, recipient="ALICE@Example.org"), "recipient") == "pass"
    wrong = offline(url, recipient="mallory@example.org")
    assert outcome(wrong, "recipient") == "fail" and wrong.status == "invalid"
    assert wrong.credential and wrong.credential.recipient and wrong.credential.recipient.matched is False
    assert outcome(offline(url), "recipient") == "skip"


def test_recipient_hash_hex_is_case_insensitive() -> None:
    import hashlib

    digest = hashlib.sha256(b"bob@example.orgpepper").hexdigest().upper()
    identity = {"identity": f"SHA256${digest}", "hashed": True, "salt": "pepper"}
    assert recipient_matches(identity, "bob@example.org")
    assert not recipient_matches(identity | {"salt": "other"}, "bob@example.org")
    assert not recipient_matches({"identity": f"sha512${digest}", "hashed": True}, "bob@example.org")


# --------------------------------------------------------------------------- 1.x and input


def test_ob1_hosted_assertion_is_upgraded() -> None:
    report = offline("https://legacy.example.org/assertion-1.json", recipient=ALICE)
    assert report.status == "verified" and outcome(report, "context") == "warn"
    credential = report.credential
    assert credential and credential.name == "Web Literacy" and credential.issued == "2014-01-01"
    assert credential.alignments[0].target_name == "Web literacy"
    assert credential.criteria == "https://legacy.example.org/criteria.html"


def test_malformed_json_and_non_credentials_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="malformed JSON"):
        offline('{"badge": ')
    with pytest.raises(InputError, match="neither"):
        offline('{"hello": "world"}')
    for junk in ("no such thing", "a" * 5000, "nul\0byte", ""):
        with pytest.raises(InputError, match="not a URL"):
            offline(junk)
    (tmp_path / "x.bin").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError):
        offline(str(tmp_path / "x.bin"))


def _sign(assertion: dict) -> str:
    from joserfc import jws
    from joserfc.jwk import RSAKey

    key = RSAKey.import_key((ROOT / "fixtures/keys/ob2-issuer-rsa.pem").read_bytes())
    return jws.serialize_compact({"alg": "RS256"}, json.dumps(assertion), key)


def test_schema_requires_assertion_properties() -> None:
    token = Path(signed("signed-ok")).read_text().strip()
    from credbridge.badges.ob2 import decode_jws

    assertion = decode_jws(token)[1]
    assert offline(_sign(assertion)).status == "verified"
    del assertion["issuedOn"]
    report = offline(_sign(assertion))
    assert (
        outcome(report, "schema") == "fail"
        and "issuedOn" in str(report.checks)
        and report.status == "invalid"
    )


def test_hosted_copy_given_is_replaced_by_the_refetched_one() -> None:
    data = json.loads((DOCS / "issuer.example.org/assertions/hosted-1.json").read_text())
    del data["issuedOn"]
    report = offline(json.dumps(data))
    assert report.status == "verified" and outcome(report, "schema") == "pass"


@pytest.mark.parametrize(
    "image", ["signed.png", "hosted.png", "legacy.png", "signed.svg", "hosted.svg", "url.svg"]
)
def test_baked_images_verify(image: str) -> None:
    data = (OB2 / "baked" / image).read_bytes()
    report = offline(data, recipient=ALICE)
    assert report.status == "verified", report.checks
    assert report.credential and report.credential.source.origin == "baked_image"
    file_report = offline(str(OB2 / "baked" / image))
    assert file_report.status == "verified" and file_report.input == str(OB2 / "baked" / image)


def test_compressed_baked_png_is_flagged() -> None:
    report = offline((OB2 / "baked/compressed.png").read_bytes())
    assert report.status == "verified" and any(
        c.outcome == "warn" and "MUST NOT" in c.message for c in report.checks
    )


def test_type_confused_documents_give_reports_or_input_errors(tmp_path: Path) -> None:
    """Properties of the wrong type anywhere (assertion, badge class, issuer, key, revocation
    list) end in a report or a CredbridgeError, never a crash. Seeded, so it is repeatable."""
    import random
    import shutil

    from credbridge.badges.ob2 import decode_jws
    from credbridge.errors import CredbridgeError

    rng = random.Random(7)
    values = [None, 5, 1e308, "", [], {}, [1, 2], {"id": 5}, "sha256$", True, "2024-13-45", [None]]
    base = decode_jws(Path(signed("signed-ok")).read_text())[1]
    stored = ["issuer.json", "badges/python.json", "keys/main.json", "revocations.json"]

    def mutate(document: dict) -> dict:
        document = json.loads(json.dumps(document))
        for _ in range(rng.randint(1, 3)):
            document[rng.choice([*document, "expires", "revoked", "uid", "evidence"])] = rng.choice(values)
        return document

    for i in range(40):
        docs = tmp_path / str(i)
        shutil.copytree(DOCS / "issuer.example.org", docs / "issuer.example.org")
        for name in stored:
            if rng.random() < 0.3:
                path = docs / "issuer.example.org" / name
                path.write_text(json.dumps(mutate(json.loads(path.read_text()))))
        try:
            report = verify(_sign(mutate(base)), documents=docs, offline=True, at=AT, recipient=ALICE)
        except CredbridgeError:
            continue
        assert report.status in ("verified", "invalid", "unverified", "revoked", "expired")
