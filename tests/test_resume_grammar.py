"""The credential grammar, one test per shape the issue lists, on Documents built in the test.

Documents without geometry stand for DOCX/HTML/text readers; the layout tests
(test_resume_layout.py) cover PDF geometry.
"""

from __future__ import annotations

import pytest

from credbridge.model import Credential, Document, Hyperlink, Line
from credbridge.resume import parse_document
from credbridge.resume.trees import instead

CREDLY = "https://www.credly.com/badges/4f6e2b1a-1234-4cde-9abc-0123456789ab/public_url"


def document(text: str, links: dict[int, str] | None = None, fmt: str = "text") -> Document:
    """A Document from text, one Line per line; `links` hyperlinks whole lines (1-based)."""
    lines = []
    for index, raw in enumerate(text.strip("\n").split("\n"), start=1):
        url = (links or {}).get(index)
        anchors = [Hyperlink(url=url, text=raw.strip(), start=0, end=len(raw))] if url else []
        lines.append(Line(text=raw, index=index, links=anchors))
    return Document(format=fmt, file="resume.txt", lines=lines)  # type: ignore[arg-type]


def credentials(text: str, links: dict[int, str] | None = None) -> list[Credential]:
    return parse_document(document(text, links)).credentials


def summary(credential: Credential) -> tuple[str, str | None, str | None, str | None]:
    return credential.name, credential.issuer.name, credential.issued, credential.expires


def test_year_name_issuer_and_license_number() -> None:
    found = credentials(
        """
Luis Ortega
LICENSES
Watergate Master Plumber, Lic. #2445
2021  Backflow Prevention Assembly Tester, ASSE International
2016  Medical Gas Installer (ASSE 6010), ASSE International
"""
    )
    assert [summary(c) for c in found] == [
        ("Watergate Master Plumber", None, None, None),
        ("Backflow Prevention Assembly Tester", "ASSE International", "2021", None),
        ("Medical Gas Installer (ASSE 6010)", "ASSE International", "2016", None),
    ]
    assert found[0].credential_id == "2445"
    assert found[0].kind == "license"
    assert found[1].source.line == 4 and found[1].source.section == "LICENSES"


def test_month_colon_name_and_range_with_issuer() -> None:
    found = credentials(
        """
Grace Okafor
## Certifications
March, 2021: Google Cloud Professional Data Engineer, Google Cloud
SHRM Certified Professional (SHRM-CP) - Society for Human Resource Management (Jun 2021 - Feb 2027)
Workday HCM Core Certified - Workday (Sep 2022 - Present)
"""
    )
    assert [summary(c) for c in found] == [
        ("Google Cloud Professional Data Engineer", "Google Cloud", "2021-03", None),
        (
            "SHRM Certified Professional (SHRM-CP)",
            "Society for Human Resource Management",
            "2021-06",
            "2027-02",
        ),
        ("Workday HCM Core Certified", "Workday", "2022-09", None),
    ]


def test_level_after_a_dash_stays_in_the_name() -> None:
    found = credentials(
        """
Certifications
AWS Certified Solutions Architect – Associate, Amazon Web Services, Mar 2023 – Mar 2026
Google Cloud Certified - Professional Data Engineer | Google | 2022
"""
    )
    assert [summary(c) for c in found] == [
        ("AWS Certified Solutions Architect – Associate", "Amazon Web Services", "2023-03", "2026-03"),
        ("Google Cloud Certified - Professional Data Engineer", "Google", "2022", None),
    ]


def test_linkedin_entries_with_id_and_show_credential() -> None:
    found = credentials(
        """
Marcus Bell
Licenses & Certifications
Project Management Professional (PMP)
Project Management Institute
Issued Mar 2018 · Expires Mar 2027
Credential ID 2241987
Show credential
SAFe 6 Program Consultant
Scaled Agile, Inc.
Issued Sep 2023 · No Expiration Date
""",
        links={7: CREDLY + "?utm_source=linkedin&trk=public_profile"},
    )
    assert [summary(c) for c in found] == [
        ("Project Management Professional (PMP)", "Project Management Institute", "2018-03", "2027-03"),
        ("SAFe 6 Program Consultant", "Scaled Agile, Inc.", "2023-09", None),
    ]
    pmp, safe = found
    assert pmp.credential_id == "2241987"
    assert pmp.url == CREDLY and pmp.platform == "credly" and pmp.kind == "badge"
    assert safe.no_expiry and safe.url is None


