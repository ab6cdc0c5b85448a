"""No text crashes a reader or the printing of a profile (issue 12 item 6, issue 13).

Whatever a file holds, lone surrogates, C0/C1 controls, noncharacters, icon-font glyphs and
invisible characters are repaired or dropped where the text is read (documents.repair, shared by
every reader), and letters of every script pass unchanged. Inputs are built here: PDFs with
reportlab (its bundled Vera font, ToUnicode entries patched to the code points under test, as
broken producers write them), DOCX with python-docx, HTML and text as bytes.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from credbridge.documents import read_document
from credbridge.documents.repair import clean, mend_surrogates, repair
from credbridge.errors import UnreadableDocument
from credbridge.model import Document

CLI = str(Path(sys.executable).parent / "credbridge")
ENGINES = ("pypdfium2", "pdfplumber")
MIXED = "Ivan Petrov Иван Петров Ελληνικά 中文简历 محمد علي"
"""Latin with Cyrillic, Greek, CJK and Arabic: must come out exactly as it went in."""


def _texts(document: Document) -> list[str]:
    return [line.text for line in document.lines]


def _assert_printable(document: Document) -> None:
    """Nothing left that UTF-8 cannot encode or that no resume means: the profile can print."""
    for line in document.lines:
        for text in [line.text, *(link.url for link in line.links)]:
            text.encode("utf-8")  # raises on a lone surrogate
            assert not any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F for char in text), repr(text)
            assert not any(0xE000 <= ord(char) <= 0xF8FF or ord(char) >= 0xF0000 for char in text), repr(text)
            assert not any(char in "\ufffe\uffff\u200b\ufeff" for char in text), repr(text)


# ------------------------------------------------------------------ the shared repair


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        # Lone surrogates become U+FFFD: a character was there; dropping it would glue "a" to "b".
        ("ID a\ud800b", "ID a\ufffdb"),
        ("ID a\udfffb", "ID a\ufffdb"),
        ("ends \ud83d", "ends \ufffd"),
        ("\ude00 starts", "\ufffd starts"),
        ("two \udc00\ud800", "two \ufffd\ufffd"),  # low then high is no pair
        # A pair split in two (pdfium's UTF-16 units) is joined into its character.
        ("smile \ud83d\ude00 ok", "smile \U0001f600 ok"),
        # C0 controls other than tab and newline: dropped, or a space where they separate words.
        ("bell\x07ring", "bellring"),
        ("esc\x1b[0m", "esc[0m"),
        ("delete\x7fd", "deleted"),
        ("vertical\x0btab", "vertical tab"),
        ("form\x0cfeed", "form feed"),
        ("unit\x1fseparator", "unit separator"),
        ("tab\there", "tab here"),
        ("keeps\nnewlines\r\n", "keeps\nnewlines\r\n"),
        # C1 controls: Windows-1252 read as Latin-1; they get their Windows-1252 character.
        ("Bachelor\x92s degree", "Bachelor\u2019s degree"),
        ("\x93quoted\x94", "\u201cquoted\u201d"),
        ("2019\x962023", "2019\u20132023"),
        ("and so on\x85", "and so on\u2026"),
        ("undefined\x81\x8d\x8f\x90\x9dones", "undefinedones"),
        # Noncharacters are dropped.
        ("non\ufffechar", "nonchar"),
        ("non\uffffchar", "nonchar"),
        ("non\ufdd0char", "nonchar"),
        ("non\U0001fffechar", "nonchar"),
        ("non\U0010ffffchar", "nonchar"),
        # Icon glyphs (private use) are dropped, and leave one space between two words.
        ("\uf0e0 jane@example.com", " jane@example.com"),
        ("London\uf0e0jane@example.com", "London jane@example.com"),
        ("London \uf0e0 jane@example.com", "London jane@example.com"),
        ("\uf095\uf0e0+1 555 0100", "+1 555 0100"),
        ("github\uf09b", "github"),
        ("a\U000f0001b", "a b"),  # supplementary private use, as one character
        ("a\udb80\udc01b", "a b"),  # and as pdfium's two halves
        # Zero-width and other invisible characters are dropped.
        ("zero\u200bwidth", "zerowidth"),
        ("\ufeffByte order mark", "Byte order mark"),
        ("word\u2060joiner", "wordjoiner"),
        ("\u200fPMP\u200e", "PMP"),
        ("\u202aembedded\u202c \u2066isolated\u2069", "embedded isolated"),
        ("Lat\u200din\u200c", "Latin"),  # ZWJ and ZWNJ between Latin letters are noise
    ],
)
def test_repair(raw: str, fixed: str) -> None:
    text, source = repair(raw)
    assert text == fixed == clean(raw)
    assert source is not None and len(source) == len(text) and source == sorted(source)
    assert all(0 <= i < len(raw) for i in source)


@pytest.mark.parametrize(
    "text",
    [
        MIXED,
        "Ελληνικά ΑΒΓ, Русский ЖЩЯ, 日本語テキスト, 한국어, עברית, हिन्दी",
        "می\u200cخواهم",  # Persian needs its ZWNJ
        "क्\u200dष",  # a Devanagari conjunct with ZWJ
        "\U0001f469\u200d\U0001f4bb \U0001f3f3\ufe0f\u200d\U0001f308",  # emoji ZWJ sequences
        "Café naïve Ærøskøbing Łódź",
    ],
)
def test_every_script_passes_unchanged(text: str) -> None:
    assert clean(text) == text


def test_emoji_sequence_from_split_halves_keeps_its_joiner() -> None:
    assert clean("\ud83d\udc69\u200d\ud83d\udcbb") == "\U0001f469\u200d\U0001f4bb"


def test_icon_at_the_edge_of_an_inline_run_leaves_a_space() -> None:
    """An HTML or DOCX run holding only an icon sits between two other runs."""
    assert clean("\uf0e0", icon_edges=True) == " "
    assert clean("\uf0e0jane", icon_edges=True) == " jane"
    assert clean("London\uf0e0", icon_edges=True) == "London "
    assert clean("\uf0e0jane") == "jane"  # a PDF word wants no space at its edges


def test_source_map_of_a_joined_pair_points_at_its_first_half() -> None:
    text, source = repair("a\ud83d\ude00b")
    assert text == "a\U0001f600b" and source == [0, 1, 3]


def test_mend_surrogates() -> None:
    assert mend_surrogates("plain") == "plain"
    assert mend_surrogates("a\ud800b\ud83d\ude00c\udfff") == "a\ufffdb\U0001f600c\ufffd"


# ------------------------------------------------------------------ text


def _text(body: bytes) -> Document:
    return read_document(b"Jane Doe\nCertifications\n" + body + b"\n", name="cv.txt")


@pytest.mark.parametrize(
    ("body", "line"),
    [
        # UTF-8 that encodes a lone surrogate (a broken tool) decodes to one: it becomes U+FFFD,
        # and the file stays UTF-8 (the accent is not garbled by a Windows-1252 fallback).
        (b"Caf\xc3\xa9 ID a\xed\xa0\x80b", "Café ID a\ufffdb"),
        # CESU-8 (Java's UTF-8): an emoji as two encoded halves, joined again.
        (b"Smile \xed\xa0\xbd\xed\xb8\x80 ok", "Smile \U0001f600 ok"),
        (b"bell\x07ring", "bellring"),
        (b"Bachelor\xc2\x92s degree", "Bachelor\u2019s degree"),
        (b"non\xef\xbf\xbechar\xef\xbf\xbfs", "nonchars"),
        (b"London\xee\x83\xa0jane@example.com", "London jane@example.com"),
        (b"zero\xe2\x80\x8bwidth \xef\xbb\xbfBOM", "zerowidth BOM"),
        (MIXED.encode(), MIXED),
    ],
)
def test_text_reader(body: bytes, line: str) -> None:
    document = _text(body)
    assert _texts(document) == ["Jane Doe", "Certifications", line]
    _assert_printable(document)


def test_text_reader_link_with_a_lone_surrogate() -> None:
    document = _text(b"[Badge](https://example.org/b\xed\xa0\x80)")
    (link,) = document.lines[-1].links
    assert link.url == "https://example.org/b\ufffd" and link.text == "Badge"


def test_utf16_text_with_a_lone_surrogate() -> None:
    data = "\ufeffJane Doe\nID a\ud800b\n".encode("utf-16-le", "surrogatepass")
    assert _texts(read_document(data, name="cv.txt")) == ["Jane Doe", "ID a\ufffdb"]


# ------------------------------------------------------------------ HTML


def _html(body: str, head: str = "") -> Document:
    page = f"<!DOCTYPE html><html><head>{head}</head><body><h1>Jane Doe</h1>{body}</body></html>"
    return read_document(page.encode("utf-8", "surrogatepass"), name="cv.html")


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("<p>ID a&#xD800;b</p>", "ID a\ufffdb"),  # libxml2 makes a surrogate reference U+FFFD
        ("<p>ID a\ud800b</p>", "ID a\ufffdb"),  # raw, as UTF-8 encoding a surrogate
        ("<p>Smile \ud83d\ude00 ok</p>", "Smile \U0001f600 ok"),  # CESU-8
        ("<p>bell&#7;ring</p>", "bellring"),
        ("<p>bell\x07ring</p>", "bellring"),
        ("<p>Bachelor&#146;s and&#133;</p>", "Bachelor\u2019s and\u2026"),  # as HTML5 maps them
        ("<p>Bachelor\x92s</p>", "Bachelor\u2019s"),
        ("<p>non&#xFFFE;char&#xFFFF;s&#xFDD0;</p>", "nonchars"),
        ("<p>London<i class='fa'>&#xf0e0;</i>jane@example.com</p>", "London jane@example.com"),
        ("<p><i class='fa'>&#xf095;</i> +1 555 0100</p>", "+1 555 0100"),
        ("<p>zero&#x200B;width &#xFEFF;BOM Lat&#x200D;in</p>", "zerowidth BOM Latin"),
        (f"<p>{MIXED}</p>", MIXED),
        ("<p>می&#x200C;خواهم</p>", "می\u200cخواهم"),
    ],
)
def test_html_reader(body: str, line: str) -> None:
    document = _html(body)
    assert _texts(document) == ["Jane Doe", line]
    _assert_printable(document)


def test_html_declared_utf7_with_a_lone_surrogate() -> None:
    """A page may declare any codec Python knows; UTF-7 can spell a lone surrogate ('+2AA-')."""
    data = b"<html><head><meta charset='utf-7'></head><body><h1>Jane Doe</h1><p>ID a+2AA-b</p></body></html>"
    assert _texts(read_document(data, name="cv.html")) == ["Jane Doe", "ID a\ufffdb"]


def test_html_link_urls_are_repaired() -> None:
    document = _html("<p><a href='https://example.org/b\ud800\u200b'>Badge</a></p>")
    (link,) = document.lines[-1].links
    assert link.url == "https://example.org/b\ufffd" and link.text == "Badge"


# ------------------------------------------------------------------ DOCX


def _docx(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Jane Doe")
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Bachelor\x92s and\x85", "Bachelor\u2019s and\u2026"),
        ("undefined\x81c1", "undefinedc1"),
        ("London\uf0e0jane@example.com", "London jane@example.com"),
        ("\uf095 +1 555 0100", "+1 555 0100"),
        ("sup\U000f0001icon", "sup icon"),
        ("zero\u200bwidth \ufeffBOM Lat\u200din \u200fPMP", "zerowidth BOM Latin PMP"),
        (MIXED, MIXED),
        ("می\u200cخواهم", "می\u200cخواهم"),
    ],
)
def test_docx_reader(text: str, line: str) -> None:
    document = read_document(_docx(text), name="cv.docx")
    assert _texts(document) == ["Jane Doe", line]
    _assert_printable(document)


def test_docx_icon_in_its_own_run_does_not_glue_words() -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("London")
    paragraph.add_run("\uf0e0")
    paragraph.add_run("jane@example.com")
    buffer = io.BytesIO()
    document.save(buffer)
    assert _texts(read_document(buffer.getvalue(), name="cv.docx")) == ["London jane@example.com"]


@pytest.mark.parametrize("reference", [b"&#xD800;", b"&#x7;", b"&#xFFFE;", b"\xed\xa0\x80", b"\x07"])
def test_docx_xml_cannot_hold_surrogates_controls_or_noncharacters(reference: bytes) -> None:
    """XML 1.0 forbids them, Word refuses such a file, and so does libxml2: a clear input error
    naming the file, never a crash. (python-docx cannot even write them.)"""
    source = zipfile.ZipFile(io.BytesIO(_docx("MARKER")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"MARKER", b"a" + reference + b"b")
            out.writestr(item, data)
    with pytest.raises(UnreadableDocument, match=r"^cv\.docx: DOCX is damaged"):
        read_document(buffer.getvalue(), name="cv.docx")


# ------------------------------------------------------------------ PDF


def _pdf(lines: list[str], mapping: dict[str, str]) -> bytes:
    """A PDF drawing `lines` in Vera, whose ToUnicode map then sends each placeholder letter of
    `mapping` to the given UTF-16 code units: what a producer with a broken map writes."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # bundled with reportlab
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(612, 792), invariant=1, pageCompression=0)
    pdf.setFont("Vera", 11)
    for number, line in enumerate(lines):
        pdf.drawString(72, 700 - 16 * number, line)
    pdf.showPage()
    pdf.save()
    data = buffer.getvalue()
    for letter, units in mapping.items():
        entry = b"<%02X> <%04X>" % (ord(letter), ord(letter))
        assert entry in data
        data = data.replace(entry, b"<%02X> <%s>" % (ord(letter), units.encode()))
    return data


