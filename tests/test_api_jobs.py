"""Batch jobs over HTTP: an id at once, per-file progress, bad files kept apart, expiry deletes."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from conftest import FIXTURES

from credbridge.api.server import running
from credbridge.api.settings import Settings
from credbridge.pipeline import ParseOptions, parse_bytes

KEY_A = "key-a-0123456789abcdef"
KEY_B = "key-b-0123456789abcdef"
PDF = FIXTURES / "resumes" / "alex-morgan-cloud.pdf"
TXT = FIXTURES / "resumes" / "luis-ortega-plumber.txt"
GARBAGE = bytes(range(256)) * 20


def _settings(tmp: Path, **overrides: object) -> Settings:
    from credbridge.api.auth import load_key_hashes

    base = {
        "jobs_db": tmp / "jobs.sqlite3",
        "workers": 1,
        "offline": True,
        "api_key_hashes": load_key_hashes(f"{KEY_A},{KEY_B}", None),
        "rate_limit": 0,
        "max_job_files": 3,
    }
    return Settings(**{**base, **overrides})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp = tmp_path_factory.mktemp("jobs")
    with running(_settings(tmp)) as url:
        yield url, tmp / "jobs.sqlite3"


def client(url: str, key: str = KEY_A) -> httpx.Client:
    return httpx.Client(base_url=url, timeout=60, headers={"Authorization": f"Bearer {key}"})


def wait_done(api: httpx.Client, location: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = api.get(location).json()
        if job["status"] == "done":
            return job
        time.sleep(0.1)
    raise AssertionError(f"job still running: {job}")


def stored_files(db: Path, job_id: str) -> int:
    """Rows the job store still holds for a job, read from its SQLite file directly."""
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT count(*) FROM job_files WHERE job_id=?", (job_id,)).fetchone()[0]


def profile_of(data: bytes, name: str) -> dict:
    profile = parse_bytes(data, name=name, options=ParseOptions(resolve=False))
    return profile.model_dump(mode="json", exclude_none=True)


def test_a_job_answers_at_once_and_one_bad_file_loses_nothing(service: tuple[str, Path]) -> None:
    url, _ = service
    files = [
        ("files", (PDF.name, PDF.read_bytes())),
        ("files", ("broken.bin", GARBAGE)),
        ("files", (TXT.name, TXT.read_bytes())),
    ]
    with client(url) as api:
        created = api.post("/v1/jobs", params={"resolve": "false"}, files=files)
        assert created.status_code == 202, created.text
        job = created.json()
        assert created.headers["location"] == f"/v1/jobs/{job['id']}"
        assert job["total"] == 3 and [f["name"] for f in job["files"]] == [PDF.name, "broken.bin", TXT.name]
        done = wait_done(api, created.headers["location"])
    assert done["completed"] == 3 and done["failed"] == 1
    good, bad, text = done["files"]
    assert good["status"] == "done" and good["profile"] == profile_of(PDF.read_bytes(), PDF.name)
    assert text["status"] == "done" and text["profile"] == profile_of(TXT.read_bytes(), TXT.name)
    assert bad["status"] == "failed" and "profile" not in bad
    assert bad["error"]["status"] == 422 and bad["error"]["detail"]


def test_a_job_can_ask_for_a_target(service: tuple[str, Path]) -> None:
    from credbridge.targets import available, get

    url, _ = service
    target = sorted(available())[0]
    with client(url) as api:
        created = api.post(
            "/v1/jobs",
            params={"resolve": "false", "target": target},
            files=[("files", (TXT.name, TXT.read_bytes()))],
        )
        assert created.status_code == 202, created.text
        done = wait_done(api, created.headers["location"])
    profile = parse_bytes(TXT.read_bytes(), name=TXT.name, options=ParseOptions(resolve=False))
    assert done["target"] == target
    assert done["files"][0]["record"] == get(target).translate(profile).record


def test_jobs_belong_to_their_key_and_can_be_deleted(service: tuple[str, Path]) -> None:
    url, db = service
    with client(url) as api, client(url, KEY_B) as other:
        created = api.post(
            "/v1/jobs", params={"resolve": "false"}, files=[("files", (TXT.name, TXT.read_bytes()))]
        )
        location = created.headers["location"]
        wait_done(api, location)
        assert other.get(location).status_code == 404
        assert other.delete(location).status_code == 404
        assert api.delete(location).status_code == 204
        gone = api.get(location)
        assert gone.status_code == 404 and gone.json()["code"] == "job.not_found"
    job_id = location.rsplit("/", 1)[1]
    assert stored_files(db, job_id) == 0


def test_job_request_errors(service: tuple[str, Path]) -> None:
    url, _ = service
    one = [("files", (TXT.name, TXT.read_bytes()))]
    with client(url) as api:
        assert api.post("/v1/jobs", params={"target": "nope"}, files=one).status_code == 422
        too_many = api.post("/v1/jobs", files=one * 4)
        assert too_many.status_code == 413 and too_many.json()["code"] == "job.too_many_files"
        assert api.post("/v1/jobs", data={"x": "1"}).status_code == 422
        assert api.get("/v1/jobs/not a job id!").status_code in (404, 422)
        assert api.get("/v1/jobs/AAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    with httpx.Client(base_url=url) as anonymous:
        assert anonymous.post("/v1/jobs", files=one).status_code == 401


def test_results_are_deleted_when_they_expire(tmp_path: Path) -> None:
    with running(_settings(tmp_path, job_ttl=1.0, pool="thread")) as url, client(url) as api:
        created = api.post(
            "/v1/jobs", params={"resolve": "false"}, files=[("files", (TXT.name, TXT.read_bytes()))]
        )
        location = created.headers["location"]
        assert wait_done(api, location)["files"][0]["status"] == "done"
        deadline = time.monotonic() + 30
        while api.get(location).status_code != 404:
            assert time.monotonic() < deadline, "job never expired"
            time.sleep(0.2)
        job_id = location.rsplit("/", 1)[1]
        # the purge deletes the rows themselves, not just hides them
        deadline = time.monotonic() + 30
        while True:
            if stored_files(tmp_path / "jobs.sqlite3", job_id) == 0:
                break
            assert time.monotonic() < deadline, "expired rows were not purged"
            time.sleep(0.2)
