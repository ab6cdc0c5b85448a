"""Open Badges 3.0, CLR 2.0 and VC-JWT verification (badges/ob3.py and the modules beside it).

The credentials are real: signed by fixtures/badges/ob3/make_fixtures.py with keys in
fixtures/keys/ob3/, plus the OB 3.0 eddsa-rdfc-2022 test vector copied from the spec. Issuer
documents (did:web, JWK Sets, status lists) are served by a small in-memory Fetcher that reads
fixtures/badges/ob3/documents/, the same tree a `--documents` store uses. The clock is pinned.
"""

from __future__ import annotations

import base64
import copy
import gzip
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import base58
import pytest

from credbridge.badges import dids, jsonld, proofs, status
from credbridge.badges import jwt as vcjwt
from credbridge.badges.context import CheckId, VerifyContext
from credbridge.badges.ob3 import (
    Parsed,
    check_key_provenance,
    check_result_status,
    check_schema,
    verify_ob3,
)
from credbridge.badges.recipient import identity_hash_matches
from credbridge.badges.report import status_of
from credbridge.errors import FetchError
from credbridge.model import VerificationStatus

HERE = Path(__file__).resolve().parent
OB3 = HERE.parent / "fixtures" / "badges" / "ob3"
CREDS = OB3 / "credentials"
VECTOR = OB3 / "test-vector"
AT = datetime(2026, 6, 1, tzinfo=UTC)
RECIPIENT = "ada@learner.example"


class DocumentFetcher:
    """A Fetcher (badges.context.Fetcher) over fixtures/badges/ob3/documents, in memory.

    `https://host/a/b` is the file documents/host/a/b. `down` makes every fetch fail, as an
    unreachable host (or offline mode) would. Records what was asked for.
    """

    def __init__(self, overrides: dict[str, Any] | None = None, *, down: bool = False) -> None:
        root = OB3 / "documents"
        self.documents = {
            "https://" + path.relative_to(root).as_posix(): json.loads(path.read_text("utf-8"))
            for path in root.rglob("*")
            if path.is_file()
        }
        self.documents.update(overrides or {})
        self.down = down
        self.requested: list[str] = []

    def get_json(self, url: str) -> Any:
        self.requested.append(url)
        if self.down or url not in self.documents:
            raise FetchError(f"{url}: not available")
        return copy.deepcopy(self.documents[url])

    def get_bytes(self, url: str, *, accept: str | None = None) -> bytes:
        return json.dumps(self.get_json(url)).encode()


def context(**options: Any) -> VerifyContext:
    fetcher = options.pop("fetch", None) or DocumentFetcher()
    return VerifyContext(fetch=fetcher, at=options.pop("at", AT), **options)


def load(name: str) -> dict[str, Any] | str:
    path = CREDS / name
    return path.read_text("utf-8").strip() if path.suffix == ".jwt" else json.loads(path.read_text("utf-8"))


def outcomes(verdict) -> dict[str, str]:
    return {check.id: check.outcome for check in verdict.checks}


def check(verdict, check_id: str):
    return next(c for c in verdict.checks if c.id == check_id)


# --------------------------------------------------------------------------- the test vector


def test_test_vector_canonical_forms_match_the_spec() -> None:
    signed = json.loads((VECTOR / "signed-credential.json").read_text())
    unsecured = {k: v for k, v in signed.items() if k != "proof"}
    options = {k: v for k, v in signed["proof"].items() if k != "proofValue"}
    assert jsonld.canonize(unsecured) == (VECTOR / "document-canon.txt").read_text()
    assert (
        jsonld.canonize({**options, "@context": signed["@context"]})
        == (VECTOR / "proof-canon.txt").read_text()
    )
    data = proofs.signing_input(signed, signed["proof"])
    assert data.hex() == (
        "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"
        "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"
    )


def test_test_vector_verifies_and_its_key_belongs_to_the_issuer() -> None:
    verdict = verify_ob3(json.loads((VECTOR / "signed-credential.json").read_text()), context())
    result = outcomes(verdict)
    assert result[CheckId.PROOF] == "pass"
    assert result[CheckId.KEY_PROVENANCE] == "pass"
    assert status_of(verdict.checks) == VerificationStatus.VERIFIED
    assert verdict.format == "ob3"
    assert verdict.credential.name == "Teamwork"
    assert verdict.credential.issuer.name == "Example Corp"
    assert verdict.credential.issued == "2010-01-01"