_PDF_MAPPING = {
    "Q": "D800",  # a lone high surrogate
    "G": "DFFF",  # a lone low surrogate
    "Z": "D83DDE00",  # an emoji, beyond the BMP: two pdfium chars
    "U": "DB80DC01",  # a supplementary private-use icon
    "X": "0092",  # C1: Windows-1252's apostrophe
    "V": "0007",  # C0: bell
    "T": "FDD0",  # a noncharacter
    "Y": "E000",  # a private-use icon
    "W": "200B",  # zero width space
    "H": "200D",  # zero width joiner between Latin letters
    "A": "0416",  # Ж
    "B": "03A9",  # Ω
    "C": "4E2D",  # 中
    "D": "0639",  # ع
}
_PDF_LINES = [
    ("id aQb", {"pypdfium2": "id a\ufffdb", "pdfplumber": "id a b"}),
    ("loneGlow", {"pypdfium2": "lone\ufffdlow", "pdfplumber": "lone low"}),
    ("smile Z ok", "smile \U0001f600 ok"),
    ("supUicon", "sup icon"),
    ("bachelorXs degree", "bachelor\u2019s degree"),
    ("bellVring", "bellring"),
    ("nonTchar", "nonchar"),
    ("london Y jane", "london jane"),
    ("londonYjane", "london jane"),
    ("zeroWwidth", "zerowidth"),
    ("zwjHjoin", "zwjjoin"),
    ("ivan AA BB CC D", "ivan ЖЖ ΩΩ 中中 ع"),
]