@pytest.mark.parametrize(
    ("heading", "label", "wanted"),
    [
        ("Bescheinigungen und Zertifikate", "Nachweis-ID", "QX-40417"),
        ("Zertifikate", "Zertifikatsnummer:", "7731904"),
        ("Licences et certifications", "ID de la certification", "QX-40417"),
        ("Certifications", "N° de certificat", "7731904"),
        ("Licencias y certificaciones", "ID de la credencial", "QX-40417"),
        ("Certificaciones", "N.º de certificado", "7731904"),
        ("Licenças e certificados", "Código da credencial", "QX-40417"),
        ("Licenze e certificazioni", "ID credenziale", "QX-40417"),
        ("Certificazioni", "N. certificato", "7731904"),
        ("Licenties en certificaten", "Referentie-ID", "QX-40417"),
        ("Certificaten", "Licentienummer", "7731904"),
    ],
)
def test_credential_id_labels_in_other_languages(heading: str, label: str, wanted: str) -> None:
    found = credentials(
        f"""
Ilse Vandermeer
{heading}
Certified Kiln Safety Operator
Ceramic Guild of Flanders
{label} {wanted}
"""
    )
    assert [(c.name, c.credential_id) for c in found] == [("Certified Kiln Safety Operator", wanted)]


def test_a_numbered_part_or_one_the_acronym_needs_stays_in_the_name_after_a_dash() -> None:
    found = credentials(
        """
Ossian Brask
Certifications
Hydrant Inspector – Grade 4 – Municipal Water Board, 2019
Crane Signaller – Module II, Lifting Academy
Certified Drone Pilot – Night Operations (CDPNO) – Skyward Guild
Beekeeping Certificate – Hivecraft, 2020
"""
    )
    assert [summary(c)[:2] for c in found] == [
        ("Hydrant Inspector – Grade 4", "Municipal Water Board"),
        ("Crane Signaller – Module II", "Lifting Academy"),
        ("Certified Drone Pilot – Night Operations (CDPNO)", "Skyward Guild"),
        ("Beekeeping Certificate", "Hivecraft"),
    ]


def test_a_slash_joins_a_name_unless_an_organisation_follows_and_template_noise_is_dropped() -> None:
    found = credentials(
        """
Ossian Brask
Certifications
Enhanced Vetting / Level 2 Security Clearance
Kiln Operator Certificate / Ceramic Trades Institute, 2021
Cold Water Rescue Award undefined NaN
Harbour Pilot Licence, undefined NaN
"""
    )
    assert [summary(c)[:2] for c in found] == [
        ("Enhanced Vetting / Level 2 Security Clearance", None),
        ("Kiln Operator Certificate", "Ceramic Trades Institute"),
        ("Cold Water Rescue Award", None),
        ("Harbour Pilot Licence", None),
    ]


def test_stacked_name_issuer_date() -> None:
    found = credentials(
        """
Certifications
Basic Life Support (BLS) Provider
American Heart Association
Apr 2024 – Apr 2026
OSHA 10-Hour Construction
OSHA Outreach Training Program
2013
"""
    )
    assert [summary(c) for c in found] == [
        ("Basic Life Support (BLS) Provider", "American Heart Association", "2024-04", "2026-04"),
        ("OSHA 10-Hour Construction", "OSHA Outreach Training Program", "2013", None),
    ]


def test_date_first_stacked_entries() -> None:
    found = credentials(
        """
Certifications
2019
Certified Information Systems Security Professional
ISC2
2017
CompTIA Network+
"""
    )
    assert [summary(c) for c in found] == [
        ("Certified Information Systems Security Professional", "ISC2", "2019", None),
        ("CompTIA Network+", None, "2017", None),
    ]


