"""PDF reading with both engines, on files made by reportlab and fpdf2 (fixtures/documents)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from credbridge.documents import read_document
from credbridge.model import Document, Line

DOCS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
RESUME_SETS = [
    Path(__file__).resolve().parent.parent / "fixtures" / name for name in ("resumes", "resumes-dev3")
]
ENGINES = ("pypdfium2", "pdfplumber")


def _line(document: Document, text: str) -> Line:
    matches = [line for line in document.lines if line.text == text]
    assert matches, f"no line {text!r} in {[line.text for line in document.lines]}"
    return matches[0]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


def test_ligatures_soft_hyphens_and_icons_are_repaired(engine: str) -> None:
    document = read_document(DOCS / "links_ligatures.pdf", pdf_engine=engine)
    assert document.format == "pdf" and document.engine == engine
    texts = [line.text for line in document.lines]
    assert "Certifications" in texts
    assert "A professional profile with flexible scope" in texts
    assert "jane@example.com" in texts  # the envelope icon (private use glyph) is gone
    assert not any(ord(char) >= 0xE000 and ord(char) <= 0xF8FF for text in texts for char in text)


def test_ligatures_with_no_unicode_mapping_are_restored(engine: str) -> None:
    document = read_document(DOCS / "nul_ligatures.pdf", pdf_engine=engine)
    assert [line.text for line in document.lines] == ["Certified profile workflow"]


def test_line_end_hyphen_is_kept_and_ends_the_line(engine: str) -> None:
    """pdfium marks a hyphen at a line end and joins the next line; the reader undoes the join."""
    document = read_document(DOCS / "hyphen.pdf", pdf_engine=engine)
    assert [line.text for line in document.lines] == ["https://example.org/priya-", "natarajan-sec"]


def test_link_under_text_uses_character_centres(engine: str) -> None:
    """The annotation rectangle clips the first and last glyphs; their centres are inside."""
    document = read_document(DOCS / "links_ligatures.pdf", pdf_engine=engine)
    line = _line(document, "AWS Certified Solutions Architect – Associate, 2023")
    assert [(link.url, link.text, link.start, link.end) for link in line.links] == [
        ("https://www.credly.com/badges/aws-123", "AWS Certified Solutions Architect", 0, 33)
    ]


def test_link_at_the_end_of_a_line(engine: str) -> None:
    document = read_document(DOCS / "links_ligatures.pdf", pdf_engine=engine)
    line = _line(document, "Verify at credly.com/badges/pmp-9")
    (link,) = line.links
    assert link.url == "https://credly.com/badges/pmp-9"
    assert (link.start, link.end) == (10, len(line.text))
    assert line.text[link.start : link.end] == link.text == "credly.com/badges/pmp-9"


def test_link_over_an_icon_alone_sits_under_no_text(engine: str) -> None:
    document = read_document(DOCS / "links_ligatures.pdf", pdf_engine=engine)
    assert [link.url for link in document.links] == ["mailto:jane@example.com"]
    assert not any(link.url.startswith("mailto:") for line in document.lines for link in line.links)


def test_page_numbers_dropped_and_running_header_kept_once(engine: str) -> None:
    document = read_document(DOCS / "links_ligatures.pdf", pdf_engine=engine)
    assert document.pages == 2
    assert not any("Page" in line.text and "of 2" in line.text for line in document.lines)
    headers = [line for line in document.lines if "Curriculum Vitae" in line.text]
    assert len(headers) == 1 and headers[0].role == "header" and headers[0].page == 1
    assert _line(document, "Licenses").page == 2


def test_years_atop_two_pages_are_text_not_a_running_header(engine: str) -> None:
    """A date column's years at the top of both pages ("2016", "2018") read alike once digits
    stand for any number, as a running header's "Page 2 of 3" does; they are kept where they are."""
    document = read_document(DOCS / "dates_at_page_tops.pdf", pdf_engine=engine)
    years = [(line.page, line.text, line.role) for line in document.lines if line.text.isdigit()]
    assert years == [(1, "2016", None), (2, "2018", None)]


def test_geometry_and_style(engine: str) -> None:
    document = read_document(DOCS / "links_ligatures.pdf", pdf_engine=engine)
    assert document.page_width == pytest.approx(612) and document.page_height == pytest.approx(792)
    name, heading = _line(document, "Jane Doe"), _line(document, "Certifications")
    body = _line(document, "A professional profile with flexible scope")
    assert name.bold and heading.bold and not body.bold
    assert name.font_size == pytest.approx(20) and heading.font_size == pytest.approx(13)
    assert body.font_size == pytest.approx(10)
    # Top-left origin: the name (drawn at y=700 of 792) is near the top, below it the heading.
    assert name.top is not None and heading.top is not None and name.top < heading.top
    assert heading.top < 792 - 630 < heading.bottom  # type: ignore[operator]  # baseline at y=630
    assert body.x0 == pytest.approx(72, abs=1.5)
    assert [line.index for line in document.lines] == list(range(1, len(document.lines) + 1))
    assert all(line.column == 0 for line in document.lines)


