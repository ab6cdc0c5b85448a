"""Columns and reading order on PDF-like geometry, and what they mean for sections and entries."""

from __future__ import annotations

import pytest

from credbridge.model import Document, Line
from credbridge.resume import parse_document
from credbridge.resume.layout import reading_order
from credbridge.resume.sections import split_sections
from credbridge.resume.trees import instead

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


def styled(rows: list[tuple[str, float, float, float, float, bool]]) -> Document:
    """Lines at (text, x0, top, width, font size, bold), in the order given."""
    lines = [
        Line(text=t, index=i, x0=x0, top=top, x1=x0 + w, bottom=top + size, font_size=size, bold=bold)
        for i, (t, x0, top, w, size, bold) in enumerate(rows, start=1)
    ]
    return Document(format="pdf", file="cv.pdf", page_width=WIDTH, page_height=792.0, lines=lines)


def test_names_in_larger_type_over_smaller_sub_lines() -> None:
    """A narrow column: names wrap, issuers wrap, and only the type size tells them apart."""
    rows = [
        ("Rosa Lindqvist", 45, 40, 120, 18, True),
        ("CREDENTIALS", 45, 170, 80, 11, True),
        ("Certified Hyperbaric", 45, 189, 103, 9.5, False),
        ("Technologist (CHT)", 45, 202, 80, 9.5, False),
        ("National Board of Diving and", 45, 215, 135, 8.5, False),
        ("Hyperbaric Technology", 45, 227, 86, 8.5, False),
        ("Registry # H7730215 · Exp. 09/202", 45, 238, 150, 8.5, False),
        ("8", 45, 250, 6, 8.5, False),
        ("Basic Wound Care Provider", 45, 262, 153, 9.5, False),
        ("(BWCP)", 45, 274, 31, 9.5, False),
        ("Society of Wound Care Nurses", 45, 287, 118, 8.5, False),
        ("(renewed 2023)", 45, 299, 68, 8.5, False),
        ("EXPERIENCE", 230, 170, 80, 11, True),
        ("Hyperbaric technologist, Fernhill Medical Center, 1,800 dives a year.", 230, 189, 330, 9.5, False),
        ("Chamber lead on a two-chamber unit; trained nine new technologists.", 230, 202, 320, 9.5, False),
        (
            "Wound care aide, Pinecrest Clinic, evenings and weekends for three years.",
            230,
            215,
            330,
            9.5,
            False,
        ),
    ]
    found = parse_document(styled(rows)).credentials
    assert [(c.name, c.issuer.name, c.issued, c.expires, c.credential_id) for c in found] == [
        (
            "Certified Hyperbaric Technologist (CHT)",
            "National Board of Diving and Hyperbaric Technology",
            None,
            "2028-09",
            "H7730215",
        ),
        ("Basic Wound Care Provider (BWCP)", "Society of Wound Care Nurses", "2023", None, None),
    ]


def test_the_rules_read_names_in_larger_type_over_smaller_sub_lines() -> None:
    with instead("entries.txt", None):
        test_names_in_larger_type_over_smaller_sub_lines()


def test_margin_heading_merged_into_the_line_beside_it() -> None:
    rows = [
        ("Omar Haddad", 40, 40, 130, 20, True),
        ("Summary", 40, 100, 50, 10, True),
        ("Head brewer for a regional taproom, nine years on a 20-barrel system.", 170, 100, 390, 10, False),
        ("Skills", 40, 206, 30, 10, True),
        ("Recipe design, Cellar management", 170, 206, 140, 10, False),
        ("Brewing Credentials Certified Beer Server – Draught Systems (Level 1)", 40, 227, 357, 10, False),
        ("Northern Lakes Department of Alcohol and Tobacco Control", 170, 241, 273, 9, False),
        ("License #7730921, valid through 04/30/2027", 170, 252, 177, 9, False),
        ("Food Safety Supervisor, Marrowgate Health, May 2021", 170, 276, 177, 10, False),
    ]
    profile = parse_document(styled(rows))
    assert [(c.name, c.issuer.name, c.expires, c.credential_id) for c in profile.credentials] == [
        (
            "Certified Beer Server – Draught Systems (Level 1)",
            "Northern Lakes Department of Alcohol and Tobacco Control",
            "2027-04-30",
            "7730921",
        ),
        ("Food Safety Supervisor", "Marrowgate Health", None, None),
    ]
    assert [s.name for s in profile.skills] == ["Recipe design", "Cellar management"]