@pytest.fixture(scope="module")
def odd_pdf() -> bytes:
    return _pdf([drawn for drawn, _ in _PDF_LINES], _PDF_MAPPING)


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_reader(odd_pdf: bytes, engine: str) -> None:
    """pdfium hands over lone surrogates as they are, and an emoji as two halves (its chars are
    UTF-16 units); pdfminer drops what it cannot decode. Both come out printable."""
    document = read_document(odd_pdf, name="cv.pdf", pdf_engine=engine)
    expected = [want if isinstance(want, str) else want[engine] for _, want in _PDF_LINES]
    assert _texts(document) == expected
    _assert_printable(document)


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_line_end_hyphen_before_digits_and_inside_a_word(engine: str) -> None:
    """pdfium reports a hyphen at a line end as U+FFFE and joins the lines. The reader keeps the
    hyphen and the line break in both cases: whether it is a dash ("RQN-" / "381015") or a
    hyphenation point ("Li-" / "cense") is decided later, from both lines; nothing is dropped."""
    data = _pdf(["Licence ID RQN-", "381015 valid", "Certified Li-", "cense holder"], {})
    document = read_document(data, name="cv.pdf", pdf_engine=engine)
    assert _texts(document) == ["Licence ID RQN-", "381015 valid", "Certified Li-", "cense holder"]


