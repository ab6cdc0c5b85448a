"""Hostile documents (issue 13): every reader failure is a credbridge error, every loop is bounded.

Each input is built here from a few byte changes to a fixture or from scratch, so that the cause
is visible in the test. Before the fixes these raised RuntimeError, NotImplementedError,
zlib.error, UnicodeError, TypeError, pdfminer's exceptions or RecursionError, or ran for minutes
to hours (the DOCX field-code pattern for ever: it was exponential). No timing threshold is
asserted (the project forbids them): each slow input is sized to take far longer than pytest's
timeout (pyproject.toml) under the old code, so a regression shows as a test that times out.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from credbridge.documents import limits, read_document
from credbridge.errors import UnreadableDocument

DOCS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"

# ------------------------------------------------------------------ DOCX: zip members

_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"


def _patch_member(
    data: bytes,
    name: str,
    *,
    flags: int = 0,
    method: int | None = None,
    version: int | None = None,
) -> bytes:
    """Change one member's zip headers (local and central) the way a hostile archiver would.

    `flags` is OR-ed into the general-purpose bits, `method` replaces the compression method,
    `version` the version needed to extract. The rest of the archive is untouched.
    """
    out = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(name)
    local = info.header_offset
    assert out[local : local + 4] == _LOCAL
    # Local header: signature, version needed (4), flags (6), method (8).
    _patch_fields(out, local + 4, flags, method, version)
    # Central directory: signature, version made by (4), version needed (6), flags (8), method (10).
    position = out.find(_CENTRAL)
    while position != -1:
        name_length = struct.unpack_from("<H", out, position + 28)[0]
        if out[position + 46 : position + 46 + name_length] == name.encode():
            _patch_fields(out, position + 6, flags, method, version)
            return bytes(out)
        position = out.find(_CENTRAL, position + 4)
    raise AssertionError(f"{name} not in the central directory")


def _patch_fields(out: bytearray, at: int, flags: int, method: int | None, version: int | None) -> None:
    """Version needed, flags and method sit side by side in both header kinds, from `at` on."""
    if version is not None:
        struct.pack_into("<H", out, at, version)
    struct.pack_into("<H", out, at + 2, struct.unpack_from("<H", out, at + 2)[0] | flags)
    if method is not None:
        struct.pack_into("<H", out, at + 4, method)


def _docx() -> bytes:
    return (DOCS / "resume.docx").read_bytes()


def _corrupt_deflate(name: str) -> bytes:
    """Overwrite the start of a member's deflate stream with bytes no inflater accepts."""
    data = bytearray(_docx())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start : start + 8] = b"\xff" * 8  # block type 3 (reserved): "invalid block type"
    return bytes(data)


HOSTILE_DOCX: dict[str, Callable[[], bytes]] = {
    "encrypted": lambda: _patch_member(_docx(), "word/document.xml", flags=0x1),
    "encrypted-media": lambda: _patch_member(_docx(), "docProps/thumbnail.jpeg", flags=0x1),
    "deflate64": lambda: _patch_member(_docx(), "word/document.xml", method=9),
    "method-99": lambda: _patch_member(_docx(), "word/styles.xml", method=99),
    "version-12.2": lambda: _patch_member(_docx(), "word/document.xml", version=122),
    "patched-data": lambda: _patch_member(_docx(), "word/document.xml", flags=0x20),
    "strong-encryption": lambda: _patch_member(_docx(), "word/settings.xml", flags=0x40),
    "corrupt-deflate": lambda: _corrupt_deflate("word/document.xml"),
    "corrupt-deflate-media": lambda: _corrupt_deflate("docProps/thumbnail.jpeg"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_DOCX))
def test_hostile_docx_member_is_a_clear_error(case: str) -> None:
    with pytest.raises(UnreadableDocument, match=r"^cv\.docx: (DOCX|damaged zip archive)") as caught:
        read_document(HOSTILE_DOCX[case](), name="cv.docx")
    assert "\n" not in caught.value.message


def test_encrypted_docx_member_says_so() -> None:
    with pytest.raises(UnreadableDocument, match=r"word/document\.xml is encrypted"):
        read_document(HOSTILE_DOCX["encrypted"](), name="cv.docx")


def test_unsupported_compression_is_named() -> None:
    with pytest.raises(UnreadableDocument, match=r"word/document\.xml .*compression method 9 \(deflate64\)"):
        read_document(HOSTILE_DOCX["deflate64"](), name="cv.docx")


