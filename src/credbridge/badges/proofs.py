"""Embedded (Data Integrity) proofs on JSON-LD credentials: eddsa-rdfc-2022 and its elders.

All three suites OB 3.0 verifiers meet sign the same bytes (VC-DI-EDDSA section 3.3):
SHA-256 of the RDFC-1.0 canonical proof options (the proof without proofValue, under the
document's @context) followed by SHA-256 of the canonical document without its proof, signed
with Ed25519 and written as a base58btc multibase proofValue.

- DataIntegrityProof with cryptosuite eddsa-rdfc-2022 (current),
- DataIntegrityProof with cryptosuite eddsa-2022 (its draft name),
- Ed25519Signature2020 (the older suite OB 3.0 drafts used).

The issuer may attach several proofs; one that verifies is enough (OB 3.0 section 8).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from credbridge.badges import dids
from credbridge.badges.context import VerifyContext
from credbridge.badges.instants import parse_instant
from credbridge.badges.jsonld import LockedLRU, canonize
from credbridge.errors import CredbridgeError, FetchError

EDDSA_CRYPTOSUITES = ("eddsa-rdfc-2022", "eddsa-2022")


@dataclass(frozen=True)
class ProofOutcome:
    """How one proof (or the best of several) fared."""

    outcome: str
    """pass, fail or skip (the key could not be fetched while offline)."""
    message: str
    method: dids.VerificationMethod | None = None
    proof: dict[str, Any] | None = None


def proofs_of(document: dict[str, Any]) -> list[Any]:
    proof = document.get("proof")
    if proof is None:
        return []
    return proof if isinstance(proof, list) else [proof]


def suite_name(proof: dict[str, Any]) -> str:
    kind = proof.get("type")
    if kind == "DataIntegrityProof":
        return f"DataIntegrityProof/{proof.get('cryptosuite')}"
    return str(kind)


def is_supported(proof: dict[str, Any]) -> bool:
    if proof.get("type") == "DataIntegrityProof":
        return proof.get("cryptosuite") in EDDSA_CRYPTOSUITES
    return proof.get("type") == "Ed25519Signature2020"


def signing_input(document: dict[str, Any], proof: dict[str, Any]) -> bytes:
    """The 64 bytes an Ed25519 proof signs: hash(canonical proof options) || hash(canonical doc).

    Public so that fixture scripts sign exactly what verification checks.
    """
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    if "@context" in unsecured:
        options["@context"] = unsecured["@context"]
    # "surrogatepass": a credential's JSON may spell a lone surrogate ("\ud800"), which UTF-8
    # cannot encode; no signer can have signed such text as UTF-8, so any bytes will do, as long
    # as the proof then fails to verify instead of the whole verification crashing.
    proof_hash = hashlib.sha256(canonize(options).encode("utf-8", "surrogatepass")).digest()
    document_hash = hashlib.sha256(canonize(unsecured).encode("utf-8", "surrogatepass")).digest()
    return proof_hash + document_hash


_SHARED_INPUTS = LockedLRU(maxsize=64)


def shared_signing_input(document: dict[str, Any], proof: dict[str, Any]) -> bytes:
    """signing_input, remembered by content for documents many credentials point at.

    A status list credential is fetched and checked for every credential that names it, and
    canonicalising its (large) JSON-LD is most of that cost. The memo is keyed by a digest of
    the exact document and proof, so a changed list is canonicalised afresh; the key lookup and
    the signature check still run every time.
    """
    digest = hashlib.sha256(json.dumps([document, proof], sort_keys=True).encode("utf-8")).digest()
    data = _SHARED_INPUTS.get(digest)
    if data is None:
        data = _SHARED_INPUTS[digest] = signing_input(document, proof)
    return data


def _ed25519_key(jwk: dict[str, Any]) -> Ed25519PublicKey:
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        raise dids.KeyResolutionError(
            f"the key is {jwk.get('kty')}/{jwk.get('crv')}, but this proof needs an Ed25519 key"
        )
    return Ed25519PublicKey.from_public_bytes(dids.b64url_decode(str(jwk.get("x", ""))))



def verify_one(
    document: dict[str, Any], proof: Any, ctx: VerifyContext, *, shared: bool = False
) -> ProofOutcome:
    """Verify one embedded proof; never raises. `shared`: see shared_signing_input."""
    if not isinstance(proof, dict):
        return ProofOutcome("fail", "proof is not a JSON object")
    name = suite_name(proof)
    if not is_supported(proof):
        return ProofOutcome(
            "fail",
            f"unsupported proof type {name} (supported: DataIntegrityProof eddsa-rdfc-2022 or "
            "eddsa-2022, Ed25519Signature2020)",
            proof=proof,
        )
    if proof.get("proofPurpose") != "assertionMethod":
        return ProofOutcome(
            "fail",
            f"{name} proofPurpose is {proof.get('proofPurpose')!r}, expected 'assertionMethod'",
            proof=proof,
        )
    expires = parse_instant(proof.get("expires"))
    if expires is not None and expires.tzinfo is not None and expires < ctx.at:
        return ProofOutcome("fail", f"{name} proof expired at {proof['expires']}", proof=proof)
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        return ProofOutcome("fail", f"{name} proofValue is missing or not base58btc multibase", proof=proof)
    try:
        signature = dids.multibase_decode(value)
    except CredbridgeError as error:
        return ProofOutcome("fail", f"{name} proofValue: {error.message}", proof=proof)
    vm_url = proof.get("verificationMethod")
    if isinstance(vm_url, dict):  # an embedded method still names its key by id
        vm_url = vm_url.get("id")
    try:
        method = dids.resolve(str(vm_url or ""), ctx.fetch)
        key = _ed25519_key(method.jwk)
    except FetchError as error:
        # Unreachable is not forged: the proof could not be checked, which leaves it unverified.
        return ProofOutcome("skip", f"key {vm_url} could not be fetched: {error.message}", proof=proof)
    except (CredbridgeError, ValueError) as error:
        message = error.message if isinstance(error, CredbridgeError) else str(error)
        return ProofOutcome("fail", f"key {vm_url}: {message}", proof=proof)
    try:
        data = (shared_signing_input if shared else signing_input)(document, proof)
    except CredbridgeError as error:
        return ProofOutcome("fail", f"{name}: {error.message}", method, proof)
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return ProofOutcome(
            "fail",
            f"{name} signature does not match the credential (altered, or wrong key {vm_url})",
            method,
            proof,
        )
    return ProofOutcome("pass", f"{name} signature verified with {vm_url}", method, proof)


def verify_embedded(document: dict[str, Any], ctx: VerifyContext, *, shared: bool = False) -> ProofOutcome:
    """Verify the document's embedded proofs: pass if any one verifies, else the most telling failure."""
    proofs = proofs_of(document)
    if not proofs:
        return ProofOutcome("fail", "the credential has no proof (neither embedded nor VC-JWT)")
    outcomes = [verify_one(document, proof, ctx, shared=shared) for proof in proofs]
    for outcome in outcomes:
        if outcome.outcome == "pass":
            return outcome
    for outcome in outcomes:
        if outcome.outcome == "skip":
            return outcome
    return (
        outcomes[0]
        if len(outcomes) == 1
        else ProofOutcome(
            "fail", "; ".join(outcome.message for outcome in outcomes), outcomes[0].method, outcomes[0].proof
        )
    )
