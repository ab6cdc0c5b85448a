"""A corpus of hostile files: bombs, deep nesting, huge strings and odd encodings.

    python -m fuzz.hostile OUT_DIR

Mutation rarely builds these (a valid deflate stream that expands a thousandfold, a hundred
thousand nested arrays), yet they are what an attacker sends first. Each file is written with
the command that reads it; tests/test_fuzz_hostile.py runs each through the CLI in a process
held to 2 GiB of address space and 30 s of CPU, and wants a profile, a report or one line of
error, never a traceback and never the limit. Everything is built here from scratch, so the
corpus costs nothing to keep and its cause is readable.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

MiB = 1024 * 1024

PARSE = ("parse", "--offline", "--no-resolve")
BADGE = ("badge", "verify", "--offline", "--at", "2026-06-01T00:00:00Z")


def _deflate(chunk: bytes, times: int) -> bytes:
    """`chunk` repeated `times` times, deflated without ever holding the whole expansion."""
    packer = zlib.compressobj(1)
    return b"".join(packer.compress(chunk) for _ in range(times)) + packer.flush()


def pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF file from numbered object bodies (object i+1 is objects[i]), with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    )
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def _one_page(content: bytes, *, page_extra: bytes = b"", font: int | None = None) -> list[bytes]:
    """Catalog, pages, one Letter page with Helvetica (or object `font`) and its content (object 4)."""
    resources = b"<< /Font << /F1 %s >> >>" % (
        b"%d 0 R" % font if font else b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    )
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents 4 0 R %s >>"
        % (resources, page_extra),
        content,
    ]


def _text(lines: list[bytes]) -> bytes:
    """A content stream drawing each line of (already escaped) text 16 points below the last."""
    shown = b"".join(b"(%s) Tj 0 -16 Td\n" % line for line in lines)
    return b"BT /F1 11 Tf 72 720 Td\n" + shown + b"ET"


def lone_surrogate_pdf() -> bytes:
    """A resume PDF whose text layer holds lone surrogates: the case of issue 13.

    A simple font's ToUnicode CMap sends byte codes to UTF-16 code units, and nothing stops a
    producer from mapping one to a lone surrogate: here 'Q' -> U+D800 and 'G' -> U+DFFF, so
    "Solutions Architect Q Associate" reads as "Solutions Architect \\ud800 Associate" in pdfium.
    'Z' is an emoji (a surrogate pair): with one on the page, pdfium's UTF-16 text no longer
    decodes to one character per pdfium char, the reader takes the chars one by one, and the
    lone surrogates come through as they are (what crashed the CLI before the repair).
    """
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"4 beginbfrange <20> <46> <0020> <48> <50> <0048> <52> <59> <0052> <5B> <7E> <005B> endbfrange\n"
        b"3 beginbfchar <47> <DFFF> <51> <D800> <5A> <D83DDE00> endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    lines = [
        b"Jane Doe",
        b"jane@example.org",
        b"Certifications",
        b"AWS Certified Solutions Architect Q Associate, 2023",
        b"Credential ID ABG-1234",
        b"Cloud practitioner Z",
    ]
    objects = _one_page(_stream(_text(lines)), font=5)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>")
    objects.append(_stream(cmap))
    return pdf(objects)


def _pdf_deflate_bomb() -> bytes:
    """A content stream that inflates to 256 MiB of white space: nothing to draw, much to read."""
    return pdf(_one_page(_stream(_deflate(b" " * MiB, 256), b"/Filter /FlateDecode")))


def _pdf_deep_nesting() -> bytes:
    """100 000 nested arrays in the page dictionary, and as many q (save state) in its content."""
    deep = b"[" * 100_000 + b"]" * 100_000
    content = b"q " * 100_000 + _text([b"Jane Doe"]) + b" Q" * 100_000
    return pdf(_one_page(_stream(content), page_extra=b"/Deep " + deep))


def _pdf_many_pages() -> bytes:
    """Twenty thousand pages, each a reference to the same content."""
    count = 20_000
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
    ]
    content = 3 + count
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>" % content] * count
    objects.append(_stream(b""))
    return pdf(objects)


def _pdf_huge_string() -> bytes:
    """One text string of 4 MiB without a space: a single 'word' as wide as a continent."""
    return pdf(_one_page(_stream(_text([b"Jane Doe", b"A" * (4 * MiB)]))))


def _docx(document_xml: Iterator[bytes], *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal DOCX whose word/document.xml is streamed from `document_xml` (deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for chunk in document_xml:
                member.write(chunk)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


_W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def _docx_zip_bomb() -> bytes:
    """document.xml inflates to 300 MiB (a ratio over 200): one paragraph of white space."""
    return _docx(iter([_W + b"<w:p><w:r><w:t>", *(b" " * MiB for _ in range(300)), b"</w:t></w:r></w:p>"]))


def _docx_deep_nesting() -> bytes:
    """Tables nested 50 000 deep, which Word would never write and a recursive reader cannot read."""
    depth = 50_000
    return _docx(iter([_W, b"<w:tbl><w:tr><w:tc>" * depth, b"<w:p/>", b"</w:tc></w:tr></w:tbl>" * depth]))


def _docx_billion_laughs() -> bytes:
    """The classic entity expansion, in the part every DOCX reader parses first."""
    entities = b"".join(b'<!ENTITY e%d "&e%d;&e%d;&e%d;&e%d;">' % (i + 1, i, i, i, i) for i in range(12))
    head = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "ha">' + entities + b"]>"
    return _docx(iter([head, _W, b"<w:p><w:r><w:t>&e12;</w:t></w:r></w:p></w:body></w:document>"]))


def _html_deep_nesting() -> bytes:
    return b"<html><body>" + b"<div>" * 100_000 + b"Jane Doe" + b"</div>" * 100_000 + b"</body></html>"


def _html_huge_string() -> bytes:
    """A 6 MiB word in a link's text and its href."""
    word = b"A" * (3 * MiB)
    return (
        b"<html><body><p>Jane Doe</p><a href='https://example.org/"
        + word
        + b"'>"
        + word
        + b"</a></body></html>"
    )