def test_test_vector_with_one_changed_field_fails_its_proof() -> None:
    signed = json.loads((VECTOR / "signed-credential.json").read_text())
    signed["validFrom"] = "2010-01-02T00:00:00Z"
    assert outcomes(verify_ob3(signed, context()))[CheckId.PROOF] == "fail"


# --------------------------------------------------------------------------- credentials that verify


GOOD = [
    ("eddsa-didkey.json", "ob3"),
    ("ed25519-2020-didweb-vc1.json", "ob3"),
    ("eddsa-2022-vc1.json", "ob3"),
    ("onedtech-not-revoked.json", "ob3"),
    ("rs256-kid.jwt", "ob3+jwt"),
    ("es256-jwk-vc1.jwt", "ob3+jwt"),
    ("eddsa-didkey.jwt", "ob3+jwt"),
    ("es256-didweb.jwt", "ob3+jwt"),
    ("clr.json", "clr2"),
]


@pytest.mark.parametrize(("name", "fmt"), GOOD)
def test_good_credentials_pass_every_check(name: str, fmt: str) -> None:
    verdict = verify_ob3(load(name), context(recipient=RECIPIENT))
    problems = [c for c in verdict.checks if c.outcome not in ("pass", "skip")]
    assert problems == []
    assert verdict.format == fmt
    assert status_of(verdict.checks) == VerificationStatus.VERIFIED
    assert outcomes(verdict)[CheckId.KEY_PROVENANCE] == "pass"


def test_normalised_credential_carries_the_badge_metadata() -> None:
    credential = verify_ob3(load("eddsa-didkey.json"), context(recipient=RECIPIENT)).credential
    assert credential.kind == "badge"
    assert credential.name == "Data Analysis with Python"
    assert credential.issuer.name == "Example Institute of Data"
    assert credential.issuer.id.startswith("did:key:z6Mk")
    assert credential.issuer.url == "https://www.institute.example"
    assert (credential.issued, credential.expires) == ("2026-01-02", "2029-01-01")
    assert credential.criteria.startswith("Pass the proctored exam")
    assert credential.image == "https://issuer.example/images/data-analysis.png"
    assert credential.skills == ["Python (computer programming)", "Data analysis"]
    assert credential.alignments[0].target_framework == "ESCO"
    assert credential.tags == ["python", "data"]
    assert credential.evidence[0].url == "https://issuer.example/evidence/1"
    assert credential.recipient.hashed and credential.recipient.type == "email"
    assert credential.recipient.matched is True


def test_vc11_dates_are_read_from_issuance_and_expiration_date() -> None:
    credential = verify_ob3(load("ed25519-2020-didweb-vc1.json"), context()).credential
    assert (credential.issued, credential.expires) == ("2026-01-02", "2029-01-01")


def test_recipient_is_skipped_when_none_is_expected() -> None:
    verdict = verify_ob3(load("eddsa-didkey.json"), context())
    assert check(verdict, CheckId.RECIPIENT).outcome == "skip"
    assert verdict.credential.recipient.matched is None


# --------------------------------------------------------------------------- one negative per check


NEGATIVE = [
    ("tampered.json", CheckId.PROOF, VerificationStatus.INVALID),
    ("tampered.jwt", CheckId.PROOF, VerificationStatus.INVALID),
    ("wrong-key.json", CheckId.PROOF, VerificationStatus.INVALID),
    ("unknown-proof.json", CheckId.PROOF, VerificationStatus.INVALID),
    ("iss-mismatch.jwt", CheckId.PROOF, VerificationStatus.INVALID),
    ("foreign-key.json", CheckId.KEY_PROVENANCE, VerificationStatus.INVALID),
    ("jwk-unpublished.jwt", CheckId.KEY_PROVENANCE, VerificationStatus.INVALID),
    ("unknown-context.json", CheckId.CONTEXT, VerificationStatus.INVALID),
    ("malformed.jwt", CheckId.PARSE, VerificationStatus.INVALID),
    ("expired.json", CheckId.EXPIRY, VerificationStatus.EXPIRED),
    ("not-yet-valid.json", CheckId.ISSUANCE, VerificationStatus.INVALID),
    ("revoked-bitstring.json", CheckId.REVOCATION, VerificationStatus.REVOKED),
    ("revoked-sl2021.json", CheckId.REVOCATION, VerificationStatus.REVOKED),
    ("revoked-1edtech.json", CheckId.REVOCATION, VerificationStatus.REVOKED),
    ("result-failed.json", CheckId.RESULT_STATUS, VerificationStatus.NOT_EARNED),
]