def test_bullets_with_url_on_the_next_line_and_inline_validation_number() -> None:
    found = credentials(
        """
Certifications
• AWS Certified Developer – Associate (Validation Number: 7QXK2M1LFB4E1W9P), 2022
• AWS Certified Cloud Practitioner, Amazon Web Services, 2020
  https://www.credly.com/badges/11111111-2222-3333-4444-555555555555?utm_medium=email
• Security+ (CompTIA), exp. 2026
"""
    )
    assert [summary(c) for c in found] == [
        ("AWS Certified Developer – Associate", None, "2022", None),
        ("AWS Certified Cloud Practitioner", "Amazon Web Services", "2020", None),
        ("Security+", "CompTIA", None, "2026"),
    ]
    assert found[0].credential_id == "7QXK2M1LFB4E1W9P"
    assert found[1].url == "https://www.credly.com/badges/11111111-2222-3333-4444-555555555555"
    assert found[1].credential_id is None  # the resume wrote no ID; the platform's is in the URL


def test_name_that_is_the_badge_link() -> None:
    found = credentials(
        """
Badges
Canvas Certified Educator, Instructure, Jun 2021
""",
        links={2: "https://badgr.com/public/assertions/Qm9B3xT7RkW2cV5yLp8N1a"},
    )
    assert [summary(c) for c in found] == [("Canvas Certified Educator", "Instructure", "2021-06", None)]
    assert found[0].platform == "badgr" and found[0].kind == "badge"


def test_generic_anchor_is_not_part_of_the_name() -> None:
    doc = document("Credentials\nChartered Financial Analyst (CFA) | CFA Institute | 2018 Credly")
    line = doc.lines[1]
    start = line.text.index("Credly")
    doc.lines[1] = line.model_copy(
        update={"links": [Hyperlink(url=CREDLY, text="Credly", start=start, end=start + 6)]}
    )
    (found,) = parse_document(doc).credentials
    assert summary(found) == ("Chartered Financial Analyst (CFA)", "CFA Institute", "2018", None)
    assert found.url == CREDLY


def test_inline_heading_list() -> None:
    found = credentials(
        "Jane Roe\nCertifications: PMP (2019), CISSP; Certified Ethical Hacker\nSkills\nPython"
    )
    assert [(c.name, c.issued) for c in found] == [
        ("PMP", "2019"),
        ("CISSP", None),
        ("Certified Ethical Hacker", None),
    ]


def test_no_credentials_is_an_empty_list_with_a_warning() -> None:
    profile = parse_document(document("Jane Roe\nExperience\nBaker, 2019 - 2023"))
    assert profile.credentials == []
    assert [w.code for w in profile.warnings] == ["resume.no_credentials_section"]


def test_output_is_deterministic() -> None:
    text = "Jane Roe, PMP\nCertifications\nCKA, The Linux Foundation, 2022\nSkills\nGo, Rust"
    assert (
        parse_document(document(text)).model_dump_json() == parse_document(document(text)).model_dump_json()
    )


def test_more_one_line_shapes() -> None:
    found = credentials(
        """
CERTIFICATIONS
• AWS Certified Solutions Architect – Associate (Amazon Web Services), 2021
  Designed a multi-account landing zone as the capstone project.
• Certified Kubernetes Administrator | CNCF | Valid through 06/2025
• ITIL 4 Foundation (Axelos, 2020)
• CompTIA A+ — Earned March 2018
• CPR/AED for Professional Rescuers, American Red Cross, 2023-2025
"""
    )
    assert [summary(c) for c in found] == [
        ("AWS Certified Solutions Architect – Associate", "Amazon Web Services", "2021", None),
        ("Certified Kubernetes Administrator", "CNCF", None, "2025-06"),
        ("ITIL 4 Foundation", "Axelos", "2020", None),
        ("CompTIA A+", None, "2018-03", None),
        ("CPR/AED for Professional Rescuers", "American Red Cross", "2023", "2025"),
    ]


