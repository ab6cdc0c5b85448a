"""The heading lexicon (resume/headings.csv): seven languages, LinkedIn's own section names,
fuzzy wording, letter-spacing; unknown headings closing a section; credentials written under
an awards heading; credentials listed in a skills section. Every resume here is invented."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from credbridge.model import Credential, Document, Line
from credbridge.resume import parse_document
from credbridge.resume.sections import heading_kind, lexicon_conflicts, reads_as_credential
from credbridge.resume.trees import instead

C, W, E, S, A, L, SUM = "credentials", "experience", "education", "skills", "awards", "languages", "summary"

LINKEDIN = {
    # language: (licenses & certifications, experience, education, skills, honors & awards, languages, about)
    "en": ("Licenses & certifications", "Experience", "Education", "Skills", "Honors & awards", "Languages",
           "About"),
    "de": ("Bescheinigungen und Zertifikate", "Berufserfahrung", "Ausbildung", "Kenntnisse", "Auszeichnungen",
           "Sprachen", "Info"),
    "fr": ("Licences et certifications", "Expérience", "Formation", "Compétences", "Distinctions et prix",
           "Langues", "Infos"),
    "es": ("Licencias y certificaciones", "Experiencia", "Educación", "Aptitudes",
           "Reconocimientos y premios", "Idiomas", "Acerca de"),
    "pt": ("Licenças e certificados", "Experiência", "Formação acadêmica", "Competências",
           "Prêmios e reconhecimentos", "Idiomas", "Sobre"),
    "it": ("Licenze e certificazioni", "Esperienza", "Formazione", "Competenze", "Premi e riconoscimenti",
           "Lingue", "Informazioni"),
    "nl": ("Licenties en certificaten", "Ervaring", "Opleiding", "Vaardigheden",
           "Onderscheidingen en prijzen", "Talen", "Info"),
}  # fmt: skip


def document(text: str, **style: object) -> Document:
    lines = [Line(text=raw, index=i, **style) for i, raw in enumerate(text.strip("\n").split("\n"), start=1)]  # type: ignore[arg-type]
    return Document(format="text", file="resume.txt", lines=lines)


def names(text: str) -> list[str]:
    return [c.name for c in parse_document(document(text)).credentials]


def found(text: str) -> list[Credential]:
    return parse_document(document(text)).credentials


@pytest.mark.parametrize("lang", sorted(LINKEDIN))
def test_linkedin_section_names_in_each_language(lang: str) -> None:
    kinds = [heading_kind(h) for h in LINKEDIN[lang]]
    assert kinds == [C, W, E, S, A, L, SUM]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Zertifikate", C), ("Weiterbildungen", C), ("Fort- und Weiterbildung", C),
        ("Erworbene Zertifikate", C),
        ("Certificats", C), ("Habilitations", C), ("Certifications obtenues", C), ("Certificados", C),
        ("Cursos y certificaciones", C), ("Formación complementaria", C), ("Certificações", C),
        ("Cursos complementares", C), ("Certificazioni", C), ("Attestati", C), ("Certificaten", C),
        ("Cursussen en trainingen", C), ("Werkervaring", W), ("Expérience professionnelle", W),
        ("Experiencia laboral", W), ("Experiência profissional", W), ("Esperienze professionali", W),
        ("Sprachkenntnisse", L), ("Centres d'intérêt", "interests"), ("Über mich", SUM),
        ("Top Skills", S), ("Top-Kenntnisse", S), ("Principales compétences", S), ("Honors-Awards", A),
        ("Preise und Auszeichnungen", A), ("Récompenses", A), ("Premios", A), ("Prémios", A),
    ],
)  # fmt: skip
def test_common_headings_in_each_language(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


@pytest.mark.parametrize(
    "heading",
    [
        "Training & Certs", "Certifications Held", "Certification History", "Certifications Obtained",
        "Tickets", "Accreditations", "Badges", "Professional Development", "Credentials & Licensure",
        "CERTIFICATIONS:", "certification", "Licenses and Certifications", "Licences et Certifications :",
        "Zertifikate und Lizenzen", "Certificaciones y Licencias", "4. Certifications",
        "Certificates(4)", "Certifications (12)",
    ],
)  # fmt: skip
def test_credential_headings_in_many_wordings(heading: str) -> None:
    assert heading_kind(heading) == C


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("C E R T I F I C A T I O N S", C), ("L I C E N S E S  &  C E R T I F I C A T I O N S", C),
        ("L I C E N S E S A N D C E R T I F I C A T I O N S", C), ("Z E R T I F I K A T E", C),
        ("E X P E R I E N C E", W), ("E X P É R I E N C E", W), ("AUSZEICHNUNGEN", A), ("EXPERIÊNCIA", W),
        ("LICENCIAS Y CERTIFICACIONES", C), ("COMPETENZE", S),
    ],
)  # fmt: skip
def test_letter_spaced_and_capital_headings(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


@pytest.mark.parametrize("text", ["Résumé", "Curriculum Vitae", "Marta Keller", "Python, SQL", "Leadership"])
def test_not_headings_we_know(text: str) -> None:
    assert heading_kind(text) is None


def test_lexicon_is_data_in_every_language_without_conflicts() -> None:
    text = resources.files("credbridge.resume").joinpath("headings.csv").read_text("utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert {row["lang"] for row in rows} == {"en", "de", "fr", "es", "pt", "it", "nl"}
    assert {row["source"] for row in rows} == {"general", "linkedin"}
    assert lexicon_conflicts() == []


@pytest.mark.parametrize("lang", sorted(LINKEDIN))
def test_linkedin_resume_in_each_language(lang: str) -> None:
    certifications, experience, _, skills, _, languages, _ = LINKEDIN[lang]
    resume = f"""
