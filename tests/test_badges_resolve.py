"""From badge page URLs to verified credentials, against the local badge host.

Credly-, Badgr- and Moodle-like hosts are served from 127.0.0.1 through the fetcher's origin
map; HTML pages exercise alternate links, embedded JSON-LD and OpenGraph; platforms without a
machine-readable badge give not_verifiable reports.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from badgehost import BadgeHost

from credbridge.badges import verify
from credbridge.badges.fetch import FetchLimits, SafeFetcher
from credbridge.errors import InputError, UnsafeURL
from credbridge.model import VerificationReport

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "fixtures/badges/ob2/documents"
BAKED = ROOT / "fixtures/badges/ob2/baked"
AT = datetime(2025, 6, 1, tzinfo=UTC)
CREDLY_ID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
HOSTED = "https://issuer.example.org/assertions/hosted-1.json"


@pytest.fixture
def host():
    with BadgeHost() as server:
        server.add_tree(DOCS)
        yield server


def check(host: BadgeHost, url: str, *, offline: bool = False) -> VerificationReport:
    limits = FetchLimits(connect_timeout=1.0, read_timeout=1.0, deadline=3.0)
    with SafeFetcher(allow_loopback=True, origins=host.origins(), limits=limits, offline=offline) as fetcher:
        return verify(url, at=AT, fetcher=fetcher)


def page(body: str) -> dict:
    return {
        "body": f"<!doctype html><html><head>{body}</head><body><h1>My badge</h1></body></html>",
        "content_type": "text/html; charset=utf-8",
    }


def test_credly_page_goes_to_the_obi_api(host: BadgeHost) -> None:
    url = f"https://www.credly.com/badges/{CREDLY_ID}/public_url"
    report = check(host, url)
    assert report.status == "verified" and report.platform == "credly"
    assert report.url == f"https://api.credly.com/v1/obi/v2/badge_assertions/{CREDLY_ID}"
    assert report.credential and report.credential.name == "Cloud Practitioner"
    assert report.credential.platform == "credly" and report.credential.source.url == url
    assert host.hits_for(url) == 0


def test_credly_revoked_by_410(host: BadgeHost) -> None:
    api = f"https://api.credly.com/v1/obi/v2/badge_assertions/{CREDLY_ID}"
    host.add(api, "{}", status=410)
    assert check(host, f"https://www.credly.com/badges/{CREDLY_ID}").status == "revoked"


def test_credly_without_api_falls_back_to_the_page(host: BadgeHost) -> None:
    other = "11111111-2222-3333-4444-555555555555"
    host.add(f"https://www.credly.com/badges/{other}", **page("<title>A badge</title>"))
    report = check(host, f"https://www.credly.com/badges/{other}")
    assert report.status == "not_verifiable" and report.method == "link" and not report.valid
    assert "HTTP 404" in report.checks[0].message


def test_badgr_public_assertion_with_expanded_badge(host: BadgeHost) -> None:
    report = check(host, "https://badgr.com/public/assertions/AbCdEfGhIjKl")
    assert report.status == "verified" and report.platform == "badgr"
    assert report.credential and report.credential.name == "Data Literacy"
    assert report.credential.issuer.name == "Badgr Example Issuer"
    assert any("v=2_0" in hit for hit in host.hits)


def test_moodle_badge_page_goes_to_assertion_php(host: BadgeHost) -> None:
    report = check(host, "https://moodle.example.edu/badges/badge.php?hash=5e1f8a0c9b")
    assert report.status == "verified" and report.platform == "moodle"
    assert report.credential and report.credential.name == "Moodle Course Completion"
    assert any("assertion.php?b=5e1f8a0c9b&obversion=2" in hit for hit in host.hits)


def test_content_negotiation_asks_for_json_ld_first(host: BadgeHost) -> None:
    check(host, HOSTED)
    assert host.accepts[0].startswith("application/ld+json")


def test_html_alternate_link(host: BadgeHost) -> None:
    host.add(
        "https://example.org/me/badge",
        **page(f'<link rel="alternate" type="application/ld+json" href="{HOSTED}">'),
    )
    report = check(host, "https://example.org/me/badge")
    assert report.status == "verified" and report.url == HOSTED


def test_html_embedded_json_ld(host: BadgeHost) -> None:
    assertion = (DOCS / "issuer.example.org/assertions/hosted-1.json").read_text()
    host.add(
        "https://example.org/me/embedded", **page(f'<script type="application/ld+json">{assertion}</script>')
    )
    report = check(host, "https://example.org/me/embedded")
    assert report.status == "verified"
    assert any("embedded as JSON-LD" in c.message for c in report.checks)


def test_html_opengraph_baked_image(host: BadgeHost) -> None:
    host.add(
        "https://example.org/img/badge.png", (BAKED / "signed.png").read_bytes(), content_type="image/png"
    )
    host.add(
        "https://example.org/me/og",
        **page('<meta property="og:image" content="https://example.org/img/badge.png">'),
    )
    report = check(host, "https://example.org/me/og")
    assert report.status == "verified" and report.method == "signed"


def test_baked_image_url(host: BadgeHost) -> None:
    host.add(
        "https://example.org/img/hosted.svg",
        (BAKED / "hosted.svg").read_bytes(),
        content_type="image/svg+xml",
    )
    assert check(host, "https://example.org/img/hosted.svg").status == "verified"


def test_html_with_no_badge_is_an_input_error(host: BadgeHost) -> None:
    host.add("https://example.org/blog", **page('<meta property="og:image" content="/nothing.png">'))
    with pytest.raises(InputError, match="no Open Badge"):
        check(host, "https://example.org/blog")


def test_malformed_json_at_a_badge_url(host: BadgeHost) -> None:
    host.add("https://example.org/broken.json", '{"@context": "https://w3id.org/openbadges/v2", ')
    with pytest.raises(InputError, match="malformed JSON"):
        check(host, "https://example.org/broken.json")


def test_platform_without_machine_readable_badge(host: BadgeHost) -> None:
    host.add("https://www.credential.net/abcd1234", **page("<title>Certificate</title>"))
    report = check(host, "https://www.credential.net/abcd1234")
    assert report.status == "not_verifiable" and report.platform == "accredible" and report.method == "link"
    assert "the page is live" in report.checks[0].message and "nothing was cryptographically verified" in (
        report.checks[0].message
    )
    dead = check(host, "https://www.coursera.org/account/accomplishments/verify/ABC123XYZ")
    assert dead.status == "not_verifiable" and "not live" in dead.checks[0].message
    unknown = check(host, "https://www.coursera.org/account/accomplishments/verify/ABC123XYZ", offline=True)
    assert "offline" in unknown.checks[0].message


def test_badge_link_redirecting_to_a_forbidden_address(host: BadgeHost) -> None:
    with BadgeHost(bind="127.0.0.2") as forbidden:
        forbidden.add("https://x/a.json", (DOCS / "issuer.example.org/assertions/hosted-1.json").read_text())
        host.redirect("https://example.org/short/1", forbidden.physical("https://x/a.json"))
        with pytest.raises(UnsafeURL):
            check(host, "https://example.org/short/1")
        assert forbidden.hits == []


def test_cli_exit_codes(host: BadgeHost, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from credbridge.cli import app

    runner = CliRunner()
    common = ["--documents", str(DOCS), "--offline", "--at", "2025-06-01T00:00:00Z"]
    ok = runner.invoke(app, ["badge", "verify", HOSTED, *common])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["status"] == "verified"
    expired = runner.invoke(
        app, ["badge", "verify", "https://issuer.example.org/assertions/hosted-expired.json", *common]
    )
    assert expired.exit_code == 1 and json.loads(expired.stdout)["status"] == "expired"
    bad = runner.invoke(app, ["badge", "verify", "-", *common], input=b"not a badge")
    assert bad.exit_code == 2
    stdin = runner.invoke(app, ["badge", "verify", "-", *common], input=(BAKED / "signed.png").read_bytes())
    assert stdin.exit_code == 0 and json.loads(stdin.stdout)["method"] == "signed"


def test_open_badge_factory_assertion(host: BadgeHost) -> None:
    report = check(host, "https://openbadgefactory.com/v1/assertion/OBFa1b2c3d4")
    assert report.status == "verified" and report.platform == "openbadgefactory"
    assert report.url == "https://openbadgefactory.com/v1/assertion/OBFa1b2c3d4.json"
    assert report.credential and report.credential.issuer.name == "OBF Example Client"


def test_offline_store_may_hold_the_page_instead_of_the_api(tmp_path: Path) -> None:
    other = "11111111-2222-3333-4444-555555555555"
    page_dir = tmp_path / "www.credly.com" / "badges"
    page_dir.mkdir(parents=True)
    (page_dir / other).write_text(
        f'<html><head><link rel="alternate" type="application/ld+json" href="{HOSTED}"></head></html>'
    )
    import shutil

    shutil.copytree(DOCS / "issuer.example.org", tmp_path / "issuer.example.org")
    report = verify(f"https://www.credly.com/badges/{other}", documents=tmp_path, offline=True, at=AT)
    assert report.status == "verified" and report.platform == "credly"
    from credbridge.badges.fetch import OfflineError

    with pytest.raises(OfflineError, match="badge_assertions"):
        verify(f"https://www.credly.com/badges/{CREDLY_ID[:-1]}0", documents=tmp_path, offline=True, at=AT)


def test_share_link_redirecting_to_a_known_badge_page(host: BadgeHost) -> None:
    page_url = f"https://www.credly.com/badges/{CREDLY_ID}"
    host.add(page_url, **page("<title>Cloud Practitioner</title>"))
    host.redirect("https://www.credly.com/go/AbC123xy", page_url)
    host.redirect("https://sho.rt/x1", page_url)
    for share in ("https://www.credly.com/go/AbC123xy", "https://sho.rt/x1"):
        report = check(host, share)
        assert report.status == "verified" and report.platform == "credly", share
        assert report.url == f"https://api.credly.com/v1/obi/v2/badge_assertions/{CREDLY_ID}"
