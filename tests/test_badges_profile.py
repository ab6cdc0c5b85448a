"""resolve_profile: every badge link of a profile verified concurrently and merged."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import anyio
import pytest
from badgehost import BadgeHost

from credbridge.badges import aresolve_profile, averify, resolve_profile
from credbridge.badges.fetch import SafeFetcher
from credbridge.model import CandidateProfile, Credential, Issuer

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "fixtures/badges/ob2/documents"
AT = datetime(2025, 6, 1, tzinfo=UTC)
CREDLY = "https://www.credly.com/badges/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
HOSTED = "https://issuer.example.org/assertions/hosted-1.json"


def profile() -> CandidateProfile:
    return CandidateProfile(
        credentials=[
            Credential(name="Cloud Practitioner", url=CREDLY),
            Credential(
                name="Advanced Haskell",
                issuer=Issuer(name="Example Robotics Institute"),
                issued="2023-02",
                urls=[HOSTED],
            ),
            Credential(name="PMP", issuer=Issuer(name="PMI")),
            Credential(name="Project Management", url="https://www.credential.net/abcd1234"),
        ]
    )


@pytest.fixture
def host():
    with BadgeHost() as server:
        server.add_tree(DOCS)
        server.add(
            "https://www.credential.net/abcd1234",
            "<html><title>cert</title></html>",
            content_type="text/html",
        )
        yield server


def test_offline_with_documents_fills_gaps_and_keeps_disagreements() -> None:
    result = resolve_profile(profile(), offline=True, documents=DOCS, at=AT)
    cloud, haskell, pmp, accredible = result.credentials
    assert cloud.verification.status == "verified" and cloud.verification.method == "hosted"
    assert (
        cloud.issuer.name == "Cloud Skills Org"
        and cloud.issued == "2023-05-14"
        and cloud.expires == "2026-05-14"
    )
    assert cloud.platform == "credly" and cloud.tags == ["cloud"] and cloud.discrepancies == []
    assert cloud.name == "Cloud Practitioner" and cloud.source.origin == "resume"

    assert haskell.verification.status == "verified"
    fields = {d.field: d for d in haskell.discrepancies}
    assert set(fields) == {"name", "issued"}
    assert fields["name"].claimed == "Advanced Haskell" and fields["name"].verified == "Python Programming"
    assert fields["issued"].claimed == "2023-02" and fields["issued"].verified == "2024-01-15"
    assert haskell.name == "Advanced Haskell" and haskell.issued == "2023-02"
    assert haskell.expires == "2026-01-15" and haskell.skills == ["Python (computer programming)"]

    assert pmp.verification.status == "unverified" and pmp.verification.checks == []
    assert accredible.verification.status == "not_verifiable"
    assert "offline" in accredible.verification.checks[0].message


def test_online_links_resolve_concurrently(host: BadgeHost) -> None:
    for route in host.routes.values():
        route.delay = 0.2
    with SafeFetcher(allow_loopback=True, origins=host.origins()) as fetcher:
        result = resolve_profile(profile(), at=AT, fetcher=fetcher)
    statuses = [c.verification.status for c in result.credentials]
    assert statuses == ["verified", "verified", "unverified", "not_verifiable"]
    assert host.max_in_flight >= 3


def test_invalid_badge_fills_nothing(host: BadgeHost) -> None:
    claimed = CandidateProfile(
        credentials=[Credential(name="Stray", url="https://other.example.net/assertions/stray.json")]
    )
    with SafeFetcher(allow_loopback=True, origins=host.origins()) as fetcher:
        (stray,) = resolve_profile(claimed, at=AT, fetcher=fetcher).credentials
    assert stray.verification.status == "invalid" and stray.issuer.name is None and stray.discrepancies == []


def test_forbidden_link_is_a_failed_check_not_an_exception(host: BadgeHost) -> None:
    host.redirect(
        "https://issuer.example.org/assertions/evil.json", "http://169.254.169.254/latest/meta-data/"
    )
    claimed = CandidateProfile(
        credentials=[Credential(name="X", url="https://issuer.example.org/assertions/evil.json")]
    )
    with SafeFetcher(allow_loopback=True, origins=host.origins()) as fetcher:
        (evil,) = resolve_profile(claimed, at=AT, fetcher=fetcher).credentials
    assert evil.verification.status == "invalid" and "metadata" in evil.verification.checks[0].message


def test_async_versions(host: BadgeHost) -> None:
    async def run() -> tuple:
        with SafeFetcher(allow_loopback=True, origins=host.origins()) as fetcher:
            report = await averify(HOSTED, at=AT, fetcher=fetcher)
            resolved = await aresolve_profile(profile(), at=AT, fetcher=fetcher)
        return report, resolved

    report, resolved = anyio.run(run)
    assert report.status == "verified" and resolved.credentials[0].verification.status == "verified"


def test_profile_without_links_is_returned_as_is() -> None:
    claimed = CandidateProfile(credentials=[Credential(name="PMP")])
    assert resolve_profile(claimed, offline=True) is claimed


def test_parse_pipeline_resolves_badge_links_offline(tmp_path: Path) -> None:
    """`credbridge parse --offline --documents`: the resume's badge links come back verified."""
    from credbridge.pipeline import ParseOptions, parse_file

    resume = tmp_path / "resume.txt"
    # The fixtures' badges were issued to alice@example.org (fixtures/badges/ob2/make_fixtures.py).
    resume.write_text(
        "Alice Doe\nalice@example.org\n\nCERTIFICATIONS\n"
        f"Cloud Practitioner, Cloud Skills Org, May 2023 {CREDLY}\n"
        f"Python Programming - Example Robotics Institute (2022) {HOSTED}\n"
    )
    result = parse_file(resume, ParseOptions(offline=True, documents=DOCS, at=AT))
    by_url = {c.url: c for c in result.credentials}
    assert by_url[CREDLY].verification.status == "verified" and by_url[CREDLY].expires == "2026-05-14"
    python = by_url[HOSTED]
    assert python.verification.status == "verified"
    assert [(d.field, d.claimed, d.verified) for d in python.discrepancies] == [
        ("issued", "2022", "2024-01-15")
    ]


def test_averify_never_reads_local_files_unless_asked() -> None:
    from credbridge.errors import InputError

    signed = str(ROOT / "fixtures/badges/ob2/signed/signed-ok.jws")

    async def run(**options):
        return await averify(signed, documents=DOCS, offline=True, at=AT, **options)

    with pytest.raises(InputError, match="not an http"):
        anyio.run(run)
    assert anyio.run(partial(run, allow_files=True)).status == "verified"
