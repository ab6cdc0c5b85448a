"""Regression tests for the verification defects of issue 14 (each failed before its fix).

Each test names the item it covers. Fixtures and the in-memory DocumentFetcher are those of
test_badges_ob3.py; network tests use the loopback BadgeHost only.
"""

from __future__ import annotations

import base64
import json
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from badgehost import BadgeHost
from test_badges_ob3 import DocumentFetcher, _other_multikey, _sign, check, context, load

from credbridge.badges import dids, jsonld
from credbridge.badges import jwt as vcjwt
from credbridge.badges.context import CheckId
from credbridge.badges.fetch import SafeFetcher
from credbridge.badges.ob3 import verify_ob3
from credbridge.badges.report import status_of
from credbridge.badges.verify import verify
from credbridge.model import VerificationStatus

DID_DOC = "https://issuer.example/.well-known/did.json"


def _did_doc(**changes: Any) -> dict[str, Any]:
    document = DocumentFetcher().documents[DID_DOC]
    document.update(changes)
    return {key: value for key, value in document.items() if value is not None}


# --------------------------------------------------------------------------- 14.2 key purpose


def test_key_listed_only_for_authentication_is_not_an_assertion_key() -> None:
    """14.2: no assertionMethod at all must not mean "any purpose" (VC-DI, proof purpose)."""
    document = _did_doc(assertionMethod=None, authentication=["did:web:issuer.example#key-1"])
    verdict = verify_ob3(
        load("ed25519-2020-didweb-vc1.json"), context(fetch=DocumentFetcher({DID_DOC: document}))
    )
    assert check(verdict, CheckId.PROOF).outcome == "pass"
    result = check(verdict, CheckId.KEY_PROVENANCE)
    assert result.outcome == "fail" and "assertionMethod" in result.message
    assert status_of(verdict.checks) == VerificationStatus.INVALID


def test_key_in_verification_method_only_is_not_an_assertion_key() -> None:
    """14.2: a key that the controller lists for no purpose is not authorised to assert."""
    verdict = verify_ob3(
        load("ed25519-2020-didweb-vc1.json"),
        context(fetch=DocumentFetcher({DID_DOC: _did_doc(assertionMethod=None)})),
    )
    assert check(verdict, CheckId.KEY_PROVENANCE).outcome == "fail"


# --------------------------------------------------------------------------- 14.3 CLR fails open


def test_clr_whose_outer_proof_could_not_be_checked_is_not_verified() -> None:
    """14.3: nested credentials that verify do not stand in for the CLR's own proof."""
    fetcher = DocumentFetcher()
    del fetcher.documents[DID_DOC]  # the CLR issuer's key is unreachable; nested keys are did:key
    verdict = verify_ob3(load("clr.json"), context(fetch=fetcher))
    assert next(c.outcome for c in verdict.checks if c.id == CheckId.PROOF) == "skip"
    assert status_of(verdict.checks) == VerificationStatus.UNVERIFIED


def test_clr_with_a_nested_proof_that_was_skipped_is_not_verified() -> None:
    """14.3: a nested credential whose key could not be fetched was not verified."""
    nested = load("eddsa-didkey.json")
    nested["issuer"]["id"] = "https://gone.example/issuer"
    nested = _sign(nested, "other-ed25519", "https://gone.example/keys#k")
    clr = load("clr.json")
    first = clr["credentialSubject"]["verifiableCredential"][0]
    clr["credentialSubject"]["verifiableCredential"] = [first, nested]
    clr = _sign(clr, "web-ed25519", "did:web:issuer.example#key-1")
    verdict = verify_ob3(clr, context())
    assert next(c.outcome for c in verdict.checks if c.id == CheckId.PROOF) == "pass"
    assert any(c.outcome == "skip" and "nested credential 2" in c.message for c in verdict.checks)
    assert "1 of 2 nested credentials verified" in " ".join(c.message for c in verdict.checks)
    assert status_of(verdict.checks) == VerificationStatus.UNVERIFIED


# --------------------------------------------------------------------------- 14.5 status fails open


def test_unreachable_status_list_leaves_the_credential_unverified_not_revoked() -> None:
    """14.5: STATUS_RETRIEVAL_ERROR: the status could not be established, so not verified."""
    fetcher = DocumentFetcher()
    del fetcher.documents["https://status.example/bitstring/1"]
    verdict = verify_ob3(load("eddsa-didkey.json"), context(fetch=fetcher))
    assert check(verdict, CheckId.PROOF).outcome == "pass"
    result = check(verdict, CheckId.REVOCATION)
    assert result.outcome == "skip"
    assert "could not be established" in result.message and "STATUS_RETRIEVAL_ERROR" in result.message
    assert status_of(verdict.checks) == VerificationStatus.UNVERIFIED


