"""Regression tests for the badge-side crashes and slow paths of issue 13.

Every input here once raised an exception past the badge code (a CLI traceback, an HTTP 500)
or took seconds of CPU; now each is a failed check or one of credbridge's own errors.
"""

from __future__ import annotations

import copy
import ipaddress
import json
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from test_badges_defects import _resign
from test_badges_ob3 import check, context, load

from credbridge.badges import dids, jsonld
from credbridge.badges.context import CheckId
from credbridge.badges.fetch import SafeFetcher, address_problem, refuse_literal
from credbridge.badges.ob3 import verify_ob3
from credbridge.badges.report import status_of
from credbridge.badges.store import DocumentStore
from credbridge.badges.unbake import unbake
from credbridge.badges.verify import verify
from credbridge.errors import InputError, UnsafeURL
from credbridge.model import VerificationStatus

ROOT = Path(__file__).resolve().parent.parent
OB2_DOCS = ROOT / "fixtures" / "badges" / "ob2" / "documents"
HOSTED = json.loads((OB2_DOCS / "issuer.example.org" / "assertions" / "hosted-1.json").read_text())
AT = datetime(2025, 6, 1, tzinfo=UTC)
BROKEN_URL = "http://[abc/x"
LONG_HOST_URL = "https://" + "a" * 2048 + ".example/x"


def _hosted(**changes: Any) -> str:
    assertion = copy.deepcopy(HOSTED)
    assertion.update(changes)
    return json.dumps(assertion)


# --------------------------------------------------------------------------- malformed URLs


@pytest.mark.parametrize(
    ("field", "offline"), [("id", True), ("id", False), ("badge", False), ("image", False)]
)
def test_malformed_bracketed_host_is_a_failed_check_not_a_traceback(
    field: str, offline: bool, tmp_path: Path
) -> None:
    """urlsplit raises ValueError for `http://[abc/x`: in lint, the store and the fetcher."""
    documents = OB2_DOCS if offline else tmp_path  # online: nothing stored, nothing reachable
    origins = {"https://issuer.example.org": "http://127.0.0.1:9/issuer.example.org"}
    fetcher = SafeFetcher(offline=offline, documents=documents, allow_loopback=True, origins=origins)
    with fetcher:
        report = verify(_hosted(**{field: BROKEN_URL}), fetcher=fetcher, at=AT)
    assert report.checks  # a report, not an exception
    if field == "id":  # the assertion cannot be refetched from a URL that cannot be parsed
        assert report.status == VerificationStatus.INVALID
        assert "not a usable URL" in " ".join(c.message for c in report.checks)


def test_malformed_url_is_refused_by_the_fetcher_and_absent_from_the_store(tmp_path: Path) -> None:
    with SafeFetcher(offline=True, documents=tmp_path) as fetcher, pytest.raises(UnsafeURL):
        fetcher.get_json(BROKEN_URL)
    assert DocumentStore(tmp_path, max_bytes=1024).lookup(BROKEN_URL) is None


def test_a_2_kb_host_name_is_not_in_the_document_store(tmp_path: Path) -> None:
    """A host name longer than a file name may be gave OSError (name too long)."""
    assert DocumentStore(tmp_path, max_bytes=1024).lookup(LONG_HOST_URL) is None
    report = verify(_hosted(id=LONG_HOST_URL), offline=True, documents=tmp_path, at=AT)
    assert report.status == VerificationStatus.UNVERIFIED


def test_malformed_url_as_the_issuer_of_a_jwt_is_a_failed_check() -> None:
    """Key provenance of a `jwk`-header VC-JWT looks the issuer's key set up by its URL."""

    def break_issuer(claims: dict[str, Any]) -> None:
        claims["iss"] = claims["vc"]["issuer"]["id"] = BROKEN_URL

    verdict = verify_ob3(_resign(load("es256-jwk-vc1.jwt"), "web-p256", "ES256", break_issuer), context())
    assert check(verdict, CheckId.PROOF).outcome == "pass"
    assert check(verdict, CheckId.KEY_PROVENANCE).outcome == "fail"
    assert status_of(verdict.checks) == VerificationStatus.INVALID


# --------------------------------------------------------------------------- JSON-LD


