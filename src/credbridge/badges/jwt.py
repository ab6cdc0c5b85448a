"""VC-JWT (the OB 3.0 "JSON Web Token Proof Format"): decode, find the key, verify with joserfc.

A VC-JWT is a compact JWS whose payload is the credential (VC 2.0) or carries it in a `vc`
claim (VC 1.1). The key comes from the `jwk` header or is dereferenced from `kid` (a DID URL,
an http(s) URL of a JWK, JWK Set or controller document, or a bare key id looked up in the
issuer's published keys). The registered claims must agree with the credential (OB 3.0
section 8.2.4.1): iss = issuer.id, sub = credentialSubject.id, jti = id, nbf = validFrom,
exp = validUntil.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from joserfc import jws
from joserfc.errors import ExceededSizeError, JoseError
from joserfc.jwk import JWKRegistry, SecurityWarning

from credbridge.badges import dids
from credbridge.badges.context import VerifyContext
from credbridge.badges.fetch import mend_json
from credbridge.badges.instants import parse_instant
from credbridge.errors import CredbridgeError, FetchError, InputError

ALGORITHMS = ("RS256", "ES256", "EdDSA", "Ed25519")

# joserfc warns on every EdDSA use since RFC 9864 renamed it Ed25519; OB 3.0 issuers still send
# "EdDSA", so the notice is noise here. A targeted filter set once (catch_warnings per call
# would not be thread-safe in the API's worker threads).
warnings.filterwarnings("ignore", message="EdDSA is deprecated", category=SecurityWarning)
_JWT_CLAIMS = ("iss", "sub", "jti", "nbf", "exp", "iat", "aud", "vc")

# joserfc's defaults (512-byte header, 128,000-byte payload) are for session tokens, not
# credentials: a 2048-bit RSA key in the `jwk` header (VC-JOSE-COSE and OB 3.0 8.2.4 allow it)
# is ~650 bytes encoded, and OB 3.0 images are often data URIs of 100 KB or more. The limits
# below are measured on the base64url segments, as joserfc measures them.
MAX_HEADER_BYTES = 16 * 1024
"""Room for a 4096-bit RSA `jwk` (~1.1 KB) plus an `x5c` chain of a few certificates."""
MAX_PAYLOAD_BYTES = 8 * 1024 * 1024
"""A credential with embedded images; whole inputs are capped lower anyway (10 MiB files, 5 MiB
fetches), so this only bounds tokens that reach us some other way."""
MAX_SIGNATURE_BYTES = 2048
"""An 8192-bit RSA signature is 1,366 characters; ECDSA and EdDSA are under 200."""


class JwsTooLarge(CredbridgeError):
    """A JWS over the size limits above: refused unread, which says nothing about its signature."""

    code = "jws.too_large"


class _Registry(jws.JWSRegistry):
    max_header_length = MAX_HEADER_BYTES
    max_payload_length = MAX_PAYLOAD_BYTES
    max_signature_length = MAX_SIGNATURE_BYTES


def verify_compact(token: str, key: Any, alg: str) -> None:
    """Verify a compact JWS with `key`, allowing only `alg`, under the limits above.

    Raises JwsTooLarge for a size refusal (so callers do not report it as a bad signature),
    joserfc's JoseError (or ValueError/TypeError) when the signature does not verify. Shared by
    OB 2.0 signed assertions and VC-JWTs.
    """
    try:
        jws.deserialize_compact(token.strip(), key, registry=_Registry(algorithms=[alg]))
    except ExceededSizeError as error:
        raise JwsTooLarge(
            f"the JWS is over credbridge's size limit ({error.description}; limits: header "
            f"{MAX_HEADER_BYTES}, payload {MAX_PAYLOAD_BYTES}, signature {MAX_SIGNATURE_BYTES} "
            "bytes encoded), so its signature was not checked"
        ) from None


@dataclass(frozen=True)
class DecodedJwt:
    token: str
    header: dict[str, Any]
    payload: dict[str, Any]
    credential: dict[str, Any]
    """The credential the JWT carries, with fields the VC 1.1 form leaves to claims filled in."""
    vc_claim: bool
    """True for the VC 1.1 form (credential in `vc`), False for VC 2.0 (payload is the credential)."""


@dataclass(frozen=True)
class JwtOutcome:
    outcome: str
    message: str
    jwk: dict[str, Any] | None = None
    method: dids.VerificationMethod | None = None
    """Set when the key came from a verification method (kid), which names its controller."""


def looks_like_jwt(text: str) -> bool:
    parts = text.strip().split(".")
    return len(parts) == 3 and all(parts[:2])


def _segment(text: str, what: str) -> dict[str, Any]:
    try:
        raw = dids.b64url_decode(text)
        value = mend_json(json.loads(raw), raw)
    except (ValueError, UnicodeDecodeError):
        raise InputError(f"VC-JWT {what} is not base64url-encoded JSON") from None
    if not isinstance(value, dict):
        raise InputError(f"VC-JWT {what} is not a JSON object")
    return value


def _iso(seconds: Any) -> str | None:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return None


def decode(token: str) -> DecodedJwt:
    """Split and parse a compact JWS without verifying it; InputError when it is malformed."""
    token = token.strip()
    parts = token.split(".")
    if len(parts) != 3:
        raise InputError(f"a VC-JWT has 3 dot-separated parts, this has {len(parts)}")
    header = _segment(parts[0], "header")
    payload = _segment(parts[1], "payload")
    vc_claim = "vc" in payload
    if vc_claim:
        if not isinstance(payload["vc"], dict):
            raise InputError("VC-JWT `vc` claim is not a JSON object")
        credential = dict(payload["vc"])
        start, end = "issuanceDate", "expirationDate"
    else:
        credential = {key: value for key, value in payload.items() if key not in _JWT_CLAIMS}
        start, end = "validFrom", "validUntil"
    # The registered claims stand in for credential properties the JWT leaves out (VC 1.1
    # encoding; OB 3.0 8.2.4.1: exp "MUST be used to set the value of the validUntil").
    for prop, claim, convert in (
        ("id", "jti", None),
        ("issuer", "iss", None),
        (start, "nbf", _iso),
        (end, "exp", _iso),
    ):
        value = payload.get(claim)
        if convert is not None:
            value = convert(value)
        if prop not in credential and value is not None:
            credential[prop] = value
    subject = credential.get("credentialSubject")
    if isinstance(subject, dict) and "id" not in subject and isinstance(payload.get("sub"), str):
        credential["credentialSubject"] = {**subject, "id": payload["sub"]}
    return DecodedJwt(token, header, payload, credential, vc_claim)



def _epoch_seconds(value: Any) -> int | None:
    instant = parse_instant(value)
    return int(instant.timestamp()) if instant else None


def claim_mismatches(decoded: DecodedJwt) -> list[str]:
    """Registered claims that disagree with (or are missing for) the credential they wrap."""
    payload, credential = decoded.payload, decoded.credential
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    subject = credential.get("credentialSubject")
    subject_id = subject.get("id") if isinstance(subject, dict) else None
    problems = []
    if "iss" not in payload:
        problems.append("the iss claim is missing")
    elif payload["iss"] != issuer_id:
        problems.append(f"iss {payload['iss']!r} is not the issuer id {issuer_id!r}")
    for claim, expected, what in (
        ("sub", subject_id, "credentialSubject.id"),
        ("jti", credential.get("id"), "id"),
    ):
        if claim in payload and expected is not None and payload[claim] != expected:
            problems.append(f"{claim} {payload[claim]!r} is not the {what} {expected!r}")
    valid_from = credential.get("validFrom", credential.get("issuanceDate"))
    valid_until = credential.get("validUntil", credential.get("expirationDate"))
    if "nbf" not in payload:
        problems.append("the nbf claim is missing")
    for claim, expected in (("nbf", valid_from), ("exp", valid_until)):
        if claim in payload and expected is not None and payload[claim] != _epoch_seconds(expected):
            problems.append(f"{claim} {payload[claim]!r} does not equal the credential's {expected}")
    return problems


def _key_for(
    decoded: DecodedJwt, ctx: VerifyContext
) -> tuple[dict[str, Any], dids.VerificationMethod | None]:
    header = decoded.header
    if isinstance(header.get("jwk"), dict):
        return dids.public_jwk(header["jwk"]), None
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise dids.KeyResolutionError("the JOSE header has neither jwk nor kid")
    if ":" not in kid.split("#", 1)[0]:  # a bare key id: look it up with the issuer
        issuer = decoded.credential.get("issuer")
        issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
        if not isinstance(issuer_id, str):
            raise dids.KeyResolutionError(f"kid {kid!r} is relative and the issuer has no id")
        if issuer_id.startswith("did:"):
            method = dids.resolve(f"{issuer_id}#{kid.lstrip('#')}", ctx.fetch)
            return method.jwk, method
        for key in dids.issuer_keys(issuer_id, ctx.fetch):
            if key.get("kid") == kid:
                return dids.public_jwk(key), None
        raise dids.KeyResolutionError(f"kid {kid!r} is not in the issuer's JWK Set")
    method = dids.resolve(kid, ctx.fetch)
    return method.jwk, method


def verify_signature(decoded: DecodedJwt, ctx: VerifyContext) -> JwtOutcome:
    """Verify the JWS signature with the key its header points at; never raises."""
    alg = decoded.header.get("alg")
    if alg not in ALGORITHMS:
        return JwtOutcome("fail", f"JWS alg {alg!r} is not accepted (RS256, ES256 or EdDSA)")
    try:
        jwk, method = _key_for(decoded, ctx)
        key = JWKRegistry.import_key(jwk)
    except FetchError as error:
        return JwtOutcome("skip", f"JWT key could not be fetched: {error.message}")
    except CredbridgeError as error:
        return JwtOutcome("fail", f"JWT key: {error.message}")
    except (JoseError, ValueError, TypeError, KeyError) as error:
        # joserfc raises KeyError for an OKP key whose "crv" it does not know ("Ed24519"),
        # as _thumbprint in ob3.py already allows for.
        return JwtOutcome("fail", f"JWT key is not a usable JWK: {error}")
    try:
        verify_compact(decoded.token, key, alg)
    except JwsTooLarge as error:
        return JwtOutcome("skip", error.message, jwk, method)
    except (JoseError, ValueError, TypeError) as error:
        name = type(error).__name__
        return JwtOutcome("fail", f"JWS {alg} signature does not verify ({name}: {error})", jwk, method)
    problems = claim_mismatches(decoded)
    if problems:
        return JwtOutcome("fail", "JWS signature verified, but " + "; ".join(problems), jwk, method)
    where = method.id if method else "the jwk header"
    return JwtOutcome("pass", f"JWS {alg} signature verified with {where}; claims match", jwk, method)
