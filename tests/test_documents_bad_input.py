"""Bad input: each case gives a clear credbridge error naming the file, never a traceback."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from credbridge.documents import read_document
from credbridge.documents.limits import MAX_LINES, MAX_MARKUP_BYTES, MAX_PDF_PAGES
from credbridge.errors import InputError, UnreadableDocument

DOCS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
ENGINES = ("pypdfium2", "pdfplumber")


def _nested(depth: int, rows: int = 0) -> bytes:
    data = b"<html><body>" + b"<div>" * depth + b"deep" + b"</div>" * depth
    return data + b"<p>row</p>" * rows + b"</body></html>"


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf_needs_a_password(engine: str) -> None:
    with pytest.raises(InputError, match=r"encrypted\.pdf: encrypted PDF: a password is needed") as caught:
        read_document(DOCS / "encrypted.pdf", pdf_engine=engine)
    assert caught.value.code == "pdf.encrypted"


def test_zero_bytes(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableDocument, match=r"empty\.pdf: the file is empty"):
        read_document(empty)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("keep", [0.05, 0.5, 0.98])
def test_truncated_pdf(engine: str, keep: float) -> None:
    data = (DOCS / "links_ligatures.pdf").read_bytes()
    with pytest.raises(UnreadableDocument, match=r"cut\.pdf: damaged or truncated PDF"):
        read_document(data[: int(len(data) * keep)], name="cut.pdf", pdf_engine=engine)


def test_pdf_header_then_garbage() -> None:
    with pytest.raises(UnreadableDocument, match="damaged or truncated PDF"):
        read_document(b"%PDF-1.7\n" + os.urandom(4000), name="bad.pdf")


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    garbage = tmp_path / "resume.pdf"
    garbage.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(UnreadableDocument, match=r"resume\.pdf: is not a PDF, DOCX, HTML or text file"):
        read_document(garbage)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.pdf")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_too_many_pages() -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(MAX_PDF_PAGES + 1):
        pdf.drawString(72, 700, f"page {page}")
        pdf.showPage()
    pdf.save()
    for engine in ENGINES:
        with pytest.raises(InputError, match=f"long.pdf: PDF has {MAX_PDF_PAGES + 1} pages; the limit is"):
            read_document(buffer.getvalue(), name="long.pdf", pdf_engine=engine)


# ------------------------------------------------------------------ DOCX


def _docx_with(extra: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The fixture DOCX with members added or replaced."""
    source = zipfile.ZipFile(DOCS / "resume.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as out:
        for item in source.infolist():
            if item.filename not in extra:
                out.writestr(item.filename, source.read(item.filename))
        for name, data in extra.items():
            out.writestr(name, data)
    return buffer.getvalue()


def test_docx_that_is_not_a_zip() -> None:
    with pytest.raises(
        UnreadableDocument, match=r"cv\.docx: is not a PDF, DOCX, HTML or text file \(not a zip"
    ):
        read_document(os.urandom(2048).replace(b"PK", b"pk"), name="cv.docx")


def test_damaged_zip() -> None:
    data = (DOCS / "resume.docx").read_bytes()
    with pytest.raises(UnreadableDocument, match=r"cv\.docx: damaged zip archive"):
        read_document(data[: len(data) // 2], name="cv.docx")


def test_zip_that_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnreadableDocument, match="zip archive but not a DOCX"):
        read_document(buffer.getvalue(), name="cv.docx")


def test_zip_bomb_by_ratio() -> None:
    bomb = _docx_with({"word/media/image1.png": b"\0" * (64 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    message = r"bomb\.docx: DOCX member word/media/image1\.png is compressed \d+ to 1"
    with pytest.raises(InputError, match=message) as caught:
        read_document(bomb, name="bomb.docx")
    assert caught.value.code == "input.zip_bomb"


def test_zip_bomb_by_member_count() -> None:
    bomb = _docx_with({f"word/media/m{i}.xml": b"<a/>" for i in range(2100)})
    with pytest.raises(InputError, match=r"zip members .* refused as a zip bomb"):
        read_document(bomb, name="many.docx")


def test_docx_with_entity_expansion_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?>'
        b'<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(InputError, match=r"word/document\.xml declares a DTD") as caught:
        read_document(_docx_with({"word/document.xml": laughs}), name="laughs.docx")
    assert caught.value.code == "input.unsafe_xml"


def test_docx_with_broken_xml() -> None:
    with pytest.raises(UnreadableDocument, match=r"broken\.docx: DOCX (part word/document\.xml )?is damaged"):
        read_document(_docx_with({"word/document.xml": b"<w:document><w:body>"}), name="broken.docx")


# ------------------------------------------------------------------ HTML and text


def test_html_over_the_size_cap() -> None:
    data = b"<html><body>" + b"<p>Certified nurse</p>" * (MAX_MARKUP_BYTES // 22 + 10) + b"</body></html>"
    with pytest.raises(
        InputError, match=r"big\.html: HTML file is too large .* the limit is 20 MiB"
    ) as caught:
        read_document(data, name="big.html")
    assert caught.value.code == "input.too_large"


def test_text_over_the_size_cap() -> None:
    with pytest.raises(InputError, match="text file is too large"):
        read_document(b"line\n" * (MAX_MARKUP_BYTES // 5 + 1), name="big.txt")


def test_large_deep_html_within_the_cap_is_read() -> None:
    """Deep nesting and many elements: walked iteratively, no recursion limit, every line kept."""
    document = read_document(_nested(1500, rows=MAX_LINES - 1), name="large.html")
    assert document.lines[0].text == "deep"
    assert len(document.lines) == MAX_LINES


@pytest.mark.parametrize(
    ("data", "kind"),
    [(_nested(3, rows=MAX_LINES + 1), "HTML"), (b"Certified nurse\n" * (MAX_LINES + 1), "text")],
    ids=["html", "text"],
)
def test_a_flood_of_lines_is_refused(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=rf"flood: {kind} has more than {MAX_LINES} lines of text"):
        read_document(data, name="flood")


def test_html_nested_deeper_than_libxml2_trees_allow_is_still_read() -> None:
    """No tree is built, so libxml2's tree depth limit (256, or 2048 with huge_tree) never bites."""
    assert [line.text for line in read_document(_nested(5000), name="deep.html").lines] == ["deep"]
