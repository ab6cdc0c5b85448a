"""Tell a PDF, DOCX, HTML or text file apart by its content, never by its name.

A resume called `cv.pdf` may be a Word file, and a stranger may call anything `.pdf`; the
bytes decide. The name is only used to make an error message more helpful.
"""

from __future__ import annotations

import re
from typing import Literal

from credbridge.errors import UnreadableDocument

Format = Literal["pdf", "docx", "html", "text"]

_HTML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|h[1-6]|table|ul|section|article|main)\b",
    re.IGNORECASE | re.DOTALL,
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_CONTROLS = frozenset(range(32)) - {9, 10, 12, 13}


def detect_format(data: bytes, *, name: str | None = None) -> Format:
    """Return the format of `data`; raise UnreadableDocument for anything else."""
    file = name or "input"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, file)
    if data.startswith(_OLE2):
        raise UnreadableDocument(
            f"{file}: legacy Microsoft Office file (.doc); save it as DOCX or PDF and try again"
        )
    head = _text_head(data)
    if head is None:
        hint = " (not a zip archive, so not a DOCX)" if file.lower().endswith(".docx") else ""
        raise UnreadableDocument(f"{file}: is not a PDF, DOCX, HTML or text file{hint}")
    if _HTML_START.match(head.lstrip()):
        return "html"
    return "text"


def _zip_kind(data: bytes, file: str) -> Format:
    from credbridge.documents.zipsafe import open_archive

    with open_archive(data, file) as archive:
        names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    raise UnreadableDocument(f"{file}: is a zip archive but not a DOCX (it has no word/document.xml)")


def _text_head(data: bytes) -> bytes | None:
    """The first bytes as ASCII-compatible text, or None when the data looks binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data[:4096].decode("utf-16", errors="ignore").encode("utf-8")
    sample = data[:8192]
    if b"\x00" in sample:
        return None
    controls = sum(1 for byte in sample if byte in _TEXT_CONTROLS)
    if controls > max(2, len(sample) // 100):
        return None
    try:
        sample.decode("utf-8", errors="surrogatepass")  # as decode_text reads it
    except UnicodeDecodeError as exc:
        # A cut in the middle of a multi-byte character at the end of the sample is fine.
        if exc.start < len(sample) - 4 and _high_ratio(sample) > 0.3:
            return None
    return data[:4096].removeprefix(b"\xef\xbb\xbf")


def _high_ratio(sample: bytes) -> float:
    """Share of bytes above 0x7F: latin-1 prose has a few, compressed or random data about half."""
    return sum(1 for byte in sample if byte > 0x7F) / max(1, len(sample))


def decode_text(data: bytes) -> str:
    """Decode text the way a person's editor would: BOM, then UTF-8, then Windows-1252.

    UTF-8 that encodes surrogates (CESU-8, as Java writes an emoji, or a lone one from a broken
    tool) is still UTF-8: it decodes with "surrogatepass" rather than falling back to
    Windows-1252, which would garble every other accented letter in the file. The surrogates
    that come out are repaired with the text (repair.repair: pairs joined, lone ones U+FFFD).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
