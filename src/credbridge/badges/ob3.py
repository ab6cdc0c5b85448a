"""Open Badges 3.0 verification (and the checks CLR 2.0 shares), as a list of named checks.

Entry point: verify_ob3(document, ctx) for a parsed JSON-LD credential or a compact JWS
(VC-JWT). Each check is a small function of the parsed credential returning one Check, in the
order OB 3.0 section 9 verifies: conformance (context, type, schema), proof and key provenance,
status (revocation, validity period), recipient, and whether the result was actually earned.
VC Data Model 1.1 (issuanceDate/expirationDate) and 2.0 (validFrom/validUntil) are both read.

Nothing here touches the network or the clock: keys, DID documents and status lists come through
ctx.fetch, and every date is compared with ctx.at.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft4Validator

from credbridge.badges import dids, jsonld, proofs, status
from credbridge.badges import jwt as vcjwt
from credbridge.badges.context import CheckId, Verdict, VerifyContext
from credbridge.badges.instants import parse_instant
from credbridge.badges.recipient import matches
from credbridge.badges.report import failed, passed, skipped, warned
from credbridge.errors import CredbridgeError
from credbridge.model import Alignment, Check, Credential, CredentialKind, Issuer, Link, Recipient

VC1_CONTEXT = "https://www.w3.org/2018/credentials/v1"
VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT_PREFIXES = (
    "https://purl.imsglobal.org/spec/ob/v3p0/context",
    "https://imsglobal.github.io/openbadges-specification/context",
)
CLR2_CONTEXT_PREFIX = "https://purl.imsglobal.org/spec/clr/v2p0/context"
OB3_TYPES = ("OpenBadgeCredential", "AchievementCredential")
NOT_EARNED = ("Failed", "InProgress", "Withdrew")
NOT_FINAL = ("Enrolled", "OnHold", "Provisional")
_SCHEMAS = {
    "ob3": "ob_v3p0_achievementcredential_schema_draft4.json",
    "clr2": "clr_v2p0_clrcredential_schema_draft4.json",
}
_IDENTITY_TYPES = {"emailAddress": "email", "url": "url", "phone": "telephone", "did": "did"}


@dataclass
class Parsed:
    """One credential as the checks see it, with the proof outcome shared by later checks."""

    kind: str
    """ob3 or clr2."""
    credential: dict[str, Any]
    jwt: vcjwt.DecodedJwt | None = None
    proof: proofs.ProofOutcome | vcjwt.JwtOutcome | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def format(self) -> str:
        return self.kind + ("+jwt" if self.jwt else "")

    @property
    def subject(self) -> dict[str, Any]:
        subject = self.credential.get("credentialSubject")
        if isinstance(subject, list) and subject and isinstance(subject[0], dict):
            return subject[0]
        return subject if isinstance(subject, dict) else {}

    @property
    def issuer_id(self) -> str | None:
        return _id_of(self.credential.get("issuer"))


# --------------------------------------------------------------------------- small readers


def _id_of(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    return [t for t in _as_list(node.get("type")) if isinstance(t, str)]


def _text(value: Any) -> str | None:
    """A plain string from a string or a JSON-LD language map / value object."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("@value", "en", "en-US", "en-GB"):
            if isinstance(value.get(key), str):
                return value[key].strip() or None
        for item in value.values():
            if isinstance(item, str):
                return item.strip() or None
    return None



def _valid_from(credential: dict[str, Any]) -> tuple[str, Any]:
    if "validFrom" in credential:
        return "validFrom", credential["validFrom"]
    return "issuanceDate", credential.get("issuanceDate")


def _valid_until(credential: dict[str, Any]) -> tuple[str, Any]:
    if "validUntil" in credential:
        return "validUntil", credential["validUntil"]
    return "expirationDate", credential.get("expirationDate")


def _vc2(credential: dict[str, Any]) -> bool:
    contexts = jsonld.context_urls(credential)
    return bool(contexts) and contexts[0] == VC2_CONTEXT


# --------------------------------------------------------------------------- the checks


