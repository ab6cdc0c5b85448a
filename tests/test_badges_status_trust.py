"""Issue 14: a status list is only believed when it is secured by its issuer.

Bitstring Status List 1.0 ("Validate Algorithm"): the status list credential is verified like
any credential, so an unsigned Bitstring or StatusList2021 list is a STATUS_VERIFICATION_ERROR
(the credential is then not `verified`, and not `revoked` either). A list may be secured as a
VC-JWT instead of by an embedded proof; it is then read through badges/jwt.py. The 1EdTech
revocation list (VCRL 1.0) has no proof in its specification and is still read unsigned.

Everything goes over real HTTP (BadgeHost on 127.0.0.1) with real Ed25519 signatures made with
the fixture keys of fixtures/keys/ob3 (the keys make_fixtures.py signs with).
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import base58
import pytest
from badgehost import BadgeHost
from cryptography.hazmat.primitives import serialization
from joserfc import jws
from joserfc.jwk import OKPKey

from credbridge.badges.fetch import SafeFetcher
from credbridge.badges.verify import verify
from credbridge.model import VerificationReport

ROOT = Path(__file__).resolve().parent.parent
OB3 = ROOT / "fixtures" / "badges" / "ob3"
DOCUMENTS = OB3 / "documents"
KEYS = ROOT / "fixtures" / "keys" / "ob3"
AT = datetime(2026, 6, 1, tzinfo=UTC)
BITSTRING = "https://status.example/bitstring/1"
SL2021 = "https://status.example/sl2021/1"
ONEDTECH = "https://status.example/1edtech/revocations"


def _document(url: str) -> dict[str, Any]:
    path = DOCUMENTS / url.removeprefix("https://")
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def _unsigned(url: str) -> bytes:
    document = _document(url)
    assert "proof" in document  # the fixture is signed; the test takes its proof away
    del document["proof"]
    return json.dumps(document).encode()


def _did_key(name: str) -> tuple[OKPKey, str]:
    """The fixture key `name` and its did:key verification method id."""
    pem = (KEYS / f"{name}.pem").read_bytes()
    raw = (
        serialization.load_pem_private_key(pem, None)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    multikey = "z" + base58.b58encode(b"\xed\x01" + raw).decode()
    return OKPKey.import_key(pem), f"did:key:{multikey}#{multikey}"


def _as_vc_jwt(url: str, key_name: str = "issuer-ed25519", **changes: Any) -> str:
    """The (signed) fixture list at url re-secured as a VC 2.0 VC-JWT with the fixture key."""
    listing = {k: v for k, v in _document(url).items() if k != "proof"} | changes
    key, kid = _did_key(key_name)
    payload = {
        **listing,
        "iss": listing["issuer"],
        "jti": listing["id"],
        "nbf": int(datetime.fromisoformat(listing["validFrom"]).timestamp()),
    }
    return jws.serialize_compact(
        {"alg": "EdDSA", "kid": kid, "typ": "vc+jwt"},
        json.dumps(payload).encode(),
        key,
        algorithms=["EdDSA"],
    )


@pytest.fixture
def host() -> Iterator[BadgeHost]:
    with BadgeHost() as served:
        served.add_tree(DOCUMENTS)
        yield served


def _verify(host: BadgeHost, name: str) -> VerificationReport:
    fetcher = SafeFetcher(allow_loopback=True, origins=host.origins())
    try:
        return verify(str(OB3 / "credentials" / name), fetcher=fetcher, at=AT)
    finally:
        fetcher.close()


def _revocation(report: VerificationReport) -> Any:
    return next(check for check in report.checks if check.id == "revocation")


# --------------------------------------------------------------------------- unsecured lists


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("eddsa-didkey.json", BITSTRING),  # its bit is clear
        ("revoked-bitstring.json", BITSTRING),  # its bit is set
        ("ed25519-2020-didweb-vc1.json", SL2021),  # StatusList2021, bit clear
        ("revoked-sl2021.json", SL2021),  # StatusList2021, bit set
    ],
)
def test_an_unsigned_status_list_is_a_verification_error_neither_clear_nor_revoked(
    host: BadgeHost, name: str, url: str
) -> None:
    host.add(url, _unsigned(url), content_type="application/ld+json")
    report = _verify(host, name)
    result = _revocation(report)
    assert result.outcome == "skip", result
    assert "STATUS_VERIFICATION_ERROR" in result.message and "unsecured" in result.message
    assert report.status == "unverified" and not report.valid
    assert host.hits_for(url) == 1


def test_the_signed_fixture_lists_are_still_believed(host: BadgeHost) -> None:
    """The same credentials with the lists as make_fixtures.py signs them."""
    assert _verify(host, "eddsa-didkey.json").status == "verified"
    assert _verify(host, "revoked-bitstring.json").status == "revoked"
    assert _verify(host, "ed25519-2020-didweb-vc1.json").status == "verified"
    assert _verify(host, "revoked-sl2021.json").status == "revoked"


def test_the_1edtech_revocation_list_has_no_proof_and_is_still_read(host: BadgeHost) -> None:
    """VCRL 1.0 defines no proof on the list; OB 3.0 verification reads it as published."""
    assert "proof" not in _document(ONEDTECH)
    assert _verify(host, "revoked-1edtech.json").status == "revoked"
    assert _verify(host, "onedtech-not-revoked.json").status == "verified"


# --------------------------------------------------------------------------- VC-JWT lists


@pytest.mark.parametrize("content_type", ["application/vc+jwt", "text/plain"])
def test_a_status_list_delivered_as_a_vc_jwt_is_read(host: BadgeHost, content_type: str) -> None:
    host.add(BITSTRING, _as_vc_jwt(BITSTRING), content_type=content_type)
    clear = _verify(host, "eddsa-didkey.json")
    assert clear.status == "verified", clear.checks
    assert "VC-JWT" in _revocation(clear).message
    revoked = _verify(host, "revoked-bitstring.json")
    assert revoked.status == "revoked", revoked.checks
    assert _revocation(revoked).outcome == "fail"


def test_a_vc_jwt_status_list_signed_by_a_stranger_is_not_believed(host: BadgeHost) -> None:
    """The JWT names the credential's issuer but is signed with another did:key."""
    token = _as_vc_jwt(BITSTRING, "other-ed25519")
    host.add(BITSTRING, token, content_type="application/vc+jwt")
    for name in ("eddsa-didkey.json", "revoked-bitstring.json"):
        report = _verify(host, name)
        result = _revocation(report)
        assert result.outcome == "skip" and "STATUS_VERIFICATION_ERROR" in result.message
        assert _did_key("other-ed25519")[1].split("#")[0] in result.message
        assert report.status == "unverified"


