"""Open Badges 2.0 verification (and 1.x assertions, read and upgraded to 2.0 first).

Follows the 2.0 spec's Verification section: a hosted assertion is refetched from its `id`
and only the fetched copy is trusted (410 Gone or `revoked: true` mean revoked), and its id
must lie in the issuer's hosted scope (`verification.allowedOrigins` / `startsWith`, by default
the issuer's own origin); a signed assertion is a JWS whose key must be declared in the
issuer's `publicKey` and owned by the issuer (`owner`), and whose id must not be in the
issuer's `revocationList`. Badge class and issuer are resolved, embedded or by URL, through
the context's fetcher. Each step is one check; see badges/report.py for how they add up.

A document that could not be fetched *now* (offline, host unreachable, timed out, a 5xx or
429 answer: fetch.is_transient) is a skipped check with a "try again" reason, which leaves the
assertion unverified; only an answer from the host (404, not JSON, wrong id) is a failure.
A network failure is not a forgery.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey

from credbridge.badges.context import CheckId, Verdict, VerifyContext
from credbridge.badges.fetch import HTTPStatusError, OfflineError, is_transient, load_json
from credbridge.badges.instants import parse_instant
from credbridge.badges.jwt import JwsTooLarge, verify_compact
from credbridge.badges.recipient import matches
from credbridge.badges.report import failed, passed, skipped, warned
from credbridge.badges.urls import host_of
from credbridge.errors import FetchError, InputError
from credbridge.model import Alignment, Check, Credential, CredentialKind, Issuer, Link, Recipient

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
OB1_CONTEXT = "https://w3id.org/openbadges/v1"
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")
REQUIRED = ("id", "type", "recipient", "badge", "verification", "issuedOn")
HOSTED_TYPES = ("HostedBadge", "hosted")
SIGNED_TYPES = ("SignedBadge", "signed")


# --------------------------------------------------------------------------- small readers


def _not_now(exc: FetchError) -> str:
    """The reason for a skip after a transient fetch failure (retryable, see module docstring)."""
    if isinstance(exc, OfflineError):
        return f"offline: {exc.message}"
    return f"could not be reached now ({exc.message}); try again later"


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_of(value: Any) -> str | None:
    """A string property as it is; anything else (numbers, lists, objects) as missing."""
    return value if isinstance(value, str) else None


def ref_id(value: Any) -> str | None:
    """The id of a reference that may be a bare IRI or an object with an `id`."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"]
    return None



