"""Contact details, credentials outside sections (post-nominals, "X-certified", stray badge
links) and skill phrases."""

from __future__ import annotations

import pytest

from credbridge.model import Document, Hyperlink, Line
from credbridge.resume import parse_document
from credbridge.resume.contact import normalise_phone, split_post_nominals

CREDLY = "https://www.credly.com/badges/4f6e2b1a-1234-4cde-9abc-0123456789ab"


def document(text: str, links: dict[int, list[Hyperlink]] | None = None) -> Document:
    lines = [
        Line(text=raw, index=i, links=(links or {}).get(i, []))
        for i, raw in enumerate(text.strip("\n").split("\n"), start=1)
    ]
    return Document(format="html", file="cv.html", lines=lines)


def test_contact_line_is_split_and_normalised() -> None:
    doc = document(
        """
JANE ROE
Senior Cloud Engineer
jane.roe@example.com | (512) 555-0199 | Austin, TX | linkedin.com/in/janeroe | github.com/janeroe
Summary
Builds platforms.
""",
        links={
            3: [Hyperlink(url="mailto:jane.roe@example.com", text="jane.roe@example.com", start=0, end=20)]
        },
    )
    person = parse_document(doc).person
    assert person.name == "Jane Roe"
    assert person.emails == ["jane.roe@example.com"]
    assert person.phones == ["+15125550199"]
    assert person.location == "Austin, TX"
    assert [(link.kind, link.url) for link in person.links] == [
        ("linkedin", "https://linkedin.com/in/janeroe"),
        ("github", "https://github.com/janeroe"),
    ]
    assert person.source is not None and person.source.line == 1


@pytest.mark.parametrize(
    ("raw", "location", "expected"),
    [
        ("+1 555 014 3321", None, "+15550143321"),
        ("0044 20 7946 0958", None, "+442079460958"),
        ("(555) 201-4478", None, "+15552014478"),
        ("555-612-7780", "Watergate, NJ", "+15556127780"),
        ("020 7946 0958", "London, UK", "+442079460958"),
        ("030 1234567", None, "0301234567"),
        ("+49 (0)30 1234567", None, "+49301234567"),
        ("12345", None, None),
    ],
)
def test_normalise_phone(raw: str, location: str | None, expected: str | None) -> None:
    assert normalise_phone(raw, location) == expected


def test_post_nominals_split_from_the_name() -> None:
    assert split_post_nominals("Jane Doe, PMP, CISSP") == ("Jane Doe", ("PMP", "CISSP"))
    assert split_post_nominals("Doe, Jane") == ("Doe, Jane", ())


def test_post_nominals_and_certified_phrases_become_credentials_once() -> None:
    doc = document(
        """
Marcus Bell, PMP, CSM, MBA
Summary
PMP-certified program manager; certified CISSP since 2019, and Python-certified too.
Certifications
Certified ScrumMaster (CSM), Scrum Alliance, 2020
"""
    )
    found = parse_document(doc).credentials
    names = [c.name for c in found]
    assert names == ["Certified ScrumMaster (CSM)", "PMP", "CISSP"]  # MBA is a degree, Python no cert
    pmp = found[1]
    assert pmp.source.line == 1 and pmp.catalogue is not None and "Project Management" in pmp.catalogue.name
    assert found[2].source.section == "Summary"


def test_badge_links_outside_sections_become_credentials() -> None:
    doc = document(
        f"""
Jane Roe
jane@example.com | Badge: Google Certified Educator Level 2
Experience
Taught things. Verified at {CREDLY}/public_url?utm_source=cv
""",
        links={
            2: [
                Hyperlink(
                    url="https://badgr.com/public/assertions/Qm9B3xT7",
                    text="Google Certified Educator Level 2",
                    start=26,
                    end=59,
                )
            ]
        },
    )
    doc.links.append(Hyperlink(url="https://www.credential.net/10000005", text="Show credential"))
    found = parse_document(doc).credentials
    assert [(c.name, c.platform, c.url, c.kind) for c in found] == [
        (
            "Google Certified Educator Level 2",
            "badgr",
            "https://badgr.com/public/assertions/Qm9B3xT7",
            "badge",
        ),
        ("Credly badge", "credly", f"{CREDLY}/public_url", "badge"),
        ("Accredible credential", "accredible", "https://www.credential.net/10000005", "badge"),
    ]
    assert found[2].source.line is None


def test_skill_phrases_from_categories_lists_and_bullets() -> None:
    doc = document(
        """
Jane Roe
Technical Skills
Cloud: AWS, Azure, GCP
Python (pandas, NumPy) | SQL | Go
• Incident response
• aws
Experience
Python at work
"""
    )
    skills = parse_document(doc).skills
    assert [s.name for s in skills] == [
        "AWS",
        "Azure",
        "GCP",
        "Python",
        "pandas",
        "NumPy",
        "SQL",
        "Go",
        "Incident response",
    ]
    aws = skills[0]
    assert [e.source.line for e in aws.evidence] == [3, 6]  # "aws" merged into the first spelling
    assert all(not s.references for s in skills)


def test_names_in_any_script_and_titles_that_are_not_names() -> None:
    person = parse_document(
        document("Curriculum Vitae\nJosé Álvarez-Núñez\njose@example.es | Madrid, Spain")
    ).person
    assert person.name == "José Álvarez-Núñez"
    assert person.location == "Madrid, Spain"


def test_contact_lines_under_a_job_title_styled_as_a_heading_stay_in_the_header(tmp_path):
    """A job title set as a heading under the name names no section: the location, email and
    phone after it are still the header's."""
    from credbridge.pipeline import ParseOptions, parse_file

    resume = tmp_path / "r.md"
    resume.write_text(
        "# Ilse Vandermeer\n\n## Kiln Safety Engineer\n\n"
        "Gent, Belgium · ilse.vandermeer@example.org · +32 555 12 34 56\n\n"
        "## Certifications\n\n- Certified Kiln Safety Operator, Ceramic Guild of Flanders, 2021\n",
        encoding="utf-8",
    )
    person = parse_file(resume, ParseOptions(resolve=False)).person
    assert person.name == "Ilse Vandermeer"
    assert person.emails == ["ilse.vandermeer@example.org"]
    assert person.phones == ["+32555123456"]


@pytest.mark.parametrize(
    ("lines", "wanted"),
    [
        ([("Ilse Vandermeer 🌑🌕", 20.0), ("Kiln Safety Engineer", 12.0)], "Ilse Vandermeer"),
        ([("Ilse Vandermeer, Kiln Safety Engineer", 15.0), ("ilse@example.org", 9.0)], "Ilse Vandermeer"),
        ([("Ilse Vandermeer | Glaze Technician", 15.0)], "Ilse Vandermeer"),
        ([("Ceramics Quality Specialist", 24.0), ("Ilse Vandermeer", 14.0)], "Ilse Vandermeer"),
        ([("Leitende Pflegefachkraft", 22.0), ("Jonas Brandt", 16.0)], "Jonas Brandt"),
        ([("Ilse Vandermeer, CPA, CFE", 18.0)], "Ilse Vandermeer"),
    ],
)
def test_the_name_is_not_a_job_title_nor_its_decoration(lines, wanted):
    from credbridge.resume.contact import find_name

    header = [Line(text=text, index=i, font_size=size) for i, (text, size) in enumerate(lines, start=1)]
    found = find_name(header)
    assert found is not None and found.name == wanted