def _html_utf7() -> bytes:
    """A page that declares UTF-7, which spells lone surrogates and hides markup ('+ADw-' is '<')."""
    body = b"<p>Jane Doe</p><p>ID a+2AA-b +ADw-script+AD4-</p>" * 10_000
    return b"<html><head><meta charset='utf-7'></head><body>" + body + b"</body></html>"


def _text_huge_line() -> bytes:
    return b"Jane Doe\n" + b"A" * (6 * MiB) + b"\n"


def _text_utf16_no_bom() -> bytes:
    return "Jane Doe\njane@example.org\n\nCertifications\nPMP, 2021\n".encode("utf-16-be") * 1000


def _text_mixed_encodings() -> bytes:
    """UTF-8, CESU-8 surrogates, Latin-1, GB18030 and NULs on alternate lines."""
    lines = [
        "José Müller".encode(),
        b"ID a\xed\xa0\x80b and \xed\xa0\xbd\xed\xb8\x80",
        "café résumé".encode("latin-1"),
        "证书 PMP 2021".encode("gb18030"),
        b"\x00\x00\x00Jane\x00Doe",
    ]
    return b"\n".join(lines * 5000)


def _text_many_lines() -> bytes:
    """A million short lines: far over any resume, each cheap alone."""
    return b"PMP 2021\n" * 1_000_000


def _json_deep_nesting() -> bytes:
    return b'{"@context": ' + b"[" * 500_000 + b"]" * 500_000 + b"}"


def _json_huge_string() -> bytes:
    """An OB 3.0 credential whose name is 20 MiB of one letter."""
    return (
        b'{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"], '
        b'"issuer": "https://example.org", "credentialSubject": {}, "name": "' + b"A" * (20 * MiB) + b'"}'
    )