def test_issuer_first_and_brand_names_that_start_lower_case() -> None:
    found = credentials(
        """
Professional Development
Udemy — The Complete Python Bootcamp — 2020
edX Verified Certificate: CS50x, Harvard University, Dec 2021
"""
    )
    assert [summary(c) for c in found] == [
        ("The Complete Python Bootcamp", "Udemy", "2020", None),
        ("edX Verified Certificate: CS50x", "Harvard University", "2021-12", None),
    ]
    assert found[1].credential_id is None  # "Certificate: CS50x" names the course, not an ID


def test_degrees_in_a_mixed_section_are_not_credentials() -> None:
    found = credentials(
        """
EDUCATION & CERTIFICATIONS
B.S. Computer Science, Ohio State University, 2015
Certified ScrumMaster (CSM), Scrum Alliance, 2019
Master of Business Administration, 2020
"""
    )
    assert [summary(c) for c in found] == [("Certified ScrumMaster (CSM)", "Scrum Alliance", "2019", None)]


def test_rules_table_headers_and_hand_aligned_columns() -> None:
    found = credentials(
        """
CERTIFICATIONS
==============
Certification            Issuer                 Year
AWS Cloud Practitioner   Amazon Web Services    2021
CCNA\tCisco\t2019
---
"""
    )
    assert [summary(c) for c in found] == [
        ("AWS Cloud Practitioner", "Amazon Web Services", "2021", None),
        ("CCNA", "Cisco", "2019", None),
    ]


def test_dates_first_then_name_and_issuer() -> None:
    found = credentials(
        """
Certifications
Mar 2023 – Mar 2026
AWS Certified Solutions Architect – Associate
Amazon Web Services
Jan 2021
Certified ScrumMaster
Scrum Alliance
"""
    )
    assert [summary(c) for c in found] == [
        ("AWS Certified Solutions Architect – Associate", "Amazon Web Services", "2023-03", "2026-03"),
        ("Certified ScrumMaster", "Scrum Alliance", "2021-01", None),
    ]


def test_hostile_lines_are_read_in_bounded_time() -> None:
    """Long runs that make naive patterns backtrack: the parse finishes and invents nothing."""
    hostile = ["1" * 50_000 + "x", "a." * 25_000 + "/", "Certified " + " " * 50_000 + "x", "a" * 50_000 + "@"]
    text = "\n".join(["Jane Roe", *hostile, "Certifications", *hostile, "Skills", *hostile])
    profile = parse_document(document(text))
    assert profile.person.name == "Jane Roe"
    assert all(len(line) <= 2_000 for c in profile.credentials for line in (c.source.text or "").split("\n"))
    assert not profile.person.phones and not profile.person.emails
    assert all(len(skill.name) <= 80 for skill in profile.skills)


def test_issuer_written_first() -> None:
    found = credentials(
        """
Qualifications
Oracle — Java SE 17 Developer, 2021
Harbor Peak Systems — Certified Mesh Routing Engineer (CMRE), 2022-09, Exp. 2024-09
QTB — Rigging Inspection Authorization (RIA), 05/2020
Ledgerly — Ledgerly Certified Integration Consultant – Ledgerly Cloud Payroll 2021 (04/2022)
"""
    )
    assert [summary(c) for c in found] == [
        ("Java SE 17 Developer", "Oracle", "2021", None),
        ("Certified Mesh Routing Engineer (CMRE)", "Harbor Peak Systems", "2022-09", "2024-09"),
        ("Rigging Inspection Authorization (RIA)", "QTB", "2020-05", None),
        (
            "Ledgerly Certified Integration Consultant – Ledgerly Cloud Payroll 2021",
            "Ledgerly",
            "2022-04",
            None,
        ),
    ]


def test_name_over_a_details_line() -> None:
    found = credentials(
        """
Certification
Certified Sign Language Interpreter (CSLI) – Portuguese
Northbridge Board of Certification for Sign Language Interpreters · 2018-06 · Exp. 2028-06
Certified Tribunal Interpreter – Portuguese
Marrowgate County Superior Court · Interpreter ID 584410 · 2020
"""
    )
    assert [summary(c) for c in found] == [
        (
            "Certified Sign Language Interpreter (CSLI) – Portuguese",
            "Northbridge Board of Certification for Sign Language Interpreters",
            "2018-06",
            "2028-06",
        ),
        ("Certified Tribunal Interpreter – Portuguese", "Marrowgate County Superior Court", "2020", None),
    ]
    assert found[1].credential_id == "584410"


