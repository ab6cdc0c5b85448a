"""API keys (hashed, from the environment or a file), the per-key rate limit, the bind rule, settings."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest
from badgehost import BadgeHost
from conftest import FIXTURES

from credbridge.api.server import check_bind, running
from credbridge.api.settings import Settings
from credbridge.errors import InputError

ENV_KEY = "env-key-0123456789abcdef"
FILE_KEY = "file-key-0123456789abcdef"


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("auth")
    keys = tmp / "keys.txt"
    digest = hashlib.sha256(FILE_KEY.encode()).hexdigest()
    keys.write_text(f"# the ops team's key, stored hashed\nsha256:{digest}\n", encoding="utf-8")
    settings = Settings.from_env(
        {
            "CREDBRIDGE_API_KEYS": ENV_KEY,
            "CREDBRIDGE_API_KEYS_FILE": str(keys),
            "CREDBRIDGE_RATE_LIMIT": "5",
            "CREDBRIDGE_JOBS_DB": str(tmp / "jobs.sqlite3"),
            "CREDBRIDGE_POOL": "thread",
            "CREDBRIDGE_WORKERS": "1",
        }
    )
    with pytest.MonkeyPatch.context() as env, running(settings) as url:
        env.setenv("CREDBRIDGE_CACHE", "off")  # badge fetches must not fill the user's HTTP cache
        yield url


def test_keys_are_kept_only_as_hashes(tmp_path: Path) -> None:
    settings = Settings.from_env({"CREDBRIDGE_API_KEYS": f"{ENV_KEY}, {FILE_KEY}"})
    assert settings.api_key_hashes == {hashlib.sha256(k.encode()).hexdigest() for k in (ENV_KEY, FILE_KEY)}
    assert ENV_KEY not in repr(settings)
    with pytest.raises(InputError, match="at least 16"):
        Settings.from_env({"CREDBRIDGE_API_KEYS": "short"})
    with pytest.raises(InputError, match="CREDBRIDGE_API_KEYS_FILE"):
        Settings.from_env({"CREDBRIDGE_API_KEYS_FILE": str(tmp_path / "missing")})


def test_settings_errors_name_the_variable() -> None:
    for name, value in [
        ("CREDBRIDGE_PORT", "eighty"),
        ("CREDBRIDGE_MAX_UPLOAD_MB", "0"),
        ("CREDBRIDGE_POOL", "gpu"),
        ("CREDBRIDGE_OFFLINE", "maybe"),
        ("CREDBRIDGE_JOB_TTL", "-5"),
        ("CREDBRIDGE_DOCUMENTS", "/no/such/dir"),
    ]:
        with pytest.raises(InputError, match=name):
            Settings.from_env({name: value})
    settings = Settings.from_env({"CREDBRIDGE_MAX_UPLOAD_MB": "3", "CREDBRIDGE_ALLOW_LOOPBACK": "yes"})
    assert settings.max_upload_bytes == 3 * 1024 * 1024 and settings.allow_loopback
    assert not Settings.from_env({}).allow_loopback


def test_without_keys_only_loopback_may_be_bound() -> None:
    open_settings = Settings()
    for host in ("127.0.0.1", "localhost", "::1"):
        check_bind(open_settings, host)
    for host in ("0.0.0.0", "192.168.1.20", "::"):
        with pytest.raises(InputError, match="API keys"):
            check_bind(open_settings, host)
    check_bind(Settings.from_env({"CREDBRIDGE_API_KEYS": ENV_KEY}), "0.0.0.0")


def test_requests_need_a_valid_key(keyed: str) -> None:
    with httpx.Client(base_url=keyed) as api:
        assert api.get("/healthz").status_code == 200
        missing = api.get("/v1/adapters")
        assert missing.status_code == 401 and missing.json()["code"] == "auth.required"
        assert missing.headers["www-authenticate"] == "Bearer"
        assert api.get("/v1/adapters", headers={"X-API-Key": "wrong-0123456789abcdef"}).status_code == 401
        assert api.get("/v1/adapters", headers={"Authorization": f"Basic {ENV_KEY}"}).status_code == 401
        assert api.get("/v1/adapters", headers={"Authorization": f"Bearer {ENV_KEY}"}).status_code == 200
        assert api.get("/v1/adapters", headers={"X-API-Key": FILE_KEY}).status_code == 200


def test_each_key_has_a_rate_limit(keyed: str) -> None:
    """5 a minute: the bucket refills one request every 12 s, far slower than this loop."""
    with httpx.Client(base_url=keyed, headers={"X-API-Key": FILE_KEY}) as api:
        statuses = [api.get("/v1/adapters").status_code for _ in range(8)]
        limited = api.get("/v1/adapters")
    assert 429 in statuses and limited.status_code == 429
    assert statuses.count(200) in (4, 5)  # one was spent by the previous test
    assert limited.json()["code"] == "rate_limited" and int(limited.headers["retry-after"]) >= 1
    with httpx.Client(base_url=keyed, headers={"Authorization": f"Bearer {ENV_KEY}"}) as other:
        assert other.get("/v1/adapters").status_code == 200  # another key has its own bucket


def test_loopback_badge_urls_are_refused_by_default(keyed: str) -> None:
    with BadgeHost() as host, httpx.Client(base_url=keyed, headers={"X-API-Key": ENV_KEY}) as api:
        host.add_tree(FIXTURES / "badges" / "ob2" / "documents")
        url = host.physical("https://legacy.example.org/assertion-1.json")
        refused = api.post("/v1/badges/verify", json={"url": url})
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "fetch.forbidden"
        assert host.hits == []
