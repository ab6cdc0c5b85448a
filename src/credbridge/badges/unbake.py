"""Unbaking: the credential (or its URL, or its JWS) carried inside a PNG or SVG badge image.

PNG (Open Badges 2.0 baking spec and OB 3.0 §5.3): the first iTXt chunk keyed `openbadges`
(2.0: assertion JSON or JWS) or `openbadgecredential` (3.0: credential JSON or compact JWS); a
legacy tEXt `openbadges` chunk holds the URL of a hosted assertion. The text must be strict
UTF-8; compression MUST NOT be used, so a compressed chunk is read (within a cap) but flagged.
SVG (read with defusedxml): `<openbadges:assertion>` (2.0, namespace http://openbadges.org):
a body is the assertion JSON, otherwise the `verify` attribute holds a JWS or the hosted URL.
`<openbadges:credential>` (3.0, https://purl.imsglobal.org/ob/v3p0): a `verify` attribute is
the VC-JWT, otherwise the CDATA body is the credential JSON.
Images come from strangers, so size, chunk count and chunk length are capped, and CRCs checked.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import Literal

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from credbridge.errors import InputError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_CHUNKS = 4096
MAX_TEXT_BYTES = 2 * 1024 * 1024
OB2_KEYWORD, OB3_KEYWORD = "openbadges", "openbadgecredential"
OB2_SVG_NAMESPACES = ("http://openbadges.org", "https://openbadges.org")
OB3_SVG_NAMESPACES = ("https://purl.imsglobal.org/ob/v3p0", "http://purl.imsglobal.org/ob/v3p0")


@dataclass
class Baked:
    """What an image carried: the payload text and how to read it."""

    image: Literal["png", "svg"]
    version: Literal["ob2", "ob3"]
    payload: str
    """Credential JSON, compact JWS, or (legacy / SVG verify) the URL of a hosted assertion."""
    warnings: list[str] = field(default_factory=list)
    """Non-conformances that did not stop extraction (compression, duplicate chunks, ...)."""

    @property
    def kind(self) -> Literal["json", "jws", "url"]:
        text = self.payload.lstrip()
        if text.startswith("{"):
            return "json"
        if text.startswith(("http://", "https://")):
            return "url"
        return "jws"


def is_png(data: bytes) -> bool:
    return data.startswith(PNG_SIGNATURE)


def looks_like_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and b"<svg" in data[:65536].lower()


def unbake(data: bytes) -> Baked:
    """Extract the baked credential from PNG or SVG bytes; InputError when there is none."""
    if len(data) > MAX_IMAGE_BYTES:
        raise InputError(f"image is {len(data)} bytes, over the {MAX_IMAGE_BYTES} byte cap")
    if is_png(data):
        return unbake_png(data)
    if looks_like_svg(data):
        return unbake_svg(data)
    raise InputError("not a PNG or SVG image")


def _strict_utf8(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: text is not valid UTF-8 (byte {exc.start})") from None


def _inflate(raw: bytes, where: str) -> bytes:
    """Decompress a zlib stream without letting it expand past MAX_TEXT_BYTES."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(raw, MAX_TEXT_BYTES + 1)
    except zlib.error as exc:
        raise InputError(f"{where}: corrupt compressed text ({exc})") from None
    if len(out) > MAX_TEXT_BYTES or inflater.unconsumed_tail:
        raise InputError(f"{where}: compressed text expands past {MAX_TEXT_BYTES} bytes")
    return out


def _png_chunks(data: bytes):
    """Yield (type, payload) of each chunk, checking lengths, CRCs and the chunk count."""
    offset, count = len(PNG_SIGNATURE), 0
    while offset < len(data):
        if offset + 8 > len(data):
            raise InputError("PNG is truncated inside a chunk header")
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        end = offset + 8 + length
        if length > MAX_IMAGE_BYTES or end + 4 > len(data):
            raise InputError(f"PNG chunk {kind!r} claims {length} bytes, past the end of the file")
        payload = data[offset + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + payload) != crc:
            raise InputError(f"PNG chunk {kind.decode('latin-1')} has a bad CRC")
        count += 1
        if count > MAX_CHUNKS:
            raise InputError(f"PNG has more than {MAX_CHUNKS} chunks")
        yield kind, payload
        if kind == b"IEND":
            return
        offset = end + 4


def _itxt(payload: bytes) -> tuple[str, bool, bytes]:
    """Split an iTXt chunk into keyword, compressed flag and the raw text."""
    keyword, sep, rest = payload.partition(b"\0")
    if not sep or len(rest) < 2:
        raise InputError("malformed PNG iTXt chunk")
    compressed, _method = rest[0], rest[1]
    _language, _, rest = rest[2:].partition(b"\0")
    _translated, _, text = rest.partition(b"\0")
    return keyword.decode("latin-1"), compressed == 1, text