def test_issuers_in_parentheses_and_among_dashes() -> None:
    found = credentials(
        """
Licences and Certifications
Hydroponic Crop Management Certificate (GrPA), 2022
Certified Landscape Quality Specialist (CLQS) (LQSA), renewed 2022
Tower Climber Safety Basics (TCSB) — Northern Tower Alliance — CLIMB ID 4410937 — Exp. 2027-02
Industrial Diver Level 2, Coastal Dive Institute (No. 3/778102), Aug 2021
Certified Vacation Rental Manager (CVRM), Shoreline Rental Managers Council, Sept '21
"""
    )
    assert [summary(c) for c in found] == [
        ("Hydroponic Crop Management Certificate", "GrPA", "2022", None),
        ("Certified Landscape Quality Specialist (CLQS)", "LQSA", "2022", None),
        ("Tower Climber Safety Basics (TCSB)", "Northern Tower Alliance", None, "2027-02"),
        ("Industrial Diver Level 2", "Coastal Dive Institute", "2021-08", None),
        ("Certified Vacation Rental Manager (CVRM)", "Shoreline Rental Managers Council", "2021-09", None),
    ]
    assert [c.credential_id for c in found][2:4] == ["4410937", "3/778102"]


def test_years_that_belong_to_the_name() -> None:
    found = credentials(
        """
Certifications
Spreadsheet Specialist: Pivot Tables Associate (Suite 2016), 2020
ISO 14001:2015 Internal Auditor, Greenmark Registrars, Feb 2018
"""
    )
    assert [summary(c) for c in found] == [
        ("Spreadsheet Specialist: Pivot Tables Associate (Suite 2016)", None, "2020", None),
        ("ISO 14001:2015 Internal Auditor", "Greenmark Registrars", "2018-02", None),
    ]


def test_colon_slash_and_status_shapes() -> None:
    found = credentials(
        """
Licences & Courses
Tattoo Artist License
Oregon Board of Body Art Practitioners · #TAT-40917 · expires 08/31/2027
Lumisera: Lumisera Advanced Peel Certification (2021-09)
Microsoft Certified: Power Platform Fundamentals (PL-900) - Microsoft - 2022
Licensed Massage Therapist (LMT) / State of Vermont / Lic. 5503318 / valid until 11/30/2026
NFA Series 3 (registered 2010; lapsed)
Series 63 Uniform Securities Agent State Law (NASAA) — Registered Aug 2014
Trello Certified Planner — Trello (badge), 2023
Certified Wireless Network Administrator (CWNA)
Issuer: CWNP · Obtained: 06/2021 · Expiry: 06/2024 · ID: CWNA5518820937
"""
    )
    assert [summary(c) for c in found] == [
        ("Tattoo Artist License", "Oregon Board of Body Art Practitioners", None, "2027-08-31"),
        ("Lumisera Advanced Peel Certification", "Lumisera", "2021-09", None),
        ("Microsoft Certified: Power Platform Fundamentals (PL-900)", "Microsoft", "2022", None),
        ("Licensed Massage Therapist (LMT)", "State of Vermont", None, "2026-11-30"),
        ("NFA Series 3", None, "2010", None),
        ("Series 63 Uniform Securities Agent State Law", "NASAA", "2014-08", None),
        ("Trello Certified Planner", "Trello", "2023", None),
        ("Certified Wireless Network Administrator (CWNA)", "CWNP", "2021-06", "2024-06"),
    ]
    ids = [c.credential_id for c in found]
    assert ids == ["TAT-40917", None, None, "5503318", None, None, None, "CWNA5518820937"]


