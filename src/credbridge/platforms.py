"""Recognise the credential platforms behind URLs: which platform, which credential, and
whether the platform publishes something a machine can verify.

The resume parser uses this to attach links to credentials and keep their IDs; the badge
resolver uses it to decide what to fetch. One table row per platform (hosts, a path pattern
with an ``id`` group, optionally a query parameter holding the id): adding a platform is one
line in ``PLATFORMS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit, urlunsplit

__all__ = ["PLATFORMS", "Platform", "PlatformLink", "clean_url", "recognise"]


@dataclass(frozen=True)
class PlatformLink:
    """A URL recognised as a credential on a known platform."""

    platform: str
    id: str | None
    url: str
    """The cleaned URL (tracking parameters removed)."""
    machine_readable: bool
    """True when the platform serves Open Badges (or similar) data a verifier can check."""


@dataclass(frozen=True)
class Platform:
    """One row of the table: how to recognise a platform's credential URLs.

    ``hosts`` match the host exactly or as a parent domain (``credly.com`` matches
    ``www.credly.com``); an empty tuple matches any host (Moodle, generic Open Badges hosts)
    and such rows are tried last. ``path`` is searched in the URL path; its ``id`` group, or
    else the first of the query parameters ``id_params`` present, is the credential's identifier.
    """

    name: str
    hosts: tuple[str, ...]
    path: str
    machine_readable: bool
    id_params: tuple[str, ...] = ()

    def match(self, host: str, path: str, query: dict[str, str]) -> tuple[bool, str | None]:
        """Whether a split URL belongs to this platform, and the id it carries."""
        if self.hosts and not any(host == h or host.endswith("." + h) for h in self.hosts):
            return False, None
        found = re.search(self.path, path, re.IGNORECASE)
        if not found:
            return False, None
        ident = found.groupdict().get("id")
        if self.id_params:
            lowered = {k.lower(): v for k, v in query.items()}
            wanted = next((lowered[p.lower()] for p in self.id_params if p.lower() in lowered), None)
            if wanted is None and ident is None:
                return False, None
            ident = ident or wanted
        return True, ident.strip("/") if ident else None


_UUID = r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}"
_TOKEN = r"[A-Za-z0-9_-]{4,}"

PLATFORMS: tuple[Platform, ...] = (
    Platform("credly", ("credly.com",), rf"^/(?:badges|earner/earned/badge)/(?P<id>{_UUID})", True),
    Platform("credly", ("credly.com",), rf"^/go/(?P<id>{_TOKEN})", True),
    Platform("youracclaim", ("youracclaim.com",), rf"^/(?:badges|earner/earned/badge)/(?P<id>{_UUID})", True),
    Platform("badgr", ("badgr.com", "badgr.io"), rf"/public/assertions/(?P<id>{_TOKEN})", True),
    Platform(
        "canvas_credentials", ("badges.instructure.com",), rf"/public/assertions/(?P<id>{_TOKEN})", True
    ),
    Platform("parchment", ("parchment.com",), rf"/public/assertions/(?P<id>{_TOKEN})", True),
    Platform(
        "openbadgefactory", ("openbadgefactory.com",), rf"/v1/assertion/(?P<id>{_TOKEN})(?:\.json)?$", True
    ),
    Platform("openbadgepassport", ("openbadgepassport.com",), r"/badge/info/(?P<id>\d+)", True),
    Platform("accredible", ("credential.net",), rf"^/(?P<id>{_TOKEN})/?$", False),
    Platform("accredible", ("accredible.com",), rf"/credentials/(?P<id>{_TOKEN})/?$", False),
    Platform(
        "coursera",
        ("coursera.org",),
        r"^/(?:account/accomplishments/(?:verify/|certificate/|specialization/(?:certificate/)?"
        r"|professional-cert/(?:certificate/)?)|verify/(?:specialization/|professional-cert/)?)"
        r"(?P<id>[A-Za-z0-9]{6,})",
        False,
    ),
    Platform(
        "edx", ("edx.org",), r"^/(?:certificates|credentials)/(?P<id>[0-9a-f]{16,}|[0-9a-f-]{32,})", False
    ),
    Platform(
        "microsoft_learn",
        ("learn.microsoft.com",),
        r"/(?:api/(?:credentials|achievements)/share/[a-z-]+/[^/]+|users/[^/]+/(?:credentials|achievements))"
        r"/(?P<id>[A-Za-z0-9-]+)",
        False,
    ),
    Platform("udemy", ("udemy.com",), r"^/certificate/(?P<id>UC-[0-9a-f-]+)", False),
    Platform("udemy", ("ude.my",), r"^/(?P<id>UC-[0-9a-f-]+)", False),
    Platform("linkedin_learning", ("linkedin.com",), r"^/learning/certificates/(?P<id>[0-9a-f]{16,})", False),
    Platform("hackerrank", ("hackerrank.com",), r"^/certificates/(?:iframe/)?(?P<id>[0-9a-f]{8,})", False),
    Platform("freecodecamp", ("freecodecamp.org",), r"^/certification/(?P<id>[^/]+/[^/]+)", False),
    Platform(
        "certmetrics",
        ("certmetrics.com",),
        rf"/verify/credential/(?P<id>{_TOKEN})|/public/(?:validation|verification)\.aspx",
        False,
        id_params=("ValidationNumber", "code"),
    ),
    Platform("comptia", ("comptia.org",), r"/(?:certifications/)?verif", False, id_params=("code",)),
    Platform("isc2", ("isc2.org",), r"member-?verification", False, id_params=("member", "number", "id")),
    Platform("pmi", ("pmi.org",), r"registry|certification-?verification", False, id_params=("id",)),
    # Host-agnostic rows: self-hosted Moodle sites and generic Open Badges assertion URLs.
    Platform("moodle", (), r"/badges/(?:badge|assertion)\.php$", True, id_params=("hash",)),
    Platform("moodle", (), r"/badges/assertion\.php$", True, id_params=("b",)),
    Platform(
        "openbadges",
        (),
        rf"/(?:ob/v[23]p?\d*/)?(?:public/)?assertions?/(?P<id>{_TOKEN})(?:\.json)?/?$",
        True,
    ),
)

_BY_PRIORITY = tuple(sorted(PLATFORMS, key=lambda p: not p.hosts))
"""Rows with hosts first: a host-agnostic pattern must never shadow a known platform."""

_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "trk",
        "trkinfo",
        "trackingid",
        "lipi",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "rb_clickid",
        "s_cid",
        "ref_src",
        "ref_url",
        "_ga",
        "_gl",
    }
)
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "mtm_", "hsa_")


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING_EXACT or key.startswith(_TRACKING_PREFIXES)


def clean_url(url: str) -> str:
    """Normalise a URL as found in a resume: add a missing scheme, lower-case the host, drop
    default ports and tracking parameters (utm_*, fbclid, gclid, trk, mc_*, ...), keep the
    parameters that mean something (Moodle's ``hash``, Microsoft's ``sharingId``)."""
    url = url.strip().strip("<>\"'")
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url.lstrip("/")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port not in (None, 80 if scheme == "http" else 443) else None
    netloc = f"{host}:{port}" if port else host
    # Filter the raw pairs rather than re-encoding them, so kept values stay byte-identical.
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not _is_tracking(pair.split("=", 1)[0])
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, parts.fragment))


def recognise(url: str) -> PlatformLink | None:
    """The platform and credential id of a credential URL, or None if it is not one we know.

    A bad URL (not parseable, not http(s)) is simply not recognised.
    """
    try:
        cleaned = clean_url(url)
        parts = urlsplit(cleaned)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    query = dict(parse_qsl(parts.query, keep_blank_values=False))
    for platform in _BY_PRIORITY:
        matched, ident = platform.match(host, parts.path, query)
        if matched:
            return PlatformLink(platform.name, ident, cleaned, platform.machine_readable)
    return None