def test_a_vc_jwt_status_list_with_an_altered_payload_is_not_believed(host: BadgeHost) -> None:
    header, _payload, signature = _as_vc_jwt(BITSTRING).split(".")
    subject = _document(BITSTRING)["credentialSubject"]
    all_clear = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(16384))).rstrip(b"=").decode()
    cleared = _as_vc_jwt(BITSTRING, credentialSubject={**subject, "encodedList": all_clear}).split(".")[1]
    host.add(BITSTRING, f"{header}.{cleared}.{signature}", content_type="application/vc+jwt")
    report = _verify(host, "revoked-bitstring.json")
    result = _revocation(report)
    assert result.outcome == "skip" and "STATUS_VERIFICATION_ERROR" in result.message
    assert "signature does not verify" in result.message
    assert report.status == "unverified"


def test_a_vc_jwt_status_list_of_another_issuer_is_not_believed(host: BadgeHost) -> None:
    """Signed properly, by a key its own issuer controls, but that issuer is not the credential's."""
    stranger = _did_key("other-ed25519")[1].split("#")[0]
    token = _as_vc_jwt(BITSTRING, "other-ed25519", issuer=stranger)
    host.add(BITSTRING, token, content_type="application/vc+jwt")
    report = _verify(host, "revoked-bitstring.json")
    result = _revocation(report)
    assert result.outcome == "skip" and "STATUS_VERIFICATION_ERROR" in result.message
    assert f"issued by {stranger}" in result.message
    assert report.status == "unverified"


@pytest.mark.parametrize(("key_name", "believed"), [("issuer-ed25519", True), ("other-ed25519", False)])
def test_a_vc_jwt_status_list_with_a_bare_jwk_counts_only_when_its_issuer_publishes_the_key(
    host: BadgeHost, key_name: str, believed: bool
) -> None:
    """A `jwk` header names no controller: the key must be among the issuer's own keys."""
    key, _kid = _did_key(key_name)
    payload = _as_vc_jwt(BITSTRING, key_name).split(".")[1]
    jose = {"alg": "EdDSA", "typ": "vc+jwt", "jwk": key.as_dict(private=False)}
    claims = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    token = jws.serialize_compact(jose, claims, key, algorithms=["EdDSA"])
    host.add(BITSTRING, token, content_type="application/vc+jwt")
    report = _verify(host, "revoked-bitstring.json")
    if believed:
        assert report.status == "revoked", report.checks
    else:
        result = _revocation(report)
        assert result.outcome == "skip" and "STATUS_VERIFICATION_ERROR" in result.message
        assert "does not publish" in result.message
        assert report.status == "unverified"