def test_headings_set_flush_right_in_the_margin_merged_into_the_text() -> None:
    """Margin headings set flush right (moderncv's style): each starts at its own x, but all end
    where the others end, so one merged with the first line of its section is still cut off.
    A date set in the margin and merged with its entry is no heading, credential words after it
    or not."""
    rows = [
        ("Dmitri Nakamura", 69, 40, 200, 20, True),
        ("Experience", 69.2, 275.6, 80, 14.3, False),
        ("Localization Specialist, Babel Localization, 2015 - present", 168.3, 278.2, 367, 10.9, False),
        ("Certificates Quellmark Subtitling Professional, Quellmark Institute.", 85, 465.3, 352, 10.9, False),
        ("Tarnwick Translator Level 2, Tarnwick Guild.", 168.3, 486.7, 240, 10.9, False),
        ("Languages", 71.3, 520, 77.9, 14.3, False),
        ("French (native), English (C1)", 168.3, 522.6, 150, 10.9, False),
    ]
    profile = parse_document(styled(rows))
    assert [(c.name, c.issuer.name) for c in profile.credentials] == [
        ("Quellmark Subtitling Professional", "Quellmark Institute"),
        ("Tarnwick Translator Level 2", "Tarnwick Guild"),
    ]
    dated = [
        ("Lucia Janssen", 99, 40, 200, 20, True),
        ("Certifications", 141, 520, 60, 12, True),
        ("September 18, 2019 Certified Flight Instructor (CFII)", 99, 551.5, 310, 10, True),
        ("Brightwater Aviation Authority", 208.6, 565.5, 140, 10, False),
        ("Awards", 141, 687.4, 43, 12, True),
        ("04.2022 Best Paper Award", 151.6, 711, 149, 10, True),
    ]
    (found,) = parse_document(styled(dated)).credentials
    assert (found.name, found.issued) == ("Certified Flight Instructor (CFII)", "2019-09-18")


def test_wrapped_margin_headings_in_body_type() -> None:
    """Headings in the body's own type, one wrapped over two lines: neither may swallow text."""
    rows = [
        ("Grace Okafor", 38, 54, 113, 20, True),
        ("grace.okafor@example.org | (555) 201-4478 | Dayton, OH", 38, 101, 262, 10, False),
        ("Skills", 38, 323, 30, 10, False),
        ("Estate planning software, Cash-flow modelling, Annuity review", 151, 316, 260, 10, False),
        ("Permits &", 38, 377, 70, 10, False),
        ("Registrations", 38, 389, 62, 10, False),
        (
            "CHARTERED WEALTH STEWARD™ (CWX®) — Kestrel Board, 2020; Kestrel Board ID 730512",
            151,
            344,
            400,
            10,
            False,
        ),
        (
            "Series 63 Uniform Securities Agent State Law (NASAA) — Registered Aug 2014",
            151,
            370,
            337,
            10,
            False,
        ),
    ]
    profile = parse_document(styled(rows))
    skills = ["Estate planning software", "Cash-flow modelling", "Annuity review"]
    assert [s.name for s in profile.skills] == skills
    assert [(c.name, c.issuer.name, c.issued, c.credential_id) for c in profile.credentials] == [
        ("CHARTERED WEALTH STEWARD™ (CWX®)", "Kestrel Board", "2020", "730512"),
        ("Series 63 Uniform Securities Agent State Law", "NASAA", "2014-08", None),
    ]
    assert profile.credentials[0].source.section == "Permits & Registrations"