def _json_lone_surrogates() -> bytes:
    return (
        b'{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential", '
        b'"OpenBadgeCredential"], "issuer": {"id": "https://example.org/\\ud800", "name": "I\\udfff"}, '
        b'"name": "Bad \\ud800 name", "credentialSubject": {"id": "x\\udc00"}}'
    )


def _png(chunks: list[tuple[bytes, bytes]]) -> bytes:
    """A 1x1 PNG with the given extra chunks before its image data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    body = b"".join(chunk(kind, data) for kind, data in chunks)
    return (
        b"\x89PNG\r\n\x1a\n"
        + header
        + body
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _png_itxt_bomb() -> bytes:
    """A compressed openbadges iTXt chunk that inflates to 256 MiB."""
    return _png([(b"iTXt", b"openbadges\x00\x01\x00\x00\x00" + _deflate(b"{" * MiB, 256))])


def _png_many_chunks() -> bytes:
    return _png([(b"tEXt", b"k\x00v")] * 200_000)


def _svg_billion_laughs() -> bytes:
    entities = b"".join(b'<!ENTITY e%d "&e%d;&e%d;&e%d;&e%d;">' % (i + 1, i, i, i, i) for i in range(12))
    return (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e0 "ha">' + entities + b"]>"
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://openbadges.org">'
        b"<openbadges:assertion verify='https://example.org/a.json'>&e12;</openbadges:assertion></svg>"
    )


def _svg_deep_nesting() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 200_000 + b"</g>" * 200_000 + b"</svg>"


CORPUS: dict[str, tuple[tuple[str, ...], Callable[[], bytes]]] = {
    "pdf-lone-surrogate.pdf": (PARSE, lone_surrogate_pdf),
    "pdf-deflate-bomb.pdf": (PARSE, _pdf_deflate_bomb),
    "pdf-deep-nesting.pdf": (PARSE, _pdf_deep_nesting),
    "pdf-many-pages.pdf": (PARSE, _pdf_many_pages),
    "pdf-huge-string.pdf": (PARSE, _pdf_huge_string),
    "docx-zip-bomb.docx": (PARSE, _docx_zip_bomb),
    "docx-deep-nesting.docx": (PARSE, _docx_deep_nesting),
    "docx-billion-laughs.docx": (PARSE, _docx_billion_laughs),
    "html-deep-nesting.html": (PARSE, _html_deep_nesting),
    "html-huge-string.html": (PARSE, _html_huge_string),
    "html-utf7.html": (PARSE, _html_utf7),
    "text-huge-line.txt": (PARSE, _text_huge_line),
    "text-utf16-no-bom.txt": (PARSE, _text_utf16_no_bom),
    "text-mixed-encodings.txt": (PARSE, _text_mixed_encodings),
    "text-many-lines.txt": (PARSE, _text_many_lines),
    "badge-deep-nesting.json": (BADGE, _json_deep_nesting),
    "badge-huge-string.json": (BADGE, _json_huge_string),
    "badge-lone-surrogates.json": (BADGE, _json_lone_surrogates),
    "badge-itxt-bomb.png": (BADGE, _png_itxt_bomb),
    "badge-many-chunks.png": (BADGE, _png_many_chunks),
    "badge-billion-laughs.svg": (BADGE, _svg_billion_laughs),
    "badge-deep-nesting.svg": (BADGE, _svg_deep_nesting),
}
"""File name -> (the credbridge arguments that read it, its builder)."""


def generate(out: Path) -> dict[Path, tuple[str, ...]]:
    """Write the corpus to `out`; each file with the CLI arguments to run it through."""
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, (command, build) in CORPUS.items():
        path = out / name
        path.write_bytes(build())
        written[path] = command
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m fuzz.hostile OUT_DIR")
    for path, command in generate(Path(sys.argv[1])).items():
        print(f"credbridge {' '.join(command)} {path}")
