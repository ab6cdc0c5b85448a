"""URL parsing that never raises: every URL badge code reads comes from a stranger.

`urllib.parse.urlsplit` raises ValueError for a malformed bracketed host (`http://[abc/x`), and
`.port` for a port out of range, long after the text was accepted as "a URL"; `urljoin` calls
urlsplit too. These helpers give None (or a fallback) instead, so lint, the document store, the
fetcher and the format modules treat such a URL as unusable rather than crash on it.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit


def split(url: str) -> SplitResult | None:
    """urlsplit(url), or None when the URL cannot be parsed (its host and port included)."""
    try:
        parts = urlsplit(url)
        _ = parts.hostname, parts.port  # both are parsed lazily and raise ValueError
    except (ValueError, TypeError):
        return None
    return parts


def host_of(url: str) -> str:
    """The URL's host name, lower-cased; "" when it has none or cannot be parsed."""
    parts = split(url)
    return (parts.hostname or "").lower() if parts else ""


def scheme_of(url: str) -> str:
    """The URL's scheme, lower-cased; "" when it cannot be parsed."""
    parts = split(url)
    return parts.scheme.lower() if parts else ""


def join(base: str, ref: str) -> str | None:
    """urljoin(base, ref), or None when either cannot be parsed."""
    try:
        joined = urljoin(base, ref)
    except (ValueError, TypeError):
        return None
    return joined if split(joined) is not None else None