def test_status_list_of_another_issuer_leaves_the_credential_unverified() -> None:
    """14.5: STATUS_VERIFICATION_ERROR: a list someone else issued says nothing either way."""
    fetcher = DocumentFetcher()
    listing = fetcher.documents["https://status.example/bitstring/1"]
    listing.pop("proof", None)  # an unsigned list, so only its issuer is under test
    listing["issuer"] = "did:web:someone-else.example"
    verdict = verify_ob3(load("eddsa-didkey.json"), context(fetch=fetcher))
    result = check(verdict, CheckId.REVOCATION)
    assert result.outcome == "skip" and "STATUS_VERIFICATION_ERROR" in result.message
    assert "someone-else" in result.message
    assert status_of(verdict.checks) == VerificationStatus.UNVERIFIED


def test_status_list_signed_with_a_key_its_issuer_does_not_control_is_not_believed() -> None:
    """14.5: the list names the credential's issuer but is signed with a stranger's did:key."""
    fetcher = DocumentFetcher()
    url = "https://status.example/bitstring/1"
    stranger = f"did:key:{_other_multikey()}"
    fetcher.documents[url] = _sign(fetcher.documents[url], "other-ed25519", f"{stranger}#{_other_multikey()}")
    verdict = verify_ob3(load("eddsa-didkey.json"), context(fetch=fetcher))
    result = check(verdict, CheckId.REVOCATION)
    assert result.outcome == "skip" and "STATUS_VERIFICATION_ERROR" in result.message
    assert stranger in result.message
    assert status_of(verdict.checks) == VerificationStatus.UNVERIFIED


def test_forged_status_list_leaves_the_credential_unverified() -> None:
    """14.5: a status list whose own proof fails is a STATUS_VERIFICATION_ERROR."""
    verdict = verify_ob3(load("forged-status-list.json"), context())
    result = check(verdict, CheckId.REVOCATION)
    assert result.outcome == "skip" and "STATUS_VERIFICATION_ERROR" in result.message
    assert status_of(verdict.checks) == VerificationStatus.UNVERIFIED


# --------------------------------------------------------------------------- 14.6 unreachable host


OB2_DOCS = Path(__file__).resolve().parent.parent / "fixtures" / "badges" / "ob2" / "documents"
OB2_AT = datetime(2025, 6, 1, tzinfo=UTC)
HOSTED = OB2_DOCS / "issuer.example.org" / "assertions" / "hosted-1.json"


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ids(report: Any, check_id: str) -> set[str]:
    return {c.outcome for c in report.checks if c.id == check_id}


def test_hosted_assertion_whose_host_cannot_be_reached_is_unverified_not_invalid() -> None:
    """14.6: a connection refused is "could not verify now", not a forgery."""
    base = f"http://127.0.0.1:{_closed_port()}/issuer.example.org"
    origins = {"https://issuer.example.org": base, "http://issuer.example.org": base}
    with SafeFetcher(allow_loopback=True, origins=origins) as fetcher:
        report = verify(HOSTED.read_text(), fetcher=fetcher, at=OB2_AT)
    assert report.status == VerificationStatus.UNVERIFIED, report.checks
    assert _ids(report, CheckId.HOSTED) == {"skip"}
    assert "try again" in " ".join(c.message for c in report.checks if c.id == CheckId.HOSTED)


def test_hosted_assertion_whose_host_answers_503_is_unverified() -> None:
    """14.6: a server error is transient too; a 404 stays a failure (the host said no)."""
    with BadgeHost() as host:
        host.add_tree(OB2_DOCS)
        host.add("https://issuer.example.org/assertions/hosted-1.json", b"busy", status=503)
        with SafeFetcher(allow_loopback=True, origins=host.origins()) as fetcher:
            report = verify(HOSTED.read_text(), fetcher=fetcher, at=OB2_AT)
        assert report.status == VerificationStatus.UNVERIFIED, report.checks
        assert _ids(report, CheckId.HOSTED) == {"skip"}
        host.add("https://issuer.example.org/assertions/hosted-1.json", b"{}", status=404)
        with SafeFetcher(allow_loopback=True, origins=host.origins()) as fetcher:
            report = verify(HOSTED.read_text(), fetcher=fetcher, at=OB2_AT)
        assert report.status == VerificationStatus.INVALID


@pytest.mark.parametrize(
    ("unreachable", "check_id"),
    [
        ("https://issuer.example.org/keys/main.json", CheckId.PROOF),
        ("https://issuer.example.org/revocations.json", CheckId.REVOCATION),
    ],
)
def test_signed_assertion_whose_key_or_revocation_list_is_down_is_unverified(
    unreachable: str, check_id: str
) -> None:
    """14.6, the signed side: a key or revocation list that answers 503 was a failed check."""
    signed = (OB2_DOCS.parent / "signed" / "signed-ok.jws").read_text()
    with BadgeHost() as host:
        host.add_tree(OB2_DOCS)
        host.add(unreachable, b"down for maintenance", status=503, content_type="text/plain")
        with SafeFetcher(allow_loopback=True, origins=host.origins()) as fetcher:
            report = verify(signed, fetcher=fetcher, at=OB2_AT)
    assert _ids(report, check_id) == {"skip"}, report.checks
    assert report.status == VerificationStatus.UNVERIFIED


