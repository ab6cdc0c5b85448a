"""Hiring-readiness lint for a badge: what an issuer should fix so employers can use it.

Verification says whether a badge is genuine; lint says whether it is *useful* to a hiring
platform. Each rule is a small named function returning a Check (warn with advice, or pass),
exactly like the verification checks, so the web page and the API show both the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from credbridge.badges.urls import scheme_of
from credbridge.model import Check, Credential

ESCO_PREFIX = "http://data.europa.eu/esco/"
_FRAMEWORK_HINTS = ("esco", "o*net", "onet", "onetonline", "onetcenter")

Rule = Callable[[Credential], Check]


def _ok(rule: str, message: str) -> Check:
    return Check(id=rule, outcome="pass", message=message)


def _warn(rule: str, message: str) -> Check:
    return Check(id=rule, outcome="warn", message=message)


def skills_alignment(credential: Credential) -> Check:
    if credential.alignments:
        return _ok("skills_alignment", f"{len(credential.alignments)} skill alignment(s).")
    return _warn(
        "skills_alignment",
        "No skills alignment: hiring platforms cannot tell what the earner can do. "
        "Add an alignment per skill (targetName, targetUrl) to the achievement.",
    )


def _has_framework_code(target_url: str | None, target_code: str | None, framework: str | None) -> bool:
    if target_url and target_url.startswith(ESCO_PREFIX):
        return True
    text = " ".join(filter(None, (target_url, framework))).lower()
    return bool(target_code) and any(hint in text for hint in _FRAMEWORK_HINTS)


def framework_codes(credential: Credential) -> Check:
    if not credential.alignments:
        return Check(id="framework_codes", outcome="skip", message="No alignments to look at.")
    missing = [
        a.target_name
        for a in credential.alignments
        if not _has_framework_code(a.target_url, a.target_code, a.target_framework)
    ]
    if not missing:
        return _ok("framework_codes", "Every alignment points into ESCO or O*NET.")
    return _warn(
        "framework_codes",
        f"{len(missing)} alignment(s) without an ESCO or O*NET code ({', '.join(missing[:5])}): "
        "set targetUrl to the ESCO skill URI (http://data.europa.eu/esco/skill/...) or targetCode "
        "to the O*NET code with targetFramework 'O*NET', so platforms can map them without guessing.",
    )


def expiry(credential: Credential) -> Check:
    if credential.expires or credential.no_expiry:
        return _ok("expiry", "The badge states its validity.")
    from credbridge.taxonomy.catalogue import lookup

    known = lookup(credential.name)
    if known and known.validity_months:
        return _warn(
            "expiry",
            f"No expiry, but {known.name} is usually valid for {known.validity_months} months: "
            "set validUntil (OB 3.0) or expires (OB 2.0) so employers can tell it is current.",
        )
    return _ok("expiry", "No expiry, and this credential is not known to expire.")


def criteria_narrative(credential: Credential) -> Check:
    if credential.criteria and credential.criteria.strip():
        return _ok("criteria_narrative", "Criteria are described.")
    return _warn(
        "criteria_narrative",
        "Criteria have no narrative: say in criteria.narrative what the earner had to do, "
        "so a recruiter can judge the badge without opening another page.",
    )


def recipient_hashed(credential: Credential) -> Check:
    recipient = credential.recipient
    if recipient is None or recipient.identity is None:
        return Check(id="recipient_hashed", outcome="skip", message="The badge names no recipient identity.")
    if recipient.hashed or (recipient.type or "").lower() in ("did", "url"):
        return _ok("recipient_hashed", "The recipient identity is not exposed in clear.")
    return _warn(
        "recipient_hashed",
        "The recipient's email is published in clear: hash it (sha256 with a salt) "
        "and set hashed: true, as Open Badges recommends.",
    )


def image(credential: Credential) -> Check:
    if credential.image:
        return _ok("image", "The badge has an image.")
    return _warn(
        "image",
        "No image: platforms that show badges will display a blank. Add an image to the achievement.",
    )


def https(credential: Credential) -> Check:
    urls = [credential.url, *credential.urls, credential.image, credential.issuer.id, credential.issuer.url]
    plain = sorted({u for u in urls if u and scheme_of(u) == "http"})
    if not plain:
        return _ok("https", "Every link uses HTTPS.")
    return _warn(
        "https",
        f"{len(plain)} link(s) use plain HTTP ({plain[0]}{', ...' if len(plain) > 1 else ''}): "
        "serve them over HTTPS; many platforms refuse or flag insecure links.",
    )


RULES: tuple[Rule, ...] = (
    skills_alignment,
    framework_codes,
    expiry,
    criteria_narrative,
    recipient_hashed,
    image,
    https,
)


def lint(credential: Credential) -> list[Check]:
    """Every rule's finding for one badge, in a stable order."""
    return [rule(credential) for rule in RULES]