def check_context(parsed: Parsed) -> Check:
    contexts = jsonld.context_urls(parsed.credential)
    if not contexts:
        return failed(CheckId.CONTEXT, "no @context: an OB 3.0 credential must name its JSON-LD contexts")
    if contexts[0] not in (VC1_CONTEXT, VC2_CONTEXT):
        return failed(CheckId.CONTEXT, f"the first @context is {contexts[0]}, not the VC 1.1 or 2.0 context")
    if parsed.jwt is not None and parsed.jwt.vc_claim != (contexts[0] == VC1_CONTEXT):
        form = "a `vc` claim (VC 1.1)" if parsed.jwt.vc_claim else "no `vc` claim (VC 2.0)"
        return failed(CheckId.CONTEXT, f"the JWT has {form} but the first @context is {contexts[0]}")
    wanted = CLR2_CONTEXT_PREFIX if parsed.kind == "clr2" else OB3_CONTEXT_PREFIXES
    if not any(url.startswith(wanted) for url in contexts):
        what = "CLR 2.0" if parsed.kind == "clr2" else "Open Badges 3.0"
        return failed(CheckId.CONTEXT, f"the {what} JSON-LD context is missing from @context")
    unknown = jsonld.unknown_contexts(parsed.credential)
    if unknown:
        message = (
            f"unknown JSON-LD context(s) {', '.join(unknown)}: not shipped with credbridge, never fetched"
        )
        if parsed.jwt is not None:  # verified as JSON: a context cannot change what was signed
            return warned(CheckId.CONTEXT, message)
        return failed(CheckId.CONTEXT, message)
    version = "2.0" if contexts[0] == VC2_CONTEXT else "1.1"
    return passed(CheckId.CONTEXT, f"VC data model {version}; all {len(contexts)} contexts are known")


def check_type(parsed: Parsed) -> Check:
    types = _types(parsed.credential)
    wanted = ("ClrCredential",) if parsed.kind == "clr2" else OB3_TYPES
    if "VerifiableCredential" not in types:
        return failed(CheckId.TYPE, f"type {types} does not include VerifiableCredential")
    if not any(t in types for t in wanted):
        return failed(CheckId.TYPE, f"type {types} includes none of {', '.join(wanted)}")
    return passed(CheckId.TYPE, f"type is {', '.join(types)}")


@cache
def _validator(kind: str, vc2: bool) -> Draft4Validator:
    """The 1EdTech schema for kind; for VC 2.0 the same schema requiring validFrom for issuanceDate."""
    path = resources.files("credbridge.badges").joinpath("schemas", _SCHEMAS[kind])
    schema = json.loads(path.read_text("utf-8"))
    # OB 3.0 declares CredentialStatus extensible, and the W3C status entries (Bitstring,
    # StatusList2021) need statusListCredential & co; the draft-04 rendition closes it.
    schema.get("$defs", {}).get("CredentialStatus", {})["additionalProperties"] = True
    if vc2:
        _swap_required(schema)
    return Draft4Validator(schema)


def _swap_required(node: Any) -> None:
    if isinstance(node, dict):
        required = node.get("required")
        if isinstance(required, list) and "issuanceDate" in required:
            node["required"] = ["validFrom" if item == "issuanceDate" else item for item in required]
        for value in node.values():
            _swap_required(value)
    elif isinstance(node, list):
        for value in node:
            _swap_required(value)


def check_schema(parsed: Parsed) -> Check:
    subject = parsed.subject
    if not subject.get("id") and not subject.get("identifier"):
        return failed(CheckId.SCHEMA, "credentialSubject has neither an id nor an identifier")
    validator = _validator(parsed.kind, _vc2(parsed.credential))
    errors = sorted(validator.iter_errors(parsed.credential), key=lambda e: list(e.absolute_path))
    declared = any(
        isinstance(item, dict) and item.get("type") == "1EdTechJsonSchemaValidator2019"
        for item in _as_list(parsed.credential.get("credentialSchema"))
    )
    if not errors:
        return passed(CheckId.SCHEMA, "conforms to the 1EdTech JSON schema")
    where = "/".join(str(part) for part in errors[0].absolute_path) or "(top level)"
    summary = f"{len(errors)} JSON schema error(s); first at {where}: {errors[0].message}"
    if declared:  # OB 3.0 section 9.1: then the credential does not conform
        return failed(CheckId.SCHEMA, summary)
    return warned(CheckId.SCHEMA, summary + " (no credentialSchema declared, so not fatal)")


def check_proof(parsed: Parsed, ctx: VerifyContext) -> Check:
    if parsed.jwt is not None:
        parsed.proof = vcjwt.verify_signature(parsed.jwt, ctx)
    else:
        parsed.proof = proofs.verify_embedded(parsed.credential, ctx)
    return Check(id=CheckId.PROOF, outcome=parsed.proof.outcome, message=parsed.proof.message)  # type: ignore[arg-type]


