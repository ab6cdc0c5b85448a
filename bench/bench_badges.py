"""Badge verification speed through the whole `verify()` path (input detection, store or cache,
format module, report), and concurrent badge-link resolution for a resume.

1. Credentials verified per second, offline through the `--documents` store:
   OB 2.0 hosted (URL), OB 2.0 signed (RS256 JWS), OB 3.0 eddsa-rdfc-2022 and VC-JWT (the OB3
   engineer's fixtures, when present). "cold" builds a new fetcher per credential (every
   document read and parsed again); "warm" shares one fetcher (its per-run memo).
   Compared with the raw library underneath: joserfc's RS256 JWS verify of the same token.
2. OB 2.0 hosted online against a local HTTP server: cold (no HTTP cache) and with the SQLite
   cache warm (max-age responses are not refetched), as a ratio.
3. A resume with 10 badge links against a local server answering every request in 200 ms:
   resolve_profile (concurrent) versus the same links verified one after another.

The local server is tests/badgehost.py (a real threaded HTTP server on 127.0.0.1).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
from joserfc import jws
from joserfc.jwk import RSAKey

from credbridge.badges import resolve_profile, verify
from credbridge.badges.cache import HttpCache
from credbridge.badges.fetch import SafeFetcher
from credbridge.model import CandidateProfile, Credential

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from badgehost import BadgeHost  # noqa: E402  (the test host, reused as the bench server)

OB2 = ROOT / "fixtures/badges/ob2"
OB3 = ROOT / "fixtures/badges/ob3"
AT = datetime(2025, 6, 1, tzinfo=UTC)
OB3_AT = datetime(2026, 6, 1, tzinfo=UTC)
HOSTED = "https://issuer.example.org/assertions/hosted-1.json"
DELAY = 0.2


def rate(fn: Callable[[], object], budget: float = 1.5, at_least: int = 3) -> float:
    """Calls per second of fn over about `budget` seconds."""
    count, started = 0, time.perf_counter()
    while count < at_least or time.perf_counter() - started < budget:
        fn()
        count += 1
    return count / (time.perf_counter() - started)


def offline_cases() -> dict[str, tuple[str, Path, datetime]]:
    cases = {
        "OB 2.0 hosted (URL)": (HOSTED, OB2 / "documents", AT),
        "OB 2.0 signed (RS256 JWS)": (
            (OB2 / "signed/signed-ok.jws").read_text().strip(),
            OB2 / "documents",
            AT,
        ),
    }
    eddsa, jwt = OB3 / "credentials/eddsa-didkey.json", OB3 / "credentials/eddsa-didkey.jwt"
    if eddsa.exists():
        cases["OB 3.0 eddsa-rdfc-2022"] = (eddsa.read_text(), OB3 / "documents", OB3_AT)
    if jwt.exists():
        cases["OB 3.0 VC-JWT (EdDSA)"] = (jwt.read_text().strip(), OB3 / "documents", OB3_AT)
    return cases


def bench_offline() -> None:
    print("credentials verified per second, offline (--documents store):")
    for name, (data, documents, at) in offline_cases().items():
        assert verify(data, documents=documents, offline=True, at=at).valid, name
        cold = rate(lambda d=data, s=documents, a=at: verify(d, documents=s, offline=True, at=a))
        shared = SafeFetcher(offline=True, documents=documents)
        warm = rate(lambda d=data, a=at, f=shared: verify(d, at=a, fetcher=f))
        print(f"  {name:28s} cold {cold:8.1f}/s   warm {warm:8.1f}/s   warm/cold {warm / cold:4.1f}x")
    token = (OB2 / "signed/signed-ok.jws").read_text().strip()
    key_doc = json.loads((OB2 / "documents/issuer.example.org/keys/main.json").read_text())
    key = RSAKey.import_key(key_doc["publicKeyPem"])
    raw = rate(lambda: jws.deserialize_compact(token, key, algorithms=["RS256"]))
    shared = SafeFetcher(offline=True, documents=OB2 / "documents")
    ours = rate(lambda: verify(token, at=AT, fetcher=shared))
    print(
        f"  raw joserfc RS256 verify     {raw:8.1f}/s   verify() warm is {raw / ours:4.1f}x slower "
        "(issuer, key and revocation list lookups, checks, report)"
    )


def bench_online_cache() -> None:
    with BadgeHost() as host, tempfile.TemporaryDirectory() as tmp:
        host.add_tree(OB2 / "documents")
        for route in host.routes.values():
            route.headers = {"Cache-Control": "max-age=3600"}
        origins = host.origins()

        def cold() -> None:
            with SafeFetcher(allow_loopback=True, origins=origins) as fetcher:
                verify(HOSTED, at=AT, fetcher=fetcher)

        cache = HttpCache(Path(tmp) / "cache.sqlite3")

        def cached() -> None:
            with SafeFetcher(allow_loopback=True, origins=origins, cache=cache) as fetcher:
                verify(HOSTED, at=AT, fetcher=fetcher)

        documents = [
            HOSTED,
            "https://issuer.example.org/badges/python.json",
            "https://issuer.example.org/issuer.json",
        ]

        client = httpx.Client()

        def raw() -> None:
            for url in documents:
                json.loads(client.get(host.physical(url)).content)

        raw_rate, cold_rate = rate(raw), rate(cold)
        cached()
        hits_before = len(host.hits)
        cached_rate = rate(cached)
        print(
            f"OB 2.0 hosted over local HTTP: no cache {cold_rate:6.1f}/s, "
            f"SQLite cache warm {cached_rate:6.1f}/s "
            f"({cached_rate / cold_rate:4.1f}x; {len(host.hits) - hits_before} requests while cached)"
        )
        print(
            f"  raw httpx (one client) GET + json of the same 3 documents {raw_rate:6.1f}/s: "
            f"verify() without cache is {raw_rate / cold_rate:4.1f}x slower "
            "(fresh fetcher, SSRF checks, pinning, checks, report)"
        )
        client.close()
        cache.close()


def bench_concurrent_profile() -> None:
    with BadgeHost() as host:
        host.add_tree(OB2 / "documents")
        template = json.loads((OB2 / "documents/issuer.example.org/assertions/hosted-1.json").read_text())
        links = []
        for i in range(10):
            url = f"https://issuer.example.org/assertions/bench-{i}.json"
            host.add(url, json.dumps(template | {"id": url}))
            links.append(url)
        for route in host.routes.values():
            route.delay = DELAY
        origins = host.origins()
        profile = CandidateProfile(
            credentials=[Credential(name=f"Badge {i}", url=u) for i, u in enumerate(links)]
        )

        with SafeFetcher(allow_loopback=True, origins=origins) as fetcher:
            verify(links[0], at=AT, fetcher=fetcher)  # warm-up: lazy imports, first connections
        started = time.perf_counter()
        with SafeFetcher(allow_loopback=True, origins=origins) as fetcher:
            verify(links[1], at=AT, fetcher=fetcher)
        one = time.perf_counter() - started

        started = time.perf_counter()
        with SafeFetcher(allow_loopback=True, origins=origins) as fetcher:
            for url in links:
                verify(url, at=AT, fetcher=fetcher)
        sequential = time.perf_counter() - started

        started = time.perf_counter()
        with SafeFetcher(allow_loopback=True, origins=origins) as fetcher:
            resolved = resolve_profile(profile, at=AT, fetcher=fetcher)
        concurrent = time.perf_counter() - started
        verified = sum(c.verification.status == "verified" for c in resolved.credentials)
        print(
            f"resume with 10 badge links, server answers each request in {DELAY * 1000:.0f} ms "
            "(a hosted badge needs 3 requests: assertion, badge class, issuer):"
        )
        print(
            f"  one link {one * 1000:6.0f} ms | 10 links one after another {sequential * 1000:6.0f} ms | "
            f"resolve_profile {concurrent * 1000:6.0f} ms ({verified}/10 verified, "
            f"{concurrent / one:4.2f}x one link, {sequential / concurrent:4.1f}x faster than sequential, "
            f"max {host.max_in_flight} requests in flight)"
        )


def main() -> None:
    bench_offline()
    bench_online_cache()
    bench_concurrent_profile()


if __name__ == "__main__":
    main()
