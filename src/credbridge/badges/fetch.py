"""The one safe fetcher: every badge, badge class, issuer, key, revocation list, status list and
did:web document is fetched through SafeFetcher, because every one of those URLs comes from a
stranger (a resume, a badge, a document the badge points at).

What it guarantees, per request and on every redirect hop:
- http and https only, no credentials in the URL;
- the host is resolved once, every address it resolves to must be public (no loopback,
  private, link-local, CGNAT, unique-local or site-local, IPv4-mapped, -compatible,
  -translated or tunnelled IPv6, IPv6 outside global unicast 2000::/3, unspecified,
  multicast, reserved, cloud metadata), and the connection goes to the address that was checked
  (the URL is rewritten to the IP, the Host header and TLS SNI / certificate check keep the
  name), so DNS rebinding between check and connect cannot redirect it;
- at most `max_redirects` hops, connect/read timeouts, a total deadline, a byte cap enforced
  while streaming (and up front from Content-Length), and callers check the content type;
- environment proxies are ignored (a proxy would connect on our behalf, defeating the pin).

Before the network it consults the `--documents` store, then a per-run memo, then the SQLite
HTTP cache. `offline=True` stops at the store. `allow_loopback` lets 127.0.0.1 and ::1 (and no
other loopback address) through, for tests and local demos. `origins` maps an origin to a base
URL (`https://api.credly.com` -> `http://127.0.0.1:8000/api.credly.com`) so that tests can stand
in for real hosts; the mapped URL is what gets the safety checks. `tls` replaces the default
certificate store (a private CA in tests or closed deployments); certificates are always checked.
"""

from __future__ import annotations

import concurrent.futures
import functools
import ipaddress
import json
import socket
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import httpx

from credbridge.badges.cache import HttpCache
from credbridge.badges.store import DocumentStore
from credbridge.badges.urls import join, split
from credbridge.errors import FetchError, InputError, UnsafeURL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

JSON_TYPES = ("application/ld+json", "application/json", "application/vc+ld+json", "application/vc+json")
ACCEPT_JSON = "application/ld+json, application/json;q=0.9"
USER_AGENT = "credbridge/0.1 (+badge verification)"

_METADATA_NAMES = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "instance-data",
        "instance-data.ec2.internal",
        "metadata.azure.internal",
        "metadata.tencentyun.com",
    }
)
_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "192.0.0.192")
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
# Python's is_global / is_private miss these (issue 13): each reaches an IPv4 address or a
# private network through an IPv6 form the standard library calls public.
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
"""Deprecated IPv4-compatible addresses (RFC 4291 2.5.5.1): ::127.0.0.2 is 127.0.0.2."""
_IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
"""IPv4-translated addresses (RFC 2765 SIIT): ::ffff:0:10.0.0.1 is 10.0.0.1."""
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")
"""Deprecated site-local addresses (RFC 3879), still routed inside some networks."""
_GLOBAL_UNICAST = ipaddress.ip_network("2000::/3")
"""The only IPv6 block IANA allocates for global unicast: anything outside it is not public."""
_IPV6_DOCUMENTATION = ipaddress.ip_network("3fff::/20")
"""Documentation prefix (RFC 9637), newer than some Python versions' tables."""
_TUNNELS = tuple(
    ipaddress.ip_network(n) for n in ("64:ff9b::/96", "64:ff9b:1::/48", "2002::/16", "2001::/32")
)
_LOOPBACK_ALLOWED = frozenset(ipaddress.ip_address(a) for a in ("127.0.0.1", "::1"))
_RESOLVER = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="credbridge-dns")
"""getaddrinfo cannot be interrupted, so it runs here and callers stop waiting at their timeout."""


@dataclass(frozen=True)
class FetchLimits:
    """Time and size limits of one fetch (all redirect hops together for `deadline`)."""

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True)
class Response:
    """A fetched document: the logical URL it was finally read from, its media type and body."""

    url: str
    status: int
    content_type: str
    body: bytes
    source: Literal["network", "cache", "documents"]


class HTTPStatusError(FetchError):
    """The server answered with a status that is not success; 410 Gone matters (revocation)."""

    code = "fetch.status"

    def __init__(self, message: str, *, url: str, status: int, body: bytes, content_type: str) -> None:
        super().__init__(message)
        self.url, self.status, self.body, self.content_type = url, status, body, content_type


class OfflineError(FetchError):
    """The document is not in the --documents store and the network is off."""

    code = "fetch.offline"