@pytest.mark.parametrize(("name", "check_id", "expected"), NEGATIVE)
def test_each_negative_fixture_fails_its_check(
    name: str, check_id: str, expected: VerificationStatus
) -> None:
    verdict = verify_ob3(load(name), context())
    assert outcomes(verdict)[check_id] == "fail", verdict.checks
    assert status_of(verdict.checks) == expected


def test_a_credential_that_is_not_a_badge_fails_type() -> None:
    credential = load("eddsa-didkey.json")
    credential["type"] = ["VerifiableCredential", "UniversityDegreeCredential"]
    result = check(verify_ob3(credential, context()), CheckId.TYPE)
    assert result.outcome == "fail" and "OpenBadgeCredential" in result.message
    credential["type"] = "OpenBadgeCredential"
    assert check(verify_ob3(credential, context()), CheckId.TYPE).outcome == "fail"


def test_issuer_without_id_fails_and_without_name_warns() -> None:
    credential = load("eddsa-didkey.json")
    del credential["issuer"]["name"]
    assert check(verify_ob3(credential, context()), CheckId.ISSUER).outcome == "warn"
    credential["issuer"] = {"type": ["Profile"], "name": "Nobody"}
    verdict = verify_ob3(credential, context())
    assert check(verdict, CheckId.ISSUER).outcome == "fail"
    assert check(verdict, CheckId.PROOF).outcome == "fail"


def test_wrong_recipient_fails_and_is_not_matched() -> None:
    verdict = verify_ob3(load("eddsa-didkey.json"), context(recipient="eve@elsewhere.example"))
    assert check(verdict, CheckId.RECIPIENT).outcome == "fail"
    assert verdict.credential.recipient.matched is False


def test_a_forged_status_list_is_not_believed_either_way() -> None:
    result = check(verify_ob3(load("forged-status-list.json"), context()), CheckId.REVOCATION)
    assert result.outcome == "skip"  # not revoked, not clear: unknown (issue 14.5)
    assert "could not be established" in result.message and "own proof fails" in result.message


def test_revocation_reason_is_reported() -> None:
    verdict = verify_ob3(load("revoked-1edtech.json"), context())
    assert "Issued in error" in check(verdict, CheckId.REVOCATION).message


def test_result_status_in_progress_fails_and_on_hold_warns() -> None:
    def parsed(value: str) -> Parsed:
        return Parsed("ob3", {"credentialSubject": {"result": [{"status": value}]}})

    assert check_result_status(parsed("InProgress")).outcome == "fail"
    assert check_result_status(parsed("Withdrew")).outcome == "fail"
    assert check_result_status(parsed("OnHold")).outcome == "warn"
    assert check_result_status(parsed("Completed")).outcome == "pass"


def test_schema_fails_when_declared_schema_is_not_met_and_warns_otherwise() -> None:
    credential = load("eddsa-didkey.json")
    del credential["name"]
    assert check_schema(Parsed("ob3", credential)).outcome == "warn"
    credential["credentialSchema"] = [
        {
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        }
    ]
    result = check_schema(Parsed("ob3", credential))
    assert result.outcome == "fail" and "name" in result.message
    del credential["credentialSubject"]["identifier"]
    assert "neither an id nor an identifier" in check_schema(Parsed("ob3", credential)).message


def test_key_not_listed_for_assertion_fails_provenance() -> None:
    did_doc = DocumentFetcher().documents["https://issuer.example/.well-known/did.json"]
    did_doc["assertionMethod"] = ["did:web:issuer.example#key-p256"]
    fetcher = DocumentFetcher({"https://issuer.example/.well-known/did.json": did_doc})
    verdict = verify_ob3(load("ed25519-2020-didweb-vc1.json"), context(fetch=fetcher))
    assert check(verdict, CheckId.PROOF).outcome == "pass"
    assert "assertionMethod" in check(verdict, CheckId.KEY_PROVENANCE).message
    assert check(verdict, CheckId.KEY_PROVENANCE).outcome == "fail"


def test_key_provenance_is_skipped_without_a_verified_proof() -> None:
    parsed = Parsed("ob3", {"issuer": "did:example:1"})
    parsed.proof = proofs.ProofOutcome("fail", "bad")
    assert check_key_provenance(parsed, context()).outcome == "skip"


# --------------------------------------------------------------------------- offline and unreachable