def unbake_png(data: bytes) -> Baked:
    found: Baked | None = None
    legacy: Baked | None = None
    seen: dict[str, int] = {}
    for kind, payload in _png_chunks(data):
        if kind == b"iTXt":
            keyword, compressed, raw = _itxt(payload)
            if keyword not in (OB2_KEYWORD, OB3_KEYWORD):
                continue
            seen[keyword] = seen.get(keyword, 0) + 1
            if found is not None:
                continue
            where = f"PNG iTXt {keyword}"
            warnings = []
            if compressed:
                raw = _inflate(raw, where)
                warnings.append(
                    f"{where} chunk is compressed; the baking spec says compression MUST NOT be used"
                )
            if len(raw) > MAX_TEXT_BYTES:
                raise InputError(f"{where}: text is over {MAX_TEXT_BYTES} bytes")
            version: Literal["ob2", "ob3"] = "ob3" if keyword == OB3_KEYWORD else "ob2"
            found = Baked("png", version, _strict_utf8(raw, where).strip(), warnings)
        elif kind in (b"tEXt", b"zTXt") and legacy is None:
            keyword, _, raw = payload.partition(b"\0")
            if keyword != OB2_KEYWORD.encode():
                continue
            warnings = ["legacy tEXt openbadges chunk: a hosted assertion URL (pre-1.0 baking)"]
            if kind == b"zTXt":
                raw = _inflate(raw[1:], "PNG zTXt openbadges")
                warnings.append("PNG zTXt openbadges chunk is compressed; baking never used compression")
            legacy = Baked("png", "ob2", _strict_utf8(raw, "PNG tEXt openbadges").strip(), warnings)
    if found is None and legacy is None:
        raise InputError("PNG carries no Open Badges data (no iTXt openbadges/openbadgecredential chunk)")
    result = found or legacy
    assert result is not None
    for keyword, count in seen.items():
        if count > 1:
            result.warnings.append(
                f"PNG has {count} iTXt {keyword} chunks; the spec allows one, the first is used"
            )
    return result


def unbake_svg(data: bytes) -> Baked:
    try:
        # A DOCTYPE is allowed (the SVG 1.1 one is in 1EdTech's own baked examples; expat never
        # loads its external DTD), entity declarations and external references are not.
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"SVG refused: {type(exc).__name__} (entities are not allowed)") from None
    except SafeET.ParseError as exc:
        raise InputError(f"SVG is not well-formed XML: {exc}") from None
    except (LookupError, ValueError) as exc:
        # expat reads the XML declaration's encoding itself: an unknown name ("UTF-6") raises
        # LookupError, a multi-byte codec it cannot drive ("euc-jp") ValueError.
        raise InputError(f"SVG declares an encoding that cannot be read: {exc}") from None
    if not root.tag.endswith("}svg") and root.tag != "svg":
        raise InputError("not an SVG document (root element is not <svg>)")
    ob3 = [f"{{{ns}}}credential" for ns in OB3_SVG_NAMESPACES]
    ob2 = [f"{{{ns}}}assertion" for ns in OB2_SVG_NAMESPACES]
    matches = [el for el in root.iter() if el.tag in ob3 or el.tag in ob2]
    if not matches:
        raise InputError("SVG carries no <openbadges:credential> or <openbadges:assertion> element")
    element = matches[0]
    warnings = []
    if len(matches) > 1:
        warnings.append(
            f"SVG has {len(matches)} Open Badges elements; the spec allows one, the first is used"
        )
    body = (element.text or "").strip()
    verify = (element.get("verify") or "").strip()
    if len(body) > MAX_TEXT_BYTES or len(verify) > MAX_TEXT_BYTES:
        raise InputError(f"SVG Open Badges element is over {MAX_TEXT_BYTES} characters")
    if element.tag in ob3:
        if verify:
            if body:
                warnings.append(
                    "SVG openbadges:credential has both a verify attribute and a body; the VC-JWT is used"
                )
            return Baked("svg", "ob3", verify, warnings)
        if not body:
            raise InputError("SVG openbadges:credential has neither a verify attribute nor a body")
        return Baked("svg", "ob3", body, warnings)
    if body:
        return Baked("svg", "ob2", body, warnings)
    if not verify:
        raise InputError("SVG openbadges:assertion has neither a body nor a verify attribute")
    return Baked("svg", "ob2", verify, warnings)
