"""OB 3.0 / VC-JWT / CLR 2.0 end to end: through badges.verify, the CLI, and a real HTTP host.

Files are the signed fixtures of fixtures/badges/ob3 (JSON, JWT, baked PNG and SVG); the issuer's
documents come either from the `--documents` store or from a threaded HTTP server on 127.0.0.1
standing in for issuer.example and status.example. The clock is pinned with `at` / `--at`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from badgehost import BadgeHost

from credbridge.badges.fetch import SafeFetcher
from credbridge.badges.verify import verify

OB3 = Path(__file__).resolve().parent.parent / "fixtures" / "badges" / "ob3"
DOCUMENTS = OB3 / "documents"
AT = datetime(2026, 6, 1, tzinfo=UTC)
RECIPIENT = "ada@learner.example"


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("credentials/eddsa-didkey.json", "ob3"),
        ("credentials/ed25519-2020-didweb-vc1.json", "ob3"),
        ("credentials/rs256-kid.jwt", "ob3+jwt"),
        ("credentials/clr.json", "clr2"),
        ("baked/eddsa-didkey.png", "ob3"),
        ("baked/rs256-kid.svg", "ob3+jwt"),
        ("test-vector/signed-credential.json", "ob3"),
    ],
)
def test_files_verify_offline_from_the_documents_store(path: str, fmt: str) -> None:
    report = verify(str(OB3 / path), documents=DOCUMENTS, offline=True, at=AT)
    assert report.valid, report.checks
    assert report.status == "verified"
    assert report.format == fmt
    assert report.method == "signed"
    assert report.credential is not None and report.credential.issuer.id


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("tampered.json", "invalid"),
        ("tampered.jwt", "invalid"),
        ("foreign-key.json", "invalid"),
        ("expired.json", "expired"),
        ("revoked-bitstring.json", "revoked"),
        ("revoked-sl2021.json", "revoked"),
        ("revoked-1edtech.json", "revoked"),
        ("result-failed.json", "not_earned"),
        ("clr-bad-nested.json", "invalid"),
    ],
)
def test_bad_files_get_the_right_status(name: str, status: str) -> None:
    report = verify(str(OB3 / "credentials" / name), documents=DOCUMENTS, offline=True, at=AT)
    assert not report.valid
    assert report.status == status


def test_recipient_is_matched_end_to_end() -> None:
    path = str(OB3 / "credentials" / "eddsa-didkey.json")
    good = verify(path, documents=DOCUMENTS, offline=True, at=AT, recipient=RECIPIENT)
    bad = verify(path, documents=DOCUMENTS, offline=True, at=AT, recipient="eve@elsewhere.example")
    assert good.valid and good.credential.recipient.matched is True
    assert not bad.valid and bad.status == "invalid"


def test_did_web_keys_and_status_lists_are_fetched_over_http() -> None:
    with BadgeHost() as host:
        host.add_tree(DOCUMENTS)
        fetcher = SafeFetcher(allow_loopback=True, origins=host.origins())
        try:
            report = verify(str(OB3 / "credentials" / "revoked-sl2021.json"), fetcher=fetcher, at=AT)
            jwt_report = verify(str(OB3 / "credentials" / "jwk-unpublished.jwt"), fetcher=fetcher, at=AT)
        finally:
            fetcher.close()
        assert report.status == "revoked"
        assert host.hits_for("https://issuer.example/.well-known/did.json") >= 1
        assert host.hits_for("https://status.example/sl2021/1") == 1
        assert jwt_report.status == "invalid"
        assert host.hits_for("https://issuer.example/.well-known/jwks.json") == 1


def test_unreachable_issuer_host_leaves_the_badge_unverified_not_revoked() -> None:
    with BadgeHost() as host:  # serves nothing: every document is a 404
        fetcher = SafeFetcher(
            allow_loopback=True, origins=host.origins("https://issuer.example", "https://status.example")
        )
        try:
            report = verify(str(OB3 / "credentials" / "ed25519-2020-didweb-vc1.json"), fetcher=fetcher, at=AT)
        finally:
            fetcher.close()
    assert report.status == "unverified"
    proof = next(c for c in report.checks if c.id == "proof")
    assert proof.outcome == "skip" and "could not be fetched" in proof.message


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "credbridge"), "badge", "verify", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_cli_prints_the_report_and_exits_by_validity() -> None:
    common = ["--documents", str(DOCUMENTS), "--offline", "--at", "2026-06-01T00:00:00Z"]
    good = _cli(str(OB3 / "credentials" / "es256-jwk-vc1.jwt"), *common, "--recipient", RECIPIENT)
    assert good.returncode == 0, good.stderr
    report = json.loads(good.stdout)
    assert report["valid"] is True and report["format"] == "ob3+jwt"
    assert report["credential"]["name"] == "Data Analysis with Python"
    assert {c["id"] for c in report["checks"]} >= {"context", "proof", "key_provenance", "revocation"}
    bad = _cli(str(OB3 / "credentials" / "not-yet-valid.json"), *common)
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["status"] == "invalid"