def test_offline_did_web_key_makes_the_proof_skip_not_fail() -> None:
    verdict = verify_ob3(
        load("ed25519-2020-didweb-vc1.json"), context(fetch=DocumentFetcher(down=True), offline=True)
    )
    assert check(verdict, CheckId.PROOF).outcome == "skip"
    assert check(verdict, CheckId.REVOCATION).outcome == "skip"
    assert status_of(verdict.checks) == VerificationStatus.UNVERIFIED


def test_did_key_needs_no_network_and_unreachable_status_is_not_revoked() -> None:
    fetcher = DocumentFetcher(down=True)
    verdict = verify_ob3(load("eddsa-didkey.json"), context(fetch=fetcher))
    assert check(verdict, CheckId.PROOF).outcome == "pass"
    # Unknown status is neither revoked nor clear (Bitstring STATUS_RETRIEVAL_ERROR, issue 14.5).
    assert check(verdict, CheckId.REVOCATION).outcome == "skip"
    assert status_of(verdict.checks) == VerificationStatus.UNVERIFIED
    assert fetcher.requested == ["https://status.example/bitstring/1"]


def test_unknown_context_is_never_fetched() -> None:
    fetcher = DocumentFetcher()
    verify_ob3(load("unknown-context.json"), context(fetch=fetcher))
    assert not any("attacker" in url for url in fetcher.requested)
    with pytest.raises(jsonld.UnknownContext):
        jsonld.load_shipped("https://contexts.attacker.example/badge.jsonld")


# --------------------------------------------------------------------------- bad input never raises


@pytest.mark.parametrize(
    "document",
    [
        "not json at all",
        "{ broken json",
        "a.b",
        "eyJhbGciOiJub25lIn0.eyJ2YyI6IDF9.",
        "",
        [],
        42,
        {"@context": "https://www.w3.org/ns/credentials/v2"},
        {
            "@context": [{"@vocab": 5}],
            "type": "VerifiableCredential",
            "proof": {"type": "DataIntegrityProof"},
        },
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "proof": [1, None],
        },
    ],
)
def test_bad_input_gives_failed_checks_not_exceptions(document: Any) -> None:
    verdict = verify_ob3(document, context())
    assert any(c.outcome == "fail" for c in verdict.checks)
    assert status_of(verdict.checks) == VerificationStatus.INVALID


def test_jwt_whose_vc_claim_disagrees_with_its_context_fails_context() -> None:
    token = load("es256-jwk-vc1.jwt")
    header, payload, signature = token.split(".")
    claims = json.loads(dids.b64url_decode(payload))
    claims["vc"]["@context"][0] = "https://www.w3.org/ns/credentials/v2"
    forged = f"{header}.{dids.b64url_encode(json.dumps(claims).encode())}.{signature}"
    verdict = verify_ob3(forged, context())
    assert check(verdict, CheckId.CONTEXT).outcome == "fail"
    assert check(verdict, CheckId.PROOF).outcome == "fail"


def test_jwt_with_private_key_in_header_is_refused() -> None:
    token = load("rs256-kid.jwt")
    _, payload, signature = token.split(".")
    header = {"alg": "EdDSA", "jwk": {"kty": "OKP", "crv": "Ed25519", "x": "AAAA", "d": "AAAA"}}
    forged = f"{dids.b64url_encode(json.dumps(header).encode())}.{payload}.{signature}"
    result = check(verify_ob3(forged, context()), CheckId.PROOF)
    assert result.outcome == "fail" and "private" in result.message


def test_jwt_alg_none_is_refused() -> None:
    decoded = vcjwt.decode(load("rs256-kid.jwt"))
    none = vcjwt.DecodedJwt(decoded.token, {"alg": "none"}, decoded.payload, decoded.credential, False)
    assert vcjwt.verify_signature(none, context()).outcome == "fail"


# --------------------------------------------------------------------------- CLR 2.0


def test_clr_verifies_outer_and_nested_and_merges_skills() -> None:
    verdict = verify_ob3(load("clr.json"), context(recipient=RECIPIENT))
    assert verdict.format == "clr2"
    assert "2 of 2 nested credentials verified" in " ".join(c.message for c in verdict.checks)
    assert verdict.credential.name == "Learner record of Ada"
    assert "Python (computer programming)" in verdict.credential.skills