@pytest.mark.xfail(
    strict=True,
    reason="the line model (models/entries.txt) is split (0.52 start, 0.47 wrap) on a wrapped name's "
    "rest that opens with a dash ('– Professional, ...'), which reads as a dash bullet; the rules "
    "alone read it right (test_the_rules_read_a_narrow_column_with_awkward_breaks)",
)
def test_narrow_column_breaks_dates_numbers_urls_and_levels() -> None:
    """One-line entries wrapped in a narrow column: every break lands somewhere awkward."""
    rows = [
        ("Tariq Hussein", 45, 40, 120, 18, True),
        (
            "Cloud security engineer building guardrails for regulated workloads in AWS.",
            45,
            80,
            330,
            9.5,
            False,
        ),
        ("Led FedRAMP Moderate authorisation for two SaaS products.", 45, 92, 300, 9.5, False),
        ("Wrote the IAM permission-boundary library used by 40 teams.", 45, 104, 310, 9.5, False),
        ("ACCREDITATIONS", 389, 170, 90, 11, True),
        ("AWS Certified Security – Specialty,", 389, 185, 148, 9.5, False),
        ("Amazon Web Services, Apr 2022 – Apr", 389, 197, 165, 9.5, False),
        ("2025 (Validation Number:", 389, 209, 108, 9.5, False),
        ("Q3M8ZK5T1CE4VBX9)", 389, 221, 100, 9.5, False),
        ("AWS Certified Solutions Architect", 389, 233, 150, 9.5, False),
        ("– Professional, Amazon Web Services,", 389, 245, 168, 9.5, False),
        ("awarded 1", 389, 257, 60, 9.5, False),
        ("0/2021 https://www.credly.com/badges/5b9e1f20-3c", 389, 269, 170, 9.5, False),
        ("4d-4a8b-9e7f-6d2c1a0b8e35", 389, 281, 110, 9.5, False),
    ]
    found = parse_document(styled(rows)).credentials
    assert [(c.name, c.issuer.name, c.issued, c.expires, c.credential_id) for c in found] == [
        (
            "AWS Certified Security – Specialty",
            "Amazon Web Services",
            "2022-04",
            "2025-04",
            "Q3M8ZK5T1CE4VBX9",
        ),
        ("AWS Certified Solutions Architect – Professional", "Amazon Web Services", "2021-10", None, None),
    ]
    assert found[1].url == "https://www.credly.com/badges/5b9e1f20-3c4d-4a8b-9e7f-6d2c1a0b8e35"


def test_the_rules_read_a_narrow_column_with_awkward_breaks() -> None:
    with instead("entries.txt", None):
        test_narrow_column_breaks_dates_numbers_urls_and_levels()


def flush_right(
    rows: list[tuple[str, float]], *, right: float = 570.0, char: float = 4.5, size: float = 8.0
) -> Document:
    """A narrow sidebar set flush right, as some web templates print it: (text, top) per line,
    each line ending at `right`; "CERTIFICATIONS" is the heading (bold, larger)."""
    lines = []
    for index, (text, top) in enumerate(rows, start=1):
        heading = text == "CERTIFICATIONS"
        lines.append(
            Line(
                text=text,
                index=index,
                x0=right - len(text) * char,
                x1=right,
                top=top,
                bottom=top + size,
                font_size=size + (3 if heading else 0),
                bold=heading,
            )
        )
    return Document(format="pdf", file="cv.pdf", page_width=WIDTH, page_height=792.0, lines=lines)


def test_flush_right_sidebar_with_wrapped_names_and_issuer_lines() -> None:
    # Names wrap over two lines that start at different x; the issuer sits a little apart under
    # its name, entries further apart. The issuer line is no credential, the wrapped name one.
    rows = [
        ("CERTIFICATIONS", 100),
        ("Certified Hydroponic Systems", 116),
        ("Designer (CHSD)", 126),
        ("Pellmont Horticulture Board", 138),
        ("Greenhouse Climate Control", 160),
        ("Operator (GCCO)", 170),
        ("NGCA", 182),
        ("Pesticide Applicator License", 204),
        ("Quillmark Institute", 216),
    ]
    found = parse_document(flush_right(rows)).credentials
    assert [(c.name, c.issuer.name) for c in found] == [
        ("Certified Hydroponic Systems Designer (CHSD)", "Pellmont Horticulture Board"),
        ("Greenhouse Climate Control Operator (GCCO)", "NGCA"),
        ("Pesticide Applicator License", "Quillmark Institute"),
    ]


def test_flush_right_sidebar_name_issuer_date_stacks() -> None:
    # The same sidebar with a date under each issuer, lines evenly spaced: the date line closes
    # its entry and is not lost to the next one.
    rows = [
        ("CERTIFICATIONS", 100),
        ("Certified Hydroponic Systems", 116),
        ("Designer (CHSD)", 126),
        ("Pellmont Horticulture Board", 136),
        ("Mar 2022", 146),
        ("Orchard Irrigation Technician", 156),
        ("Quillmark Institute", 166),
        ("Sep 2019", 176),
    ]
    found = parse_document(flush_right(rows)).credentials
    assert [(c.name, c.issuer.name, c.issued) for c in found] == [
        ("Certified Hydroponic Systems Designer (CHSD)", "Pellmont Horticulture Board", "2022-03"),
        ("Orchard Irrigation Technician", "Quillmark Institute", "2019-09"),
    ]