def test_two_columns_drawn_row_by_row_stay_apart(engine: str) -> None:
    document = read_document(DOCS / "two_column.pdf", pdf_engine=engine)
    assert [line.text for line in document.lines][:2] == ["CERTIFICATIONS", "EXPERIENCE"]
    left = [line for line in document.lines if line.x0 is not None and line.x0 < 100]
    right = [line for line in document.lines if line.x0 is not None and line.x0 > 200]
    assert [line.text for line in left] == [
        "CERTIFICATIONS",
        "PMP, PMI, 2021",
        "CSM, Scrum Alliance",
        "ITIL 4 Foundation",
    ]
    assert len(right) == 4 and all(line.x1 is not None and line.x1 < 460 for line in right)
    assert all(line.x1 is not None and line.x1 < 150 for line in left)


def test_glued_words_are_split_by_the_gaps_between_characters(engine: str) -> None:
    document = read_document(DOCS / "glued.pdf", pdf_engine=engine)
    assert [line.text for line in document.lines] == ["Certified Kubernetes Administrator", "Normal spacing"]


def test_a_column_gap_inside_one_text_object_ends_the_line(engine: str) -> None:
    document = read_document(DOCS / "tj_gap.pdf", pdf_engine=engine)
    texts = [(line.text, round(line.x0 or 0)) for line in document.lines]
    assert texts == [("PMP, PMI", 72), ("Experience at Acme", 317), ("Normal line with spaces", 72)]


def test_letter_spacing_is_not_taken_for_word_spaces(engine: str) -> None:
    document = read_document(DOCS / "letter_spaced.pdf", pdf_engine=engine)
    assert [line.text for line in document.lines] == [
        "CERTIFICATIONS",
        "Certified Kubernetes Administrator, 2023",
    ]


def test_fpdf2_bullets_and_cell_link(engine: str) -> None:
    document = read_document(DOCS / "fpdf2_resume.pdf", pdf_engine=engine)
    assert _line(document, "• Certified Scrum Master (CSM), Scrum Alliance, 2022")
    line = _line(document, "Google Data Analytics Certificate")
    assert [(link.url, link.start, link.end) for link in line.links] == [
        ("https://coursera.org/verify/ABC123", 0, 33)
    ]
    assert _line(document, "Licenses & Certifications").bold


def test_scanned_pdf_warns_instead_of_failing(engine: str) -> None:
    document = read_document(DOCS / "scanned.pdf", pdf_engine=engine)
    assert document.lines == []
    (warning,) = document.warnings
    assert warning.code == "pdf.no_text_layer" and "scanned" in warning.message
    assert warning.file == str(DOCS / "scanned.pdf")


def test_a_scanned_page_among_typed_ones_is_reported(engine: str) -> None:
    document = read_document(DOCS / "partly_scanned.pdf", pdf_engine=engine)
    assert [line.text for line in document.lines] == ["Jane Doe, RN"]
    assert [(w.code, w.message) for w in document.warnings] == [
        ("pdf.page_without_text", "page(s) 2 have no text layer (scanned images): their content was not read")
    ]


def _all_pdfs() -> list[Path]:
    return sorted(DOCS.glob("*.pdf")) + [
        path for folder in RESUME_SETS for path in sorted(folder.glob("*.pdf"))
    ]


@pytest.mark.parametrize("path", [p for p in _all_pdfs() if p.name != "encrypted.pdf"], ids=lambda p: p.name)
def test_both_engines_make_the_same_document(path: Path) -> None:
    fast = read_document(path)
    slow = read_document(path, pdf_engine="pdfplumber")
    assert fast.text == slow.text
    assert fast.pages == slow.pages
    assert [link.url for link in fast.links] == [link.url for link in slow.links]
    for a, b in zip(fast.lines, slow.lines, strict=True):
        assert (a.page, a.bold, a.font_size, a.role) == (b.page, b.bold, b.font_size, b.role), a.text
        assert [(k.url, k.start, k.end) for k in a.links] == [(k.url, k.start, k.end) for k in b.links], (
            a.text
        )
        # Boxes hang from the baseline by the font's descent: pdfminer takes it from the font
        # descriptor, pdfium from the font file when the descriptor says 0 (LibreOffice writes 0),
        # so tops may differ by up to a third of an em; left and right edges agree.
        assert a.x0 == pytest.approx(b.x0, abs=0.5) and a.x1 == pytest.approx(b.x1, abs=0.5), a.text
        assert a.top == pytest.approx(b.top, abs=max(0.5, 0.35 * (a.font_size or 10))), a.text