def _b64url(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def decode_jws(token: str) -> tuple[dict[str, Any], Any]:
    """Header and JSON payload of a compact JWS, WITHOUT checking the signature."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise InputError("not a compact JWS (expected header.payload.signature)")
    try:
        header = json.loads(_b64url(parts[0]))
        payload_bytes = _b64url(parts[1])
    except (ValueError, UnicodeDecodeError):
        raise InputError("compact JWS header or payload is not base64url-encoded JSON") from None
    if not isinstance(header, dict):
        raise InputError("compact JWS header is not a JSON object")
    return header, load_json(payload_bytes, what="JWS payload")


def is_ob2(document: Any) -> bool:
    """Whether a JSON document reads as an Open Badges 1.x/2.0 assertion (not a VC)."""
    if not isinstance(document, dict):
        return False
    contexts = [c for c in as_list(document.get("@context")) if isinstance(c, str)]
    if any(c.startswith(("https://w3id.org/openbadges", "http://w3id.org/openbadges")) for c in contexts):
        return True
    types = as_list(document.get("type"))
    if "VerifiableCredential" in types or "credentialSubject" in document:
        return False
    return "Assertion" in types or ("badge" in document and "recipient" in document)


# --------------------------------------------------------------------------- 1.x upgrade


def upgrade(assertion: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Read a 1.0/1.1 assertion as 2.0: verify -> verification, hosted url -> id, recipient."""
    contexts = as_list(assertion.get("@context"))
    legacy = OB2_CONTEXT not in contexts and ("verify" in assertion or OB1_CONTEXT in contexts)
    if not legacy:
        return assertion, False
    doc = dict(assertion)
    verify = doc.pop("verify", None) or {}
    if isinstance(verify, dict):
        doc.setdefault("verification", {"type": verify.get("type"), "url": verify.get("url")})
        if verify.get("type") in HOSTED_TYPES and isinstance(verify.get("url"), str):
            doc.setdefault("id", verify["url"])
    recipient = doc.get("recipient")
    if isinstance(recipient, str):
        doc["recipient"] = {
            "type": "email",
            "identity": recipient,
            "hashed": "$" in recipient,
            "salt": doc.get("salt"),
        }
    doc.setdefault("type", "Assertion")
    doc["@context"] = OB2_CONTEXT
    return doc, True


def _upgrade_badge_class(badge: dict[str, Any]) -> dict[str, Any]:
    """1.x alignment used name/url/description; 2.0 uses targetName/targetUrl/targetDescription."""
    doc = dict(badge)
    doc["alignment"] = [
        {
            "targetName": a.get("targetName") or a.get("name"),
            "targetUrl": a.get("targetUrl") or a.get("url"),
            "targetDescription": a.get("targetDescription") or a.get("description"),
            "targetFramework": a.get("targetFramework"),
            "targetCode": a.get("targetCode"),
        }
        for a in as_list(doc.get("alignment"))
        if isinstance(a, dict)
    ]
    return doc


# --------------------------------------------------------------------------- the checks


class _Resolution:
    """Badge class and issuer as resolved for one assertion, with why they were not."""

    def __init__(self) -> None:
        self.badge: dict[str, Any] | None = None
        self.issuer: dict[str, Any] | None = None
        self.problem: Check | None = None


def _fetch_object(value: Any, ctx: VerifyContext, what: str) -> dict[str, Any]:
    """An embedded object as it is, or the document its IRI names (its `id` filled in for 1.x)."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise InputError(f"{what} is neither an object nor a URL")
    document = ctx.fetch.get_json(value)
    if not isinstance(document, dict):
        raise InputError(f"{what} at {value} is not a JSON object")
    return {"id": value, **document} if "id" not in document else document


def resolve_badge(assertion: dict[str, Any], ctx: VerifyContext) -> _Resolution:
    """Resolve the BadgeClass and its issuer Profile, embedded or by URL."""
    found = _Resolution()
    try:
        found.badge = _upgrade_badge_class(_fetch_object(assertion.get("badge"), ctx, "badge"))
        found.issuer = _fetch_object(found.badge.get("issuer"), ctx, "badge issuer")
    except FetchError as exc:
        if is_transient(exc):
            found.problem = skipped(CheckId.ISSUER, f"badge class or issuer {_not_now(exc)}")
        else:
            found.problem = failed(
                CheckId.ISSUER, f"could not resolve the badge class or issuer: {exc.message}"
            )
        return found
    except InputError as exc:
        found.problem = failed(CheckId.ISSUER, f"could not resolve the badge class or issuer: {exc.message}")
        return found
    if not text_of(found.badge.get("name")) or not text_of(found.issuer.get("name")):
        found.problem = failed(CheckId.ISSUER, "badge class or issuer profile lacks a name")
    return found


def check_issuer(found: _Resolution) -> Check:
    if found.problem is not None:
        return found.problem
    assert found.badge is not None and found.issuer is not None
    return passed(
        CheckId.ISSUER,
        f"badge class {found.badge.get('name')!r} issued by {found.issuer.get('name')!r} "
        f"({found.issuer.get('id', 'no id')})",
    )


def check_schema(assertion: dict[str, Any]) -> Check:
    missing = [key for key in REQUIRED if key not in assertion]
    if missing:
        return failed(CheckId.SCHEMA, f"assertion lacks required properties: {', '.join(missing)}")
    recipient = assertion["recipient"]
    if not isinstance(recipient, dict) or not isinstance(recipient.get("identity"), str):
        return failed(CheckId.SCHEMA, "recipient is not an IdentityObject with an identity")
    return passed(CheckId.SCHEMA, "assertion has every required property")


def check_type(assertion: dict[str, Any]) -> Check:
    if "Assertion" in as_list(assertion.get("type")):
        return passed(CheckId.TYPE, "type is Assertion")
    return failed(CheckId.TYPE, f"type {assertion.get('type')!r} is not Assertion")


def check_context(assertion: dict[str, Any], upgraded: bool) -> Check:
    if upgraded:
        return warned(CheckId.CONTEXT, "Open Badges 1.x assertion, read and upgraded to 2.0")
    if OB2_CONTEXT in as_list(assertion.get("@context")):
        return passed(CheckId.CONTEXT, f"@context is {OB2_CONTEXT}")
    # The 2.0 validator (badgecheck) and the spec require the 2.0 context: terms read under
    # another context do not mean what the 2.0 vocabulary says.
    return failed(CheckId.CONTEXT, f"@context {assertion.get('@context')!r} does not name {OB2_CONTEXT}")


def identity_object(recipient: dict[str, Any]) -> Recipient:
    """An IdentityObject (identity, type, hashed, salt) in model terms, as the badge gives it."""
    return Recipient(
        identity=text_of(recipient.get("identity")),
        type=text_of(recipient.get("type")),
        hashed=bool(recipient.get("hashed")),
        salt=text_of(recipient.get("salt")),
    )


def recipient_matches(recipient: dict[str, Any], expected: str) -> bool:
    """Compare an IdentityObject with an identity: plain, or sha256/md5 of identity + salt
    (badges/recipient.py, hex and emails case-insensitive)."""
    return matches(identity_object(recipient), expected)


def check_recipient(assertion: dict[str, Any], ctx: VerifyContext) -> tuple[Check, bool | None]:
    recipient = assertion.get("recipient")
    if ctx.recipient is None:
        return skipped(CheckId.RECIPIENT, "no expected recipient given (--recipient)"), None
    if not isinstance(recipient, dict):
        return failed(CheckId.RECIPIENT, "assertion has no usable recipient"), False
    if recipient_matches(recipient, ctx.recipient):
        how = "hashed" if recipient.get("hashed") else "plain"
        return passed(
            CheckId.RECIPIENT, f"issued to the expected recipient ({how} {recipient.get('type')})"
        ), True
    return failed(CheckId.RECIPIENT, "issued to someone else: the recipient identity does not match"), False


def check_dates(assertion: dict[str, Any], at: datetime) -> list[Check]:
    checks = []
    issued = parse_instant(assertion.get("issuedOn"), unix_seconds=True)
    if issued is None:
        checks.append(failed(CheckId.ISSUANCE, f"issuedOn {assertion.get('issuedOn')!r} is not a date-time"))
    elif issued > at:
        checks.append(failed(CheckId.ISSUANCE, f"issued on {issued.isoformat()}, after {at.isoformat()}"))
    else:
        checks.append(passed(CheckId.ISSUANCE, f"issued on {issued.isoformat()}"))
    if "expires" not in assertion:
        checks.append(passed(CheckId.EXPIRY, "does not expire"))
        return checks
    expires = parse_instant(assertion.get("expires"), unix_seconds=True)
    if expires is None:
        checks.append(failed(CheckId.SCHEMA, f"expires {assertion.get('expires')!r} is not a date-time"))
    elif expires <= at:
        checks.append(failed(CheckId.EXPIRY, f"expired on {expires.isoformat()}"))
    else:
        checks.append(passed(CheckId.EXPIRY, f"valid until {expires.isoformat()}"))
    return checks


def in_hosted_scope(
    assertion_id: str, issuer: dict[str, Any], badge_id: str | None = None
) -> tuple[bool, str]:
    """Whether a hosted assertion's id lies where its issuer allows hosted assertions.

    Without a policy in the issuer profile, the assertion and (when it has an HTTP id) the
    badge class must be on the issuer's own host.
    """
    declared_policy = issuer.get("verification")
    policy = declared_policy if isinstance(declared_policy, dict) else {}
    host = host_of(assertion_id)
    starts = [s for s in as_list(policy.get("startsWith")) if isinstance(s, str)]
    origins = [o.lower() for o in as_list(policy.get("allowedOrigins")) if isinstance(o, str)]
    if starts:
        ok = any(assertion_id.startswith(s) for s in starts)
        return ok, f"id {'starts' if ok else 'does not start'} with the issuer's startsWith {starts}"
    if origins:
        ok = host in origins
        return ok, f"host {host} {'is' if ok else 'is not'} in the issuer's allowedOrigins {origins}"
    issuer_host = host_of(str(issuer.get("id", "")))
    ok = bool(issuer_host) and host == issuer_host
    if ok and badge_id and badge_id.startswith(("http://", "https://")):
        badge_host = host_of(badge_id)
        if badge_host != issuer_host:
            return False, f"badge class host {badge_host} is not the issuer's own host {issuer_host}"
    return ok, f"host {host} {'is' if ok else 'is not'} the issuer's own host {issuer_host or '(none)'}"


def _public_key(pem: str) -> RSAKey | ECKey:
    loaded = serialization.load_pem_public_key(pem.encode())
    if isinstance(loaded, rsa.RSAPublicKey):
        return RSAKey.import_key(loaded)
    if isinstance(loaded, ec.EllipticCurvePublicKey):
        return ECKey.import_key(loaded)
    raise InputError("publicKeyPem is neither an RSA nor an EC key")


def check_signature(
    token: str, issuer: dict[str, Any] | None, assertion: dict[str, Any], ctx: VerifyContext
) -> list[Check]:
    """PROOF and KEY_PROVENANCE of a JWS-signed assertion (spec steps 4 to 6)."""
    header, _ = decode_jws(token)
    alg = header.get("alg")
    if alg not in SIGNING_ALGORITHMS:
        return [
            failed(CheckId.PROOF, f"JWS algorithm {alg!r} is not accepted ({', '.join(SIGNING_ALGORITHMS)})")
        ]
    if issuer is None:
        return [
            skipped(CheckId.PROOF, "issuer profile unresolved: no trusted key to check the signature with")
        ]
    issuer_id = issuer.get("id")
    declared = [k for k in (ref_id(v) for v in as_list(issuer.get("publicKey"))) if k]
    embedded = {ref_id(v): v for v in as_list(issuer.get("publicKey")) if isinstance(v, dict)}
    declared_verification = assertion.get("verification")
    verification = declared_verification if isinstance(declared_verification, dict) else {}
    creator = ref_id(verification.get("creator"))
    checks: list[Check] = []
    if creator and creator not in declared:
        return [
            failed(CheckId.KEY_PROVENANCE, f"key {creator} is not declared in the issuer's publicKey"),
            skipped(CheckId.PROOF, "the signing key is not trusted, so the signature was not checked"),
        ]
    candidates = [creator] if creator else declared
    if not candidates:
        return [failed(CheckId.KEY_PROVENANCE, "the issuer declares no publicKey")]
    errors: list[str] = []
    unreachable: list[str] = []
    for key_id in candidates:
        try:
            key_doc = embedded.get(key_id) or _fetch_object(key_id, ctx, "signing key")
        except FetchError as exc:
            if is_transient(exc):
                unreachable.append(f"key {key_id} {_not_now(exc)}")
            else:
                errors.append(f"key {key_id}: {exc.message}")
            continue
        except InputError as exc:
            errors.append(f"key {key_id}: {exc.message}")
            continue
        owner = ref_id(key_doc.get("owner"))
        if owner != issuer_id:
            checks.append(
                failed(
                    CheckId.KEY_PROVENANCE, f"key {key_id} is owned by {owner!r}, not the issuer {issuer_id}"
                )
            )
            continue
        try:
            key = _public_key(str(key_doc.get("publicKeyPem", "")))
            verify_compact(token, key, alg)
        except JwsTooLarge as exc:  # our limit, not the issuer's fault: unverified, not forged
            return [*checks, skipped(CheckId.PROOF, exc.message)]
        except (ValueError, TypeError, InputError, JoseError) as exc:
            errors.append(f"key {key_id}: {type(exc).__name__}: {exc}")
            continue
        return [
            passed(
                CheckId.KEY_PROVENANCE, f"key {key_id} is declared by and owned by the issuer {issuer_id}"
            ),
            passed(CheckId.PROOF, f"JWS {alg} signature verifies with key {key_id}"),
        ]
    if any(c.outcome == "fail" for c in checks):
        return [*checks, skipped(CheckId.PROOF, "no key owned by the issuer to check the signature with")]
    if unreachable:  # a key that could not be fetched may be the one that signed it
        return [skipped(CheckId.PROOF, "; ".join(unreachable + errors))]
    return [failed(CheckId.PROOF, "signature does not verify: " + "; ".join(errors))]


def check_revocation_list(
    assertion: dict[str, Any], issuer: dict[str, Any] | None, ctx: VerifyContext
) -> Check:
    """Step 7 for signed badges: the assertion's id (or 1.x uid) in the issuer's revocationList."""
    if issuer is None:
        return skipped(CheckId.REVOCATION, "issuer profile unresolved")
    url = ref_id(issuer.get("revocationList"))
    if not url:
        # Nothing to look up is an established answer (as for an OB 3.0 credential without
        # credentialStatus), not an unknown one: a skip here would block `verified`.
        return passed(CheckId.REVOCATION, "the issuer publishes no revocationList")
    try:
        revocations = _fetch_object(url, ctx, "revocation list")
    except FetchError as exc:
        if is_transient(exc):
            return skipped(CheckId.REVOCATION, f"revocation list {url} {_not_now(exc)}")
        return failed(CheckId.SCHEMA, f"revocation list {url} unavailable: {exc.message}")
    except InputError as exc:
        return failed(CheckId.SCHEMA, f"revocation list {url} unavailable: {exc.message}")
    ids = {text_of(assertion.get("id")), text_of(assertion.get("uid"))} - {None}
    for entry in as_list(revocations.get("revokedAssertions")):
        entry_ids = (
            {entry}
            if isinstance(entry, str)
            else {text_of(entry.get("id")), text_of(entry.get("uid"))}
            if isinstance(entry, dict)
            else set()
        )
        if ids & entry_ids:
            reason = text_of(entry.get("revocationReason")) if isinstance(entry, dict) else None
            return failed(
                CheckId.REVOCATION, f"revoked in the issuer's list {url}" + (f": {reason}" if reason else "")
            )
    return passed(CheckId.REVOCATION, f"not in the issuer's revocation list {url}")


# --------------------------------------------------------------------------- the credential


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return text_of(value.get("narrative")) or text_of(value.get("id"))
    return None


def to_credential(assertion: dict[str, Any], found: _Resolution, matched: bool | None) -> Credential:
    """The normalised credential of model.py, from the (trusted) assertion and its badge class."""
    badge = found.badge or (assertion.get("badge") if isinstance(assertion.get("badge"), dict) else {}) or {}
    issuer = found.issuer or {}
    issued = parse_instant(assertion.get("issuedOn"), unix_seconds=True)
    expires = parse_instant(assertion.get("expires"), unix_seconds=True)
    recipient = assertion.get("recipient") if isinstance(assertion.get("recipient"), dict) else {}
    alignments = [
        Alignment(
            target_name=a["targetName"],
            target_url=text_of(a.get("targetUrl")),
            target_code=text_of(a.get("targetCode")),
            target_framework=text_of(a.get("targetFramework")),
            target_description=text_of(a.get("targetDescription")),
        )
        for a in as_list(badge.get("alignment"))
        if isinstance(a, dict) and isinstance(a.get("targetName"), str)
    ]
    evidence = [
        Link(url=ref_id(e), text=_text(e.get("name")) or _text(e) if isinstance(e, dict) else None)
        for e in as_list(assertion.get("evidence"))
    ]
    tags = sorted({t for t in as_list(badge.get("tags")) if isinstance(t, str)})
    return Credential(
        kind=CredentialKind.BADGE,
        name=text_of(badge.get("name")) or "Unnamed badge",
        issuer=Issuer(
            name=text_of(issuer.get("name")),
            id=text_of(issuer.get("id")),
            url=text_of(issuer.get("url")),
            email=text_of(issuer.get("email")),
        ),
        issued=issued.date().isoformat() if issued else None,
        expires=expires.date().isoformat() if expires else None,
        no_expiry="expires" not in assertion,
        credential_id=text_of(assertion.get("id")) or text_of(assertion.get("uid")),
        url=assertion_id if (assertion_id := text_of(assertion.get("id")) or "").startswith("http") else None,
        description=text_of(badge.get("description")),
        criteria=_text(badge.get("criteria")),
        image=ref_id(assertion.get("image")) or ref_id(badge.get("image")),
        skills=[a.target_name for a in alignments],
        alignments=alignments,
        tags=tags,
        evidence=evidence,
        recipient=identity_object(recipient).model_copy(update={"matched": matched}) if recipient else None,
    )


# --------------------------------------------------------------------------- entry points


def gone_verdict(url: str, body: bytes) -> Verdict:
    """A hosted assertion whose URL answers 410 Gone: revoked, with the reason if it gives one."""
    reason = None
    try:
        document = json.loads(body) if body else None
        if isinstance(document, dict):
            reason = text_of(document.get("revocationReason"))
    except ValueError:
        pass
    message = f"{url} answers 410 Gone: the issuer revoked it" + (f" ({reason})" if reason else "")
    return Verdict("ob2", [failed(CheckId.REVOCATION, message), skipped(CheckId.HOSTED, "assertion revoked")])


def _method(assertion: dict[str, Any], token: str | None) -> str:
    verification = assertion.get("verification")
    kind = verification.get("type") if isinstance(verification, dict) else verification
    if kind in SIGNED_TYPES or (token is not None and kind not in HOSTED_TYPES):
        return "signed"
    return "hosted"


def verify_ob2(
    document: dict[str, Any] | str, ctx: VerifyContext, *, fetched_from: str | None = None
) -> Verdict:
    """Verify an OB 2.0 / 1.x assertion given as JSON or as a compact JWS.

    `fetched_from` is the URL the JSON was just fetched from, so a hosted assertion read from
    its own id is not fetched twice.
    """
    token = document if isinstance(document, str) else None
    if token is not None:
        _header, payload = decode_jws(token)
        if not isinstance(payload, dict):
            raise InputError("JWS payload is not a JSON object")
        original = payload
    else:
        original = document  # type: ignore[assignment]
    assertion, upgraded = upgrade(original)
    checks: list[Check] = [passed(CheckId.PARSE, "JWS payload is JSON" if token else "assertion is JSON")]
    method = _method(assertion, token)
    problem: Check | None = None

    if method == "hosted":
        assertion_id = assertion.get("id")
        if not isinstance(assertion_id, str) or not assertion_id.startswith(("http://", "https://")):
            problem = failed(CheckId.HOSTED, "hosted assertion without an HTTP(S) id to refetch")
        elif fetched_from != assertion_id:
            try:
                refetched = ctx.fetch.get_json(assertion_id)
            except FetchError as exc:
                if isinstance(exc, HTTPStatusError) and exc.status == 410:
                    verdict = gone_verdict(assertion_id, exc.body)
                    verdict.checks[:0] = checks
                    return verdict
                if is_transient(exc):
                    # Unreachable is not forged (OB 3.0 treats an unreachable key the same way).
                    problem = skipped(
                        CheckId.HOSTED,
                        f"the hosted assertion {_not_now(exc)}; the assertion as given was not refetched",
                    )
                else:
                    problem = failed(CheckId.HOSTED, f"could not refetch the hosted assertion: {exc.message}")
            else:
                if not isinstance(refetched, dict):
                    problem = failed(CheckId.HOSTED, "the hosted assertion is not a JSON object")
                else:
                    assertion, upgraded = upgrade(refetched)
                    if assertion.get("id") != assertion_id:
                        problem = failed(
                            CheckId.HOSTED, f"the document at {assertion_id} has id {assertion.get('id')!r}"
                        )
        if assertion.get("revoked") is True:
            reason = text_of(assertion.get("revocationReason"))
            checks.append(
                failed(
                    CheckId.REVOCATION,
                    "the hosted assertion says revoked: true" + (f" ({reason})" if reason else ""),
                )
            )
            return Verdict("ob2", checks)
    elif token is None:
        problem = failed(CheckId.PROOF, "a SignedBadge assertion given without its JWS cannot be verified")

    checks += [check_context(assertion, upgraded), check_type(assertion), check_schema(assertion)]
    found = resolve_badge(assertion, ctx)
    checks.append(check_issuer(found))

    if method == "hosted":
        if problem is not None:
            checks.append(problem)
        elif found.issuer is None:
            checks.append(skipped(CheckId.HOSTED, "issuer unresolved: the hosted scope cannot be checked"))
        else:
            ok, why = in_hosted_scope(str(assertion["id"]), found.issuer, ref_id(found.badge))
            checks.append(
                passed(CheckId.HOSTED, f"refetched from its id; {why}")
                if ok
                else failed(CheckId.HOSTED, f"outside the issuer's hosted scope: {why}")
            )
        if problem is None or problem.outcome != "fail":
            checks.append(
                passed(CheckId.REVOCATION, "the hosted assertion is live and not marked revoked")
                if problem is None
                else skipped(CheckId.REVOCATION, "not refetched, so revocation is unknown")
            )
    elif token is not None:
        checks += check_signature(token, found.issuer, assertion, ctx)
        checks.append(check_revocation_list(assertion, found.issuer, ctx))
    else:
        checks.append(problem)  # type: ignore[arg-type]

    recipient_check, matched = check_recipient(assertion, ctx)
    checks.append(recipient_check)
    checks += check_dates(assertion, ctx.at)
    return Verdict("ob2", checks, to_credential(assertion, found, matched))
