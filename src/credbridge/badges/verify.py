"""`badge verify`: whatever the input is, find the credential in it, hand it to its format
module and turn the Verdict into a report.

Inputs: a URL (badge page, assertion, credential, baked image), a file path (.json, .jwt,
.png, .svg, detected by content not by name), raw JSON or compact JWS text, or bytes (stdin).
OB 2.0 / 1.x assertions go to ob2.py; Verifiable Credentials (OB 3.0, CLR 2.0, VC-JWT) go to
the OB3 engineer's ob3.verify_ob3. Input that holds no credential raises InputError (exit 2);
a credential that fails its checks is a report with valid=False (exit 1).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import anyio.to_thread

from credbridge.badges.cache import HttpCache
from credbridge.badges.context import CheckId, Verdict, VerifyContext
from credbridge.badges.fetch import HTTPStatusError, SafeFetcher, load_json
from credbridge.badges.ob2 import as_list, decode_jws, gone_verdict, is_ob2, verify_ob2
from credbridge.badges.report import build_report, passed, warned
from credbridge.badges.resolve import JWS_PATTERN, Resolved, resolve
from credbridge.badges.unbake import Baked, is_png, looks_like_svg, unbake
from credbridge.errors import InputError
from credbridge.model import Check, Origin, Source, VerificationReport

MAX_FILE_BYTES = 10 * 1024 * 1024
CACHE_ENV = "CREDBRIDGE_CACHE"
"""Path of the HTTP cache file, or `off`; unset means the user cache directory."""


def make_fetcher(*, offline: bool, documents: Path | None, allow_loopback: bool) -> SafeFetcher:
    """The fetcher `verify` uses when none is given: with the persistent cache unless offline.

    Loopback runs (tests, local demos) get no persistent cache: what 127.0.0.1 served must not
    outlive them in the user's cache directory.
    """
    setting = os.environ.get(CACHE_ENV, "")
    cache = None
    if not offline and not allow_loopback and setting.lower() != "off":
        try:
            cache = HttpCache(Path(setting) if setting else None)
        except (OSError, sqlite3.Error):
            cache = None  # an unwritable cache directory only costs speed
    return SafeFetcher(offline=offline, documents=documents, allow_loopback=allow_loopback, cache=cache)


@contextmanager
def fetching(
    fetcher: SafeFetcher | None, *, offline: bool, documents: Path | None, allow_loopback: bool
) -> Iterator[SafeFetcher]:
    """The caller's fetcher as it is, or a new one that is closed, cache and all, afterwards."""
    if fetcher is not None:
        yield fetcher
        return
    own = make_fetcher(offline=offline, documents=documents, allow_loopback=allow_loopback)
    try:
        yield own
    finally:
        own.close()
        if own.cache is not None:
            own.cache.close()


def verify(
    data: str | bytes,
    *,
    documents: Path | None = None,
    recipient: str | None = None,
    at: datetime | None = None,
    offline: bool = False,
    allow_loopback: bool = False,
    fetcher: SafeFetcher | None = None,
    allow_files: bool = True,
) -> VerificationReport:
    """Verify one credential input (see the module docstring); `fetcher` overrides the network
    settings (tests use it for origin maps and small limits). `allow_files=False` refuses to
    read a string as a local file path (services must never open paths a client names)."""
    with fetching(fetcher, offline=offline, documents=documents, allow_loopback=allow_loopback) as fetch:
        now = at or datetime.now(UTC)
        ctx = VerifyContext(fetch=fetch, at=now, recipient=recipient, offline=fetch.offline)
        return verify_input(data, ctx, fetch, allow_files=allow_files)


async def averify(
    data: str | bytes,
    *,
    documents: Path | None = None,
    recipient: str | None = None,
    at: datetime | None = None,
    offline: bool = False,
    allow_loopback: bool = False,
    fetcher: SafeFetcher | None = None,
    allow_files: bool = False,
) -> VerificationReport:
    """`verify` for async callers (the API): runs in a worker thread, same arguments, except
    that by default it never reads a string as a local file path: a service's client must
    not be able to make it open /etc/passwd by sending it as a "URL"."""
    run = partial(
        verify,
        data,
        documents=documents,
        recipient=recipient,
        at=at,
        offline=offline,
        allow_loopback=allow_loopback,
        fetcher=fetcher,
        allow_files=allow_files,
    )
    return await anyio.to_thread.run_sync(run)


def verify_input(
    data: str | bytes, ctx: VerifyContext, fetcher: SafeFetcher, *, allow_files: bool = True
) -> VerificationReport:
    if isinstance(data, bytes):
        return _verify_bytes(data, ctx, fetcher, Source(origin=Origin.CREDENTIAL_FILE, file="-"), "-")
    text = data.strip()
    if text.startswith(("http://", "https://")):
        return verify_url(text, ctx, fetcher)
    if text.startswith(("{", "[")) or JWS_PATTERN.match(text):
        return _verify_text(text, ctx, fetcher, Source(origin=Origin.CREDENTIAL_FILE), "text")
    if not allow_files:
        raise InputError(f"{data[:200]!r} is not an http(s) URL, JSON or a compact JWS")
    path = Path(data)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):
        is_file = False
    if not is_file:
        raise InputError(f"{data[:200]!r} is not a URL, an existing file, JSON or a compact JWS")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{path}: over the {MAX_FILE_BYTES} byte limit for credential files")
    return _verify_bytes(
        path.read_bytes(), ctx, fetcher, Source(origin=Origin.CREDENTIAL_FILE, file=str(path)), str(path)
    )


