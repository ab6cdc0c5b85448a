"""The web page end to end: Debian's Chromium driven by Playwright against the real service.

The service runs offline on 127.0.0.1 with fixtures/web/documents as its document store, so the
badge links in the fixture resume resolve without any network. The tests also take the
screenshots the README shows: with CREDBRIDGE_UPDATE_SCREENSHOTS=1 they are written to docs/,
otherwise to a temporary folder, so that running the tests leaves the work tree clean.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from credbridge.api.server import running
from credbridge.api.settings import Settings

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WEB = FIXTURES / "web"
OB3_DOCUMENTS = FIXTURES / "badges" / "ob3" / "documents"


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("CREDBRIDGE_UPDATE_SCREENSHOTS") == "1":
        return ROOT / "docs"
    return tmp_path_factory.mktemp("screenshots")


pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    documents = tmp_path_factory.mktemp("documents")
    # One offline store for both views: the resume's hosted badges and the OB 3.0 issuers' keys.
    shutil.copytree(WEB / "documents", documents, dirs_exist_ok=True)
    shutil.copytree(OB3_DOCUMENTS, documents, dirs_exist_ok=True)
    settings = Settings(
        jobs_db=tmp_path_factory.mktemp("jobs") / "jobs.sqlite3",
        workers=1,
        pool="thread",
        offline=True,
        documents=documents,
    )
    with running(settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, service: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(service + "/")
    yield page
    context.close()


def credential_row(page, name: str):  # type: ignore[no-untyped-def]
    return page.locator("#credentials tbody tr", has_text=name)


def test_recruiter_sees_which_credentials_are_real(page, screenshots: Path) -> None:  # type: ignore[no-untyped-def]
    page.set_input_files("#resume-file", str(WEB / "ann-lee-resume.html"))
    status = page.locator("#resume-status")
    playwright_api.expect(status).to_contain_text("Done", timeout=60_000)

    playwright_api.expect(page.locator("#candidate")).to_contain_text("Ann Lee")
    kubernetes = credential_row(page, "Kubernetes Operations")
    playwright_api.expect(kubernetes.locator(".badge")).to_have_attribute("data-status", "verified")
    playwright_api.expect(kubernetes).to_contain_text("Example Cloud Academy")
    scrum = credential_row(page, "Agile Team Facilitation")
    playwright_api.expect(scrum.locator(".badge")).to_have_attribute("data-status", "revoked")
    aws = credential_row(page, "AWS Certified Solutions Architect")
    playwright_api.expect(aws.locator(".badge")).to_have_attribute("data-status", "unverified")

    skills = page.locator("#skills tbody tr")
    playwright_api.expect(skills.filter(has_text="Kubernetes").first).to_be_visible()
    page.screenshot(path=str(screenshots / "recruiter-view.png"), full_page=True)

    # Download the record for a hiring platform: the file is the adapter's output.
    page.select_option("#download-target", "jsonresume")
    with page.expect_download() as download:
        page.click("#download-form button")
    saved = Path(download.value.path())
    assert '"certificates"' in saved.read_text(encoding="utf-8")


def test_recruiter_sees_errors_in_plain_words(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    garbage = tmp_path / "resume.pdf"
    garbage.write_bytes(b"\x00\x01\x02 not a resume at all \xff" * 20)
    page.set_input_files("#resume-file", str(garbage))
    status = page.locator("#resume-status.error")
    playwright_api.expect(status).to_be_visible(timeout=30_000)
    assert "Traceback" not in status.inner_text()
    assert "PDF" in status.inner_text() or "read" in status.inner_text()


def test_issuer_sees_checks_lint_and_what_each_platform_receives(page, screenshots: Path) -> None:  # type: ignore[no-untyped-def]
    page.click("#tab-issuer")
    page.set_input_files("#badge-file", str(FIXTURES / "badges" / "ob3" / "baked" / "eddsa-didkey.png"))
    playwright_api.expect(page.locator("#badge-status")).to_contain_text("Checked", timeout=60_000)

    checks = page.locator("#checks li")
    playwright_api.expect(checks.first).to_be_visible()
    proof = page.locator('#checks li[data-check="proof"] .outcome')
    playwright_api.expect(proof).to_have_text("pass")
    playwright_api.expect(page.locator("#metadata")).to_contain_text("Issuer")
    assert page.locator("#lint li").count() >= 5
    targets = page.locator("#targets details")
    playwright_api.expect(targets.first).to_be_visible(timeout=30_000)
    assert targets.count() >= 5
    greenhouse = page.locator('#targets details[data-target="greenhouse"]')
    greenhouse.locator("summary").click()
    playwright_api.expect(greenhouse.locator(".loss").first).to_be_visible()
    page.screenshot(path=str(screenshots / "issuer-view.png"), full_page=True)


def test_issuer_url_for_a_forbidden_address_is_refused_in_plain_words(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#tab-issuer")
    page.fill("#badge-url", "http://169.254.169.254/latest/meta-data/")
    page.click("#badge-url-form button")
    refusal = page.locator("#badge-status.error")
    playwright_api.expect(refusal).to_contain_text("metadata address", timeout=30_000)
    assert page.locator("#badge-result").is_hidden()


def test_keyboard_moves_between_views(page) -> None:  # type: ignore[no-untyped-def]
    page.focus("#tab-recruiter")
    page.keyboard.press("ArrowRight")
    playwright_api.expect(page.locator("#tab-issuer")).to_be_focused()
    playwright_api.expect(page.locator("#view-issuer")).to_be_visible()
    playwright_api.expect(page.locator("#view-recruiter")).to_be_hidden()
    page.keyboard.press("Tab")
    playwright_api.expect(page.locator("#badge-url")).to_be_focused()


def test_narrow_screen_has_no_horizontal_page_scroll(browser, service: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(service + "/")
    page.set_input_files("#resume-file", str(WEB / "ann-lee-resume.html"))
    playwright_api.expect(page.locator("#resume-status")).to_contain_text("Done", timeout=60_000)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


def test_a_service_with_api_keys_asks_for_one_in_plain_words(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from credbridge.api.auth import hash_key

    settings = Settings(
        jobs_db=tmp_path / "jobs.sqlite3",
        workers=1,
        pool="thread",
        offline=True,
        documents=WEB / "documents",
        api_key_hashes=frozenset({hash_key("s3cret-key")}),
    )
    with running(settings) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/")
        page.set_input_files("#resume-file", str(WEB / "ann-lee-resume.html"))
        playwright_api.expect(page.locator("#resume-status.error")).to_contain_text("API key")
        playwright_api.expect(page.locator("#api-key")).to_be_visible()
        page.fill("#api-key", "s3cret-key")
        page.click("#key-form button")
        playwright_api.expect(page.locator("#api-key")).to_be_hidden()
        page.set_input_files("#resume-file", str(WEB / "ann-lee-resume.html"))
        playwright_api.expect(page.locator("#resume-status")).to_contain_text("Done", timeout=60_000)
        playwright_api.expect(page.locator("#candidate")).to_contain_text("Ann Lee")
        context.close()


LAYOUT_SHIFT_OBSERVER = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__shift += entry.value;  // input-driven shifts too: results arrive just after a drop
  }
}).observe({type: "layout-shift", buffered: true});
"""


def test_results_arriving_do_not_shift_the_layout(browser, service: str) -> None:  # type: ignore[no-untyped-def]
    """Layout shift while a resume is read and its badges resolve stays under 0.1, the 'good'
    bound of Web Vitals, counting even the shifts right after the drop that CLS would forgive:
    what the recruiter is looking at does not jump when results arrive."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFT_OBSERVER)
    page.goto(service + "/")
    page.set_input_files("#resume-file", str(WEB / "ann-lee-resume.html"))
    playwright_api.expect(page.locator("#resume-status")).to_contain_text("Done", timeout=60_000)
    page.click("#tab-issuer")
    page.set_input_files("#badge-file", str(FIXTURES / "badges" / "ob3" / "baked" / "eddsa-didkey.png"))
    playwright_api.expect(page.locator("#targets details").first).to_be_visible(timeout=60_000)
    shift = page.evaluate("window.__shift")
    assert shift < 0.1
    context.close()