def test_left_sidebar_stack_without_dates_keeps_issuers_with_their_names() -> None:
    # A left sidebar beside a main column, evenly spaced Name / Issuer lines in one style and no
    # dates at all: only what a line says makes it an issuer.
    rows = [
        ("CERTIFICATIONS", 36, 100, 110),
        ("Wetland Survey Technician", 36, 116, 120),
        ("Marsh County Conservation Board", 36, 128, 140),
        ("Certified Erosion Control Inspector", 36, 140, 150),
        ("Lowland Soil Institute", 36, 152, 100),
        ("Jane Roe", 220, 40, 120),
        ("SUMMARY", 220, 100, 80),
        ("Field ecologist who maps wetlands and restores their banks for counties.", 220, 121, 340),
        ("Surveyed forty wetlands for the county and wrote their restoration plans.", 220, 135, 340),
        ("Trained volunteers in bank planting and erosion monitoring each spring.", 220, 149, 340),
        ("Reported yearly to the board on restored acreage and water quality.", 220, 163, 340),
    ]
    found = parse_document(placed(rows)).credentials
    assert [(c.name, c.issuer.name) for c in found] == [
        ("Wetland Survey Technician", "Marsh County Conservation Board"),
        ("Certified Erosion Control Inspector", "Lowland Soil Institute"),
    ]


def test_margin_headings_drawn_after_the_text_are_read_where_they_stand() -> None:
    """A browser may draw the body first and every margin heading after it: reading order
    comes from the positions, so each heading opens the section beside it."""
    rows = [
        ("Tomasz Haddad", 250, 18, 116, 18, False),
        ("Flight dispatcher with six years of operations control.", 196, 60, 310, 8.4, False),
        ("Flight Dispatcher at AeroTech MRO", 196, 100, 130, 8.4, True),
        ("Planned 40 daily departures for a fleet of A320s.", 211, 112, 200, 8.4, False),
        ("Certified Aircraft Dispatcher, Federal Aviation Administration, 2019", 196, 150, 300, 8.4, False),
        ("Crew Resource Management, Flight Safety Academy, 2021", 196, 166, 280, 8.4, False),
        ("About", 60, 58, 40, 12, False),
        ("Experience", 55, 97, 60, 12, False),
        ("Certificates", 52, 147, 66, 12, False),
    ]
    ordered = [line.text for line in reading_order(styled(rows))]
    assert ordered.index("Experience") < ordered.index("Flight Dispatcher at AeroTech MRO")
    assert ordered.index("Certificates") + 1 == ordered.index(
        "Certified Aircraft Dispatcher, Federal Aviation Administration, 2019"
    )
    found = parse_document(styled(rows)).credentials
    assert [(c.name, c.issued) for c in found] == [
        ("Certified Aircraft Dispatcher", "2019"),
        ("Crew Resource Management", "2021"),
    ]


def test_dates_in_a_right_margin_are_not_a_column_and_a_sidebar_still_is() -> None:
    """Sidebar | main | dates flush right on the entries' rows: two gutters, one real. The
    widest white strip (before the dates) is not a column break; the narrower one is."""
    rows = [
        ("CONTACT", 25, 100, 60, 10.5, False),
        ("jo.ng@example.com", 29, 116, 90, 7, False),
        ("+1 555 010 2030", 29, 127, 60, 7, False),
        ("Denver, CO", 29, 138, 50, 7, False),
        ("SKILLS", 25, 154, 40, 10.5, False),
        ("Payroll", 25, 170, 40, 7.5, False),
        ("Recruiting", 25, 181, 50, 7.5, False),
        ("Onboarding", 25, 192, 50, 7.5, False),
        ("CERTIFICATIONS", 160, 100, 90, 10.5, False),
        ("SHRM CERTIFIED PROFESSIONAL (SHRM-CP)", 160, 120, 230, 10.5, True),
        ("SHRM", 160, 133, 25, 8, False),
        ("PROFESSIONAL IN HUMAN RESOURCES (PHR)", 160, 150, 240, 10.5, True),
        ("HRCI", 160, 163, 22, 8, False),
        ("PROJECT MANAGEMENT PROFESSIONAL (PMP)", 160, 180, 245, 10.5, True),
        ("PROJECT MANAGEMENT INSTITUTE", 160, 193, 140, 8, False),
        ("05/2019", 530, 120, 40, 8, False),
        ("08/2016", 530, 150, 40, 8, False),
        ("11/2014", 530, 180, 40, 8, False),
    ]
    ordered = reading_order(styled(rows))
    texts = [line.text for line in ordered]
    assert texts.index("Recruiting") < texts.index("CERTIFICATIONS")
    # Each date is read with the entry whose row it sits on, before the next entry.
    assert texts.index("SHRM") < texts.index("05/2019") < texts.index("PROFESSIONAL IN HUMAN RESOURCES (PHR)")
    sidebar = {line.column for line in ordered if line.x0 is not None and line.x0 < 100}
    main = {line.column for line in ordered if line.x0 is not None and line.x0 >= 100}
    assert len(sidebar) == 1 and len(main) == 1 and sidebar != main