def check_key_provenance(parsed: Parsed, ctx: VerifyContext) -> Check:
    outcome = parsed.proof
    issuer = parsed.issuer_id
    if outcome is None or outcome.outcome != "pass":
        return skipped(CheckId.KEY_PROVENANCE, "no verified proof, so no key to trace to the issuer")
    if not issuer:
        return failed(CheckId.KEY_PROVENANCE, "the credential names no issuer id to own the key")
    method = outcome.method
    trace = dids.trace_key(method, getattr(outcome, "jwk", None), issuer, ctx.fetch)
    key_id = method.id if method else None
    # An unavailable key set is a failure, not a skip, even offline: a bare JWK proves nothing
    # until the issuer's key set names it (OB 3.0 implementation guide: invalid if key provenance
    # cannot be verified).
    failures: dict[dids.TraceProblem, str] = {
        "controller": f"key {key_id} is controlled by {trace.detail}, not by the issuer {issuer}",
        "purpose": f"{issuer} does not list key {key_id} under assertionMethod, so it may not sign "
        "credentials",
        "no_key": "the proof's key names no controller",
        "unavailable": f"the key is not traceable to {issuer}: its published keys were unavailable "
        f"({trace.detail})",
        "untraceable": trace.detail,
        "marked": f"the issuer's key set marks this key as {trace.detail}'s",
        "unpublished": f"the signing key is not among the keys {issuer} publishes",
    }
    if trace.problem is not None:
        return failed(CheckId.KEY_PROVENANCE, failures[trace.problem])
    if method is not None and method.controller:
        return passed(CheckId.KEY_PROVENANCE, f"key {method.id} is controlled by the issuer {issuer}")
    return passed(CheckId.KEY_PROVENANCE, f"the signing key is in the key set {issuer} publishes")


def check_issuer(parsed: Parsed) -> Check:
    issuer = parsed.credential.get("issuer")
    issuer_id = _id_of(issuer)
    if not issuer_id or ":" not in issuer_id:
        return failed(CheckId.ISSUER, "the issuer has no id URI")
    name = _text(issuer.get("name")) if isinstance(issuer, dict) else None
    if not name:
        return warned(CheckId.ISSUER, f"issuer {issuer_id} has no name")
    return passed(CheckId.ISSUER, f"issued by {name} ({issuer_id})")


def recipients(subject: dict[str, Any]) -> list[Recipient]:
    """Every identity the subject names: its IdentityObjects (identifier[]) first, then its id.

    An IdentityObject's identityHash is the identity itself when `hashed` is false, and
    'sha256$' / 'md5$' + hex digest of identity and salt when it is true.
    """
    name = _text(subject.get("name"))
    found = []
    for identifier in _as_list(subject.get("identifier")):
        if isinstance(identifier, dict) and isinstance(identifier.get("identityHash"), str):
            kind = identifier.get("identityType")
            found.append(
                Recipient(
                    identity=identifier["identityHash"],
                    type=_IDENTITY_TYPES.get(kind, kind) if isinstance(kind, str) else None,
                    hashed=identifier.get("hashed") is True,
                    salt=_text(identifier.get("salt")),
                    name=name,
                )
            )
    subject_id = subject.get("id")
    if isinstance(subject_id, str):
        kind = "did" if subject_id.startswith("did:") else "url"
        kind = "email" if subject_id.startswith("mailto:") else kind
        found.append(Recipient(identity=subject_id.removeprefix("mailto:"), type=kind, name=name))
    return found


def recipient_matches(subject: dict[str, Any], known: str) -> bool:
    """Does the known identity (email, URL, DID, ...) match the subject's id or any identifier?"""
    return any(matches(recipient, known) for recipient in recipients(subject))


def check_recipient(parsed: Parsed, ctx: VerifyContext) -> Check:
    if ctx.recipient is None:
        return skipped(CheckId.RECIPIENT, "no expected recipient was given, so none was compared")
    if recipient_matches(parsed.subject, ctx.recipient):
        return passed(CheckId.RECIPIENT, "the expected recipient matches the credential subject")
    return failed(CheckId.RECIPIENT, "the credential was not issued to the expected recipient")


