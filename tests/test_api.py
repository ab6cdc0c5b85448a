"""The HTTP service end to end: the real app under uvicorn on 127.0.0.1, called over HTTP.

Every answer is compared with what the library itself computes for the same input, so the API
cannot drift from the CLI; errors must be problem+json and never carry a traceback.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from conftest import FIXTURES

from credbridge.api.server import running
from credbridge.api.settings import Settings
from credbridge.model import CandidateProfile, VerificationReport
from credbridge.pipeline import ParseOptions, parse_bytes

AT = datetime(2026, 6, 1, tzinfo=UTC)
PDF = FIXTURES / "resumes" / "alex-morgan-cloud.pdf"
PROFILE = FIXTURES / "profiles" / "verified_badge.json"
OB2_DOCUMENTS = FIXTURES / "badges" / "ob2" / "documents"
OB3 = FIXTURES / "badges" / "ob3"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> httpx.Client:
    settings = Settings(
        jobs_db=tmp_path_factory.mktemp("api") / "jobs.sqlite3",
        workers=1,
        offline=True,
        documents=OB2_DOCUMENTS,
        max_upload_bytes=1024 * 1024,
        max_json_bytes=256 * 1024,
    )
    with running(settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def assert_problem(response: httpx.Response, status: int, code: str | None = None) -> dict:
    """An RFC 9457 problem with the given status, and nothing that looks like a traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"] and problem["type"].startswith("urn:credbridge:problem:")
    assert problem["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    if code is not None:
        assert problem["code"] == code, problem
    return problem


def expected_profile(data: bytes, name: str, **options: object) -> dict:
    profile = parse_bytes(data, name=name, options=ParseOptions(**options))  # type: ignore[arg-type]
    return profile.model_dump(mode="json", exclude_none=True)


# --------------------------------------------------------------------------- service basics


def test_health_and_readiness(api: httpx.Client) -> None:
    assert api.get("/healthz").json() == {"status": "ok"}
    ready = api.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready"


def test_request_ids_are_echoed_or_made(api: httpx.Client) -> None:
    mine = api.get("/healthz", headers={"X-Request-ID": "trace-42.a_b"})
    assert mine.headers["x-request-id"] == "trace-42.a_b"
    hostile = api.get("/healthz", headers={"X-Request-ID": "x" * 65})
    assert hostile.headers["x-request-id"] != "x" * 65
    assert len(hostile.headers["x-request-id"]) == 32


def test_unknown_paths_and_methods_are_problems(api: httpx.Client) -> None:
    assert_problem(api.get("/v1/nothing-here"), 404, "not_found")
    assert_problem(api.delete("/v1/adapters"), 405, "method_not_allowed")
    assert_problem(api.put("/healthz"), 405)


def test_docs_and_openapi_have_examples_for_every_endpoint(api: httpx.Client) -> None:
    docs = api.get("/docs")
    assert docs.status_code == 200
    # Swagger UI comes from the service itself, never a CDN: /docs works on a closed network.
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', docs.text)
    assert assets and all(a.startswith("/") for a in assets), assets
    assert all(api.get(a).status_code == 200 for a in assets)
    spec = api.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/v1/resumes", "/v1/badges/verify", "/v1/translate", "/v1/skills/match",
                 "/v1/adapters", "/v1/jobs", "/v1/jobs/{job_id}", "/healthz", "/readyz"):  # fmt: skip
        assert path in paths
        for operation in paths[path].values():
            text = json.dumps(operation)
            assert '"example' in text, f"{path} has no example"


def test_web_page_is_served_at_root_after_the_api(api: httpx.Client) -> None:
    page = api.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert api.get("/v1/adapters").headers["content-type"] == "application/json"


# --------------------------------------------------------------------------- translate, adapters, skills


def test_adapters_list_what_is_installed(api: httpx.Client) -> None:
    from credbridge.targets import available

    listed = api.get("/v1/adapters").json()
    assert [a["name"] for a in listed] == sorted(available())
    assert all(a["title"] and a["media_type"] for a in listed)


def test_translate_matches_the_adapters_for_every_target(api: httpx.Client) -> None:
    from credbridge.targets import available, translate

    profile = CandidateProfile.model_validate_json(PROFILE.read_text(encoding="utf-8"))
    assert available(), "no adapters installed"
    for name in sorted(available()):
        response = api.post(
            "/v1/translate", json={"target": name, "profile": json.loads(PROFILE.read_text())}
        )
        assert response.status_code == 200, response.text
        expected = translate(profile, name).model_dump(mode="json", exclude_none=True)
        assert response.json() == expected