def _verify_bytes(
    data: bytes, ctx: VerifyContext, fetcher: SafeFetcher, source: Source, label: str
) -> VerificationReport:
    if is_png(data) or looks_like_svg(data):
        baked = unbake(data)
        return _verify_baked(
            baked, ctx, fetcher, source.model_copy(update={"origin": Origin.BAKED_IMAGE}), label
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{label}: neither a PNG/SVG badge nor UTF-8 JSON or JWS text") from None
    return _verify_text(text.strip(), ctx, fetcher, source, label)


def _verify_text(
    text: str,
    ctx: VerifyContext,
    fetcher: SafeFetcher,
    source: Source,
    label: str,
    extra: list[Check] | None = None,
) -> VerificationReport:
    document: dict[str, Any] | str
    if text.startswith("{"):
        document = load_json(text, what=label)
    elif JWS_PATTERN.match(text):
        document = text
    else:
        raise InputError(f"{label}: neither JSON nor a compact JWS")
    verdict = dispatch(document, ctx)
    return _report(verdict, ctx, source, label, extra=extra)


def _verify_baked(
    baked: Baked,
    ctx: VerifyContext,
    fetcher: SafeFetcher,
    source: Source,
    label: str,
    before: list[Check] | None = None,
) -> VerificationReport:
    extra = [
        *(before or []),
        passed(CheckId.PARSE, f"unbaked {baked.version} data from a {baked.image.upper()} image"),
    ]
    extra += [warned(CheckId.PARSE, w) for w in baked.warnings]
    if baked.kind == "url":
        report = verify_url(baked.payload, ctx, fetcher, source=source, extra=extra)
        report.input = label
        return report
    return _verify_text(baked.payload, ctx, fetcher, source, label, extra=extra)


def dispatch(
    document: dict[str, Any] | str, ctx: VerifyContext, *, fetched_from: str | None = None
) -> Verdict:
    """Send a credential to the module for its format: OB 2.0 here, VCs to ob3."""
    if isinstance(document, str):
        header, payload = decode_jws(document)
        vc = isinstance(payload, dict) and (
            "vc" in payload
            or "credentialSubject" in payload
            or "VerifiableCredential" in as_list(payload.get("type"))
        )
        if not vc and is_ob2(payload):
            return verify_ob2(document, ctx)
        if not vc and not str(header.get("typ", "")).lower().endswith(("jwt", "vc+ld+json+jwt")):
            raise InputError("JWS payload is neither an Open Badges assertion nor a Verifiable Credential")
        return _ob3(document, ctx)
    if not isinstance(document, dict):
        raise InputError("JSON is not an object: expected an assertion or a credential")
    if is_ob2(document):
        return verify_ob2(document, ctx, fetched_from=fetched_from)
    if "VerifiableCredential" in as_list(document.get("type")) or "credentialSubject" in document:
        return _ob3(document, ctx)
    raise InputError("JSON is neither an Open Badges 2.0 assertion nor a Verifiable Credential")


def _ob3(document: dict[str, Any] | str, ctx: VerifyContext) -> Verdict:
    try:
        from credbridge.badges.ob3 import verify_ob3
    except ImportError:
        raise InputError("Open Badges 3.0 / Verifiable Credential verification is not available") from None
    return verify_ob3(document, ctx)


def verify_url(
    url: str,
    ctx: VerifyContext,
    fetcher: SafeFetcher,
    *,
    source: Source | None = None,
    extra: list[Check] | None = None,
) -> VerificationReport:
    """Resolve a link (badge page, assertion, image) and verify what it leads to."""
    source = source or Source(origin=Origin.BADGE_URL, url=url)
    try:
        found = resolve(url, fetcher)
    except HTTPStatusError as exc:
        if exc.status != 410:
            raise
        return _report(gone_verdict(exc.url, exc.body), ctx, source, url, url=url, extra=extra)
    report = report_resolved(found, ctx, fetcher, source, extra=extra)
    report.input = url
    return report


def report_resolved(
    found: Resolved,
    ctx: VerifyContext,
    fetcher: SafeFetcher,
    source: Source,
    extra: list[Check] | None = None,
) -> VerificationReport:
    checks = [*(extra or []), *found.checks]
    if found.baked is not None:
        report = _verify_baked(found.baked, ctx, fetcher, source, found.url, before=checks)
        report.platform = found.platform
        return report
    if found.document is None:
        report = _report(
            Verdict(format="", checks=[]),
            ctx,
            source,
            found.url,
            url=found.url,
            platform=found.platform,
            extra=checks,
        )
        report.format = None
        return report
    verdict = dispatch(found.document, ctx, fetched_from=found.fetched_from)
    return _report(
        verdict,
        ctx,
        source,
        found.url,
        url=found.fetched_from or found.url,
        platform=found.platform,
        extra=checks,
    )


def _report(
    verdict: Verdict,
    ctx: VerifyContext,
    source: Source,
    label: str,
    *,
    url: str | None = None,
    platform: str | None = None,
    extra: list[Check] | None = None,
) -> VerificationReport:
    report = build_report(verdict, at=ctx.at, input=label, url=url, platform=platform, extra_checks=extra)
    if report.credential is not None:
        report.credential.source = source
        if platform and report.credential.url is None:
            report.credential.url = source.url
    return report