# ------------------------------------------------------------------ DOCX: style chains

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _styled_docx(styles: list[tuple[str, str | None, bool]], paragraphs: list[str]) -> bytes:
    """The fixture DOCX with its styles replaced by `styles` (id, basedOn, bold) and its body by
    one paragraph per style id in `paragraphs` (the text is the style id)."""
    xml = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{sid}"/>'
        + (f'<w:basedOn w:val="{base}"/>' if base else "")
        + ("<w:rPr><w:b/></w:rPr>" if bold else "")
        + "</w:style>"
        for sid, base, bold in styles
    )
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr><w:r><w:t>{sid}</w:t></w:r></w:p>'
        for sid in paragraphs
    )
    return _replace_parts(
        {
            "word/styles.xml": f'<?xml version="1.0"?><w:styles {_W}>{xml}</w:styles>',
            "word/document.xml": _document_xml(body),
        }
    )


def _document_xml(body: str) -> str:
    return f'<?xml version="1.0"?><w:document {_W}><w:body>{body}</w:body></w:document>'


def _replace_parts(replaced: dict[str, str]) -> bytes:
    """The fixture DOCX with these parts' XML replaced."""
    source = zipfile.ZipFile(DOCS / "resume.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename not in replaced:
                out.writestr(item.filename, source.read(item.filename))
        for name, text in replaced.items():
            out.writestr(name, text)
    return buffer.getvalue()


def _chain(count: int) -> list[tuple[str, str | None, bool]]:
    """s0 (bold) <- s1 <- s2 ... each based on the one before."""
    return [(f"s{i}", f"s{i - 1}" if i else None, i == 0) for i in range(count)]


def _bold_by_text(data: bytes) -> dict[str, bool]:
    return {line.text: line.bold for line in read_document(data, name="styles.docx").lines}


def test_style_chain_is_followed_up_to_the_cap_and_no_further() -> None:
    cap = limits.MAX_STYLE_CHAIN
    bold = _bold_by_text(_styled_docx(_chain(cap + 1), [f"s{cap - 1}", f"s{cap}"]))
    assert bold[f"s{cap - 1}"] is True  # s0 is the cap-th style of the chain: its bold is inherited
    assert bold[f"s{cap}"] is False  # one further and the chain is cut before s0


def test_style_cycle_ends() -> None:
    styles = [("a", "b", False), ("b", "c", True), ("c", "a", False)]
    bold = _bold_by_text(_styled_docx(styles, ["a", "c"]))
    assert (bold["a"], bold["c"]) == (True, True)  # each reaches b once, then the cycle closes


def test_thousands_of_chained_styles_are_read_in_linear_time() -> None:
    """20,000 chained styles, 5,000 paragraphs each on a different one: python-docx's base_style
    searched all styles at every step (about 14 minutes); now each step is a dictionary lookup."""
    count = 20_000
    names = [f"s{count - 1 - i}" for i in range(5_000)]
    bold = _bold_by_text(_styled_docx(_chain(count), names))
    assert len(bold) >= 5_000
    assert not any(bold[name] for name in names)


def test_a_style_chain_reaching_a_numbering_style_is_read() -> None:
    # A numbering style has no character formatting (python-docx gives it no font): a paragraph
    # style based on one takes its weight from the rest of its chain.
    numbering = '<w:style w:type="numbering" w:styleId="n"><w:name w:val="n"/></w:style>'
    styles = (
        numbering
        + '<w:style w:type="paragraph" w:styleId="p"><w:name w:val="p"/><w:basedOn w:val="n"/>'
        + "<w:rPr><w:b/></w:rPr></w:style>"
    )
    body = '<w:p><w:pPr><w:pStyle w:val="p"/></w:pPr><w:r><w:t>Kiln Safety Operator</w:t></w:r></w:p>'
    data = _replace_parts(
        {
            "word/styles.xml": f'<?xml version="1.0"?><w:styles {_W}>{styles}</w:styles>',
            "word/document.xml": _document_xml(body),
        }
    )
    assert _bold_by_text(data)["Kiln Safety Operator"] is True


def test_a_header_that_is_no_xml_part_is_skipped() -> None:
    # A header relationship whose target python-docx does not parse as XML (another content type)
    # holds no text to read; the body is still read.
    source = zipfile.ZipFile(DOCS / "resume.docx")
    rels = source.read("word/_rels/document.xml.rels").decode()
    header = (
        '<Relationship Id="rIdH9" Target="media/header9.bin" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/header"/>'
    )
    types = source.read("[Content_Types].xml").decode()
    bin_type = '<Default Extension="bin" ContentType="application/octet-stream"/>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename == "word/_rels/document.xml.rels":
                out.writestr(item.filename, rels.replace("</Relationships>", header + "</Relationships>"))
            elif item.filename == "[Content_Types].xml" and 'Extension="bin"' not in types:
                out.writestr(item.filename, types.replace("<Default ", bin_type + "<Default ", 1))
            else:
                out.writestr(item.filename, source.read(item.filename))
        out.writestr("word/media/header9.bin", b"\x00\x01 not xml")
    assert read_document(buffer.getvalue(), name="header.docx").lines


_QUOTE = {'"': "&quot;"}


def _field_docx(*instructions: str) -> bytes:
    """A body of one paragraph per field instruction, each a w:fldSimple around the text 'Badge N'."""
    body = "".join(
        f'<w:p><w:fldSimple w:instr="{escape(instr, _QUOTE)}">'
        f"<w:r><w:t>Badge {number}</w:t></w:r></w:fldSimple></w:p>"
        for number, instr in enumerate(instructions)
    )
    return _replace_parts({"word/document.xml": _document_xml(body)})


def test_field_code_links_are_read() -> None:
    data = _field_docx(
        ' HYPERLINK "https://verify.example.org/itil" ',
        'HYPERLINK \\l "top" "https://a.example.org/b"',
        'HYPERLINK \\o "a tip with spaces" "https://c.example.org/d" \\h',
        "PAGEREF _Toc1 \\h",
    )
    links = {
        line.text: [link.url for link in line.links] for line in read_document(data, name="f.docx").lines
    }
    assert links["Badge 0"] == ["https://verify.example.org/itil"]
    assert links["Badge 1"] == ["https://a.example.org/b"]
    assert links["Badge 2"] == ["https://c.example.org/d"]
    assert links["Badge 3"] == []


def test_field_code_with_runs_of_spaces_ends() -> None:
    """The old HYPERLINK pattern split every double space two ways (an empty switch argument, or
    not): exponential, 40 switches would take longer than the universe has existed."""
    data = _field_docx("HYPERLINK " + "\\a  " * 40, "HYPERLINK " + "\\a  " * 40 + '"https://x.example.org"')
    links = {
        line.text: [link.url for link in line.links] for line in read_document(data, name="f.docx").lines
    }
    assert links["Badge 0"] == []
    assert links["Badge 1"] == ["https://x.example.org"]


# ------------------------------------------------------------------ HTML: charsets and links


@pytest.mark.parametrize(
    "charset", ["undefined", "idna", "punycode", "unicode_escape", "utf-16", "utf_32_be", "cp500", "base64"]
)
def test_html_with_an_unusable_charset_is_read_as_utf8(charset: str) -> None:
    """A <meta charset> naming a codec that is no text encoding of a page (one that raises,
    rewrites text, or would read the declaration itself differently) counts as unknown."""
    page = (
        f'<html><head><meta charset="{charset}"></head><body><p>Zoë Müller +- \\u0041 ~{{</p></body></html>'
    )
    document = read_document(page.encode("utf-8"), name="cv.html")
    assert [line.text for line in document.lines] == ["Zoë Müller +- \\u0041 ~{"]


def test_html_charset_that_is_usable_is_still_honoured() -> None:
    page = '<html><head><meta charset="iso-8859-2"></head><body><p>Łódź</p></body></html>'
    assert read_document(page.encode("iso-8859-2"), name="cv.html").lines[0].text == "Łódź"


def test_links_per_document_are_capped_with_a_warning() -> None:
    cap = limits.MAX_LINKS
    anchors = "".join(
        f'<p><a href="https://www.credly.com/badges/{i:032x}">Badge {i}</a></p>' for i in range(cap + 50)
    )
    document = read_document(f"<html><body>{anchors}</body></html>".encode(), name="links.html")
    assert len(document.lines) == cap + 50  # the text is all kept
    assert sum(len(line.links) for line in document.lines) + len(document.links) == cap
    assert document.lines[cap - 1].links and not document.lines[cap].links
    assert [warning.code for warning in document.warnings] == ["document.too_many_links"]
    assert f"only the first {cap} were kept" in document.warnings[0].message


# ------------------------------------------------------------------ text: linear patterns

_MEGABYTE = 1_000_000

PATHOLOGICAL_LINES: dict[str, tuple[str, str]] = {
    # name: (line, the text read from it). Each used to cost minutes to hours (the bold and
    # link patterns rescanned the rest of the line from every "**", "[", "](" or "<"; the
    # heading and table patterns split a run of spaces every possible way).
    "unclosed bold": ("**a " * (_MEGABYTE // 4), ("**a " * (_MEGABYTE // 4)).strip()),
    "unclosed underscores": ("__a " * (_MEGABYTE // 4), ("__a " * (_MEGABYTE // 4)).strip()),
    "unclosed brackets": ("[" * _MEGABYTE, "[" * _MEGABYTE),
    "unclosed link targets": ("[a](b" * (_MEGABYTE // 5), "[a](b" * (_MEGABYTE // 5)),
    "unclosed autolinks": ("<http://a" * (2 * _MEGABYTE // 9), "<http://a" * (2 * _MEGABYTE // 9)),
    "spaces in a heading": ("# a" + " " * 20_000 + "x", "a x"),
    "spaces in a table row": ("|" + " " * _MEGABYTE + "x", "x"),
    "spaces before text": (" " * _MEGABYTE + "x", "x"),
}


@pytest.mark.parametrize("case", sorted(PATHOLOGICAL_LINES))
def test_pathological_text_line_reads_in_linear_time(case: str) -> None:
    """A line of a megabyte or two is read whole; if a pattern turns quadratic again this test hangs
    until pytest's timeout (no timing is asserted, as the project's tests never do)."""
    line, text = PATHOLOGICAL_LINES[case]
    document = read_document(("Jane Doe\n" + line).encode(), name="cv.txt")
    assert [line.text for line in document.lines] == ["Jane Doe", text]
    assert not document.lines[1].links


@pytest.mark.parametrize(
    ("line", "text", "bold"),
    [
        ("**PMP**, PMI", "PMP, PMI", False),
        ("**Certified Kubernetes Administrator**", "Certified Kubernetes Administrator", True),
        ("**AWS** and __Azure__", "AWS and Azure", False),
        ("***x**", "*x", True),  # the span may start with a lone *
        ("**a***", "a*", False),
        ("** not bold **", "** not bold **", False),  # a space inside either delimiter
        ("__init__.py", "init.py", False),
        # A span never runs over another delimiter: the second ** opens the bold, as CommonMark
        # reads it (it used to be one span "Java ** and **Python" with its markers kept inside).
        ("**Java ** and **Python**", "**Java ** and Python", False),
        ("**a **b**", "**a b", False),
    ],
)
def test_bold_markers(line: str, text: str, bold: bool) -> None:
    (read,) = read_document(line.encode(), name="cv.md").lines
    assert (read.text, read.bold) == (text, bold)


@pytest.mark.parametrize(
    ("line", "text", "links"),
    [
        ("[Credly](https://credly.com/x)", "Credly", [("Credly", "https://credly.com/x")]),
        ('[AWS](https://aws.org/b "title")', "AWS", [("AWS", "https://aws.org/b")]),
        ("[a](https://x.org/p[1])", "a", [("a", "https://x.org/p[1]")]),  # brackets in a target
        ("<https://a.org/b>", "https://a.org/b", [("https://a.org/b", "https://a.org/b")]),
        ("see www.example.com.", "see www.example.com.", [("www.example.com", "https://www.example.com")]),
        # The anchor is the innermost [...]: an unclosed "[" before it stays text.
        ("[see [Credly](https://c.org/b)", "[see Credly", [("Credly", "https://c.org/b")]),
        # An autolink ends at the next "<": two URLs, not one with a "<" inside.
        (
            "<https://a.org<https://b.org>",
            "<https://a.orghttps://b.org",
            [("https://a.org", "https://a.org"), ("https://b.org", "https://b.org")],
        ),
        ("[a](b[a](b[a](https://c.org)", "[a](b[a](ba", [("a", "https://c.org")]),
        ("[unclosed [[ [a](b", "[unclosed [[ [a](b", []),
    ],
)
def test_link_syntax(line: str, text: str, links: list[tuple[str, str]]) -> None:
    (read,) = read_document(line.encode(), name="cv.md").lines
    assert read.text == text
    assert [(link.text, link.url) for link in read.links] == links


def test_heading_and_table_markers_are_stripped() -> None:
    lines = read_document(b"## Skills ##  \n|  a | b |  \n| x", name="cv.md").lines
    assert [(line.text, line.role, line.heading_level) for line in lines] == [
        ("Skills", "heading", 2),
        ("a | b", "table_cell", None),
        ("x", "table_cell", None),
    ]


# ------------------------------------------------------------------ PDF: the pdfplumber fallback

_TEXT = b"BT /F1 12 Tf 72 700 Td (Jane Doe) Tj ET"
_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
    b" /Resources << /Font << /F1 5 0 R >> >> >>"
)


def _pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF of these objects (catalog 1), with an exact cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[number] for number in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def _one_page(*, catalog: bytes = b"<< /Type /Catalog /Pages 2 0 R >>", page: bytes = _PAGE) -> bytes:
    return _pdf(
        {
            1: catalog,
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: page,
            4: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_TEXT), _TEXT),
            5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        }
    )


def _deep_page_tree(depth: int) -> bytes:
    """One page under `depth` nested /Pages nodes."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    for level in range(depth):
        parent = b" /Parent %d 0 R" % (level + 1) if level else b""
        objects[2 + level] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (3 + level, parent)
    page = 2 + depth
    objects[page] = (
        _PAGE.replace(b"/Parent 2 0 R", b"/Parent %d 0 R" % (page - 1))
        .replace(b"4 0 R", b"%d 0 R" % (page + 1))
        .replace(b"5 0 R", b"%d 0 R" % (page + 2))
    )
    objects[page + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(_TEXT), _TEXT)
    objects[page + 2] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return _pdf(objects)


# A catalog without /Pages: pdfium cannot open the file, pdfminer finds the page by scanning, so
# the pdfplumber fallback reads it, and then trips over the page's damaged boxes.
_NO_PAGES = b"<< /Type /Catalog >>"
HOSTILE_PDF: dict[str, Callable[[], bytes]] = {
    "no MediaBox (TypeError)": lambda: _one_page(
        catalog=_NO_PAGES, page=_PAGE.replace(b" /MediaBox [0 0 612 792]", b"")
    ),
    "name in MediaBox (PdfminerException)": lambda: _one_page(
        catalog=_NO_PAGES, page=_PAGE.replace(b"[0 0 612 792]", b"[0 0 /x 792]")
    ),
    "five-number MediaBox (MalformedPDFException)": lambda: _one_page(
        catalog=_NO_PAGES, page=_PAGE.replace(b"[0 0 612 792]", b"[/x 0 0 612 792]")
    ),
    "short MediaBox (IndexError)": lambda: _one_page(
        catalog=_NO_PAGES, page=_PAGE.replace(b"[0 0 612 792]", b"[0 0 612]")
    ),
    "page tree 20,000 deep (RecursionError)": lambda: _deep_page_tree(20_000),
}


def test_the_pdf_builder_makes_a_readable_pdf() -> None:
    for engine in ("pypdfium2", "pdfplumber"):
        assert read_document(_one_page(), name="ok.pdf", pdf_engine=engine).text == "Jane Doe"
        assert read_document(_deep_page_tree(20), name="ok.pdf", pdf_engine=engine).text == "Jane Doe"


@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
@pytest.mark.parametrize("case", sorted(HOSTILE_PDF))
def test_hostile_pdf_is_a_clear_error(case: str, engine: str) -> None:
    with pytest.raises(UnreadableDocument, match=r"^cv\.pdf: damaged") as caught:
        read_document(HOSTILE_PDF[case](), name="cv.pdf", pdf_engine=engine)
    assert "\n" not in caught.value.message and len(caught.value.message) < 300


def test_deep_page_tree_says_so() -> None:
    with pytest.raises(UnreadableDocument, match=r"cv\.pdf: damaged PDF: its objects are nested too deeply"):
        read_document(_deep_page_tree(20_000), name="cv.pdf", pdf_engine="pdfplumber")


# ------------------------------------------------------------------ the command line

CLI = str(Path(sys.executable).parent / "credbridge")


def _parse(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CLI, "parse", "--no-resolve", "--offline", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_cli_gives_one_line_per_hostile_file(tmp_path: Path, engine: str) -> None:
    """Every hostile DOCX and PDF above: exit 1, one 'credbridge: FILE: ...' line each, in order,
    and no traceback or 'internal error' (the CLI's last resort for an exception it did not expect)."""
    files = []
    for cases, suffix in ((HOSTILE_DOCX, "docx"), (HOSTILE_PDF, "pdf")):
        for number, case in enumerate(sorted(cases)):
            path = tmp_path / f"{suffix}{number}.{suffix}"
            path.write_bytes(cases[case]())
            files.append(path)
    result = _parse("--pdf-engine", engine, *files)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(files), result.stderr
    for line, path in zip(lines, files, strict=True):
        assert line.startswith(f"credbridge: {path}: "), line


def test_cli_reads_html_with_an_unusable_charset(tmp_path: Path) -> None:
    page = tmp_path / "cv.html"
    page.write_bytes(
        b'<html><head><meta charset="undefined"></head><body><h1>Zo\xc3\xab Doe</h1></body></html>'
    )
    result = _parse(page)
    assert result.returncode == 0, result.stderr
    assert "Zoë Doe" in result.stdout
