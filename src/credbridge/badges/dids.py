"""Dereference a verification method (a key URL) to a public key and the party that controls it.

Proofs name their key by URL: a DID URL (did:key, did:jwk, did:web) or an HTTP URL of an issuer
profile, controller document, JWK or JWK Set. Whatever the form, the answer is a
VerificationMethod: the key as a public JWK (one representation for both Data Integrity proofs
and JOSE), its controller, and whether the controller document lists it for assertions. Key
provenance (the controller is the issuer) is judged by the caller; this module only reads.

Only did:web and HTTP URLs need the network, and they go through the VerifyContext's fetcher.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote

import base58
from joserfc.errors import JoseError
from joserfc.jwk import JWKRegistry

from credbridge.badges.context import Fetcher
from credbridge.badges.urls import scheme_of, split
from credbridge.errors import CredbridgeError, FetchError

_ED25519_PREFIX = b"\xed\x01"
MAX_BASE58_CHARS = 1024
"""Longest base58btc text decoded. Base58 decoding is quadratic in the length (a 200,000-digit
did:key took 28 s), and what it carries is short: an Ed25519 or P-256 multikey is under 60
characters, an Ed25519 signature 88, even a 4096-bit RSA key about 750. Base64url (`u`)
multibase values, which status lists use for long data, decode in linear time and are not
capped here."""
_P256_PREFIX = b"\x80\x24"


class KeyResolutionError(CredbridgeError):
    """A verification method that cannot be turned into a usable public key."""

    code = "key.unresolved"


@dataclass(frozen=True)
class VerificationMethod:
    id: str
    jwk: dict[str, Any]
    """The public key as a JWK (private members never kept)."""
    controller: str | None = None
    for_assertion: bool | None = None
    """Whether the controller document lists the key under assertionMethod (a document with no
    assertionMethod lists nothing: False); None only for a bare key with no controller document,
    whose owner is judged by the issuer's published key set instead."""


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b58decode(text: str) -> bytes:
    """Base58btc text as bytes, refusing text over MAX_BASE58_CHARS before decoding it."""
    if len(text) > MAX_BASE58_CHARS:
        raise KeyResolutionError(
            f"base58btc value of {len(text)} characters is too long (keys and signatures are under "
            f"{MAX_BASE58_CHARS})"
        )
    try:
        return base58.b58decode(text)
    except ValueError as error:
        raise KeyResolutionError(f"invalid base58btc value: {error}") from None


def multibase_decode(value: str) -> bytes:
    """Decode base58btc (z) or base64url (u) multibase text."""
    if value.startswith("z"):
        return b58decode(value[1:])
    if value.startswith("u"):
        try:
            return b64url_decode(value[1:])
        except ValueError as error:
            raise KeyResolutionError(f"invalid base64url multibase value: {error}") from None
    raise KeyResolutionError(f"unsupported multibase prefix {value[:1]!r} (expected z or u)")


def multikey_to_jwk(value: str) -> dict[str, Any]:
    """A publicKeyMultibase (Ed25519 z6Mk... or P-256 zDn...) as a public JWK."""
    raw = multibase_decode(value)
    if raw.startswith(_ED25519_PREFIX) and len(raw) == 34:
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(raw[2:])}
    if raw.startswith(_P256_PREFIX) and len(raw) == 35:
        from cryptography.hazmat.primitives.asymmetric import ec

        point = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:]).public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": b64url_encode(point.x.to_bytes(32, "big")),
            "y": b64url_encode(point.y.to_bytes(32, "big")),
        }
    raise KeyResolutionError("publicKeyMultibase is neither an Ed25519 nor a P-256 multikey")


def public_jwk(jwk: dict[str, Any]) -> dict[str, Any]:
    """Refuse a JWK that carries private material (the spec says it MUST never contain d)."""
    if not isinstance(jwk, dict) or "kty" not in jwk:
        raise KeyResolutionError("key is not a JWK (no kty)")
    if any(member in jwk for member in ("d", "p", "q", "dp", "dq", "qi", "k")):
        raise KeyResolutionError("JWK contains private key material; refusing it")
    return jwk


def method_key(method: dict[str, Any]) -> dict[str, Any]:
    """The public JWK of a verification method object, whatever key property it uses."""
    if isinstance(method.get("publicKeyJwk"), dict):
        return public_jwk(method["publicKeyJwk"])
    if isinstance(method.get("publicKeyMultibase"), str):
        return multikey_to_jwk(method["publicKeyMultibase"])
    if isinstance(method.get("publicKeyBase58"), str) and "Ed25519" in str(method.get("type", "")):
        raw = b58decode(method["publicKeyBase58"])
        if len(raw) != 32:
            raise KeyResolutionError("publicKeyBase58 is not a 32-byte Ed25519 key")
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(raw)}
    if "kty" in method:
        return public_jwk(method)
    raise KeyResolutionError("verification method has no publicKeyMultibase, publicKeyJwk or publicKeyBase58")