Tomasz Wielgosz
{certifications}
Certified Kubernetes Administrator (CKA) - The Linux Foundation - 2022
{languages}
Polski
English
{experience}
Platform Engineer
Quaybright Logistics
{skills}
Kubernetes
"""
    assert names(resume) == ["Certified Kubernetes Administrator (CKA)"]


def test_letter_spaced_upper_case_resume() -> None:
    resume = """
ODILE FERRANT
C E R T I F I C A T I O N S
Certified Information Systems Auditor (CISA) - ISACA - 2021
E X P É R I E N C E
Auditrice interne, Banque Sorel
"""
    assert [(c.name, c.issuer.name, c.issued) for c in found(resume)] == [
        ("Certified Information Systems Auditor (CISA)", "ISACA", "2021")
    ]


def test_unknown_markdown_heading_ends_the_credentials_section() -> None:
    resume = """
# Priya Natarajan
## Certifications
- Certified Ethical Hacker (CEH), EC-Council, 2020
## Speaking Engagements
- Keynote speaker, Northwind Security Summit, 2022
## Experience
- Analyst, Fernbrook Bank
"""
    assert names(resume) == ["Certified Ethical Hacker (CEH)"]


def test_unknown_capital_heading_ends_the_credentials_section() -> None:
    resume = """
Priya Natarajan
CERTIFICATIONS
Certified Ethical Hacker (CEH), EC-Council, 2020
EXPERIENCE
Analyst, Fernbrook Bank
MENTORSHIP PROGRAMMES
Mentor, Women in Cyber Circle, 2021
"""
    assert names(resume) == ["Certified Ethical Hacker (CEH)"]


def test_unknown_bold_heading_ends_the_credentials_section() -> None:
    lines = [
        Line(text="Jonas Weber", index=1, font_size=16, bold=True),
        Line(text="Zertifikate", index=2, font_size=12, bold=True),
        Line(text="Certified ScrumMaster (CSM), Scrum Alliance, 2019", index=3, font_size=10),
        Line(text="Ehrenämter im Sportverein", index=4, font_size=12, bold=True),
        Line(text="Jugendtrainer, TSV Oberwald, 2018", index=5, font_size=10),
        Line(text="Sprachen", index=6, font_size=12, bold=True),
        Line(text="Deutsch, Englisch", index=7, font_size=10),
    ]
    profile = parse_document(Document(format="pdf", file="cv.pdf", lines=lines))
    assert [c.name for c in profile.credentials] == ["Certified ScrumMaster (CSM)"]


def test_credentials_under_honors_and_awards_beside_real_awards() -> None:
    resume = """