# ------------------------------------------------------------------ CLI


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [CLI, *args],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})},
    )


RESUME_WITH_SURROGATES = (
    b"Jane Doe\njane@example.com\n\nCertifications\n"
    + b"AWS Certified Solutions Architect \xed\xa0\x80 Associate, 2023\n"
    + b"Smile \xed\xa0\xbd\xed\xb8\x80 and caf\xc3\xa9\n"
)
"""UTF-8 encoding a lone surrogate and a CESU-8 emoji: decoded, the text holds surrogates."""


def test_cli_parse_prints_a_profile_for_text_with_lone_surrogates(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes(RESUME_WITH_SURROGATES)
    result = _run("parse", "--no-resolve", "--offline", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
    printed = result.stdout.decode("utf-8")  # strict UTF-8: no surrogate got out
    assert json.loads(printed)["person"]["name"] == "Jane Doe"
    assert "Solutions Architect \ufffd Associate" in printed


def test_cli_parse_prints_a_profile_for_a_pdf_with_lone_surrogates(tmp_path: Path, odd_pdf: bytes) -> None:
    """The case of the issue: pdfium's text held surrogates, and printing the profile failed
    with "internal error (UnicodeEncodeError ... surrogates not allowed)"."""
    path = tmp_path / "cv.pdf"
    path.write_bytes(odd_pdf)
    for engine in ENGINES:
        result = _run("parse", "--no-resolve", "--offline", "--pdf-engine", engine, str(path))
        assert result.returncode == 0, result.stderr.decode()
        assert b"internal error" not in result.stderr and b"Traceback" not in result.stderr
        assert json.loads(result.stdout.decode("utf-8"))["document"]["format"] == "pdf"


def test_cli_badge_verify_prints_a_report_for_a_lone_surrogate(tmp_path: Path) -> None:
    """A credential's JSON may spell a lone surrogate; the report quoting it must still print."""
    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "badges"
    credential = json.loads((fixtures / "ob3" / "credentials" / "clr-bad-nested.json").read_text())
    credential["name"] = "Bad \ud800 name"
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credential))  # ASCII: the surrogate as the escape \ud800
    assert "\\ud800" in path.read_text()
    result = _run(
        "badge", "verify", "--offline", "--documents", str(fixtures / "ob2" / "documents"), str(path)
    )
    assert result.returncode in (0, 1), result.stderr.decode()
    assert b"Traceback" not in result.stderr
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["credential"]["name"] == "Bad \ufffd name"


def test_cli_output_survives_a_stream_that_cannot_encode_it(tmp_path: Path) -> None:
    """A legacy code page (here ASCII) gets the same JSON with \\u escapes instead of a crash."""
    path = tmp_path / "cv.txt"
    path.write_bytes("José Müller\njose@example.com\n\nCertifications\nPMP, 2021 – 中文\n".encode())
    result = _run("parse", "--no-resolve", "--offline", str(path), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr.decode()
    result.stdout.decode("ascii")
    assert json.loads(result.stdout)["person"]["name"] == "José Müller"
