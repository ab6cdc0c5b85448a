"""Open Badges 3.0 verification speed, offline: credentials verified per second.

- OB 3.0 eddsa-rdfc-2022 (did:key issuer, Bitstring status list): cold (first verify in a fresh
  state: shipped contexts, resolved-context cache and JSON schema not yet loaded) and cached.
- VC-JWT: EdDSA with a did:key kid, and RS256 with a kid URL served by the fetcher.

Each is compared with the raw library underneath on the same bytes: cryptography's Ed25519
verify of the 64-byte Data Integrity signing input (so the ratio is the price of JSON-LD
canonicalisation and the other checks), and cryptography's RSA verify of the JWS signing input.
Documents come from an in-memory fetcher over fixtures/badges/ob3/documents (no network).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from joserfc.jwk import RSAKey

from credbridge.badges import dids, jsonld, ob3, proofs
from credbridge.badges.context import VerifyContext
from credbridge.errors import FetchError

OB3 = Path(__file__).resolve().parent.parent / "fixtures" / "badges" / "ob3"
AT = datetime(2026, 6, 1, tzinfo=UTC)


class MemoryFetcher:
    """The fixture documents tree as a dict: what a warm HTTP cache would answer."""

    def __init__(self) -> None:
        root = OB3 / "documents"
        self.docs = {
            "https://" + p.relative_to(root).as_posix(): json.loads(p.read_text())
            for p in root.rglob("*")
            if p.is_file()
        }

    def get_json(self, url: str) -> Any:
        if url not in self.docs:
            raise FetchError(f"{url} not in the fixture tree")
        return self.docs[url]

    def get_bytes(self, url: str, *, accept: str | None = None) -> bytes:
        return json.dumps(self.get_json(url)).encode()


def rate(fn: Callable[[], object], budget: float = 1.5, at_least: int = 3) -> float:
    """Calls per second of fn over about `budget` seconds."""
    count, started = 0, time.perf_counter()
    while count < at_least or time.perf_counter() - started < budget:
        fn()
        count += 1
    return count / (time.perf_counter() - started)


def cold_state() -> None:
    """Forget everything verification caches between credentials in one process."""
    jsonld._RESOLVED.clear()
    jsonld._context_document.cache_clear()
    ob3._validator.cache_clear()
    proofs._SHARED_INPUTS.clear()


def main() -> None:
    ctx = VerifyContext(fetch=MemoryFetcher(), at=AT)
    credential = json.loads((OB3 / "credentials" / "eddsa-didkey.json").read_text())
    eddsa_jwt = (OB3 / "credentials" / "eddsa-didkey.jwt").read_text().strip()
    rs256_jwt = (OB3 / "credentials" / "rs256-kid.jwt").read_text().strip()

    def verify(document: Any) -> Callable[[], object]:
        def run() -> object:
            verdict = ob3.verify_ob3(document, ctx)
            assert all(c.outcome in ("pass", "skip") for c in verdict.checks), verdict.checks
            return verdict

        return run

    def cold() -> None:
        cold_state()
        verify(credential)()

    cold_rate = rate(cold, budget=3.0)
    warm_rate = rate(verify(credential))
    # the raw floor: Ed25519 verify of the very bytes the proof signs
    data = proofs.signing_input(credential, credential["proof"])
    key = Ed25519PublicKey.from_public_bytes(
        dids.b64url_decode(dids.resolve(credential["proof"]["verificationMethod"], ctx.fetch).jwk["x"])
    )
    signature = dids.multibase_decode(credential["proof"]["proofValue"])
    raw_ed = rate(lambda: key.verify(signature, data))
    canon = rate(lambda: proofs.signing_input(credential, credential["proof"]))

    jwt_eddsa = rate(verify(eddsa_jwt))
    jwt_rs256 = rate(verify(rs256_jwt))
    head, payload, sig = rs256_jwt.split(".")
    rsa = RSAKey.import_key(ctx.fetch.get_json("https://issuer.example/keys/rsa-1")).public_key
    raw_sig, signed = dids.b64url_decode(sig), f"{head}.{payload}".encode()
    raw_rsa = rate(lambda: rsa.verify(raw_sig, signed, padding.PKCS1v15(), hashes.SHA256()))

    print(f"{'case':<44}{'per second':>12}{'raw/ours':>10}")
    rows = [
        ("OB 3.0 eddsa-rdfc-2022, cold (first verify)", cold_rate, raw_ed),
        ("OB 3.0 eddsa-rdfc-2022, cached", warm_rate, raw_ed),
        ("  of which RDFC-1.0 canonicalisation x2", canon, raw_ed),
        ("  raw cryptography Ed25519 verify", raw_ed, raw_ed),
        ("VC-JWT EdDSA (did:key kid), cached", jwt_eddsa, raw_ed),
        ("VC-JWT RS256 (kid URL), cached", jwt_rs256, raw_rsa),
        ("  raw cryptography RSA-2048 PKCS1v15 verify", raw_rsa, raw_rsa),
    ]
    for name, value, raw in rows:
        print(f"{name:<44}{value:>12,.1f}{raw / value:>10.1f}")


if __name__ == "__main__":
    main()
