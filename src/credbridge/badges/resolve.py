"""From a link a person pasted to something a machine can verify.

A badge page is usually HTML for humans. For the platforms we know, the machine-readable
endpoint is derived from the page URL (Credly's OBI API, Badgr / Canvas Credentials /
Parchment's `?v=2_0` JSON, Moodle's assertion.php, Open Badge Factory's `.json`); every other
URL is asked for JSON-LD, JSON or a badge image with an Accept header. When HTML comes back
anyway, its alternate links, embedded JSON-LD and OpenGraph tags are read and one more fetch is
tried. Platforms that publish nothing machine-readable (Accredible, Coursera, edX, Microsoft
Learn, Udemy, ...) are only checked for being live.

The endpoints keep their real hosts; tests and benches serve those hosts from 127.0.0.1 with
SafeFetcher's `origins` map, which goes through the same SSRF checks as everything else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup

from credbridge.badges.context import CheckId
from credbridge.badges.fetch import JSON_TYPES, OfflineError, Response, SafeFetcher, load_json
from credbridge.badges.ob2 import as_list, is_ob2
from credbridge.badges.report import passed, warned
from credbridge.badges.unbake import Baked, unbake
from credbridge.badges.urls import join, split
from credbridge.errors import FetchError, InputError
from credbridge.model import Check
from credbridge.platforms import PlatformLink, recognise

NEGOTIATE = (
    "application/ld+json, application/json;q=0.9, image/png;q=0.8, image/svg+xml;q=0.8, "
    "text/html;q=0.5, */*;q=0.1"
)
JWS_PATTERN = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_ALTERNATE_TYPES = (*JSON_TYPES, "image/png", "image/svg+xml")


@dataclass
class Resolved:
    """What a link led to: a credential document (dict, JWS or baked image), or nothing."""

    url: str
    platform: str | None = None
    document: dict[str, Any] | str | None = None
    fetched_from: str | None = None
    baked: Baked | None = None
    checks: list[Check] = field(default_factory=list)
    live: bool | None = None


def is_credential(document: Any) -> bool:
    """An OB 2.0 assertion or a Verifiable Credential (OB 3.0, CLR 2.0)."""
    if not isinstance(document, dict):
        return False
    types = as_list(document.get("type"))
    return is_ob2(document) or "VerifiableCredential" in types or "credentialSubject" in document


def endpoints(link: PlatformLink | None) -> list[str]:
    """Machine-readable endpoints for a recognised badge page, best first (may be empty)."""
    if link is None or link.id is None or not link.machine_readable:
        return []
    parts = split(link.url)
    if parts is None:
        return []
    origin = f"{parts.scheme}://{parts.netloc}"
    if link.platform in ("credly", "youracclaim") and "-" in link.id:
        return [f"https://api.credly.com/v1/obi/v2/badge_assertions/{link.id}"]
    if link.platform in ("badgr", "canvas_credentials", "parchment"):
        api = "https://api.badgr.io" if link.platform == "badgr" else origin
        return [f"{api}/public/assertions/{link.id}?v=2_0&expand=badge&expand=badge.issuer"]
    if link.platform == "moodle":
        folder = parts.path.rsplit("/", 1)[0]
        return [f"{origin}{folder}/assertion.php?b={link.id}&obversion=2"]
    if link.platform == "openbadgefactory":
        return [f"{origin}/v1/assertion/{link.id}.json"]
    return []


def _read(response: Response) -> tuple[dict[str, Any] | str | None, Baked | None]:
    """A credential document or baked image in a response, or (None, None) for anything else."""
    body, kind = response.body, response.content_type
    if kind in ("image/png", "image/svg+xml") or body.startswith(b"\x89PNG"):
        return None, unbake(body)
    text = body.decode("utf-8", errors="replace").strip()
    if kind in JSON_TYPES or kind.endswith("+json") or text.startswith("{"):
        document = load_json(body, what=response.url)
        return (document, None) if is_credential(document) else (None, None)
    if JWS_PATTERN.match(text):
        return text, None
    return None, None


def read_html(body: bytes, base: str) -> tuple[dict[str, Any] | None, list[str]]:
    """Embedded JSON-LD credential, or the URLs an HTML page points machines to (best first)."""
    soup = BeautifulSoup(body, "html.parser")
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, RecursionError):
            continue
        for item in as_list(data.get("@graph") if isinstance(data, dict) and "@graph" in data else data):
            if is_credential(item):
                return item, []
    links = [
        tag.get("href")
        for tag in soup.find_all("link", href=True)
        if "alternate" in (tag.get("rel") or [])
        # type is not a multi-valued attribute: bs4 gives it as a str (or None when absent)
        and isinstance(kind := tag.get("type"), str)
        and kind.lower() in _ALTERNATE_TYPES
    ]
    for prop in ("og:image", "og:url"):
        meta = soup.find("meta", attrs={"property": prop})
        if meta and meta.get("content"):
            links.append(meta["content"])
    seen = [joined for joined in (join(base, str(u)) for u in links if u) if joined]
    return None, [u for u in dict.fromkeys(seen) if u.startswith(("http://", "https://")) and u != base]


def _liveness(url: str, fetcher: SafeFetcher) -> tuple[bool | None, str]:
    try:
        fetcher.fetch(url, accept="text/html, */*;q=0.5")
    except OfflineError:
        return None, "offline: not checked whether the page is live"
    except FetchError as exc:
        return False, f"the page is not live ({exc.message})"
    return True, "the page is live"


def resolve(url: str, fetcher: SafeFetcher) -> Resolved:
    """Follow a badge link to its credential; raise FetchError / InputError when it leads nowhere."""
    link = recognise(url)
    found = Resolved(url=link.url if link else url, platform=link.platform if link else None)
    if link is not None and not link.machine_readable:
        found.live, why = _liveness(found.url, fetcher)
        found.checks.append(
            warned(
                CheckId.PLATFORM,
                f"{link.platform} publishes no machine-readable badge; {why}; "
                "nothing was cryptographically verified",
            )
        )
        return found
    errors: list[str] = []
    candidates = [*endpoints(link), found.url]
    for candidate in candidates:
        try:
            response = fetcher.fetch(candidate, accept=NEGOTIATE)
        except FetchError as exc:
            if candidate == found.url or getattr(exc, "status", None) == 410:
                if isinstance(exc, OfflineError) and errors:
                    raise OfflineError(f"{errors[0]}; {exc.message}") from None
                raise
            errors.append(exc.message)
            continue
        if _take(found, response, fetcher, allow_html=True):
            if link is not None:
                found.checks.insert(
                    0, passed(CheckId.PLATFORM, f"{link.platform} badge; read from {found.fetched_from}")
                )
            return found
        if response.url != candidate:
            # A share link (credly.com/go/..., a URL shortener) redirected to a page we know.
            landed = recognise(response.url)
            candidates += [e for e in endpoints(landed) if e not in candidates]
            if link is None and landed is not None:
                link, found.platform = landed, landed.platform
    if link is not None:
        found.live = True
        found.checks.append(
            warned(
                CheckId.PLATFORM,
                f"{link.platform} page is live but published no machine-readable badge"
                + (f" ({'; '.join(errors)})" if errors else "")
                + "; nothing was cryptographically verified",
            )
        )
        return found
    raise InputError(f"{url}: no Open Badge or credential found (not JSON, a JWS or a baked image)")


def _take(found: Resolved, response: Response, fetcher: SafeFetcher, *, allow_html: bool) -> bool:
    """Put what `response` holds into `found`; follow an HTML page's pointers once."""
    document, baked = _read(response)
    if document is not None or baked is not None:
        found.document, found.baked, found.fetched_from = document, baked, response.url
        return True
    if not allow_html or response.content_type != "text/html":
        return False
    embedded, pointers = read_html(response.body, response.url)
    if embedded is not None:
        found.document, found.fetched_from = embedded, response.url
        found.checks.append(
            passed(CheckId.PARSE, f"credential embedded as JSON-LD in the page {response.url}")
        )
        return True
    for pointer in pointers:
        try:
            if _take(found, fetcher.fetch(pointer, accept=NEGOTIATE), fetcher, allow_html=False):
                return True
        except (FetchError, InputError):
            continue
    return False