def test_credentials_not_yet_earned_have_no_dates_and_say_so() -> None:
    found = credentials(
        """
Certifications
In progress: AWS Certified Machine Learning – Specialty (expected Q3 2024)
ServSafe Manager Certification #12345678, exp 2026
"""
    )
    assert [summary(c) for c in found] == [
        ("AWS Certified Machine Learning – Specialty", None, None, None),
        ("ServSafe Manager Certification", None, None, "2026"),
    ]
    assert [c.tags for c in found] == [["in_progress"], []]
    assert found[1].credential_id == "12345678"


def test_inline_heading_list_keeps_links_on_their_items() -> None:
    doc = document("Jane Roe\nCertifications: CKA (Credly), CISSP\nSkills\nGo")
    line = doc.lines[1]
    start = line.text.index("Credly")
    doc.lines[1] = line.model_copy(
        update={"links": [Hyperlink(url=CREDLY, text="Credly", start=start, end=start + 6)]}
    )
    found = parse_document(doc).credentials
    assert [(c.name, c.url) for c in found] == [("CKA", CREDLY), ("CISSP", None)]


def test_issuer_lines_stacked_under_names_without_dates() -> None:
    # An organisation alone on the line under a name is that name's issuer, not a credential;
    # a name that starts with a brand ("Google Analytics") or an acronym nothing corroborates
    # as an issuer stays a name of its own.
    found = credentials(
        """
Certifications
Certified Orchard Safety Steward (COSS)
Pellmont Horticulture Board
Advanced Canopy Pruning Specialist
Rivertown Arborist Association
Lantern Valley Food Handler Card
"""
    )
    assert [summary(c) for c in found] == [
        ("Certified Orchard Safety Steward (COSS)", "Pellmont Horticulture Board", None, None),
        ("Advanced Canopy Pruning Specialist", "Rivertown Arborist Association", None, None),
        ("Lantern Valley Food Handler Card", None, None, None),
    ]
    listed = credentials(
        """
Certifications
Google Analytics
Certified Kanban Coach
QKC
Lean Office Basics
"""
    )
    assert [c.name for c in listed] == [
        "Google Analytics",
        "Certified Kanban Coach",
        "QKC",
        "Lean Office Basics",
    ]


def test_issuer_and_date_lines_stacked_in_either_order() -> None:
    # Name / Issuer / Date with acronym issuers (two of them: a layout, not a list of acronyms).
    found = credentials(
        """
Licenses
Tower Crane Operator – Level 2
NCTQ
03/2021
Rigging Inspector Card
QRBA
11/2019
"""
    )
    assert [summary(c) for c in found] == [
        ("Tower Crane Operator – Level 2", "NCTQ", "2021-03", None),
        ("Rigging Inspector Card", "QRBA", "2019-11", None),
    ]
    # Name / Date / Issuer; the first entry has no date, its issuer follows the name.
    found = credentials(
        """
Certifications
Marine Diesel Technician
Harbor Engine Institute
Deckhand Safety Card
2020-04-11
Coastal Maritime Authority
Bilge Pump Service Permit
2018-06-02
Coastal Maritime Authority
"""
    )
    assert [summary(c) for c in found] == [
        ("Marine Diesel Technician", "Harbor Engine Institute", None, None),
        ("Deckhand Safety Card", "Coastal Maritime Authority", "2020-04-11", None),
        ("Bilge Pump Service Permit", "Coastal Maritime Authority", "2018-06-02", None),
    ]


def test_field_labels_alone_on_their_line() -> None:
    # "Issued by" / "Awarded on:" / "Credential ID" with the value on the next line, or with no
    # value at all, are fields of the entry above, never credentials named after the label.
    found = credentials(
        """
Certifications
Certified Grain Elevator Operator
Issued by
Prairie Grain Handlers Association
Awarded on:
May 2022
Credential ID
GEO-55120
Farm Drone Pilot Permit
Issued by
Awarded on:
"""
    )
    assert [summary(c) for c in found] == [
        ("Certified Grain Elevator Operator", "Prairie Grain Handlers Association", "2022-05", None),
        ("Farm Drone Pilot Permit", None, None, None),
    ]
    assert found[0].credential_id == "GEO-55120"