def did_key_document(did: str) -> dict[str, Any]:
    """The DID document a did:key expands to (no network)."""
    value = did.removeprefix("did:key:")
    multikey_to_jwk(value)  # refuse a did:key that is not a supported key type
    method = {"id": f"{did}#{value}", "type": "Multikey", "controller": did, "publicKeyMultibase": value}
    return {"id": did, "verificationMethod": [method], "assertionMethod": [method["id"]]}


def did_jwk_document(did: str) -> dict[str, Any]:
    """The DID document a did:jwk expands to (no network)."""
    try:
        jwk = json.loads(b64url_decode(did.removeprefix("did:jwk:")))
    except (ValueError, UnicodeDecodeError):
        raise KeyResolutionError(f"{did} does not encode a JSON JWK") from None
    method = {"id": f"{did}#0", "type": "JsonWebKey", "controller": did, "publicKeyJwk": public_jwk(jwk)}
    return {"id": did, "verificationMethod": [method], "assertionMethod": [method["id"]]}


def did_web_url(did: str) -> str:
    """did:web:example.com:user:alice -> https://example.com/user/alice/did.json (spec 3.2)."""
    parts = did.removeprefix("did:web:").split(":")
    if not parts or not parts[0]:
        raise KeyResolutionError(f"{did} names no host")
    host = unquote(parts[0])
    if "/" in host or "@" in host:
        raise KeyResolutionError(f"{did} has an invalid host")
    path = "/".join(unquote(part) for part in parts[1:]) or ".well-known"
    return f"https://{host}/{path}/did.json"


def controller_document(url: str, fetch: Fetcher) -> dict[str, Any]:
    """The document a key URL (without its fragment) points at: a DID document or a web resource."""
    base = url.split("#", 1)[0]
    if base.startswith("did:key:"):
        return did_key_document(base)
    if base.startswith("did:jwk:"):
        return did_jwk_document(base)
    if base.startswith("did:web:"):
        document = fetch.get_json(did_web_url(base))
        if not isinstance(document, dict) or document.get("id") != base:
            raise KeyResolutionError(f"the DID document for {base} does not have id {base}")
        return document
    if base.startswith("did:"):
        raise KeyResolutionError(f"DID method of {base} is not supported (did:key, did:jwk, did:web are)")
    if scheme_of(base) not in ("http", "https"):
        raise KeyResolutionError(f"key URL {url} is neither a DID nor an http(s) URL")
    document = fetch.get_json(base)
    if not isinstance(document, dict):
        raise KeyResolutionError(f"{base} did not return a JSON object")
    return document


def _absolute(ref: str, base: str) -> str:
    return base + ref if ref.startswith("#") else ref