Renata Oyelaran
Experience
Site Reliability Engineer, Copperline Media
Honors & Awards
Employee of the Year, Copperline Media, 2022
Dean's List, University of Kestrel Bay, 2015
AWS Certified Solutions Architect - Associate, Amazon Web Services, 2021
Best Paper Award, Workshop on Resilient Systems, 2019
Scholarship recipient, Halvorsen Foundation, 2014
Hackathon Winner, Harbourfront Hack Days, 2018
Certificate of Appreciation, City Volunteers, 2020
PMP
Education
BSc Computer Science
"""
    assert names(resume) == ["AWS Certified Solutions Architect - Associate", "PMP"]


@pytest.mark.parametrize(
    ("heading", "credential", "award"),
    [
        ("Auszeichnungen", "Zertifikat Qualitätsmanagement, TÜV Rheinmark, 2020",
         "Mitarbeiter des Jahres, 2021"),
        ("Distinctions et prix", "Certificat en gestion de projet, Institut Lavande, 2019",
         "Lauréat du concours Jeunes Talents, 2018"),
        ("Premios", "Certificado de Profesionalidad en Logística, 2020", "Premio al mejor proyecto, 2019"),
        ("Prêmios", "Certificação em Gestão Ágil, Instituto Serra Azul, 2021", "Prêmio Inovação, 2020"),
        ("Premi e riconoscimenti", "Certificazione ITIL Foundation, 2018",
         "Borsa di studio Fondazione Vela, 2016"),
        ("Prijzen", "Certificaat Projectmanagement, Hogeschool Duinrand, 2017",
         "Winnaar pitchwedstrijd, 2019"),
    ],
)  # fmt: skip
def test_credentials_under_awards_in_each_language(heading: str, credential: str, award: str) -> None:
    resume = f"""
Sam Ferreira
{heading}
{award}
{credential}
"""
    got = names(resume)
    assert len(got) == 1 and got[0] == credential.split(",")[0]


@pytest.mark.parametrize(
    "award",
    [
        "Employee of the Year", "Dean's List", "Best Paper Award", "Scholarship recipient",
        "Hackathon Winner",
        "Certificate of Excellence in Teaching", "Runner-up, Regional Robotics Contest",
        "Most Valuable Player Award (MVP)",
    ],
)  # fmt: skip
def test_awards_do_not_read_as_credentials(award: str) -> None:
    assert not reads_as_credential(award)


@pytest.mark.parametrize(
    "entry",
    [
        "Licensed Professional Counselor", "Zertifizierter Scrum Master", "Diploma in Food Safety", "CISSP",
        # a name no catalogue holds, with its acronym in parentheses as credentials carry it
        "Orchard Irrigation Technician (OIT)", "Electrical Installation Regulations (IEC 60364)",
        # kinds of credential that name no credential word
        "Public Trust Clearance", "Rigger Level 3", "General Pharmaceutical Council Registration",
        "Machine Learning Specialization",
    ],
)
def test_credentials_read_as_credentials(entry: str) -> None:
    assert reads_as_credential(entry)


@pytest.mark.parametrize(
    ("name", "issuer", "credential"),
    [
        ("Quillmark Data Steward", "Quillmark", True),  # a product certification named after its maker
        ("Tessaly Cloud Practitioner", "Tessaly Systems", False),  # the issuer's words are not all there
        ("Quillmark Innovation Award", "Quillmark", False),  # named after its maker, but an award
        ("Quillmark", "Quillmark", False),  # the brand alone names nothing
    ],
)
def test_an_awards_entry_named_after_its_issuer(name: str, issuer: str, credential: bool) -> None:
    assert reads_as_credential(name, name, issuer=issuer) is credential


def test_an_issuer_set_as_the_title_over_a_certification_named_after_it() -> None:
    """A template whose awards list sets the awarder as each entry's title, the award below it
    and the date before both: a certification named after its issuer is read with that issuer;
    a real award beside it is not a credential. (The entry reader and the awards filter are
    what is tested: the entries are cut by the rules, without the line model.)"""
    document = _html_like(
        [
            ("Awards", 2),
            ("July 2018", None),
            ("Quillmark", 3),
            ("Quillmark Data Steward", None),
            ("March 2020", None),
            ("Brightwater Clinic", 3),
            ("Employee of the Month", None),
        ]
    )
    with instead("entries.txt", None):
        found = parse_document(document).credentials
    assert [(c.name, c.issuer.name, c.issued) for c in found] == [
        ("Quillmark Data Steward", "Quillmark", "2018-07")
    ]


def test_awards_heading_with_its_content_on_the_line() -> None:
    resume = """
