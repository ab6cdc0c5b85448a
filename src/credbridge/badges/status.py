"""credentialStatus: is the credential revoked (or suspended)?

Three mechanisms are read:
- 1EdTechRevocationList (VCRL 1.0): GET the status id, a list whose `revokedCredentials`
  entries name revoked credential ids (with an optional revocationReason).
- BitstringStatusListEntry (W3C Bitstring Status List 1.0) and StatusList2021Entry (its
  predecessor): GET `statusListCredential`, a credential whose subject's `encodedList` is a
  GZIP-compressed bitstring (multibase base64url for Bitstring, plain base64url for 2021);
  bit `statusListIndex`, counted from the left-most bit of the first byte, is 1 when the
  status applies.

A Bitstring / StatusList2021 list is itself a credential and must be verified as one
(Bitstring Status List 1.0, "Validate Algorithm"): its issuer must be the credential's issuer;
it must be secured, either by an embedded proof or as a VC-JWT (a compact JWS, served as
application/vc+jwt or any body that is a JWT), and that proof or JWS must verify with a key its
issuer controls and lists for assertion (an unsecured list, a forged one, or one signed by
anybody's key could otherwise un-revoke anything); and its validity period must include ctx.at.
The 1EdTech revocation list (VCRL 1.0) is a plain JSON document that the specification gives no
proof, so it is read unsigned, with only its issuer compared.

Only a set bit or a listed id fails the check (the report reads that as
revoked). A status that cannot be established is a skipped check, which keeps the credential
from being `verified` without calling it revoked or forged (report.py). Its message carries the
Bitstring Status List 1.0 error name (its "Validate Algorithm" and error list):
STATUS_RETRIEVAL_ERROR when the list could not be fetched, STATUS_VERIFICATION_ERROR when it
cannot be trusted or does not fit the entry, RANGE_ERROR when the index is outside the list.
The same names are used for the older StatusList2021 and the 1EdTech revocation list.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from credbridge.badges import dids, proofs
from credbridge.badges import jwt as vcjwt
from credbridge.badges.context import VerifyContext
from credbridge.badges.fetch import load_json
from credbridge.badges.instants import parse_instant
from credbridge.errors import CredbridgeError, FetchError
from credbridge.model import Outcome

MAX_LIST_BYTES = 16 * 1024 * 1024
"""Cap on a decompressed status list, so a small gzip bomb cannot take the memory."""


@dataclass(frozen=True)
class StatusOutcome:
    outcome: Outcome
    message: str


def _id_of(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


def _gunzip(data: bytes) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, MAX_LIST_BYTES + 1)
    if len(out) > MAX_LIST_BYTES or inflater.unconsumed_tail:
        raise ValueError(f"status list is larger than {MAX_LIST_BYTES} bytes decompressed")
    return out


RETRIEVAL_ERROR = "STATUS_RETRIEVAL_ERROR"
VERIFICATION_ERROR = "STATUS_VERIFICATION_ERROR"
RANGE_ERROR = "RANGE_ERROR"


class StatusRangeError(ValueError):
    """statusListIndex outside the list (the Bitstring spec's RANGE_ERROR)."""


def bit_at(encoded: str, index: int, *, multibase: bool) -> int:
    """The status bit at index of a GZIP+base64url encoded list (raises ValueError when invalid)."""
    raw = dids.multibase_decode(encoded) if multibase else dids.b64url_decode(encoded)
    try:
        bits = _gunzip(raw)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise ValueError(f"encodedList is not GZIP data: {error}") from None
    if index < 0 or index >= len(bits) * 8:
        raise StatusRangeError(f"statusListIndex {index} is outside the list of {len(bits) * 8} entries")
    return (bits[index // 8] >> (7 - index % 8)) & 1



ACCEPT_LIST = (
    "application/vc+ld+json, application/ld+json, application/json;q=0.9, "
    "application/vc+jwt, application/jwt;q=0.9, application/vc;q=0.8, text/plain;q=0.5, */*;q=0.1"
)
"""A status list credential may be JSON-LD (secured by an embedded proof) or a VC-JWT."""


def _fetch_list(url: str, ctx: VerifyContext) -> tuple[Any, vcjwt.DecodedJwt | None]:
    """The status list credential at url, and its JWT when it came as a VC-JWT.

    Raises FetchError when it cannot be fetched or is neither JSON nor a compact JWS."""
    body = ctx.fetch.get_bytes(url, accept=ACCEPT_LIST)
    text = body.decode("utf-8", "replace").strip()
    if vcjwt.looks_like_jwt(text) and not text.startswith(("{", "[")):
        try:
            decoded = vcjwt.decode(text)
        except CredbridgeError as error:
            raise FetchError(f"{url}: a status list VC-JWT that cannot be read: {error.message}") from None
        return decoded.credential, decoded
    return load_json(body, what=url, error=FetchError), None


def _check_list_key(
    method: dids.VerificationMethod | None,
    jwk: dict[str, Any] | None,
    list_issuer: str | None,
    ctx: VerifyContext,
) -> tuple[str, str] | None:
    """(error name, why) unless the list's signing key is its issuer's, for assertion (the
    provenance rule credentials follow: dids.trace_key)."""
    if not list_issuer:
        return VERIFICATION_ERROR, "the status list names no issuer to own its signing key"
    trace = dids.trace_key(method, jwk, list_issuer, ctx.fetch)
    key_id = method.id if method else None
    problems: dict[dids.TraceProblem, tuple[str, str]] = {
        # A valid signature by a key its issuer does not control proves nothing about it.
        "controller": (
            VERIFICATION_ERROR,
            f"the status list is signed with a key controlled by {trace.detail}, "
            f"not by its issuer {list_issuer}",
        ),
        "purpose": (
            VERIFICATION_ERROR,
            f"the status list's signing key {key_id} is not listed under its issuer's assertionMethod",
        ),
        "no_key": (
            VERIFICATION_ERROR,
            "the status list is signed with a key controlled by nobody known, "
            f"not by its issuer {list_issuer}",
        ),
        "unavailable": (
            RETRIEVAL_ERROR,
            f"the status list issuer's published keys could not be fetched: {trace.detail}",
        ),
        "untraceable": (
            VERIFICATION_ERROR,
            f"the status list's signing key is not traceable to {list_issuer}: {trace.detail}",
        ),
        "marked": (
            VERIFICATION_ERROR,
            f"the issuer's key set marks the status list's key as {trace.detail}'s",
        ),
        "unpublished": (
            VERIFICATION_ERROR,
            f"the status list is signed with a key {list_issuer} does not publish",
        ),
    }
    return None if trace.problem is None else problems[trace.problem]


def _check_list_credential(
    list_vc: dict[str, Any],
    issuer_id: str | None,
    ctx: VerifyContext,
    token: vcjwt.DecodedJwt | None = None,
) -> tuple[str, str] | None:
    """(error name, why) when a status list credential cannot be trusted, else None.

    token: the VC-JWT the list came as, which then secures it in place of an embedded proof."""
    list_issuer = _id_of(list_vc.get("issuer"))
    if issuer_id and list_issuer != issuer_id:
        return VERIFICATION_ERROR, (
            f"the status list is issued by {list_issuer or 'nobody (it names no issuer)'}, "
            f"not by the credential's issuer {issuer_id}"
        )
    if token is not None:
        signed = vcjwt.verify_signature(token, ctx)
        if signed.outcome == "skip":  # its key could not be fetched: not checked, not trusted
            return RETRIEVAL_ERROR, f"the status list's VC-JWT could not be checked: {signed.message}"
        if signed.outcome != "pass":
            return VERIFICATION_ERROR, f"the status list's VC-JWT fails: {signed.message}"
        distrust = _check_list_key(signed.method, signed.jwk, list_issuer, ctx)
        if distrust:
            return distrust
    elif not proofs.proofs_of(list_vc):
        # Bitstring Status List 1.0, Validate Algorithm: the status list credential is verified
        # like any credential; an unsecured one proves nothing about who wrote its bits.
        return VERIFICATION_ERROR, (
            "the status list is unsecured (no proof, and not a VC-JWT), so nothing shows "
            f"{list_issuer or 'its issuer'} published it"
        )
    else:
        outcome = proofs.verify_embedded(list_vc, ctx, shared=True)
        if outcome.outcome == "skip":  # its key could not be fetched: not checked, not trusted
            return RETRIEVAL_ERROR, f"the status list's own proof could not be checked: {outcome.message}"
        if outcome.outcome != "pass":
            return VERIFICATION_ERROR, f"the status list's own proof fails: {outcome.message}"
        distrust = _check_list_key(outcome.method, None, list_issuer, ctx)
        if distrust:
            return distrust
    start = parse_instant(list_vc.get("validFrom", list_vc.get("issuanceDate")))
    end = parse_instant(list_vc.get("validUntil", list_vc.get("expirationDate")))
    if start and ctx.at < start:
        return VERIFICATION_ERROR, "the status list is not valid yet"
    if end and ctx.at > end:
        return VERIFICATION_ERROR, "the status list has expired"
    return None


def _unknown(reason: str, error: str | None = VERIFICATION_ERROR) -> StatusOutcome:
    """A status that cannot be established: a skip, never "revoked" (only a set bit or a listed
    id says that) and never "clear" (Bitstring Status List: the verification then fails with the
    named error). report.py reads a skipped revocation check as "not verified now"."""
    named = f" ({error})" if error else ""
    return StatusOutcome("skip", f"status could not be established{named}: {reason}")


def _bitstring(entry: dict[str, Any], credential: dict[str, Any], ctx: VerifyContext) -> StatusOutcome:
    kind = entry.get("type")
    multibase = kind == "BitstringStatusListEntry"
    url = entry.get("statusListCredential")
    purpose = entry.get("statusPurpose", "revocation")
    try:
        index = int(entry["statusListIndex"])
    except (KeyError, TypeError, ValueError):
        return _unknown(f"{kind} has no integer statusListIndex")
    if not isinstance(url, str):
        return _unknown(f"{kind} has no statusListCredential URL")
    if str(entry.get("statusSize", 1)) != "1":
        return _unknown(
            f"{kind} with statusSize {entry.get('statusSize')} (status messages) is not supported",
            None,
        )
    list_vc, token = _fetch_list(url, ctx)
    if not isinstance(list_vc, dict) or not isinstance(list_vc.get("credentialSubject"), dict):
        return _unknown(f"{url} is not a status list credential")
    distrust = _check_list_credential(list_vc, _id_of(credential.get("issuer")), ctx, token)
    if distrust:
        return _unknown(f"{kind} at {url}: {distrust[1]}", distrust[0])
    subject = list_vc["credentialSubject"]
    if subject.get("statusPurpose", purpose) != purpose:
        return _unknown(f"{url} lists {subject.get('statusPurpose')!r}, not {purpose!r}")
    encoded = subject.get("encodedList")
    if not isinstance(encoded, str):
        return _unknown(f"{url} has no encodedList")
    try:
        bit = bit_at(encoded, index, multibase=multibase)
    except StatusRangeError as error:
        return _unknown(f"{kind} at {url}: {error}", RANGE_ERROR)
    except (ValueError, dids.KeyResolutionError) as error:
        return _unknown(f"{kind} at {url}: {error}")
    signed = "VC-JWT" if token is not None else "signed"
    if bit:
        return StatusOutcome("fail", f"{purpose}: entry {index} of the {signed} {kind} list {url} is set")
    return StatusOutcome("pass", f"{purpose} entry {index} of the {signed} list {url} is clear")


def _revocation_list(entry: dict[str, Any], credential: dict[str, Any], ctx: VerifyContext) -> StatusOutcome:
    url = entry.get("id")
    if not isinstance(url, str):
        return _unknown("1EdTechRevocationList status has no id URL")
    listing = ctx.fetch.get_json(url)
    if not isinstance(listing, dict) or not isinstance(listing.get("revokedCredentials", []), list):
        return _unknown(f"{url} is not a 1EdTech revocation list")
    list_issuer = _id_of(listing.get("issuer"))
    issuer_id = _id_of(credential.get("issuer"))
    if list_issuer and issuer_id and list_issuer != issuer_id:
        return _unknown(f"revocation list {url} belongs to {list_issuer}, not {issuer_id}")
    own_id = credential.get("id")
    for revoked in listing.get("revokedCredentials", []):
        if _id_of(revoked) == own_id and own_id is not None:
            reason = revoked.get("revocationReason") if isinstance(revoked, dict) else None
            return StatusOutcome("fail", f"revoked in {url}" + (f": {reason}" if reason else ""))
    return StatusOutcome("pass", f"not in the revocation list {url}")


_MECHANISMS: dict[str, Callable[[dict[str, Any], dict[str, Any], VerifyContext], StatusOutcome]] = {
    "1EdTechRevocationList": _revocation_list,
    "BitstringStatusListEntry": _bitstring,
    "StatusList2021Entry": _bitstring,
}


def check_status(credential: dict[str, Any], ctx: VerifyContext) -> StatusOutcome:
    """Look up every credentialStatus entry; fail if any says revoked or suspended."""
    entries = credential.get("credentialStatus")
    if entries is None:
        return StatusOutcome("pass", "no credentialStatus: the issuer publishes no revocation for it")
    entries = entries if isinstance(entries, list) else [entries]
    results: list[StatusOutcome] = []
    for entry in entries:
        kind = entry.get("type") if isinstance(entry, dict) else None
        mechanism = _MECHANISMS.get(kind) if isinstance(kind, str) else None
        if mechanism is None:
            # Not checked is not clear: a verifier that cannot read the status cannot say the
            # credential is not revoked (Digital Bazaar's vc library refuses such a credential too).
            results.append(_unknown(f"credentialStatus type {kind!r} is not supported", None))
            continue
        try:
            results.append(mechanism(entry, credential, ctx))
        except FetchError as error:
            # Unreachable is not revoked (a failed check would read as "revoked"), and not clear.
            reason = f"{kind}: the list could not be fetched: {error.message}"
            results.append(_unknown(reason, RETRIEVAL_ERROR))
    worst_first: tuple[Outcome, ...] = ("fail", "skip", "warn")
    for outcome in worst_first:
        picked = [result for result in results if result.outcome == outcome]
        if picked:
            return StatusOutcome(outcome, "; ".join(result.message for result in picked))
    return StatusOutcome("pass", "; ".join(result.message for result in results))