def _methods(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Verification method objects a controller document carries, in any of the usual places."""
    found: list[dict[str, Any]] = []
    for prop in ("verificationMethod", "assertionMethod", "publicKey", "keys"):
        items = document.get(prop)
        items = items if isinstance(items, list) else [items]
        found.extend(item for item in items if isinstance(item, dict))
    return found


def resolve(url: str, fetch: Fetcher) -> VerificationMethod:
    """Dereference a verification method URL to its public key and controller.

    Raises KeyResolutionError when the URL cannot name a usable key, FetchError when the
    document it lives in cannot be fetched.
    """
    if not isinstance(url, str) or not url:
        raise KeyResolutionError("verification method is missing or not a URL")
    document = controller_document(url, fetch)
    base = url.split("#", 1)[0]
    # Where the document was found is who hosts it; a self-declared different `id` is ignored,
    # or any host could claim to be any issuer's controller document.
    doc_id = base
    if "#" not in url and url.startswith(("did:key:", "did:jwk:")):
        url = document["verificationMethod"][0]["id"]  # a bare did:key names its one key
    fragment = url.split("#", 1)[1] if "#" in url else None

    method: dict[str, Any] | None = None
    for candidate in _methods(document):
        cid = candidate.get("id") or candidate.get("kid")
        if isinstance(cid, str) and (
            _absolute(cid, doc_id) == url or (fragment is not None and cid == fragment)
        ):
            method = candidate
            break
    if method is None and (doc_id == url or "kty" in document):
        method = document  # the URL dereferences straight to the key itself
    if method is None:
        raise KeyResolutionError(f"{base} does not contain the verification method {url}")

    claimed = method.get("controller") or method.get("owner")
    if not isinstance(claimed, str):
        claimed = doc_id if method is not document else None
    controller, controller_doc = _confirmed_controller(claimed, url, doc_id, document, fetch)
    # A proof's purpose is assertionMethod, and a key may serve it only if its controller lists
    # it there (VC Data Integrity, "Retrieve Verification Method"; DID Core 5.3). A document
    # without assertionMethod authorises no key for it: a key listed only under authentication
    # (or merely under verificationMethod) must not sign credentials.
    for_assertion: bool | None = None
    if controller is not None and controller_doc is not None:
        own_id = controller_doc.get("id")
        base_id = own_id if isinstance(own_id, str) else doc_id
        for_assertion = url in _references(
            {"assertionMethod": controller_doc.get("assertionMethod")}, base_id
        )
    return VerificationMethod(
        id=url, jwk=method_key(method), controller=controller, for_assertion=for_assertion
    )


def _references(document: dict[str, Any], base: str) -> set[str]:
    """Absolute ids of the verification methods a controller document names, embedded or by reference."""
    refs: set[str] = set()
    for prop in ("verificationMethod", "assertionMethod", "publicKey", "authentication"):
        items = document.get(prop)
        for item in items if isinstance(items, list) else [items]:
            ref = item.get("id") if isinstance(item, dict) else item
            if isinstance(ref, str):
                refs.add(_absolute(ref, base))
    return refs


def _confirmed_controller(
    claimed: str | None, method_id: str, doc_id: str, document: dict[str, Any], fetch: Fetcher
) -> tuple[str | None, dict[str, Any] | None]:
    """The controller a method claims, if the controller's own document agrees.

    Anyone can host a key that says `"controller": "<a famous issuer>"`; the claim only counts
    when it is the document the key was found in, or when the controller's document lists the
    key (VC Data Integrity, "Retrieve Verification Method"). Otherwise the key belongs to
    whoever hosts it. A controller document that cannot be fetched raises FetchError.
    """
    if claimed is None or claimed == doc_id:
        return claimed, document
    try:
        controller_doc = controller_document(claimed, fetch)
    except KeyResolutionError:
        return doc_id, document
    own_id = controller_doc.get("id") if isinstance(controller_doc.get("id"), str) else claimed
    if own_id == claimed and method_id in _references(controller_doc, own_id):
        return claimed, controller_doc
    return doc_id, document


def issuer_keys(issuer_id: str, fetch: Fetcher) -> list[dict[str, Any]]:
    """Public JWKs the issuer publishes: its DID document's keys or its domain's JWK Set.

    The JWK Set lives at https://{authority}/.well-known/jwks.json (OB 3.0 implementation guide,
    "Key provenance"). Members may carry `iss`; callers compare it with the issuer id.
    """
    if issuer_id.startswith("did:"):
        document = controller_document(issuer_id, fetch)
        keys = []
        for method in _methods(document):
            try:
                keys.append(method_key(method))
            except KeyResolutionError:
                continue
        return keys
    parts = split(issuer_id)
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise KeyResolutionError(f"issuer id {issuer_id} is neither a DID nor an http(s) URL")
    jwks = fetch.get_json(f"https://{parts.netloc}/.well-known/jwks.json")
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
        raise KeyResolutionError(f"https://{parts.netloc}/.well-known/jwks.json is not a JWK Set")
    return [key for key in jwks["keys"] if isinstance(key, dict) and "kty" in key]


TraceProblem = Literal[
    "controller", "purpose", "no_key", "unavailable", "untraceable", "marked", "unpublished"
]


@dataclass(frozen=True)
class KeyTrace:
    """Whether a verified signature's key is its issuer's, for signing credentials: `problem` is
    None when it is, else why not, with `detail` (the other controller, the key id, an error)."""

    problem: TraceProblem | None
    detail: str = ""


def _thumbprint(jwk: dict[str, Any]) -> str | None:
    try:
        return JWKRegistry.import_key(jwk).thumbprint()
    except (JoseError, ValueError, TypeError, KeyError):
        return None


def trace_key(
    method: VerificationMethod | None, jwk: dict[str, Any] | None, issuer: str, fetch: Fetcher
) -> KeyTrace:
    """Key provenance (OB 3.0 implementation guide), one rule for credentials and status lists.

    A key in a controller document must be controlled by the issuer and listed under its
    assertionMethod (a key for authentication is the issuer's, but not for this purpose). A bare
    key (a JWT's `jwk` header, a key with no controller) counts only when the issuer publishes it:
    its DID document's keys or its domain's JWK Set, a member's `iss`, when present, naming it.
    """
    if method is not None and method.controller:
        if method.controller != issuer:
            return KeyTrace("controller", method.controller)
        if method.for_assertion is not True:
            return KeyTrace("purpose", method.id)
        return KeyTrace(None, method.id)
    jwk = jwk or (method.jwk if method else None)
    if jwk is None:
        return KeyTrace("no_key")
    try:
        published = issuer_keys(issuer, fetch)
    except FetchError as error:
        return KeyTrace("unavailable", error.message)
    except CredbridgeError as error:
        return KeyTrace("untraceable", error.message)
    wanted = _thumbprint(jwk)
    for key in published:
        if wanted is not None and _thumbprint(key) == wanted:
            if "iss" in key and key["iss"] != issuer:
                return KeyTrace("marked", str(key["iss"]))
            return KeyTrace(None)
    return KeyTrace("unpublished")