Lena Hofstra
Awards: Top Performer 2021, Certified Kubernetes Application Developer (CKAD)
Experience
DevOps Engineer, Brightwater Telecom
"""
    assert names(resume) == ["Certified Kubernetes Application Developer (CKAD)"]


def test_certifications_line_in_a_skills_section() -> None:
    resume = """
Ibrahim Castellanos
Skills
Languages: Python, Go, SQL
Certifications: CISSP, Certified Kubernetes Administrator, AWS Certified Developer - Associate
Tools: Terraform, Ansible
Experience
Security Engineer, Larchmont Freight
"""
    profile = parse_document(document(resume))
    assert [c.name for c in profile.credentials] == [
        "CISSP", "Certified Kubernetes Administrator", "AWS Certified Developer - Associate",
    ]  # fmt: skip
    assert {s.name for s in profile.skills} >= {"Python", "Terraform", "Ansible"}


def test_certifications_sub_heading_in_a_skills_section_with_a_list() -> None:
    resume = """
Ibrahim Castellanos
Skills
Python, Go, SQL
Certifications
CISSP, Certified Kubernetes Administrator, AWS Certified Developer - Associate
Experience
Security Engineer, Larchmont Freight
"""
    assert names(resume) == [
        "CISSP", "Certified Kubernetes Administrator", "AWS Certified Developer - Associate",
    ]  # fmt: skip


def test_a_name_and_issuer_line_is_not_a_list() -> None:
    resume = """