def test_clr_with_one_bad_nested_credential_is_invalid() -> None:
    verdict = verify_ob3(load("clr-bad-nested.json"), context())
    proof_checks = [c for c in verdict.checks if c.id == CheckId.PROOF]
    assert proof_checks[0].outcome == "pass"  # the outer proof is fine
    assert any(c.outcome == "fail" and "nested credential 2" in c.message for c in proof_checks)
    assert status_of(verdict.checks) == VerificationStatus.INVALID


def test_clr_with_a_revoked_nested_credential_warns_and_drops_its_skills() -> None:
    clr = load("clr.json")
    clr["credentialSubject"]["verifiableCredential"] = [load("revoked-bitstring.json")]
    del clr["proof"]  # outer proof no longer matches; only the nested handling is under test
    verdict = verify_ob3(clr, context())
    assert any(c.id == CheckId.REVOCATION and c.outcome == "warn" for c in verdict.checks)
    assert verdict.credential.skills == []


# --------------------------------------------------------------------------- the helpers


def test_status_bits_count_from_the_left_and_check_range() -> None:
    bits = bytearray(16)
    bits[0] = 0b0100_0000
    encoded = base64.urlsafe_b64encode(gzip.compress(bytes(bits))).rstrip(b"=").decode()
    assert status.bit_at(encoded, 1, multibase=False) == 1
    assert status.bit_at(encoded, 0, multibase=False) == 0
    assert status.bit_at("u" + encoded, 1, multibase=True) == 1
    with pytest.raises(ValueError, match="outside"):
        status.bit_at(encoded, 128, multibase=False)
    with pytest.raises(ValueError, match="GZIP"):
        status.bit_at(base64.urlsafe_b64encode(b"plain").decode(), 0, multibase=False)


def test_status_list_decompression_is_capped() -> None:
    bomb = gzip.compress(bytes(status.MAX_LIST_BYTES + 1024))
    encoded = base64.urlsafe_b64encode(bomb).rstrip(b"=").decode()
    with pytest.raises(ValueError, match="larger than"):
        status.bit_at(encoded, 0, multibase=False)


def test_identity_hash_is_sha256_of_value_and_salt() -> None:
    digest = hashlib.sha256(b"ada@learner.exampleNaCl").hexdigest()
    assert identity_hash_matches("ada@learner.example", f"sha256${digest}", "NaCl")
    assert identity_hash_matches("Ada@Learner.example", f"sha256${digest.upper()}", "NaCl")
    assert not identity_hash_matches("eve@learner.example", f"sha256${digest}", "NaCl")
    md5 = hashlib.md5(b"ada@learner.example").hexdigest()
    assert identity_hash_matches("ada@learner.example", f"md5${md5}", "")


def test_did_web_urls_follow_the_method_spec() -> None:
    assert dids.did_web_url("did:web:issuer.example") == "https://issuer.example/.well-known/did.json"
    assert dids.did_web_url("did:web:issuer.example:users:ada") == "https://issuer.example/users/ada/did.json"
    assert dids.did_web_url("did:web:localhost%3A8443") == "https://localhost:8443/.well-known/did.json"


def test_did_key_resolves_without_fetching() -> None:
    did = "did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
    method = dids.resolve(did, DocumentFetcher(down=True))
    assert method.controller == did and method.jwk["crv"] == "Ed25519"
    with pytest.raises(dids.KeyResolutionError):
        dids.resolve("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", DocumentFetcher())


def test_bare_jwk_with_unreachable_key_set_is_not_verified_even_offline() -> None:
    verdict = verify_ob3(load("es256-jwk-vc1.jwt"), context(fetch=DocumentFetcher(down=True), offline=True))
    assert check(verdict, CheckId.PROOF).outcome == "pass"
    assert check(verdict, CheckId.KEY_PROVENANCE).outcome == "fail"
    assert status_of(verdict.checks) == VerificationStatus.INVALID


def test_undefined_terms_are_refused_not_silently_left_unsigned() -> None:
    credential = load("eddsa-2022-vc1.json")  # VC 1.1: no @vocab catches unknown terms
    credential["credentialSubject"]["favouriteColour"] = "green"
    result = check(verify_ob3(credential, context()), CheckId.PROOF)
    assert result.outcome == "fail" and "favouriteColour" in result.message
    with pytest.raises(jsonld.UndefinedTerm):
        jsonld.canonize({"@context": ["https://www.w3.org/2018/credentials/v1"], "colour": "green"})