def test_translate_accepts_credentials_alone(api: httpx.Client) -> None:
    from credbridge.targets import available, translate

    credentials = json.loads(PROFILE.read_text())["credentials"]
    target = sorted(available())[0]
    response = api.post("/v1/translate", json={"target": target, "credentials": credentials})
    assert response.status_code == 200, response.text
    expected = translate(CandidateProfile.model_validate({"credentials": credentials}), target)
    assert response.json()["record"] == expected.model_dump(mode="json")["record"]


def test_translate_errors(api: httpx.Client) -> None:
    profile = json.loads(PROFILE.read_text())
    unknown = assert_problem(api.post("/v1/translate", json={"target": "nope", "profile": profile}), 422)
    assert unknown["code"] == "target.unknown" and "nope" in unknown["detail"]
    both = assert_problem(api.post("/v1/translate", json={"target": "x"}), 422, "request.invalid")
    assert "exactly one" in both["detail"]
    profile["credentials"][0]["issued"] = "2024-13"
    bad = assert_problem(api.post("/v1/translate", json={"target": "x", "profile": profile}), 422)
    assert any("issued" in e["location"] for e in bad["errors"])
    not_json = api.post("/v1/translate", content=b"{not json", headers={"content-type": "application/json"})
    assert_problem(not_json, 422, "request.invalid")
    huge = api.post("/v1/translate", content=b" " * 300_000, headers={"content-type": "application/json"})
    assert_problem(huge, 413, "request.too_large")


def test_skills_match_is_the_taxonomy(api: httpx.Client) -> None:
    from credbridge.taxonomy import match

    phrases = ["python programming", "forklift operation", "zzqx nonsense"]
    response = api.post("/v1/skills/match", json={"phrases": phrases})
    assert response.status_code == 200, response.text
    assert response.json() == [m.model_dump(mode="json", exclude_none=True) for m in match(phrases)]
    assert_problem(api.post("/v1/skills/match", json={"phrases": []}), 422)


# --------------------------------------------------------------------------- resumes


def test_resume_upload_is_the_pipeline(api: httpx.Client) -> None:
    data = PDF.read_bytes()
    response = api.post("/v1/resumes", params={"resolve": "false"}, files={"file": (PDF.name, data)})
    assert response.status_code == 200, response.text
    assert response.json() == expected_profile(data, PDF.name, resolve=False)


def test_resume_upload_resolves_badges_by_default(api: httpx.Client) -> None:
    """The service is offline with a documents store, like `parse --offline --documents`."""
    data = PDF.read_bytes()
    response = api.post("/v1/resumes", files={"file": (PDF.name, data)})
    assert response.status_code == 200, response.text
    body = response.json()
    expected = expected_profile(data, PDF.name, offline=True, documents=OB2_DOCUMENTS)
    # checked_at is the moment of checking, which differs between the two runs
    for profile in (body, expected):
        for credential in profile["credentials"]:
            credential["verification"].pop("checked_at", None)
    assert body == expected


def test_resume_upload_to_a_target(api: httpx.Client) -> None:
    from credbridge.targets import available, get

    data = PDF.read_bytes()
    profile = parse_bytes(data, name=PDF.name, options=ParseOptions(resolve=False))
    for name in sorted(available()):
        response = api.post(
            "/v1/resumes", params={"resolve": "false", "target": name}, files={"file": (PDF.name, data)}
        )
        assert response.status_code == 200, response.text
        translation = get(name).translate(profile)
        assert response.headers["content-type"].startswith(translation.media_type)
        assert response.headers["x-credbridge-losses"] == str(len(translation.losses))
        if isinstance(translation.record, str):
            assert response.text == translation.record
        else:
            assert response.json() == translation.record


def test_resume_upload_errors(api: httpx.Client) -> None:
    files = {"file": ("resume.pdf", PDF.read_bytes())}
    unknown = assert_problem(api.post("/v1/resumes", params={"target": "nope"}, files=files), 422)
    assert unknown["code"] == "target.unknown"
    empty = assert_problem(api.post("/v1/resumes", files={"file": ("e.pdf", b"")}), 422, "upload.empty")
    assert "e.pdf" in empty["detail"]
    garbage = api.post("/v1/resumes", files={"file": ("x.bin", bytes(range(256)) * 40)})
    assert_problem(garbage, 422)
    broken = api.post("/v1/resumes", files={"file": ("cut.pdf", PDF.read_bytes()[:900])})
    assert_problem(broken, 422)
    assert_problem(api.post("/v1/resumes", data={"other": "x"}), 422, "request.invalid")
    too_big = api.post("/v1/resumes", files={"file": ("big.txt", b"a" * (1024 * 1024 + 10))})
    assert_problem(too_big, 413)