class UnreachableError(FetchError):
    """The host could not be reached now: no DNS answer, connection refused or reset, timed out.

    Kept apart from the other fetch failures because it says nothing about the document: a
    verifier must report "could not verify now, try again", never "forged".
    """

    code = "fetch.unreachable"


TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
"""HTTP statuses that say "not now" rather than "no such document" (RFC 9110, RFC 6585)."""


def is_transient(error: FetchError) -> bool:
    """Whether a fetch failure may go away on retry (offline, unreachable, a server error)."""
    if isinstance(error, OfflineError | UnreachableError):
        return True
    return isinstance(error, HTTPStatusError) and error.status in TRANSIENT_STATUSES


@functools.cache
def default_tls() -> ssl.SSLContext:
    """The system's trusted CAs, loaded once: building a context costs tens of milliseconds."""
    return httpx.create_ssl_context()


def media_type(header: str | None) -> str:
    return (header or "").split(";", 1)[0].strip().lower()


def load_json(data: bytes | str, *, what: str, error: type[Exception] = InputError) -> Any:
    """Parse JSON from an untrusted source, turning every failure into `error` naming `what`.

    Lone surrogates become U+FFFD here, where a credential's text enters (see mend_json).
    """
    try:
        return mend_json(json.loads(data), data)
    except (ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply or not UTF-8"
        raise error(f"{what}: malformed JSON ({reason})") from None




def mend_json(value: Any, raw: bytes | str) -> Any:
    """`value`, parsed from `raw`, with lone surrogates made U+FFFD and split pairs joined.

    JSON may spell a lone surrogate ("\\ud800"), and Python's json reads one from UTF-8 that
    encodes it; UTF-8 cannot encode it again, so a report quoting it could not be sent as JSON
    (the API's responses) and a proof could not hash it. The readers treat resume text the same
    way (documents/repair.py). Only text that may hold one is re-read, so the common case costs
    one regex search.
    """
    from credbridge.documents.repair import may_hold_surrogates, mend_value

    return mend_value(value) if may_hold_surrogates(raw) else value


def address_problem(ip: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why we refuse to connect to `ip`, or None when it is a public address."""
    if allow_loopback and ip in _LOOPBACK_ALLOWED:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return "an IPv4-mapped IPv6 address"
        if ip in _IPV4_COMPATIBLE and int(ip) > 1:  # :: and ::1 get their own reasons below
            return "an IPv4-compatible IPv6 address (deprecated; it embeds an IPv4 one)"
        if ip in _IPV4_TRANSLATED:
            return "an IPv4-translated IPv6 address (it embeds an IPv4 one)"
        if ip in _SITE_LOCAL:
            return "a site-local IPv6 address (deprecated, private)"
        if any(ip in net for net in _TUNNELS):
            return "an IPv6 address embedding an IPv4 one (NAT64, 6to4, Teredo)"
        if ip in _UNIQUE_LOCAL and ip not in _METADATA_ADDRESSES:
            return "a unique-local IPv6 address"
    checks = (
        (ip in _METADATA_ADDRESSES, "a cloud metadata address"),
        (ip.is_unspecified, "the unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_link_local, "a link-local address"),
        (isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT, "a carrier-grade NAT address"),
        (ip.is_private, "a private address"),
        (
            isinstance(ip, ipaddress.IPv6Address)
            and (ip not in _GLOBAL_UNICAST or ip in _IPV6_DOCUMENTATION),
            "an IPv6 address outside global unicast (2000::/3), not public",
        ),
        (not ip.is_global, "a reserved, non-public address"),
    )
    return next((reason for bad, reason in checks if bad), None)


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (tests replace this to simulate DNS rebinding)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refuse_literal(host: str, *, allow_loopback: bool) -> IPAddress | None:
    """Refuse what the host itself gives away, before any store, cache or DNS: a cloud metadata
    name, or a forbidden IP literal. Returns the address when the host is an allowed IP literal.

    Checked first so that a forbidden URL is called forbidden even offline, where the plain
    "not in the document store" would hide why it could never have been fetched.
    """
    name = host.rstrip(".").lower()
    if name in _METADATA_NAMES:
        raise UnsafeURL(f"refusing to fetch from {host}: a cloud metadata host name")
    try:
        address = ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None
    problem = address_problem(address, allow_loopback=allow_loopback)
    if problem:
        raise UnsafeURL(f"refusing to fetch from {host}: {problem}")
    return address


def pin_address(host: str, port: int, *, allow_loopback: bool, timeout: float = 5.0) -> str:
    """Resolve `host` once and return the address to connect to, refusing forbidden ones.

    Every address the name resolves to must be allowed, so a name with one public and one
    private record cannot be used to reach the private one.
    """
    literal = refuse_literal(host, allow_loopback=allow_loopback)
    if literal is not None:
        return str(literal)
    lookup = _RESOLVER.submit(resolve_host, host.rstrip(".").lower(), port)
    try:
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in lookup.result(timeout=timeout)]
    except concurrent.futures.TimeoutError:
        raise UnreachableError(f"cannot resolve {host}: no answer within {timeout:g} s") from None
    except (OSError, UnicodeError, ValueError) as exc:
        raise UnreachableError(f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise UnreachableError(f"cannot resolve {host}: no addresses")
    for address in addresses:
        problem = address_problem(address, allow_loopback=allow_loopback)
        if problem:
            raise UnsafeURL(f"refusing to fetch from {host}: it resolves to {address}, {problem}")
    return str(addresses[0])


def check_url(url: str) -> httpx.URL:
    """Parse a URL and refuse anything but plain http(s) with a host and no credentials."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise UnsafeURL(f"not a usable URL: {url[:200]!r} ({exc})") from None
    if split(url) is None:  # httpx accepts some URLs urllib cannot parse (`http://[abc/x`)
        raise UnsafeURL(f"not a usable URL: {url[:200]!r} (malformed host or port)")
    if parsed.scheme not in ("http", "https"):
        raise UnsafeURL(f"refusing to fetch {url!r}: only http and https URLs are fetched")
    if not parsed.host:
        raise UnsafeURL(f"refusing to fetch {url!r}: no host")
    if parsed.userinfo:
        raise UnsafeURL(f"refusing to fetch {url!r}: credentials in URLs are not sent")
    return parsed


def _accepts(accept: str, content_type: str) -> bool:
    """Whether `content_type` is one of the media ranges in an Accept header."""
    for item in accept.split(","):
        wanted = media_type(item)
        if wanted in ("*/*", content_type) or (
            wanted.endswith("/*") and content_type.startswith(wanted[:-1])
        ):
            return True
    return False


class SafeFetcher:
    """The Fetcher of badges/context.py, with the guarantees described in the module docstring."""

    def __init__(
        self,
        *,
        offline: bool = False,
        documents: Path | None = None,
        allow_loopback: bool = False,
        cache: HttpCache | None = None,
        limits: FetchLimits | None = None,
        origins: Mapping[str, str] | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.offline = offline
        self.tls = tls
        self.allow_loopback = allow_loopback
        self.limits = limits or FetchLimits()
        self.store = DocumentStore(documents, max_bytes=self.limits.max_bytes) if documents else None
        self.cache = cache
        self.origins = {k.rstrip("/").lower(): v.rstrip("/") for k, v in (origins or {}).items()}
        self._memo: dict[tuple[str, str], Response] = {}
        self._lock = threading.Lock()
        self._clients: dict[str, httpx.Client] = {}

    # ------------------------------------------------------------------ Fetcher protocol

    def get_json(self, url: str) -> Any:
        """Fetch and parse a JSON(-LD) document; HTML or other types are refused."""
        response = self.fetch(url, accept=ACCEPT_JSON)
        kind = response.content_type
        is_json = kind in JSON_TYPES or kind.endswith("+json")
        plain_json = kind == "text/plain" and response.body.lstrip()[:1] in (b"{", b"[")
        if not (is_json or plain_json):
            raise FetchError(f"{url}: expected JSON, got {response.content_type or 'no content type'}")
        return load_json(response.body, what=url, error=FetchError)

    def get_bytes(self, url: str, *, accept: str | None = None) -> bytes:
        """Fetch raw bytes; with `accept`, the response's content type must be one it names."""
        response = self.fetch(url, accept=accept or "*/*")
        if accept and not _accepts(accept, response.content_type):
            raise FetchError(f"{url}: expected {accept}, got {response.content_type or 'no content type'}")
        return response.body

    # ------------------------------------------------------------------ the fetch itself

    def fetch(self, url: str, *, accept: str = "*/*") -> Response:
        """Fetch `url` from the store, the memo, the cache or the network, in that order."""
        refuse_literal(check_url(url).host, allow_loopback=self.allow_loopback)
        key = (url, accept)
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        response = self._fetch_uncached(url, accept)
        with self._lock:
            self._memo[key] = response
        return response

    def _fetch_uncached(self, url: str, accept: str) -> Response:
        if self.store is not None:
            stored = self.store.lookup(url)
            if stored is not None:
                return Response(url, 200, stored.content_type, stored.body, "documents")
        if self.offline:
            raise OfflineError(f"{url}: offline and not in the document store")
        cached = self.cache.get(url, accept) if self.cache else None
        if cached is not None and cached.is_fresh(time.time()):
            return Response(url, 200, cached.content_type, cached.body, "cache")
        return self._network(url, accept, cached)

    def _physical(self, url: str) -> str:
        """Apply the origin overrides (tests); the result is what the safety checks see."""
        parts = split(url)
        if parts is None:
            return url
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        base = self.origins.get(origin)
        if base is None:
            return url
        rest = url[len(origin) :]
        return base + (rest if rest.startswith("/") else "/" + rest)

    def _http(self, host: str) -> httpx.Client:
        """One client (connection pool) per host name: pooled connections are keyed by the
        pinned IP, so a shared pool could reuse a TLS connection whose certificate was checked
        for another name on the same address."""
        with self._lock:
            client = self._clients.get(host)
            if client is None:
                client = httpx.Client(
                    trust_env=False, follow_redirects=False, verify=self.tls or default_tls()
                )
                self._clients[host] = client
            return client

    def _network(self, url: str, accept: str, cached: Any) -> Response:
        limits = self.limits
        deadline = time.monotonic() + limits.deadline
        logical = url
        for _hop in range(limits.max_redirects + 1):
            target = check_url(self._physical(logical))
            host = target.raw_host.decode("ascii")
            ip = pin_address(
                host,
                target.port or (443 if target.scheme == "https" else 80),
                allow_loopback=self.allow_loopback,
                timeout=max(0.0, min(limits.connect_timeout, deadline - time.monotonic())),
            )
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise UnreachableError(f"{url}: gave up after {limits.deadline:g} s")
            headers = {"Host": target.netloc.decode("ascii"), "Accept": accept, "User-Agent": USER_AGENT}
            if cached is not None and logical == url:
                headers.update(cached.validators())
            extensions = {"sni_hostname": host} if target.scheme == "https" else {}
            timeout = httpx.Timeout(
                connect=min(limits.connect_timeout, remaining),
                read=min(limits.read_timeout, remaining),
                write=min(limits.read_timeout, remaining),
                pool=min(limits.connect_timeout, remaining),
            )
            try:
                with self._http(host).stream(
                    "GET", target.copy_with(host=ip), headers=headers, timeout=timeout, extensions=extensions
                ) as response:
                    if response.status_code in (301, 302, 303, 307, 308):
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"{logical}: redirect without a Location")
                        joined = join(logical, location)
                        if joined is None:
                            unusable = location[:200]
                            raise FetchError(f"{logical}: redirect to an unusable Location {unusable!r}")
                        logical = joined
                        continue
                    if response.status_code == 304 and cached is not None:
                        self.cache.refresh(url, accept, dict(response.headers))  # type: ignore[union-attr]
                        return Response(logical, 200, cached.content_type, cached.body, "cache")
                    body = self._read_capped(response, logical, deadline)
            except httpx.TimeoutException:
                raise UnreachableError(f"{logical}: timed out") from None
            except (httpx.NetworkError, httpx.RemoteProtocolError, OSError) as exc:  # refused, reset, TLS
                raise UnreachableError(f"{logical}: {type(exc).__name__}: {exc}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{logical}: {type(exc).__name__}: {exc}") from None
            content_type = media_type(response.headers.get("content-type"))
            if not 200 <= response.status_code < 300:
                raise HTTPStatusError(
                    f"{logical}: HTTP {response.status_code}",
                    url=logical,
                    status=response.status_code,
                    body=body,
                    content_type=content_type,
                )
            if self.cache is not None and response.status_code == 200:
                self.cache.put(url, accept, body, content_type, dict(response.headers))
            return Response(logical, response.status_code, content_type, body, "network")
        raise FetchError(f"{url}: more than {limits.max_redirects} redirects")

    def _read_capped(self, response: httpx.Response, url: str, deadline: float) -> bytes:
        """Read the body, aborting as soon as it passes the byte cap or the deadline."""
        cap = self.limits.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{url}: body of {declared} bytes is over the {cap} byte cap")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"{url}: body is over the {cap} byte cap")
            if time.monotonic() > deadline:
                raise UnreachableError(f"{url}: gave up after {self.limits.deadline:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()

    def __enter__(self) -> SafeFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