def test_deeply_nested_json_is_refused_before_any_recursion() -> None:
    document: dict[str, Any] = {"type": ["VerifiableCredential"]}
    node = document
    for _ in range(5000):
        node["credentialSubject"] = {}
        node = node["credentialSubject"]
    verdict = verify_ob3(document, context())
    assert [c.id for c in verdict.checks] == [CheckId.PARSE]
    assert "nests deeper" in verdict.checks[0].message


def test_jwt_exp_claim_sets_valid_until_when_the_credential_has_none() -> None:
    from cryptography.hazmat.primitives import serialization
    from joserfc import jws
    from joserfc.jwk import OKPKey

    pem = (HERE.parent / "fixtures" / "keys" / "ob3" / "issuer-ed25519.pem").read_bytes()
    key = OKPKey.import_key(pem)
    raw = (
        serialization.load_pem_private_key(pem, None)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    multikey = "z" + base58.b58encode(b"\xed\x01" + raw).decode()
    did = f"did:key:{multikey}"
    credential = json.loads(dids.b64url_decode(load("eddsa-didkey.jwt").split(".")[1]))
    del credential["validUntil"]
    credential["exp"] = int(datetime(2026, 3, 1, tzinfo=UTC).timestamp())
    token = jws.serialize_compact(
        {"alg": "EdDSA", "kid": f"{did}#{multikey}"},
        json.dumps(credential).encode(),
        key,
        algorithms=["EdDSA"],
    )
    verdict = verify_ob3(token, context())
    assert check(verdict, CheckId.PROOF).outcome == "pass"
    assert check(verdict, CheckId.EXPIRY).outcome == "fail"
    assert verdict.credential.expires == "2026-03-01"


# --------------------------------------------------------------------------- who controls a key


def _sign(credential: dict[str, Any], key_name: str, method: str) -> dict[str, Any]:
    """Sign with a fixture key exactly as make_fixtures.py does (real Ed25519 signature)."""
    from cryptography.hazmat.primitives import serialization

    pem = (HERE.parent / "fixtures" / "keys" / "ob3" / f"{key_name}.pem").read_bytes()
    key = serialization.load_pem_private_key(pem, None)
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2026-01-02T03:04:05Z",
        "verificationMethod": method,
        "proofPurpose": "assertionMethod",
    }
    unsigned = {k: v for k, v in credential.items() if k != "proof"}
    signature = key.sign(proofs.signing_input(unsigned, proof))
    return {**unsigned, "proof": {**proof, "proofValue": "z" + base58.b58encode(signature).decode()}}


def _other_multikey() -> str:
    foreign = load("foreign-key.json")["proof"]["verificationMethod"]
    return foreign.split("#", 1)[1]


@pytest.mark.parametrize("declared_id", [None, "did:web:issuer.example"])
def test_a_key_claiming_a_controller_that_does_not_list_it_is_not_the_issuers(
    declared_id: str | None,
) -> None:
    evil_doc: dict[str, Any] = {
        "verificationMethod": [
            {
                "id": "https://evil.example/keys#k",
                "type": "Multikey",
                "controller": "did:web:issuer.example",
                "publicKeyMultibase": _other_multikey(),
            }
        ]
    }
    if declared_id:
        evil_doc["id"] = declared_id
    credential = load("eddsa-didkey.json")
    credential["issuer"]["id"] = "did:web:issuer.example"
    signed = _sign(credential, "other-ed25519", "https://evil.example/keys#k")
    verdict = verify_ob3(signed, context(fetch=DocumentFetcher({"https://evil.example/keys": evil_doc})))
    assert check(verdict, CheckId.PROOF).outcome == "pass"
    result = check(verdict, CheckId.KEY_PROVENANCE)
    assert result.outcome == "fail" and "https://evil.example/keys" in result.message


def test_a_key_hosted_apart_from_its_controller_counts_when_the_controller_lists_it() -> None:
    issuer = "https://issuer.example/profile"
    key_url = "https://issuer.example/keys/ed-1"
    documents = {
        key_url: {
            "id": key_url,
            "type": "Multikey",
            "controller": issuer,
            "publicKeyMultibase": _other_multikey(),
        },
        issuer: {"id": issuer, "type": "Profile", "name": "Example Institute", "assertionMethod": [key_url]},
    }
    credential = load("eddsa-didkey.json")
    credential["issuer"]["id"] = issuer
    verdict = verify_ob3(
        _sign(credential, "other-ed25519", key_url), context(fetch=DocumentFetcher(documents))
    )
    assert check(verdict, CheckId.PROOF).outcome == "pass"
    assert check(verdict, CheckId.KEY_PROVENANCE).outcome == "pass"