def test_sections_side_by_side_in_a_band() -> None:
    """'Key Skills' beside 'Certificates' under a full-width page: each list is read as its own
    section, though their rows line up as a table's would."""
    rows = [
        ("Kwame Nakamura", 37, 40, 176, 21.6, True),
        ("Controller with nine years of experience in financial modelling.", 37, 90, 400, 10.8, False),
        ("Education", 37, 140, 72, 16.2, True),
        ("Technische Hochschule Nordheim, 2004 - 2008", 37, 172, 240, 10.8, False),
        ("Key Skills", 350, 226, 44, 10.8, False),
        ("Certificates", 454, 226, 54, 10.8, False),
        ("Excel", 380, 250, 25, 10.8, False),
        ("CFA Level II", 484, 250, 58, 10.8, False),
        ("SAP FI", 380, 263.5, 31, 10.8, False),
        ("CPA (AICPA)", 484, 263.5, 60, 10.8, False),
        ("US GAAP", 380, 277, 45, 10.8, False),
        ("FRM (GARP)", 484, 277, 56, 10.8, False),
        ("Budgeting", 380, 290.5, 48, 10.8, False),
        ("Languages", 37, 340, 76, 16.2, True),
        ("English (native), German (C1)", 37, 372, 150, 10.8, False),
    ]
    profile = parse_document(styled(rows))
    assert [(c.name, c.issuer.name) for c in profile.credentials] == [
        ("CFA Level II", None),
        ("CPA", "AICPA"),
        ("FRM", "GARP"),
    ]
    assert [s.name for s in profile.skills] == ["Excel", "SAP FI", "US GAAP", "Budgeting"]


def test_a_name_broken_after_every_word_in_a_narrow_column() -> None:
    """A sidebar so narrow that each word of a name takes a line: the name is one."""
    sidebar = [
        ("Certificates", 37, 90, 60, 12.6, True),
        ("Chartered", 37, 110, 48, 10.8, False),
        ("Financial", 37, 123.5, 42, 10.8, False),
        ("Analyst (CFA)", 37, 137, 64, 10.8, False),
        ("Languages", 37, 170, 60, 12.6, True),
        ("English, German", 37, 190, 64, 10.8, False),
    ]
    main = [
        ("Kwame Nakamura", 200, 40, 176, 21.6, True),
        ("Experience", 200, 90, 70, 12.6, True),
        ("Controller, Greystone Capital, 2013 - today: group reporting.", 200, 110, 300, 10.8, False),
        ("Auditor, Pemberton & Hale LLP, 2008 - 2013: listed companies.", 200, 123.5, 300, 10.8, False),
        ("Education", 200, 170, 64, 12.6, True),
        ("Technische Hochschule Nordheim, Business Administration, 2004 - 2008.", 200, 190, 320, 10.8, False),
    ]
    profile = parse_document(styled(sidebar + main))
    assert [c.name for c in profile.credentials] == ["Chartered Financial Analyst (CFA)"]


def test_a_full_width_line_inside_two_columns_is_read_where_it_stands() -> None:
    """Two columns with a line across the page between their upper and lower parts (a summary
    under a header in two columns): the line interrupts both columns where it stands, as an
    XY-cut reads it; it is not read after the right-hand column."""
    across = "A summary across the whole page, from the left margin into the right-hand column, once."
    left = [(f"left {i}", 36, 100 + 14 * i, 150, 10, False) for i in range(8)]
    right = [(f"right {i}", 380, 105 + 14 * i, 120, 10, False) for i in range(8)]
    rows = left[:4] + right[:4] + [(across, 36, 162, 500, 10, False)]
    rows += [(t, x, top + 10, w, size, bold) for t, x, top, w, size, bold in left[4:] + right[4:]]
    ordered = [line.text for line in reading_order(styled(rows))]
    assert ordered.index("left 3") < ordered.index(across) < ordered.index("left 4")
    assert ordered.index("right 3") < ordered.index(across) < ordered.index("right 4")


