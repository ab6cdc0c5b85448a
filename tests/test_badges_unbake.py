"""Unbaking PNG and SVG badges: the chunks and elements of both baking specs, and the limits."""

from __future__ import annotations

import importlib.util
import struct
import zlib
from pathlib import Path

import pytest

from credbridge.badges import unbake as unbake_module
from credbridge.badges.unbake import unbake
from credbridge.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
BAKED = ROOT / "fixtures/badges/ob2/baked"
_spec = importlib.util.spec_from_file_location("make_ob2", ROOT / "fixtures/badges/ob2/make_fixtures.py")
assert _spec and _spec.loader
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)
JWS = (ROOT / "fixtures/badges/ob2/signed/signed-ok.jws").read_text().strip()
OB3_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">'
    "{inner}</svg>"
)


def test_png_itxt_signed_and_hosted() -> None:
    signed = unbake((BAKED / "signed.png").read_bytes())
    assert (signed.image, signed.version, signed.kind, signed.payload) == ("png", "ob2", "jws", JWS)
    hosted = unbake((BAKED / "hosted.png").read_bytes())
    assert hosted.kind == "json" and '"HostedBadge"' in hosted.payload and hosted.warnings == []


def test_png_legacy_text_chunk_holds_a_url() -> None:
    baked = unbake((BAKED / "legacy.png").read_bytes())
    assert baked.kind == "url" and baked.payload == "https://issuer.example.org/assertions/hosted-1.json"
    assert any("legacy" in w for w in baked.warnings)


def test_png_compressed_itxt_is_read_but_flagged() -> None:
    baked = unbake((BAKED / "compressed.png").read_bytes())
    assert baked.kind == "json" and any("MUST NOT" in w for w in baked.warnings)


def test_png_ob3_keyword() -> None:
    png = make.bake_png(
        make.plain_png(), make.itxt("openbadgecredential", '{"type": ["VerifiableCredential"]}')
    )
    baked = unbake(png)
    assert baked.version == "ob3" and baked.kind == "json"


def test_png_without_badge_data() -> None:
    with pytest.raises(InputError, match="no Open Badges data"):
        unbake((BAKED / "plain.png").read_bytes())


def test_png_duplicate_chunk_uses_first_and_warns() -> None:
    png = make.bake_png(make.plain_png(), make.itxt("openbadges", JWS), make.itxt("openbadges", "{}"))
    baked = unbake(png)
    assert baked.payload == JWS and any("2 iTXt openbadges" in w for w in baked.warnings)


def test_png_text_must_be_strict_utf8() -> None:
    chunk = make.png_chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00" + b'{"a": "\xff\xfe"}')
    with pytest.raises(InputError, match="UTF-8"):
        unbake(make.bake_png(make.plain_png(), chunk))


def test_png_bad_crc_and_truncation() -> None:
    png = bytearray((BAKED / "signed.png").read_bytes())
    png[40] ^= 0xFF
    with pytest.raises(InputError, match="CRC"):
        unbake(bytes(png))
    with pytest.raises(InputError, match=r"truncated|past the end"):
        unbake((BAKED / "signed.png").read_bytes()[:60])


def test_png_chunk_count_is_capped(monkeypatch) -> None:
    monkeypatch.setattr(unbake_module, "MAX_CHUNKS", 10)
    filler = b"".join(make.png_chunk(b"tIME", b"\x07\xe8\x01\x01\x00\x00\x00") for _ in range(20))
    with pytest.raises(InputError, match="more than 10 chunks"):
        unbake(make.bake_png(make.plain_png(), filler))


def test_png_decompression_bomb_is_capped(monkeypatch) -> None:
    monkeypatch.setattr(unbake_module, "MAX_TEXT_BYTES", 1000)
    bomb = make.itxt("openbadges", "{" + " " * 100_000 + "}", compressed=True)
    with pytest.raises(InputError, match="expands past"):
        unbake(make.bake_png(make.plain_png(), bomb))


def test_image_size_is_capped(monkeypatch) -> None:
    monkeypatch.setattr(unbake_module, "MAX_IMAGE_BYTES", 100)
    with pytest.raises(InputError, match="byte cap"):
        unbake((BAKED / "signed.png").read_bytes())


def test_png_chunk_claiming_huge_length() -> None:
    png = make.plain_png()
    forged = png[:33] + struct.pack(">I", 0x7FFFFFFF) + b"iTXt" + b"openbadges" + png[33:]
    with pytest.raises(InputError):
        unbake(forged)


def test_svg_ob2_signature_in_verify_attribute() -> None:
    baked = unbake((BAKED / "signed.svg").read_bytes())
    assert (baked.image, baked.version, baked.kind, baked.payload) == ("svg", "ob2", "jws", JWS)


def test_svg_ob2_body_wins_over_verify_url() -> None:
    baked = unbake((BAKED / "hosted.svg").read_bytes())
    assert baked.kind == "json"
    url_only = unbake((BAKED / "url.svg").read_bytes())
    assert url_only.kind == "url"


def test_svg_ob3_verify_attribute_is_the_jwt_else_the_body() -> None:
    jwt = unbake(OB3_SVG.format(inner=f'<openbadges:credential verify="{JWS}"/>').encode())
    assert jwt.version == "ob3" and jwt.kind == "jws"
    body = unbake(
        OB3_SVG.format(
            inner='<openbadges:credential><![CDATA[{"id": "x"}]]></openbadges:credential>'
        ).encode()
    )
    assert body.kind == "json" and body.payload == '{"id": "x"}'
    both = unbake(
        OB3_SVG.format(inner=f'<openbadges:credential verify="{JWS}">{{}}</openbadges:credential>').encode()
    )
    assert both.kind == "jws" and both.warnings
    with pytest.raises(InputError, match="neither"):
        unbake(OB3_SVG.format(inner="<openbadges:credential/>").encode())


def test_svg_refuses_entities_and_malformed_xml() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>'
    )
    with pytest.raises(InputError, match="refused"):
        unbake(bomb)
    with pytest.raises(InputError, match="well-formed"):
        unbake(b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')
    with pytest.raises(InputError, match="no <openbadges"):
        unbake(b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>')


def test_svg_with_the_svg_1_1_doctype_is_read_and_its_dtd_never_loaded() -> None:
    doctype = (
        '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
    )
    inner = f'<openbadges:credential verify="{JWS}"/>'
    assert unbake((doctype + OB3_SVG.format(inner=inner)).encode()).kind == "jws"
    # A parameter entity that would fetch a DTD is still refused.
    fetching = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY % d SYSTEM "http://127.0.0.1:9/x.dtd"> %d;]>'
    with pytest.raises(InputError, match="refused"):
        unbake((fetching + OB3_SVG.format(inner=inner)).encode())


def test_not_an_image() -> None:
    with pytest.raises(InputError, match="not a PNG or SVG"):
        unbake(zlib.compress(b"hello"))