# --------------------------------------------------------------------------- 14.4 JOSE size limits

KEYS = Path(__file__).resolve().parent.parent / "fixtures" / "keys" / "ob3"


def _resign(token: str, key_name: str, alg: str, change: Any = None, **header: Any) -> str:
    """The fixture JWT's claims (changed by `change`), signed with a fixture key, its public JWK
    in the `jwk` header (as the OB 3.0 spec allows)."""
    from joserfc import jws
    from joserfc.jwk import JWKRegistry

    key = JWKRegistry.import_key((KEYS / f"{key_name}.pem").read_bytes(), "RSA" if alg == "RS256" else "EC")
    claims = json.loads(dids.b64url_decode(token.split(".")[1]))
    if change is not None:
        change(claims)
    protected = {"alg": alg, "typ": "JWT", "jwk": key.as_dict(private=False), **header}
    big = jws.JWSRegistry(algorithms=[alg])
    big.max_header_length = big.max_payload_length = 10**8  # signing side: no limits
    return jws.serialize_compact(protected, json.dumps(claims).encode(), key, registry=big)


def test_rs256_jwt_with_a_2048_bit_jwk_header_verifies() -> None:
    """14.4: a 2048-bit RSA key in the header is ~650 bytes encoded, over joserfc's 512."""
    token = _resign(load("es256-jwk-vc1.jwt"), "web-rsa", "RS256")
    verdict = verify_ob3(token, context())
    assert check(verdict, CheckId.PROOF).outcome == "pass", check(verdict, CheckId.PROOF).message
    assert status_of(verdict.checks) == VerificationStatus.VERIFIED


def test_jwt_with_a_100_kb_data_uri_image_verifies() -> None:
    """14.4: a credential carrying its image as a ~100 KB data URI is over joserfc's 128,000."""

    def add_image(claims: dict[str, Any]) -> None:
        picture = "data:image/png;base64," + base64.b64encode(bytes(75_000)).decode()
        claims["vc"]["credentialSubject"]["achievement"]["image"] = {"id": picture, "type": "Image"}

    token = _resign(load("es256-jwk-vc1.jwt"), "web-p256", "ES256", add_image)
    assert len(token) > 128_000
    verdict = verify_ob3(token, context())
    assert check(verdict, CheckId.PROOF).outcome == "pass", check(verdict, CheckId.PROOF).message


def test_jwt_over_the_size_limits_is_a_size_refusal_not_a_bad_signature() -> None:
    """14.4: a refusal for size is reported as one, and is not called a forgery."""
    token = _resign(load("es256-jwk-vc1.jwt"), "web-p256", "ES256", x5c=["A" * (vcjwt.MAX_HEADER_BYTES + 1)])
    result = check(verify_ob3(token, context()), CheckId.PROOF)
    assert result.outcome == "skip", result.message
    assert "size limit" in result.message and "does not verify" not in result.message


# --------------------------------------------------------------------------- 14.1 shipped contexts

DI_V2 = "https://w3id.org/security/data-integrity/v2"
STATUS_V1 = "https://www.w3.org/ns/credentials/status/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"


def test_vc11_credential_with_data_integrity_v2_and_status_v1_contexts_verifies() -> None:
    """14.1: what Digital Bazaar's stack emits for a VC 1.1 credential with a Bitstring status."""
    credential = load("eddsa-2022-vc1.json")
    credential["@context"] = [*credential["@context"][:2], DI_V2, STATUS_V1]
    credential["credentialStatus"] = load("eddsa-didkey.json")["credentialStatus"]
    method = credential["proof"]["verificationMethod"]
    verdict = verify_ob3(_sign(credential, "issuer-ed25519", method), context())
    assert check(verdict, CheckId.CONTEXT).outcome == "pass", check(verdict, CheckId.CONTEXT).message
    assert check(verdict, CheckId.PROOF).outcome == "pass", check(verdict, CheckId.PROOF).message
    assert check(verdict, CheckId.REVOCATION).outcome == "pass"
    assert status_of(verdict.checks) == VerificationStatus.VERIFIED


def test_multikey_context_is_shipped() -> None:
    """14.1: controller documents name the Multikey context."""
    key = {
        "@context": MULTIKEY_V1,
        "id": "https://issuer.example/keys/1",
        "type": "Multikey",
        "controller": "https://issuer.example/profile",
        "publicKeyMultibase": _other_multikey(),
    }
    assert jsonld.unknown_contexts(key) == []
    assert "https://w3id.org/security#Multikey" in jsonld.canonize(key)
