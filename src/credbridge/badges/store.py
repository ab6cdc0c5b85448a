"""The `--documents DIR` offline store: `https://host/a/b.json` is read from `DIR/host/a/b.json`.

It is consulted before the cache and the network, so verification can run air-gapped and tests
can serve issuer profiles, keys and status lists from a directory tree. Query strings and
fragments are dropped (DESIGN.md). A path that names a directory is read from its `index.json`,
so that both `https://host/issuer` and `https://host/issuer/key` can be stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from credbridge.badges.urls import split
from credbridge.errors import FetchError

MAX_NAME_BYTES = 255
"""The longest file name common file systems allow (ext4, APFS, NTFS); longer is never stored."""

_TYPES = {
    ".json": "application/ld+json",
    ".jsonld": "application/ld+json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".html": "text/html",
    ".htm": "text/html",
    ".jwt": "text/plain",
    ".txt": "text/plain",
}


@dataclass(frozen=True)
class StoredDocument:
    body: bytes
    content_type: str
    path: Path


class DocumentStore:
    """Read-only view of a directory laid out as host/path."""

    def __init__(self, root: Path, *, max_bytes: int) -> None:
        self.root = root.resolve()
        self.max_bytes = max_bytes

    def path_for(self, url: str) -> Path | None:
        """The file a URL maps to, or None when the URL cannot be mapped safely (no `..`).

        A URL that cannot be parsed, or whose host or a path segment is longer than a file name
        may be (a 2 KB host name), cannot be in the store: None, not an OSError.
        """
        parts = split(url)
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        segments = [unquote(s) for s in parts.path.split("/") if s]
        if any(s in (".", "..") or "/" in s or "\\" in s or "\0" in s for s in segments):
            return None
        names = [parts.hostname.lower(), *segments]
        if any(len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for name in names):
            return None
        try:
            path = self.root.joinpath(*names)
            if path.is_dir():
                path = path / "index.json"
            resolved = path.resolve()
        except (OSError, ValueError):  # path too long, or a name the file system refuses
            return None
        return resolved if resolved.is_relative_to(self.root) else None

    def lookup(self, url: str) -> StoredDocument | None:
        """The stored document for `url`, or None when the store does not hold it."""
        path = self.path_for(url)
        try:
            if path is None or not path.is_file():
                return None
        except (OSError, ValueError):
            return None
        size = path.stat().st_size
        if size > self.max_bytes:
            raise FetchError(f"{url}: stored document {path} is {size} bytes, over the {self.max_bytes} cap")
        body = path.read_bytes()
        return StoredDocument(body, _TYPES.get(path.suffix.lower()) or sniff_type(body), path)


def sniff_type(body: bytes) -> str:
    """A media type for a stored file without a telling suffix (API paths often have none)."""
    head = body.lstrip()[:64]
    if head[:1] in (b"{", b"["):
        return "application/ld+json"
    if body.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"<?xml") or head.startswith(b"<svg"):
        return "image/svg+xml"
    if head.startswith(b"<"):
        return "text/html"
    return "text/plain"