def check_issuance(parsed: Parsed, ctx: VerifyContext) -> Check:
    name, value = _valid_from(parsed.credential)
    if value is None:
        return failed(CheckId.ISSUANCE, "neither validFrom nor issuanceDate is given")
    instant = parse_instant(value)
    if instant is None:
        return failed(CheckId.ISSUANCE, f"{name} {value!r} is not a date-time")
    if instant > ctx.at:
        return failed(CheckId.ISSUANCE, f"not yet valid: {name} is {value}")
    return passed(CheckId.ISSUANCE, f"{name} {value}")


def check_expiry(parsed: Parsed, ctx: VerifyContext) -> Check:
    name, value = _valid_until(parsed.credential)
    if value is None:
        return passed(CheckId.EXPIRY, "no validUntil/expirationDate: does not expire")
    instant = parse_instant(value)
    if instant is None:
        return failed(CheckId.EXPIRY, f"{name} {value!r} is not a date-time")
    if instant < ctx.at:
        return failed(CheckId.EXPIRY, f"expired: {name} was {value}")
    return passed(CheckId.EXPIRY, f"valid until {value}")


def check_revocation(parsed: Parsed, ctx: VerifyContext) -> Check:
    outcome = status.check_status(parsed.credential, ctx)
    return Check(id=CheckId.REVOCATION, outcome=outcome.outcome, message=outcome.message)


def check_result_status(parsed: Parsed) -> Check:
    results = [result for result in _as_list(parsed.subject.get("result")) if isinstance(result, dict)]
    claims = [result.get("status") for result in results]
    statuses = [claimed for claimed in claims if isinstance(claimed, str)]
    bad = [s for s in statuses if s in NOT_EARNED]
    if bad:
        return failed(CheckId.RESULT_STATUS, f"not earned: a result's status is {', '.join(bad)}")
    pending = [s for s in statuses if s in NOT_FINAL]
    if pending:
        return warned(CheckId.RESULT_STATUS, f"result status {', '.join(pending)} is not final")
    if statuses:
        return passed(CheckId.RESULT_STATUS, f"result status {', '.join(statuses)}")
    return passed(CheckId.RESULT_STATUS, "no result status claims anything short of earned")


CHECKS: list[Callable[[Parsed, VerifyContext], Check]] = [
    lambda p, _: check_context(p),
    lambda p, _: check_type(p),
    lambda p, _: check_schema(p),
    check_proof,
    check_key_provenance,
    lambda p, _: check_issuer(p),
    check_recipient,
    check_issuance,
    check_expiry,
    check_revocation,
    lambda p, _: check_result_status(p),
]
"""In order: key provenance reads what the proof check found."""


# --------------------------------------------------------------------------- normalising


def _date(value: Any) -> str | None:
    instant = parse_instant(value)
    return instant.date().isoformat() if instant else None


def _alignment(node: Any) -> Alignment | None:
    if not isinstance(node, dict) or not _text(node.get("targetName")):
        return None
    return Alignment(
        target_name=_text(node.get("targetName")) or "",
        target_url=node.get("targetUrl") if isinstance(node.get("targetUrl"), str) else None,
        target_code=_text(node.get("targetCode")),
        target_framework=_text(node.get("targetFramework")),
        target_type=_text(node.get("targetType")),
        target_description=_text(node.get("targetDescription")),
    )


def _recipient(subject: dict[str, Any], ctx: VerifyContext) -> Recipient | None:
    """The subject's first identity (an IdentityObject before its id), matched against ctx."""
    found = recipients(subject)
    if not found:
        return None
    matched = recipient_matches(subject, ctx.recipient) if ctx.recipient else None
    return found[0].model_copy(update={"matched": matched})


def achievements(parsed: Parsed) -> list[dict[str, Any]]:
    return [a for a in _as_list(parsed.subject.get("achievement")) if isinstance(a, dict)]