def test_a_section_of_one_entry_beside_a_list_in_a_band() -> None:
    """A grid of two sections whose right side holds a heading and a single entry: the headings
    atop both sides make it a grid (too few lines for a column of text), and the band below
    (Languages) is read after the whole grid. The page headings are drawn last, as a browser
    printing this template draws them."""
    rows = [
        ("Key Skills", 43.5, 46.8, 44.0, 10.8, False),
        ("Intermediate", 43.5, 60.3, 57.3, 10.8, False),
        ("Excel", 73.5, 84.3, 24.7, 10.8, False),
        ("SAP FI", 73.5, 97.8, 31.1, 10.8, False),
        ("US GAAP", 73.5, 111.3, 45.5, 10.8, False),
        ("Budgeting", 73.5, 124.8, 48.4, 10.8, False),
        ("Licences and Certificates", 306.0, 46.8, 117.5, 10.8, False),
        ("Chartered Financial Analyst (CFA)", 336.0, 70.8, 158.0, 10.8, False),
        ("English (native), German (C1)", 43.5, 220.8, 150.0, 10.8, False),
        ("Skills", 43.5, 14.7, 36.7, 16.2, True),
        ("Languages", 43.5, 188.7, 75.8, 16.2, True),
    ]
    texts = [line.text for line in reading_order(styled(rows))]
    assert texts.index("US GAAP") < texts.index("Licences and Certificates")
    assert texts.index("Chartered Financial Analyst (CFA)") < texts.index("Languages")
    profile = parse_document(styled(rows))
    assert [c.name for c in profile.credentials] == ["Chartered Financial Analyst (CFA)"]
    assert "Excel" in [s.name for s in profile.skills]


def test_a_grid_heading_that_reaches_across_the_gutter() -> None:
    """The right-hand list's heading is wider than its list and reaches over the gutter: it still
    opens that side, so the two lists are not read row by row."""
    rows = [
        ("Skills", 350, 634, 37, 16.2, True),
        ("Competenze", 350, 666, 60, 10.8, False),
        ("Attestati professionali", 430, 666, 95, 10.8, False),
        ("Translation", 350, 690, 52, 10.8, False),
        ("CELI 4 (C1)", 470, 690, 53, 10.8, False),
        ("Negotiation", 350, 703.5, 56, 10.8, False),
        ("DALF C1", 470, 703.5, 43, 10.8, False),
        ("Subtitling", 350, 717, 45, 10.8, False),
        ("DELE C1", 470, 717, 42, 10.8, False),
    ]
    texts = [line.text for line in reading_order(styled(rows))]
    assert texts[-4:] == ["Attestati professionali", "CELI 4 (C1)", "DALF C1", "DELE C1"]


def test_a_heading_word_wrapped_inside_a_narrow_column_is_no_heading() -> None:
    """Names wrap word by word in a narrow card, set like the body text at an even pitch:
    "License" and "de certificado" are heading words, but they run on with the lines above them
    while the document's headings are bold and larger, so they open no section. A plain-type
    heading with space above it still does."""
    card = [
        "Journeyman", "Electrician", "License", "OSHA 30-Hour", "Construction (N.º", "de certificado",
        "36217676)", "NCCER Core", "Curriculum",
    ]  # fmt: skip
    rows = [
        ("Noor Lukasiewicz", 36, 20, 200, 18.0, True),
        ("Skills", 36, 60, 60, 18.0, True),
        ("Certificaciones", 48, 89.6, 72, 12.0, True),
        *((text, 48.8, 109.5 + 14.5 * i, 6.0 * len(text), 10.5, False) for i, text in enumerate(card)),
        ("Languages", 36, 260, 90, 18.0, True),
        ("Español (native)", 48.8, 284, 80, 10.5, False),
        ("Licences", 48.8, 320, 40, 10.5, False),
        ("Forklift Operator Licence (FLT)", 48.8, 346, 150, 10.5, False),
    ]
    sections = split_sections(reading_order(styled(rows)))
    titles = [s.title for s in sections]
    assert "License" not in titles and "de certificado" not in titles
    (credentials,) = [s for s in sections if s.title == "Certificaciones"]
    assert [ln.text for ln in credentials.lines] == card
    assert titles[-1] == "Licences" and sections[-1].kind == "credentials"
