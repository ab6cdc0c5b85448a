"""Columns and reading order on PDF-like geometry, and what they mean for sections and entries."""

from __future__ import annotations

from credbridge.model import Document, Line
from credbridge.resume import parse_document
from credbridge.resume.layout import reading_order

WIDTH = 612.0


def placed(rows: list[tuple[str, float, float, float]], *, size: float = 10.0) -> Document:
    """Lines at (text, x0, top, width), read top to bottom across the page as a PDF reader does.

    Capitalised one-word lines are headings: bold and larger.
    """
    ordered = sorted(rows, key=lambda r: (r[2], r[1]))
    lines = [
        Line(
            text=text,
            index=index,
            x0=x0,
            top=top,
            x1=x0 + width,
            bottom=top + size,
            font_size=size + (4 if text.isalpha() and text.isupper() else 0),
            bold=text.isalpha() and text.isupper(),
        )
        for index, (text, x0, top, width) in enumerate(ordered, start=1)
    ]
    return Document(format="pdf", file="cv.pdf", page_width=WIDTH, page_height=792.0, lines=lines)


SIDEBAR = [
    ("CONTACT", 36, 40, 80),
    ("jane.roe@example.com", 36, 56, 120),
    ("Austin, Texas, United States", 36, 70, 130),
    ("CERTIFICATIONS", 36, 100, 110),
    ("Certified Information Systems", 36, 116, 140),
    ("Security Professional (CISSP)", 36, 128, 136),
    ("CompTIA Security+ ce", 36, 140, 95),
    ("GIAC Certified Incident Handler", 36, 152, 145),
    ("(GCIH)", 36, 164, 30),
    # main column
    ("Jane Roe", 220, 40, 120),
    ("Security Architect", 220, 62, 100),
    ("SUMMARY", 220, 100, 80),
    ("Security architect who turns threat models into controls for hybrid estates.", 220, 116, 350),
    ("EXPERIENCE", 220, 140, 90),
    ("Security Architect, Lonestar Credit Union", 220, 156, 220),
    ("Designed identity-centric network segmentation for all of the branches.", 232, 168, 340),
]


def test_sidebar_is_read_as_its_own_column() -> None:
    ordered = reading_order(placed(SIDEBAR))
    texts = [line.text for line in ordered]
    assert texts.index("(GCIH)") < texts.index("Jane Roe")
    assert {line.column for line in ordered if line.x0 == 36} == {1}
    assert {line.column for line in ordered if line.x0 >= 220} == {2}


def test_linkedin_sidebar_certifications_with_wrapped_names() -> None:
    profile = parse_document(placed(SIDEBAR))
    assert [c.name for c in profile.credentials] == [
        "Certified Information Systems Security Professional (CISSP)",
        "CompTIA Security+ ce",
        "GIAC Certified Incident Handler (GCIH)",
    ]
    assert profile.person.name == "Jane Roe"
    assert profile.person.location == "Austin, Texas, United States"


def test_dates_in_a_left_margin_are_not_a_column() -> None:
    rows = [
        ("Jane Roe", 72, 40, 120),
        ("CERTIFICATIONS", 72, 80, 110),
        ("2023", 72, 100, 25),
        ("Certified Kubernetes Administrator, The Linux Foundation", 150, 100, 300),
        ("2021", 72, 120, 25),
        ("AWS Certified Cloud Practitioner, Amazon Web Services", 150, 120, 280),
        ("2019", 72, 140, 25),
        ("Certified ScrumMaster, Scrum Alliance", 150, 140, 200),
    ]
    ordered = reading_order(placed(rows))
    assert {line.column for line in ordered} == {0}
    assert [line.text for line in ordered][2:4] == [
        "2023",
        "Certified Kubernetes Administrator, The Linux Foundation",
    ]


def test_spacing_separates_stacked_entries() -> None:
    """Entries set apart by space, all lines in one style: the gaps and the margin tell."""
    rows = [
        ("Jane Roe", 72, 40, 120),
        ("Electrician with ten years of commercial and industrial work across the state.", 72, 56, 468),
        ("CERTIFICATIONS", 72, 80, 110),
        ("NFPA 70E Electrical Safety in the Workplace", 72, 100, 250),
        ("National Fire Protection Association", 72, 112, 200),
        ("Feb 2024 – Feb 2027", 72, 124, 100),
        ("OSHA 10-Hour Construction", 72, 142, 150),
        ("OSHA Outreach Training Program", 72, 154, 170),
        ("2013", 72, 166, 25),
    ]
    found = parse_document(placed(rows)).credentials
    assert [(c.name, c.issuer.name, c.issued, c.expires) for c in found] == [
        (
            "NFPA 70E Electrical Safety in the Workplace",
            "National Fire Protection Association",
            "2024-02",
            "2027-02",
        ),
        ("OSHA 10-Hour Construction", "OSHA Outreach Training Program", "2013", None),
    ]


def test_lines_without_geometry_keep_their_order() -> None:
    doc = Document(format="docx", lines=[Line(text=t, index=i) for i, t in enumerate(["b", "a", "c"], 1)])
    assert [line.text for line in reading_order(doc)] == ["b", "a", "c"]