Ibrahim Castellanos
Certifications
Certified Kubernetes Administrator, The Linux Foundation
Professional Engineer, Ostrava Board of Professional Engineers
"""
    assert [(c.name, c.issuer.name) for c in found(resume)] == [
        ("Certified Kubernetes Administrator", "The Linux Foundation"),
        ("Professional Engineer", "Ostrava Board of Professional Engineers"),
    ]


def _styled_names_resume(*extra: Line) -> list[Line]:
    return [
        Line(text="Odile Brannagh", index=1, font_size=18, bold=True),
        Line(text="Certifications", index=2, font_size=12, bold=True),
        Line(text="Certified Harbour Logistics Planner (CHLP)", index=3, font_size=12, bold=True),
        Line(text="Tidewater Ports Institute", index=4, font_size=10),
        Line(text="March 2020", index=5, font_size=10),
        Line(text="Registered Quayside Crane Assessor", index=6, font_size=12, bold=True),
        Line(text="Maritime Lifting Council", index=7, font_size=10),
        Line(text="June 2018", index=8, font_size=10),
        *extra,
    ]


def test_credential_names_styled_like_headings_are_entries_with_their_issuers() -> None:
    lines = _styled_names_resume(
        Line(text="Experience", index=9, font_size=12, bold=True),
        Line(text="Yard Planner, Saltmere Terminals, 2016 - 2021", index=10, font_size=10),
    )
    profile = parse_document(Document(format="pdf", file="cv.pdf", lines=lines))
    assert [(c.name, c.issuer.name if c.issuer else None) for c in profile.credentials] == [
        ("Certified Harbour Logistics Planner (CHLP)", "Tidewater Ports Institute"),
        ("Registered Quayside Crane Assessor", "Maritime Lifting Council"),
    ]


def test_credential_names_styled_like_headings_under_awards() -> None:
    lines = [
        Line(text="Odile Brannagh", index=1, font_size=18, bold=True),
        Line(text="Honors & Awards", index=2, font_size=12, bold=True),
        Line(text="Licensed Estuary Pilot (LEP)", index=3, font_size=12, bold=True),
        Line(text="Saltmere Pilotage Authority", index=4, font_size=10),
        Line(text="Skills", index=5, font_size=12, bold=True),
        Line(text="Tide tables, radar", index=6, font_size=10),
    ]
    profile = parse_document(Document(format="pdf", file="cv.pdf", lines=lines))
    assert [(c.name, c.issuer.name if c.issuer else None) for c in profile.credentials] == [
        ("Licensed Estuary Pilot (LEP)", "Saltmere Pilotage Authority")
    ]


@pytest.mark.parametrize(
    "heading", ["Professional Certifications", "Certifications Held", "Nursing Licenses"]
)
def test_credentials_headings_after_styled_names_still_open_sections(heading: str) -> None:
    lines = _styled_names_resume(
        Line(text=heading, index=9, font_size=12, bold=True),
        Line(text="Certified Dockside Safety Officer, Harbour Safety Board, 2015", index=10, font_size=10),
    )
    profile = parse_document(Document(format="pdf", file="cv.pdf", lines=lines))
    assert [c.name for c in profile.credentials] == [
        "Certified Harbour Logistics Planner (CHLP)",
        "Registered Quayside Crane Assessor",
        "Certified Dockside Safety Officer",
    ]


def test_headings_after_styled_credential_names_still_close_the_section() -> None:
    lines = _styled_names_resume(
        Line(text="Ehrenämter im Hafenverein", index=9, font_size=12, bold=True),
        Line(text="Jugendtrainer, Ruderclub Saltmere, 2019", index=10, font_size=10),
        Line(text="Languages", index=11, font_size=12, bold=True),
        Line(text="English, Dutch", index=12, font_size=10),
    )
    profile = parse_document(Document(format="pdf", file="cv.pdf", lines=lines))
    assert [c.name for c in profile.credentials] == [
        "Certified Harbour Logistics Planner (CHLP)",
        "Registered Quayside Crane Assessor",
    ]


def _html_like(rows: list[tuple[str, int | None]]) -> Document:
    """Lines as an HTML reader gives them: (text, heading level or None)."""
    lines = [
        Line(text=text, index=i, role="heading" if level else None, heading_level=level, bold=bool(level))
        for i, (text, level) in enumerate(rows, start=1)
    ]
    return Document(format="html", file="cv.html", lines=lines)


def test_entry_titles_set_above_the_section_headings_and_a_section_printed_twice() -> None:
    """A template that sets each entry's title one heading level above its section headings,
    and prints the section twice (a screen and a print copy): the titles are entries, not new
    headers, and each credential is reported once."""
    awards = [
        ("Awards", 5),
        ("Offshore Crane Operator Stage 3 (OPITO)", 4),
        ("Offshore Petroleum Industry Training Organization", None),
        ("2021-05-15", None),
        ("Rigging and Slinging Level 2 (LEEA)", 4),
        ("Lifting Equipment Engineers Association", None),
        ("2019-03-02", None),
        ("Hackathon Winner", 4),
        ("CityHack", None),
    ]
    rows = [("Amara Lindqvist", None), ("Crane Operator", None), ("Work Experience", 5), ("Harbour", None)]
    profile = parse_document(_html_like(rows + awards + awards))
    assert [(c.name, c.issued) for c in profile.credentials] == [
        ("Offshore Crane Operator Stage 3 (OPITO)", "2021-05-15"),
        ("Rigging and Slinging Level 2 (LEEA)", "2019-03-02"),
    ]


@pytest.mark.parametrize(
    ("first", "second", "title"),
    [
        ("Formations et", "certifications", "Formations et certifications"),  # ends in 'and'
        ("Certifica-", "ciones", "Certificaciones"),  # hyphenated in a narrow margin (moderncv)
    ],
)
def test_a_heading_wrapped_over_two_lines(first: str, second: str, title: str) -> None:
    """A heading line that ends in 'and' (in our languages) or in a hyphen goes on below."""
    rows = [("Ana Duarte", 1), ("Perfil", 2), (first, 2), (second, 2)]
    lines = [
        Line(text=t, index=i, role="heading", heading_level=level, bold=True)
        for i, (t, level) in enumerate(rows, start=1)
    ] + [Line(text="Certified Mediator (CM), Institut de Médiation, 2019", index=5)]
    profile = parse_document(Document(format="html", file="cv.html", lines=lines))
    assert [(c.name, c.source.section) for c in profile.credentials] == [("Certified Mediator (CM)", title)]
