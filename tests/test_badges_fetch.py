"""The safe fetcher: SSRF refusals (direct, via redirect, DNS rebinding), limits, store, cache.

Every "refused" test also proves that no request left: a recording server sits at the
forbidden address and must see zero hits.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest
from badgehost import BadgeHost

from credbridge.badges import fetch as fetch_module
from credbridge.badges.cache import HttpCache
from credbridge.badges.fetch import FetchLimits, HTTPStatusError, OfflineError, SafeFetcher, address_problem
from credbridge.errors import FetchError, UnsafeURL

SMALL = FetchLimits(connect_timeout=1.0, read_timeout=0.5, deadline=2.0, max_bytes=2048, max_redirects=3)


@pytest.fixture
def host():
    with BadgeHost() as server:
        yield server


@pytest.fixture
def forbidden():
    """A recorder on 127.0.0.2: loopback, but not the 127.0.0.1 that allow_loopback permits."""
    with BadgeHost(bind="127.0.0.2") as server:
        server.add("http://x/secret", "{}")
        yield server


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.0.0.2", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("fc00::1", "unique-local"),
        ("fd00:ec2::254", "metadata"),
        ("::ffff:127.0.0.1", "IPv4-mapped"),
        ("::ffff:8.8.8.8", "IPv4-mapped"),
        ("64:ff9b::a00:1", "embedding"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "address"),
    ],
)
def test_forbidden_addresses(address: str, reason: str) -> None:
    problem = address_problem(ipaddress.ip_address(address))
    assert problem is not None and reason in problem


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"])
def test_public_addresses_allowed(address: str) -> None:
    assert address_problem(ipaddress.ip_address(address)) is None


def test_allow_loopback_lets_only_127_0_0_1_through() -> None:
    assert address_problem(ipaddress.ip_address("127.0.0.1"), allow_loopback=True) is None
    assert address_problem(ipaddress.ip_address("::1"), allow_loopback=True) is None
    assert address_problem(ipaddress.ip_address("127.0.0.2"), allow_loopback=True) is not None
    assert address_problem(ipaddress.ip_address("10.0.0.1"), allow_loopback=True) is not None


def test_loopback_refused_by_default(host: BadgeHost) -> None:
    host.add("https://a.test/doc.json", '{"ok": true}')
    with pytest.raises(UnsafeURL, match="loopback"):
        SafeFetcher().get_json(host.physical("https://a.test/doc.json"))
    assert host.hits == []


def test_loopback_allowed_when_opted_in(host: BadgeHost) -> None:
    host.add("https://a.test/doc.json", '{"ok": true}')
    with SafeFetcher(allow_loopback=True) as fetcher:
        assert fetcher.get_json(host.physical("https://a.test/doc.json")) == {"ok": True}


def test_direct_ssrf_to_other_loopback_leaves_nothing(forbidden: BadgeHost) -> None:
    with pytest.raises(UnsafeURL), SafeFetcher(allow_loopback=True) as fetcher:
        fetcher.get_json(forbidden.physical("http://x/secret"))
    assert forbidden.hits == []


def test_redirect_to_forbidden_address_is_refused_before_connecting(
    host: BadgeHost, forbidden: BadgeHost
) -> None:
    host.redirect("https://a.test/go", forbidden.physical("http://x/secret"))
    with pytest.raises(UnsafeURL, match=r"127\.0\.0\.2"), SafeFetcher(allow_loopback=True) as fetcher:
        fetcher.get_json(host.physical("https://a.test/go"))
    assert host.hits_for("https://a.test/go") == 1
    assert forbidden.hits == []


def test_redirect_to_forbidden_second_port_via_name(host: BadgeHost, forbidden: BadgeHost) -> None:
    """A redirect to a *name* that resolves to a forbidden address is refused too."""
    port = forbidden.server.server_address[1]
    host.redirect("https://a.test/go", f"http://localhost.forbidden.test:{port}/x/secret")
    original = fetch_module.resolve_host
    fetch_module.resolve_host = lambda name, port: (
        ["127.0.0.2"] if name.endswith("forbidden.test") else original(name, port)
    )
    try:
        with pytest.raises(UnsafeURL), SafeFetcher(allow_loopback=True) as fetcher:
            fetcher.get_json(host.physical("https://a.test/go"))
    finally:
        fetch_module.resolve_host = original
    assert forbidden.hits == []


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://100.100.100.200/latest/meta-data/",
    ],
)
def test_cloud_metadata_refused_direct_and_via_redirect(host: BadgeHost, target: str) -> None:
    host.redirect("https://a.test/meta", target)
    with SafeFetcher(allow_loopback=True) as fetcher:
        with pytest.raises(UnsafeURL):
            fetcher.get_bytes(target)
        with pytest.raises(UnsafeURL):
            fetcher.get_bytes(host.physical("https://a.test/meta"))


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://a.test/x", "gopher://a.test/", "http://user:pw@a.test/", "http:///nohost"],
)
def test_only_plain_http_urls(url: str) -> None:
    with pytest.raises(UnsafeURL):
        SafeFetcher(allow_loopback=True).get_bytes(url)


def test_dns_rebinding_connects_to_the_checked_address(
    host: BadgeHost, forbidden: BadgeHost, monkeypatch
) -> None:
    """The name resolves to 127.0.0.1 when checked and to 127.0.0.2 afterwards: the pinned
    connection still goes to 127.0.0.1, and the forbidden server sees nothing."""
    port = host.server.server_address[1]
    answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]])
    calls: list[str] = []

    def rebinding(name: str, port_: int) -> list[str]:
        calls.append(name)
        return next(answers)

    monkeypatch.setattr(fetch_module, "resolve_host", rebinding)
    host.add("https://rebind.test/doc.json", '{"from": "checked address"}')
    with SafeFetcher(allow_loopback=True) as fetcher:
        document = fetcher.get_json(f"http://rebind.test:{port}/rebind.test/doc.json")
    assert document == {"from": "checked address"}
    assert calls == ["rebind.test"]
    assert forbidden.hits == []


def test_name_with_any_forbidden_address_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(fetch_module, "resolve_host", lambda name, port: ["93.184.216.34", "10.0.0.5"])
    with pytest.raises(UnsafeURL, match=r"10\.0\.0\.5"):
        SafeFetcher().get_bytes("https://mixed.test/")


def test_redirects_are_followed_and_limited(host: BadgeHost) -> None:
    host.add("https://a.test/final.json", '{"n": 1}')
    host.redirect("https://a.test/r1", "/a.test/final.json", status=301)
    for i in range(5):
        host.redirect(f"https://a.test/loop{i}", f"/a.test/loop{i + 1}")
    with SafeFetcher(allow_loopback=True, limits=SMALL) as fetcher:
        assert fetcher.get_json(host.physical("https://a.test/r1")) == {"n": 1}
        with pytest.raises(FetchError, match="redirects"):
            fetcher.get_json(host.physical("https://a.test/loop0"))


def test_oversize_body_is_refused(host: BadgeHost) -> None:
    host.add("https://a.test/big.json", b'{"x": "' + b"a" * 5000 + b'"}')
    host.add("https://a.test/small.json", '{"x": 1}')
    with SafeFetcher(allow_loopback=True, limits=SMALL) as fetcher:
        assert fetcher.get_json(host.physical("https://a.test/small.json")) == {"x": 1}
        with pytest.raises(FetchError, match="byte cap"):
            fetcher.get_json(host.physical("https://a.test/big.json"))


def test_undeclared_length_is_capped_while_streaming(host: BadgeHost) -> None:
    host.add("https://a.test/liar", b"a" * 5000, content_type="application/octet-stream", send_length=False)
    with (
        SafeFetcher(allow_loopback=True, limits=SMALL) as fetcher,
        pytest.raises(FetchError, match="byte cap"),
    ):
        fetcher.get_bytes(host.physical("https://a.test/liar"))


def test_slow_server_times_out(host: BadgeHost) -> None:
    host.add("https://a.test/slow.json", '{"late": true}', delay=1.5)
    host.add("https://a.test/trickle.json", b'{"x": "' + b"a" * 400 + b'"}', trickle=0.01)
    limits = FetchLimits(connect_timeout=1.0, read_timeout=0.3, deadline=1.0, max_bytes=4096)
    with SafeFetcher(allow_loopback=True, limits=limits) as fetcher:
        with pytest.raises(FetchError, match="timed out"):
            fetcher.get_json(host.physical("https://a.test/slow.json"))
        with pytest.raises(FetchError, match="gave up"):
            fetcher.get_json(host.physical("https://a.test/trickle.json"))


def test_content_type_is_checked(host: BadgeHost) -> None:
    host.add("https://a.test/page", "<html><body>hi</body></html>", content_type="text/html")
    host.add("https://a.test/img", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    with SafeFetcher(allow_loopback=True) as fetcher:
        with pytest.raises(FetchError, match="expected JSON, got text/html"):
            fetcher.get_json(host.physical("https://a.test/page"))
        with pytest.raises(FetchError, match="expected image/svg"):
            fetcher.get_bytes(host.physical("https://a.test/img"), accept="image/svg+xml")
        assert fetcher.get_bytes(host.physical("https://a.test/img"), accept="image/*").startswith(b"\x89PNG")


def test_malformed_json_and_http_errors(host: BadgeHost) -> None:
    host.add("https://a.test/bad.json", '{"unterminated": ')
    host.add("https://a.test/deep.json", "[" * 100000 + "]" * 100000)
    host.add("https://a.test/gone.json", '{"revoked": true}', status=410)
    with SafeFetcher(allow_loopback=True, limits=FetchLimits(max_bytes=1 << 20)) as fetcher:
        with pytest.raises(FetchError, match="malformed JSON"):
            fetcher.get_json(host.physical("https://a.test/bad.json"))
        with pytest.raises(FetchError, match="malformed JSON"):
            fetcher.get_json(host.physical("https://a.test/deep.json"))
        with pytest.raises(HTTPStatusError) as gone:
            fetcher.get_json(host.physical("https://a.test/gone.json"))
    assert gone.value.status == 410 and b"revoked" in gone.value.body


def test_documents_store_answers_before_network_and_offline(tmp_path: Path) -> None:
    (tmp_path / "issuer.test" / "a").mkdir(parents=True)
    (tmp_path / "issuer.test" / "a" / "b.json").write_text('{"stored": true}')
    (tmp_path / "secret.json").write_text('{"outside": true}')
    fetcher = SafeFetcher(offline=True, documents=tmp_path)
    assert fetcher.get_json("https://issuer.test/a/b.json?query=dropped") == {"stored": True}
    with pytest.raises(OfflineError):
        fetcher.get_json("https://issuer.test/a/missing.json")
    with pytest.raises(OfflineError):
        fetcher.get_json("https://issuer.test/a/../../secret.json")
    assert (
        fetcher.store is not None and fetcher.store.path_for("https://issuer.test/%2e%2e/secret.json") is None
    )


def test_cache_reuses_fresh_and_revalidates_with_etag(host: BadgeHost, tmp_path: Path) -> None:
    host.add("https://a.test/fresh.json", '{"v": 1}', headers={"Cache-Control": "max-age=600"})
    host.add("https://a.test/etag.json", '{"v": 2}', headers={"Cache-Control": "no-cache", "ETag": '"abc"'})
    host.add("https://a.test/nostore.json", '{"v": 3}', headers={"Cache-Control": "no-store"})
    cache = HttpCache(tmp_path / "cache.sqlite3")
    for _ in range(3):
        with SafeFetcher(allow_loopback=True, cache=cache) as fetcher:
            assert fetcher.get_json(host.physical("https://a.test/fresh.json")) == {"v": 1}
            assert fetcher.get_json(host.physical("https://a.test/etag.json")) == {"v": 2}
            assert fetcher.get_json(host.physical("https://a.test/nostore.json")) == {"v": 3}
    assert host.hits_for("https://a.test/fresh.json") == 1
    assert host.hits_for("https://a.test/etag.json") == 3 and host.revalidated == 2
    assert host.hits_for("https://a.test/nostore.json") == 3
    cache.close()


def test_origin_map_serves_real_hosts_from_loopback(host: BadgeHost) -> None:
    host.add("https://api.credly.com/v1/x", '{"mapped": true}')
    with SafeFetcher(allow_loopback=True, origins=host.origins()) as fetcher:
        assert fetcher.get_json("https://api.credly.com/v1/x") == {"mapped": True}
    with pytest.raises(UnsafeURL), SafeFetcher(origins=host.origins()) as fetcher:
        fetcher.get_json("https://api.credly.com/v1/x")


def _tls_pair(tmp_path: Path, name: str):
    """A private CA and a server certificate for `name`, made with cryptography."""
    import datetime as dt
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def cert(subject: str, key, issuer_name, issuer_key, *, ca: bool):
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .issuer_name(issuer_name or x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(dt.datetime(2020, 1, 1))
            .not_valid_after(dt.datetime(2100, 1, 1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if not ca:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False
            )
        return builder.sign(issuer_key or key, hashes.SHA256())

    ca_key, leaf_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_cert = cert("credbridge test CA", ca_key, None, None, ca=True)
    leaf = cert(name, leaf_key, ca_cert.subject, ca_key, ca=False)
    (tmp_path / "leaf.pem").write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "leaf.key").write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tmp_path / "leaf.pem", tmp_path / "leaf.key")
    client = ssl.create_default_context(cadata=ca_cert.public_bytes(serialization.Encoding.PEM).decode())
    return server, client


def test_https_pins_the_address_and_checks_the_certificate_for_the_name(tmp_path: Path, monkeypatch) -> None:
    """The connection goes to the pinned IP, while SNI and the certificate check use the name."""
    server_tls, client_tls = _tls_pair(tmp_path, "badges.test")
    monkeypatch.setattr(fetch_module, "resolve_host", lambda name, port: ["127.0.0.1"])
    with BadgeHost(tls=server_tls) as secure:
        secure.add("https://badges.test/a.json", '{"tls": true}')
        port = secure.server.server_address[1]
        with SafeFetcher(allow_loopback=True, tls=client_tls) as fetcher:
            assert fetcher.get_json(f"https://badges.test:{port}/badges.test/a.json") == {"tls": True}
            with pytest.raises(FetchError, match=r"CERTIFICATE|certificate|hostname"):
                fetcher.get_json(f"https://impostor.test:{port}/badges.test/a.json")
        with SafeFetcher(allow_loopback=True) as fetcher, pytest.raises(FetchError):
            fetcher.get_json(f"https://badges.test:{port}/badges.test/a.json")


def test_ipv6_literal_hosts_are_pinned_and_bracketed() -> None:
    try:
        server = BadgeHost(bind="::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with server:
        server.add("https://v6.test/a.json", '{"v6": true}')
        with SafeFetcher(allow_loopback=True) as fetcher:
            assert fetcher.get_json(server.physical("https://v6.test/a.json")) == {"v6": True}
        with pytest.raises(UnsafeURL):
            SafeFetcher().get_json(server.physical("https://v6.test/a.json"))


def test_default_cache_lives_in_the_configured_file_and_an_unwritable_one_is_skipped(
    host: BadgeHost, tmp_path: Path, monkeypatch
) -> None:
    from credbridge.badges.verify import CACHE_ENV, make_fetcher

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "c" / "http.sqlite3"))
    fetcher = make_fetcher(offline=False, documents=None, allow_loopback=False)
    assert fetcher.cache is not None and fetcher.cache.path == tmp_path / "c" / "http.sqlite3"
    assert make_fetcher(offline=True, documents=None, allow_loopback=False).cache is None
    assert make_fetcher(offline=False, documents=None, allow_loopback=True).cache is None
    (tmp_path / "file").write_text("not a directory")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "file" / "http.sqlite3"))
    assert make_fetcher(offline=False, documents=None, allow_loopback=False).cache is None


def test_freshness_rules() -> None:
    from credbridge.badges.cache import freshness

    now = 1_700_000_000.0
    assert freshness({"cache-control": "max-age=60"}, now) == now + 60
    assert freshness({"cache-control": "public, s-maxage=10, max-age=60"}, now) == now + 10
    assert freshness({"cache-control": "no-store, max-age=60"}, now) is None
    assert freshness({"cache-control": "no-cache"}, now) == now
    assert freshness({"expires": "Tue, 14 Nov 2023 22:23:20 GMT"}, now) == now + 600
    assert freshness({"expires": "Tue, 14 Nov 2023 22:03:20 GMT"}, now) == now - 600
    assert freshness({"expires": "garbage"}, now) == now
    assert freshness({}, now) == now


def test_connections_are_not_shared_between_host_names(tmp_path: Path, monkeypatch) -> None:
    """Two names on one address: the second must get its own TLS handshake (and certificate
    check), not the first one's pooled connection."""
    server_tls, client_tls = _tls_pair(tmp_path, "badges.test")
    monkeypatch.setattr(fetch_module, "resolve_host", lambda name, port: ["127.0.0.1"])
    with BadgeHost(tls=server_tls) as secure:
        secure.add("https://badges.test/a.json", '{"a": 1}')
        port = secure.server.server_address[1]
        with SafeFetcher(allow_loopback=True, tls=client_tls) as fetcher:
            assert fetcher.get_json(f"https://badges.test:{port}/badges.test/a.json") == {"a": 1}
            with pytest.raises(FetchError):
                fetcher.get_json(f"https://impostor.test:{port}/badges.test/a.json?again")


def test_slow_dns_is_bounded(monkeypatch) -> None:
    import time as clock

    monkeypatch.setattr(
        fetch_module, "resolve_host", lambda name, port: clock.sleep(1.0) or ["93.184.216.34"]
    )
    limits = FetchLimits(connect_timeout=0.2, read_timeout=0.2, deadline=0.5)
    with pytest.raises(FetchError, match="no answer within"):
        SafeFetcher(limits=limits).get_bytes("https://slow-dns.test/")