def test_same_bytes_same_document() -> None:
    data = (DOCS / "links_ligatures.pdf").read_bytes()
    first = read_document(data, name="cv.pdf").model_dump_json()
    assert first == read_document(data, name="cv.pdf").model_dump_json()
    assert read_document(data, name="cv.pdf").file == "cv.pdf"


def test_coordinates_come_from_the_media_box_corner_whatever_the_crop_box(engine: str) -> None:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(612, 792))
    pdf.setCropBox((36, 36, 576, 756))
    pdf.drawString(72, 700, "Cropped page text")
    pdf.linkURL("https://example.org/crop", (70, 698, 200, 712), relative=0)
    pdf.showPage()
    pdf.save()
    document = read_document(buffer.getvalue(), name="crop.pdf", pdf_engine=engine)
    (line,) = document.lines
    assert (document.page_width, document.page_height) == (612, 792)
    assert line.x0 == pytest.approx(72, abs=1) and line.top is not None and 792 - 712 < line.top < 792 - 700
    assert [(link.url, link.text) for link in line.links] == [
        ("https://example.org/crop", "Cropped page text")
    ]


def test_reading_from_several_threads_gives_the_same_documents() -> None:
    """pdfium is not thread-safe; the reader serialises its use (the API may run a thread pool)."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [p for p in _all_pdfs() if p.name != "encrypted.pdf"]
    expected = {path: read_document(path).model_dump_json() for path in paths}
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda path: (path, read_document(path).model_dump_json()), paths * 3))
    assert all(expected[path] == result for path, result in results)


def _pdf(content: bytes, form: bytes = b"") -> bytes:
    """A one-page PDF written by hand around a content stream (Helvetica as /F1), with a form
    XObject /Fm1 drawing `form`."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 5000 5000] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Length %d >>\nstream\n%s\nendstream" % (len(form), form),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_type_in_a_form_drawn_under_a_page_transform_has_its_size_on_the_page(engine: str) -> None:
    """Chromium draws the page as a form XObject under a scaling transform, with text matrices
    that scale back up: the size on the page is their product (for sizes, boxes and heading
    styles). pdfium's matrix of a text object inside the form leaves the outer transform out."""
    form = b"BT /F1 2.5 Tf 16 0 0 16 288 2800 Tm (Certified Welder) Tj ET"
    content = b"BT /F1 10 Tf 72 740 Td (Certifications) Tj ET q 0.25 0 0 0.25 0 0 cm /Fm1 Do Q"
    document = read_document(_pdf(content, form), name="scaled.pdf", pdf_engine=engine)
    assert [(line.text, line.font_size) for line in document.lines] == [
        ("Certifications", 10.0),
        ("Certified Welder", 10.0),
    ]


def _letter_spaced_pdf(lines: list[tuple[str, float]]) -> bytes:
    """A page with each (text, letter spacing in thousandths of an em) on its own line, every
    glyph placed apart by a TJ adjustment, which is how Chromium (Skia) writes CSS
    letter-spacing; written by hand, as no PDF library here writes it that way."""
    rows = []
    for number, (text, spacing) in enumerate(lines):
        glyphs = f" {-spacing:g} ".join("(" + c.replace("(", "\\(").replace(")", "\\)") + ")" for c in text)
        rows.append(f"BT /F1 10 Tf 72 {700 - 24 * number} Td [{glyphs}] TJ ET")
    return _pdf("\n".join(rows).encode("latin-1"))


def test_letter_spaced_type_reads_as_words() -> None:
    """Letter-spaced type leaves a gap after every glyph: a word space is the gap that is wider
    than the others by a space, not any gap (pdfium read '2 0 2 2 - 0 7' and 'Award s')."""
    data = _letter_spaced_pdf(
        [("CERTIFICATIONS", 300), ("Celpe-Bras Avancado 2022-07-14", 150), ("Awards", 140), ("Plain text", 0)]
    )
    texts = [line.text for line in read_document(data, name="spaced.pdf").lines]
    assert texts == ["CERTIFICATIONS", "Celpe-Bras Avancado 2022-07-14", "Awards", "Plain text"]