def normalise(parsed: Parsed, ctx: VerifyContext) -> Credential:
    """The credential in credbridge's vocabulary (model.Credential), read from the JSON as issued."""
    vc = parsed.credential
    # A CLR's subject lists many achievements; the record itself is named by the CLR.
    achievement = next(iter(achievements(parsed)), {}) if parsed.kind == "ob3" else {}
    issuer = vc.get("issuer")
    issuer_obj = issuer if isinstance(issuer, dict) else {}
    alignments = [a for a in (_alignment(n) for n in _as_list(achievement.get("alignment"))) if a]
    criteria = achievement.get("criteria")
    evidence = [
        Link(url=_id_of(item), text=_text(item.get("name")) or _text(item.get("narrative")))
        for item in _as_list(vc.get("evidence"))
        if isinstance(item, dict)
    ]
    credential_id = vc.get("id") if isinstance(vc.get("id"), str) else None
    return Credential(
        kind=CredentialKind.OTHER if parsed.kind == "clr2" else CredentialKind.BADGE,
        name=_text(achievement.get("name")) or _text(vc.get("name")) or "Unnamed credential",
        issuer=Issuer(
            name=_text(issuer_obj.get("name")),
            id=_id_of(issuer),
            url=issuer_obj.get("url") if isinstance(issuer_obj.get("url"), str) else None,
            email=issuer_obj.get("email") if isinstance(issuer_obj.get("email"), str) else None,
        ),
        issued=_date(_valid_from(vc)[1]),
        expires=_date(_valid_until(vc)[1]),
        credential_id=credential_id,
        url=credential_id if credential_id and credential_id.startswith(("https://", "http://")) else None,
        description=_text(achievement.get("description")) or _text(vc.get("description")),
        criteria=_text(criteria.get("narrative")) or _id_of(criteria) if isinstance(criteria, dict) else None,
        image=_id_of(achievement.get("image")) or _id_of(vc.get("image")),
        skills=list(dict.fromkeys(a.target_name for a in alignments)),
        alignments=alignments,
        tags=[t for t in (_text(tag) for tag in _as_list(achievement.get("tag"))) if t],
        evidence=evidence,
        recipient=_recipient(parsed.subject, ctx),
    )


# --------------------------------------------------------------------------- entry point


MAX_DEPTH = 48
"""Real credentials nest about a dozen levels (a CLR with nested badges under 30); JSON-LD
expansion and schema validation recurse per level, so depth is capped before either runs."""


def _depth(value: Any) -> int:
    """Nesting depth of JSON, iteratively (a recursive walk would itself hit the stack limit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        if isinstance(node, dict):
            stack.extend((child, level + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, level + 1) for child in node)
    return deepest


def kind_of(credential: dict[str, Any]) -> str:
    return "clr2" if "ClrCredential" in _types(credential) else "ob3"


def parse(document: dict[str, Any] | str) -> Parsed | Check:
    """Read a JSON object, JSON text or compact JWS into a Parsed credential, or a failed parse check."""
    decoded: vcjwt.DecodedJwt | None = None
    if isinstance(document, bytes | bytearray):
        try:
            document = document.decode("utf-8")
        except UnicodeDecodeError:
            return failed(CheckId.PARSE, "the credential is not UTF-8 text")
    if isinstance(document, str):
        text = document.strip()
        if text.startswith("{"):
            try:
                document = json.loads(text)
            except ValueError as error:
                return failed(CheckId.PARSE, f"the credential is not valid JSON: {error}")
        else:
            try:
                decoded = vcjwt.decode(text)
            except CredbridgeError as error:
                return failed(CheckId.PARSE, f"malformed VC-JWT: {error.message}")
            document = decoded.credential
    if not isinstance(document, dict):
        return failed(CheckId.PARSE, "the credential is not a JSON object")
    if _depth(document) > MAX_DEPTH:
        return failed(CheckId.PARSE, f"the credential nests deeper than {MAX_DEPTH} levels")
    return Parsed(kind=kind_of(document), credential=document, jwt=decoded)


def run_checks(parsed: Parsed, ctx: VerifyContext) -> list[Check]:
    checks = [passed(CheckId.PARSE, "VC-JWT decoded" if parsed.jwt else "JSON-LD credential read")]
    checks.extend(check(parsed, ctx) for check in CHECKS)
    return checks


def verify_ob3(document: dict[str, Any] | str, ctx: VerifyContext) -> Verdict:
    """Verify an Open Badges 3.0 credential (or hand a ClrCredential to badges.clr); never raises."""
    parsed = parse(document)
    if isinstance(parsed, Check):
        as_jwt = isinstance(document, str) and not document.lstrip().startswith("{")
        return Verdict(format="ob3+jwt" if as_jwt else "ob3", checks=[parsed])
    if parsed.kind == "clr2":
        from credbridge.badges.clr import verify_clr

        return verify_clr(parsed, ctx)
    return Verdict(
        format=parsed.format,
        checks=run_checks(parsed, ctx),
        credential=normalise(parsed, ctx),
        document=parsed.credential,
    )