# --------------------------------------------------------------------------- badges


def test_resume_upload_with_lone_surrogates_in_its_text(api: httpx.Client) -> None:
    """UTF-8 encoding a lone surrogate, and a CESU-8 emoji: the decoded text holds surrogates,
    which the reader repairs, so the profile can be sent as UTF-8 JSON (issue 12 item 6)."""
    data = (
        b"Jane Doe\njane@example.com\n\nCertifications\n"
        b"AWS Certified Solutions Architect \xed\xa0\x80 Associate, 2023\n"
        b"Smile \xed\xa0\xbd\xed\xb8\x80 and caf\xc3\xa9\n"
    )
    response = api.post("/v1/resumes", params={"resolve": "false"}, files={"file": ("cv.txt", data)})
    assert response.status_code == 200, response.text
    assert response.json() == expected_profile(data, "cv.txt", resolve=False)
    assert "Solutions Architect \ufffd Associate" in response.content.decode("utf-8")


def test_badge_url_from_the_documents_store(api: httpx.Client) -> None:
    from credbridge.badges import verify

    url = "https://legacy.example.org/assertion-1.json"
    response = api.post("/v1/badges/verify", json={"url": url, "at": AT.isoformat()})
    assert response.status_code == 200, response.text
    expected = verify(url, documents=OB2_DOCUMENTS, offline=True, at=AT)
    assert response.json() == expected.model_dump(mode="json", exclude_none=True)


@pytest.mark.parametrize("name", ["eddsa-didkey.json", "expired.json", "tampered.json"])
def test_badge_credential_json(api: httpx.Client, name: str) -> None:
    from credbridge.badges import verify

    data = (OB3 / "credentials" / name).read_bytes()
    response = api.post("/v1/badges/verify", json={"credential": json.loads(data), "at": AT.isoformat()})
    assert response.status_code == 200, response.text
    report = VerificationReport.model_validate(response.json())
    expected = verify(data, offline=True, documents=OB2_DOCUMENTS, at=AT)
    assert report.valid == expected.valid and report.status == expected.status
    assert [c.model_dump() for c in report.checks] == [c.model_dump() for c in expected.checks]


def test_badge_jwt_and_uploaded_baked_image(api: httpx.Client) -> None:
    from credbridge.badges import verify

    jwt = (OB3 / "credentials" / "eddsa-didkey.jwt").read_text().strip()
    response = api.post("/v1/badges/verify", json={"jwt": jwt, "at": AT.isoformat()})
    assert response.status_code == 200, response.text
    assert response.json()["valid"] == verify(jwt.encode(), offline=True, at=AT).valid
    image = FIXTURES / "badges" / "ob2" / "baked" / "hosted.png"
    uploaded = api.post(
        "/v1/badges/verify", files={"file": (image.name, image.read_bytes())}, data={"at": AT.isoformat()}
    )
    assert uploaded.status_code == 200, uploaded.text
    expected = verify(image.read_bytes(), documents=OB2_DOCUMENTS, offline=True, at=AT)
    assert uploaded.json()["status"] == expected.status
    assert uploaded.json()["format"] == expected.format


def test_badge_request_errors(api: httpx.Client) -> None:
    assert_problem(api.post("/v1/badges/verify", json={}), 422, "request.invalid")
    assert_problem(api.post("/v1/badges/verify", json={"url": "file:///etc/passwd"}), 422, "request.invalid")
    # a local path must never be read, whatever field it comes in
    path = str(Path(__file__).resolve())
    assert_problem(api.post("/v1/badges/verify", json={"jwt": path}), 422)
    missing = api.post("/v1/badges/verify", json={"url": "https://nowhere.example/b.json"})
    assert_problem(missing, 422, "fetch.offline")
    assert_problem(api.post("/v1/badges/verify", content=b"hi", headers={"content-type": "text/plain"}), 415)
    assert_problem(api.post("/v1/badges/verify", data={"recipient": "a@b.c"}, files={"x": ("a", b"1")}), 422)


def test_translate_mends_lone_surrogates_in_the_profile(api: httpx.Client) -> None:
    # JSON may spell a lone surrogate; no target's output can carry one, so it becomes U+FFFD.
    profile = json.loads(PROFILE.read_text())
    profile["credentials"][0]["name"] = "Kiln Safety \ud800Operator"
    for target in ("lerrs", "workday", "jsonresume"):
        body = json.dumps({"target": target, "profile": profile}).encode()  # "\\ud800" escaped
        response = api.post("/v1/translate", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 200, response.text
        assert "Kiln Safety \ufffdOperator" in json.dumps(response.json(), ensure_ascii=False)