@pytest.mark.xfail(
    strict=True,
    reason="the line model (models/entries.txt) is sure that the bare acronym name 'QKC' after a "
    "name/issuer pair is that entry's issuer, as it is in most stacked layouts of the corpus; the "
    "rules alone read it right (test_the_rules_read_issuer_lines_marked_up_apart_from_names)",
)
def test_issuer_lines_marked_up_apart_from_names() -> None:
    # Names and issuers in one size and weight, but in different blocks ("<p>" names over
    # "<div>" issuers): the second kind of block only ever follows the first, so it is the
    # sub-line of the name above, even where the issuer's name says nothing of an organisation.
    rows = [
        ("Certifications", "heading"),
        ("Orchard Canopy Steward", "paragraph"),
        ("Pellmont Growers", None),
        ("QKC", "paragraph"),
        ("Lantern Valley Guild", None),
        ("Certified Cider Taster", "paragraph"),
    ]
    doc = Document(
        format="html",
        file="cv.html",
        lines=[Line(text=text, index=i, role=role) for i, (text, role) in enumerate(rows, start=1)],  # type: ignore[arg-type]
    )
    found = parse_document(doc).credentials
    assert [(c.name, c.issuer.name) for c in found] == [
        ("Orchard Canopy Steward", "Pellmont Growers"),
        ("QKC", "Lantern Valley Guild"),
        ("Certified Cider Taster", None),
    ]


def test_the_rules_read_issuer_lines_marked_up_apart_from_names() -> None:
    with instead("entries.txt", None):
        test_issuer_lines_marked_up_apart_from_names()


def test_a_symbol_font_bullet_read_as_a_brace_is_a_bullet() -> None:
    found = credentials(
        """
Ossian Brask
Certifications
{ Certified Kiln Safety Operator, Ceramic Trades Institute, 2021
{ Glaze Chemistry Level 2 (GCL2)
"""
    )
    assert [summary(c)[:3] for c in found] == [
        ("Certified Kiln Safety Operator", "Ceramic Trades Institute", "2021"),
        ("Glaze Chemistry Level 2 (GCL2)", None, None),
    ]


def test_an_acronym_the_catalogue_knows_for_the_credential_is_not_its_issuer() -> None:
    found = credentials(
        """
Ossian Brask
Certifications
B2 First (FCE), 2016
C1 Advanced (CAE) - Cambridge English, 2019
Hydroponic Crop Management Certificate (GrPA), 2020
"""
    )
    assert [summary(c)[:3] for c in found] == [
        ("B2 First (FCE)", None, "2016"),
        ("C1 Advanced (CAE)", "Cambridge English", "2019"),
        ("Hydroponic Crop Management Certificate", "GrPA", "2020"),
    ]


def test_issuer_after_a_preposition() -> None:
    """'Name at Issuer' (templates that print "{name} at {awarder}"), in our languages; a name
    that itself holds 'at' before a word that is no organisation stays whole."""
    found = credentials(
        """
Certifications
Hyperbaric Chamber Operator (HCO) at Northern Diving Association
2021
Wildland Pump Operations from Cascadia Fire Academy
2019
Zertifizierter Brandschutzhelfer von Feuerwehrverband Nordheim
2020
First Aid at Work
2022
"""
    )
    assert [summary(c) for c in found] == [
        ("Hyperbaric Chamber Operator (HCO)", "Northern Diving Association", "2021", None),
        ("Wildland Pump Operations", "Cascadia Fire Academy", "2019", None),
        ("Zertifizierter Brandschutzhelfer", "Feuerwehrverband Nordheim", "2020", None),
        ("First Aid at Work", None, "2022", None),
    ]


def test_credentials_told_in_a_summary_sentence_in_our_languages() -> None:
    """No date in the sentence: the name must read as a credential's and an issuer must follow
    in parentheses; a record or a title does not."""
    found = credentials(
        """
Lena Brandt
Profil
Bauleiterin mit 12 Jahren Erfahrung.
Zertifiziert als Sachkundiger für Fassadenbefahrung (SFB) (Verband Fassadentechnik).
Summary
Site lead for nine years. Holds the Record for fastest fit-out (Acme Builders).
Certified as Rope Access Technician Level 2 (IRATA).
Profil
Chef de chantier depuis 2015. Titulaire du Certificat de sauveteur secouriste (INRS).
"""
    )
    assert [(c.name, c.issuer.name) for c in found] == [
        ("Sachkundiger für Fassadenbefahrung (SFB)", "Verband Fassadentechnik"),
        ("Rope Access Technician Level 2", "IRATA"),
        ("Certificat de sauveteur secouriste", "INRS"),
    ]