def test_context_url_pyld_cannot_resolve_is_a_failed_check() -> None:
    """`https>//...` made pyld raise a bare ValueError out of canonicalisation."""
    document = load("eddsa-didkey.json")
    document["@context"].append("https>//contexts.example/x")
    verdict = verify_ob3(document, context())
    assert check(verdict, CheckId.CONTEXT).outcome == "fail"
    assert check(verdict, CheckId.PROOF).outcome == "fail"
    with pytest.raises(InputError):
        jsonld.canonize({"@context": "https>//contexts.example/x", "name": "x"})


def test_each_thread_has_its_own_resolved_context_cache() -> None:
    """pyld's resolved contexts carry unlocked LRU caches: they must not be shared by threads."""
    seen: list[int] = []

    def record() -> None:
        jsonld.canonize({"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiableCredential"})
        seen.append(id(jsonld._RESOLVED.cache))

    threads = [threading.Thread(target=record) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == 2


def test_concurrent_canonicalisation_does_not_race() -> None:
    """1 in 2,000 API requests got a 500 from pyld's shared cache (KeyError, "OrderedDict
    mutated during iteration"); switching threads every microsecond makes the race likely."""
    names = ("eddsa-didkey.json", "eddsa-2022-vc1.json", "onedtech-not-revoked.json")
    documents = [load(name) for name in names]
    errors: list[str] = []

    def work(worker: int) -> None:
        for i in range(40):
            document = copy.deepcopy(documents[(i + worker) % len(documents)])
            document.pop("proof", None)
            # a different inline context each time, so pyld's processed-context caches evict
            document["@context"] = [*document["@context"], {f"x{(i * 7 + worker) % 30}": "https://example.org/x"}]
            try:
                jsonld.canonize(document)
            except Exception as error:  # any escape is the failure under test
                errors.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _round in range(2):
            threads = [threading.Thread(target=work, args=(worker,)) for worker in range(12)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []


# --------------------------------------------------------------------------- base58


def test_long_base58_values_are_refused_before_decoding() -> None:
    """Base58 decoding is quadratic: 200,000 digits took 28 s."""
    started = time.perf_counter()
    with pytest.raises(dids.KeyResolutionError, match="too long"):
        dids.multibase_decode("z" + "2" * 200_000)
    with pytest.raises(dids.KeyResolutionError, match="too long"):
        dids.resolve("did:key:z" + "2" * 200_000, context().fetch)
    assert time.perf_counter() - started < 1


def test_long_proof_value_is_a_failed_proof_said_as_such() -> None:
    document = load("eddsa-didkey.json")
    document["proof"]["proofValue"] = "z" + "2" * 100_000
    started = time.perf_counter()
    result = check(verify_ob3(document, context()), CheckId.PROOF)
    assert result.outcome == "fail" and "too long" in result.message
    assert time.perf_counter() - started < 2


# --------------------------------------------------------------------------- SVG encodings


@pytest.mark.parametrize("encoding", ["UTF-6", "euc-jp", "utf-7", "x-no-such-codec"])
def test_svg_declaring_an_unreadable_encoding_is_an_input_error(encoding: str) -> None:
    svg = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
        '<openbadges:assertion verify="https://issuer.example.org/assertions/hosted-1.json"/></svg>'
    ).encode()
    with pytest.raises(InputError, match="encoding"):
        unbake(svg)


# --------------------------------------------------------------------------- SSRF guard


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("::127.0.0.2", "IPv4-compatible"),
        ("::10.0.0.1", "IPv4-compatible"),
        ("::ffff:0:127.0.0.1", "IPv4-translated"),
        ("::ffff:0:a00:1", "IPv4-translated"),
        ("fec0::1", "site-local"),
        ("feff::1", "site-local"),
        ("5f00::1", "global unicast"),
        ("3fff::1", "global unicast"),
    ],
)
def test_ipv6_forms_python_calls_global_are_refused(address: str, reason: str) -> None:
    problem = address_problem(ipaddress.ip_address(address))
    assert problem is not None and reason in problem
    with pytest.raises(UnsafeURL):
        refuse_literal(f"[{address}]", allow_loopback=True)
