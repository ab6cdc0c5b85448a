"""Limits a stranger's request cannot get past: request time, pages; and the loopback opt-in."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from badgehost import BadgeHost
from conftest import FIXTURES

from credbridge.api.server import running
from credbridge.api.settings import Settings

AT = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def host() -> BadgeHost:
    with BadgeHost() as badge_host:
        badge_host.add_tree(FIXTURES / "badges" / "ob2" / "documents")
        badge_host.add("https://slow.example/badge.json", b"{}", delay=5.0)
        yield badge_host


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> httpx.Client:
    settings = Settings(
        jobs_db=tmp_path_factory.mktemp("limits") / "jobs.sqlite3",
        pool="thread",
        workers=1,
        allow_loopback=True,
        request_timeout=1.5,
        max_pages=2,
    )
    with (
        pytest.MonkeyPatch.context() as env,
        running(settings) as url,
        httpx.Client(base_url=url, timeout=60) as client,
    ):
        env.setenv("CREDBRIDGE_CACHE", "off")  # badge fetches must not fill the user's HTTP cache
        yield client


def three_page_pdf(path: Path) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for page in range(1, 4):
        pdf.add_page()
        pdf.cell(text=f"Jordan Sample, page {page}: Certified Kubernetes Administrator (CKA), 2023")
    pdf.output(str(path))
    return path.read_bytes()


def test_a_slow_request_is_stopped_with_504(api: httpx.Client, host: BadgeHost) -> None:
    slow = host.physical("https://slow.example/badge.json")
    response = api.post("/v1/badges/verify", json={"url": slow})
    assert response.status_code == 504, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "request.timeout"
    assert api.get("/healthz").status_code == 200  # the service is still there


def test_too_many_pages_is_refused(api: httpx.Client, tmp_path: Path) -> None:
    data = three_page_pdf(tmp_path / "long.pdf")
    response = api.post("/v1/resumes", params={"resolve": "false"}, files={"file": ("long.pdf", data)})
    assert response.status_code == 413, response.text
    problem = response.json()
    assert problem["code"] == "document.too_large" and "3 pages" in problem["detail"]


def test_loopback_badges_when_allowed(api: httpx.Client, host: BadgeHost) -> None:
    from credbridge.badges import verify

    url = host.physical("https://legacy.example.org/assertion-1.json")
    response = api.post("/v1/badges/verify", json={"url": url, "at": AT.isoformat()})
    assert response.status_code == 200, response.text
    assert host.hits_for("https://legacy.example.org/assertion-1.json") >= 1
    expected = verify(url, allow_loopback=True, at=AT)
    body = response.json()
    assert (body["valid"], body["status"], body["format"]) == (
        expected.valid,
        expected.status,
        expected.format,
    )
    assert [c["id"] for c in body["checks"]] == [c.id for c in expected.checks]