def test_a_month_set_over_its_year() -> None:
    """A narrow date column sets the month over the year: the two lines are one date."""
    found = credentials(
        """
Certifications
October
2024
C2 Proficiency (CPE), Cambridge English
May
2018
DELF B2, France Éducation International
"""
    )
    assert [summary(c) for c in found] == [
        ("C2 Proficiency (CPE)", "Cambridge English", "2024-10", None),
        ("DELF B2", "France Éducation International", "2018-05", None),
    ]


def test_issuer_wordings_link_labels_and_glued_months_in_our_languages() -> None:
    """'délivré par X', a 'Nachweis anzeigen' link, and a month a converter glued to the issuer
    ('ISACAJun 2019') are read as the issuer, the credential's link and a date."""
    found = parse_document(
        document(
            """
Zertifikate
TestDaF (TDN 5)
délivré par TestDaF-Institut
Certified Information Security Manager (CISM)
ISACAJun 2019
GIAC Certified Incident Handler (GCIH)
GIAC
Nachweis anzeigen
""",
            links={8: "https://www.credly.com/badges/4f6e2b1a-1234-4cde-9abc-0123456789ab/public_url"},
        )
    ).credentials
    assert [(c.name, c.issuer.name, c.issued) for c in found] == [
        ("TestDaF (TDN 5)", "TestDaF-Institut", None),
        ("Certified Information Security Manager (CISM)", "ISACA", "2019-06"),
        ("GIAC Certified Incident Handler (GCIH)", "GIAC", None),
    ]


def test_a_dash_in_the_name_when_the_issuer_is_labelled() -> None:
    found = credentials(
        """
Certificates
CSCS Gold Card – Supervisor
Issued Oct 2017
Issued by Construction Skills Certification Scheme
"""
    )
    assert [summary(c) for c in found] == [
        ("CSCS Gold Card – Supervisor", "Construction Skills Certification Scheme", "2017-10", None)
    ]


def test_list_items_that_mark_only_the_fields_under_each_name() -> None:
    """A template lists each entry's fields as list items under a name that is not one: the
    bullets say nothing about where entries start, the names do."""
    lines = [
        Line(text="Awards", index=1, role="heading", heading_level=2, bold=True),
        Line(text="Mine Rescue Team Leader (MRTL), Mines Board", index=2, role="heading", heading_level=3),
        Line(text="Awarded on: Apr 15, 2022", index=3, role="list_item"),
        Line(text="Blasting Supervisor Licence, Quarry Agency", index=4, role="heading", heading_level=3),
        Line(text="Awarded on: Aug 14, 2019", index=5, role="list_item"),
    ]
    found = parse_document(Document(format="html", file="cv.html", lines=lines)).credentials
    assert [summary(c) for c in found] == [
        ("Mine Rescue Team Leader (MRTL)", "Mines Board", "2022-04-15", None),
        ("Blasting Supervisor Licence", "Quarry Agency", "2019-08-14", None),
    ]


def test_an_issuer_line_that_opens_with_by() -> None:
    """A template that prints "by" before each awarder, even where there is none: "by X" names
    the issuer, a bare "by" names nothing."""
    found = credentials(
        """
Ines Walker
CERTIFICATIONS
Quellmark Stream Analyst Certificate
by Quellmark Institute
Aug 2022
Tarnwick Risk Practitioner (TRP)
by
Mar 2021
"""
    )
    assert [summary(c) for c in found] == [
        ("Quellmark Stream Analyst Certificate", "Quellmark Institute", "2022-08", None),
        ("Tarnwick Risk Practitioner (TRP)", None, "2021-03", None),
    ]
