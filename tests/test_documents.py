"""DOCX, HTML, text and Markdown readers, and format detection by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from credbridge.documents import detect_format, read_document
from credbridge.model import Document, Line

DOCS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"


def _line(document: Document, text: str) -> Line:
    matches = [line for line in document.lines if line.text == text]
    assert matches, f"no line {text!r} in {[line.text for line in document.lines]}"
    return matches[0]


def _links(line: Line) -> list[tuple[str, str | None, int | None, int | None]]:
    return [(link.url, link.text, link.start, link.end) for link in line.links]


# ------------------------------------------------------------------ detection


@pytest.mark.parametrize(
    ("fixture", "misleading_name", "expected"),
    [
        ("links_ligatures.pdf", "resume.docx", "pdf"),
        ("resume.docx", "resume.pdf", "docx"),
        ("resume.html", "resume.txt", "html"),
        ("resume.md", "resume.html", "text"),
        ("latin1.txt", "resume.pdf", "text"),
    ],
)
def test_format_comes_from_content_not_name(fixture: str, misleading_name: str, expected: str) -> None:
    data = (DOCS / fixture).read_bytes()
    assert detect_format(data, name=misleading_name) == expected
    assert read_document(data, name=misleading_name).format == expected


# ------------------------------------------------------------------ DOCX


@pytest.fixture(scope="module")
def docx_document() -> Document:
    return read_document(DOCS / "resume.docx")


def test_docx_header_first_footer_last(docx_document: Document) -> None:
    first, last = docx_document.lines[0], docx_document.lines[-1]
    assert (first.text, first.role) == ("Jane Doe – Resume", "header")
    assert (last.text, last.role) == ("Confidential", "footer")
    assert docx_document.format == "docx" and docx_document.engine == "python-docx"


def test_docx_headings_lists_and_style(docx_document: Document) -> None:
    heading = _line(docx_document, "Certifications")
    assert (heading.role, heading.heading_level) == ("heading", 1)
    assert _line(docx_document, "Jane Doe").role == "heading"  # the Title style
    assert _line(docx_document, "PMP, Project Management Institute, 2021").role == "list_item"
    strong = _line(docx_document, "Experience in a table")
    assert strong.bold and strong.font_size == 14
    assert not _line(docx_document, "After the box").bold


def test_docx_line_break_makes_two_lines(docx_document: Document) -> None:
    texts = [line.text for line in docx_document.lines]
    assert texts.index("Austin, TX") == texts.index("jane@example.com") + 1


def test_docx_relationship_and_field_hyperlinks(docx_document: Document) -> None:
    badge = _line(docx_document, "Badge: Certified ScrumMaster (2022)")
    assert _links(badge) == [("https://www.credly.com/badges/csm-42", "Certified ScrumMaster", 7, 28)]
    field = _line(docx_document, "Verify: ITIL 4 record")
    assert _links(field) == [("https://verify.example.org/itil", "ITIL 4 record", 8, 21)]


def test_docx_tables_nested_tables_and_text_boxes(docx_document: Document) -> None:
    texts = [line.text for line in docx_document.lines]
    for cell in ("Left cell", "Right cell", "Nested cell"):
        assert _line(docx_document, cell).role == "table_cell"
    assert texts.index("Left cell") < texts.index("Right cell") < texts.index("Nested cell")
    # The text box is read once (its VML fallback copy is skipped), after its paragraph.
    assert texts.count("Text box: CISSP, ISC2") == 1
    assert texts.index("Before the box") < texts.index("Text box: CISSP, ISC2") < texts.index("After the box")


# ------------------------------------------------------------------ HTML


@pytest.fixture(scope="module")
def html_document() -> Document:
    return read_document(DOCS / "resume.html")


def test_html_drops_scripts_styles_templates_and_hidden(html_document: Document) -> None:
    text = html_document.text
    for gone in ("do not read", "color: red", "Enable JavaScript", "Template text", "Hidden text", "resume"):
        assert gone not in text


def test_html_structure(html_document: Document) -> None:
    assert (_line(html_document, "Jane Doe").role, _line(html_document, "Jane Doe").heading_level) == (
        "heading",
        1,
    )
    assert _line(html_document, "Certifications").heading_level == 2
    item = _line(html_document, "PMP, Project Management Institute, 2021")
    assert item.role == "list_item" and not item.bold
    cells = ("AWS SAA", "2023", "CISSP", "ISC2")
    assert [_line(html_document, cell).role for cell in cells] == ["table_cell"] * 4
    assert _line(html_document, "ISC2").bold and not _line(html_document, "CISSP").bold  # inline font-weight
    assert _line(html_document, "Café & more").role == "paragraph"


def test_html_links_keep_anchor_and_offsets(html_document: Document) -> None:
    contact = _line(html_document, "jane@example.com · LinkedIn")
    assert _links(contact) == [("https://linkedin.com/in/janedoe", "LinkedIn", 19, 27)]
    badge = _line(html_document, "Certified ScrumMaster (Scrum Alliance)")  # whitespace collapsed
    assert _links(badge) == [("https://www.credly.com/badges/csm-42", "Certified ScrumMaster", 0, 21)]
    # A link that spans a <br> covers the text on both lines.
    assert _links(_line(html_document, "Spans a link")) == [("https://example.org/x", "a link", 6, 12)]
    assert _links(_line(html_document, "over a break")) == [("https://example.org/x", "over a break", 0, 12)]
    # An image-only link has no text to sit under.
    assert [link.url for link in html_document.links] == ["https://example.org/icon"]


# ------------------------------------------------------------------ text and Markdown


def test_markdown_headings_lists_and_links() -> None:
    document = read_document(DOCS / "resume.md")
    assert document.format == "text"
    assert (_line(document, "Jane Doe").role, _line(document, "Jane Doe").heading_level) == ("heading", 1)
    assert _line(document, "Certifications").heading_level == 2
    contact = _line(document, "jane@example.com | https://github.com/janedoe")
    assert _links(contact) == [("https://github.com/janedoe", "https://github.com/janedoe", 19, 45)]
    badge = _line(document, "Certified ScrumMaster, Scrum Alliance")
    assert badge.role == "list_item"
    assert _links(badge) == [("https://www.credly.com/badges/csm-42", "Certified ScrumMaster", 0, 21)]
    bare = _line(document, "AWS SAA: www.credly.com/badges/aws-7.")
    assert _links(bare) == [("https://www.credly.com/badges/aws-7", "www.credly.com/badges/aws-7", 9, 36)]
    assert _line(document, "PMP, Project Management Institute, 2021")  # ** markers gone


def test_windows_1252_text_is_decoded() -> None:
    document = read_document(DOCS / "latin1.txt")
    assert [line.text for line in document.lines] == ["Renée Dupont", "Certifiée PMP"]


def test_text_lines_are_numbered_in_order() -> None:
    document = read_document(b"First\n\n  Second  line \r\nThird\n", name="cv.txt")
    assert [(line.index, line.text) for line in document.lines] == [
        (1, "First"),
        (2, "Second line"),
        (3, "Third"),
    ]
    assert document.file == "cv.txt"


def test_underlined_headings_and_markdown_tables() -> None:
    data = (
        b"JANE DOE\n========\n\nCertifications\n--------------\n"
        b"| Credential | Issuer |\n|---|:---:|\n| PMP | PMI |\n"
    )
    document = read_document(data, name="cv.md")
    shape = [(line.text, line.role, line.heading_level) for line in document.lines]
    assert shape == [
        ("JANE DOE", "heading", 1),
        ("Certifications", "heading", 2),
        ("Credential | Issuer", "table_cell", None),
        ("PMP | PMI", "table_cell", None),
    ]


def test_utf16_text_with_a_byte_order_mark() -> None:
    document = read_document("Renée Dupont\nPMP, 2021\n".encode("utf-16"), name="cv.txt")
    assert document.format == "text"
    assert [line.text for line in document.lines] == ["Renée Dupont", "PMP, 2021"]


def test_html_meta_charset_is_honoured() -> None:
    data = '<html><head><meta charset="windows-1252"></head><body><p>Certifiée – 2021</p></body></html>'
    document = read_document(data.encode("cp1252"), name="cv.html")
    assert [line.text for line in document.lines] == ["Certifiée – 2021"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"<html><body><script>x()</script><img src=a.png></body></html>", "HTML"), (b"\n  \n---\n", "TEXT")],
    ids=["html", "text"],
)
def test_a_document_without_text_says_so(data: bytes, kind: str) -> None:
    document = read_document(data, name="blank")
    assert document.lines == []
    assert [(w.code, w.message) for w in document.warnings] == [
        ("document.no_text", f"no text found in the {kind}")
    ]


def test_html_sibling_inline_elements_are_separate_fields() -> None:
    """Templates print fields in sibling spans and let the stylesheet set them apart: the text
    keeps them apart too, while a word styled in parts stays one word."""
    page = (
        b"<html><body><p><span>Mirantis</span><span>Jul 2017</span></p>"
        b"<p><b>Cert</b><i>ified</i> <span>ARRT</span><span>Jun 2020</span></p>"
        b"<p><span>HR Generalist</span><span>July 2013</span><span>June 2018</span></p></body></html>"
    )
    texts = [line.text for line in read_document(page, name="cv.html").lines]
    assert texts == ["Mirantis Jul 2017", "Certified ARRT Jun 2020", "HR Generalist July 2013 June 2018"]
