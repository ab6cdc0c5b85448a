"""Grammar rules added for shapes the second development set (fixtures/resumes-dev2) found:
two credentials on one line, open ranges at a line end, a state code before a license number,
a table header row read one cell per line. Documents are built in the test, as in
test_resume_grammar.py."""

from __future__ import annotations

from test_resume_grammar import credentials, summary

from credbridge.model import Document, Hyperlink, Line
from credbridge.resume import parse_document
from credbridge.resume.dates import read_dates
from credbridge.resume.grammar import split_shared_line


def test_two_dated_credentials_on_one_line_are_two_entries() -> None:
    found = credentials(
        """
Rosa Jimenez
CERTIFICATIONS
BLS Provider, American Heart Association, 03/2025; ACLS Provider, American Heart Association, 04/2025
Project Management Professional (PMP) (PMI), 2020 | Certified ScrumMaster (Scrum Alliance), 2022
"""
    )
    assert [summary(c) for c in found] == [
        ("BLS Provider", "American Heart Association", "2025-03", None),
        ("ACLS Provider", "American Heart Association", "2025-04", None),
        ("Project Management Professional (PMP)", "PMI", "2020", None),
        ("Certified ScrumMaster", "Scrum Alliance", "2022", None),
    ]


def test_pipes_between_fields_of_one_credential_do_not_cut_it() -> None:
    found = credentials(
        """
Ann Lee
CERTIFICATIONS
CCNP Enterprise | Cisco | Issued 2021 | Expires 2024
Fortinet NSE 4 | Fortinet | 2022 | ID 88123
"""
    )
    assert [summary(c) for c in found] == [
        ("CCNP Enterprise", "Cisco", "2021", "2024"),
        ("Fortinet NSE 4", "Fortinet", "2022", None),
    ]


def test_the_cut_line_keeps_each_link_with_its_own_credential() -> None:
    text = "Terraform Associate, HashiCorp, 2023; CKA, CNCF, 2022"
    start = text.index("CKA")
    cka = Hyperlink(url="https://example.org/cka", start=start, end=start + 3)
    line = Line(text=text, index=3, links=[cka])
    first, second = split_shared_line(line)
    assert first.text == "Terraform Associate, HashiCorp, 2023" and not first.links
    assert second.text == "CKA, CNCF, 2022"
    assert (second.links[0].start, second.links[0].end) == (0, 3)


def test_an_open_range_at_the_end_of_a_line_ends_the_entry() -> None:
    found = credentials(
        """
Bartosz Wierzba
CERTIFICATIONS
CCNA | Cisco | 2021–
JNCIA-Junos | Juniper Networks | 2022–2025
Certified Kubernetes Administrator, CNCF, Mar 2023 –
Mar 2026
"""
    )
    assert [summary(c) for c in found] == [
        ("CCNA", "Cisco", "2021", None),
        ("JNCIA-Junos", "Juniper Networks", "2022", "2025"),
        ("Certified Kubernetes Administrator", "CNCF", "2023-03", "2026-03"),  # a range that wrapped
    ]


def test_a_state_code_before_a_license_number_is_not_the_issuer() -> None:
    (found,) = credentials(
        """
Victor Nunez
LICENSES
Journeyman Electrician License, TX #123456, Texas Department of Licensing and Regulation, exp. 08/31/2027
"""
    )
    assert summary(found) == (
        "Journeyman Electrician License",
        "Texas Department of Licensing and Regulation",
        None,
        "2027-08-31",
    )
    assert found.credential_id == "123456"


def test_a_table_header_row_read_one_cell_per_line_is_skipped() -> None:
    cells = ["Name", "Issuer", "Date", "SnowPro Core Certification", "Snowflake", "Jan. 2023"]
    lines = [Line(text="Hiro Tanaka", index=1), Line(text="Certifications", index=2, role="heading")]
    lines += [Line(text=t, index=i, role="table_cell") for i, t in enumerate(cells, start=3)]
    found = parse_document(Document(format="docx", file="r.docx", lines=lines)).credentials
    assert [summary(c) for c in found] == [("SnowPro Core Certification", "Snowflake", "2023-01", None)]


def test_numbered_headings_and_date_earned_labels() -> None:
    found = credentials(
        """
Sara Kowalski
4. Certifications
Certified Dental Assistant (CDA) — DANB — Cert # 214553 — Date earned: 08/2020
III. Licenses
Registered Dental Assistant, Dental Board of California, Issue date: 05/2019
"""
    )
    assert [summary(c) for c in found] == [
        ("Certified Dental Assistant (CDA)", "DANB", "2020-08", None),
        ("Registered Dental Assistant", "Dental Board of California", "2019-05", None),
    ]
    assert found[0].credential_id == "214553"


def test_issuers_in_brackets_parentheses_and_awarded_by() -> None:
    found = credentials(
        """
Freya Campbell
CERTIFICATIONS
HubSpot Inbound Marketing [HubSpot Academy] Completed: April 2022
Sports Massage Level 4 (ITEC), awarded 15 June 2019
NCARB Certificate (NCARB), 2016
Working at Heights, awarded by Total Safety Training in 2022
CompTIA Security+ (CE), 2021
"""
    )
    assert [summary(c) for c in found] == [
        ("HubSpot Inbound Marketing", "HubSpot Academy", "2022-04", None),
        ("Sports Massage Level 4", "ITEC", "2019-06-15", None),
        ("NCARB Certificate", "NCARB", "2016", None),
        ("Working at Heights", "Total Safety Training", "2022", None),
        ("CompTIA Security+ (CE)", None, "2021", None),  # two letters may be an edition
    ]


def test_credentials_told_in_prose_outside_a_credentials_section() -> None:
    found = credentials(
        """
Diego Sandoval
EXPERIENCE
Supply Chain Manager, Pacific Freight Partners
Certified in Lean Six Sigma Green Belt (ASQ), 2019.
Holds the Certified Supply Chain Professional (CSCP), APICS, 2021; used it to redesign S&OP.
Holds the Record for on-time delivery, 2021.
Earned the trust of 40 clients in 2020.
"""
    )
    assert [summary(c) for c in found] == [
        ("Lean Six Sigma Green Belt", "ASQ", "2019", None),
        ("Certified Supply Chain Professional (CSCP)", "APICS", "2021", None),
    ]
    assert found[0].source.section == "EXPERIENCE"


def test_credentials_told_in_a_summary_printed_under_the_name() -> None:
    """Templates that print the summary under the name with no heading leave it in the header;
    a credential told there is read as in any section, with its issuer or, lacking one, when
    its name reads as a credential's. A short headline under the name is no sentence."""
    found = credentials(
        """
Rosa Ortega
Certified Ortho Tech
Data Engineer, nine years in pipelines. Certifiée Quellmark Stream Analyst Certificate (Coursera).
Analyst with ten years in credit risk and reporting. I hold the Tarnwick Risk Practitioner (TRP).
Holds the Record for the fastest quarter-end close in the group, 2021.
EXPERIENCE
Data Engineer, Harbour Retail
"""
    )
    assert [summary(c) for c in found] == [
        ("Quellmark Stream Analyst Certificate", "Coursera", None, None),
        ("Tarnwick Risk Practitioner (TRP)", None, None, None),
    ]


def test_an_apostrophe_inside_an_email_address() -> None:
    profile = parse_document(
        Document(format="text", file="r.txt", lines=[
            Line(text="Liam O'Brien", index=1),
            Line(text="liam.o'brien@example.com | (555) 410-2290", index=2),
        ])
    )
    assert profile.person.emails == ["liam.o'brien@example.com"]


def test_a_line_of_labelled_fields_is_one_entry_not_an_inline_heading() -> None:
    found = credentials(
        """
Jose Alvarez
CERTIFICATIONS
Certification: Certified Quality Engineer (CQE) | Issuing body: ASQ | Date: 03/2018
"""
    )
    assert [summary(c) for c in found] == [("Certified Quality Engineer (CQE)", "ASQ", "2018-03", None)]


def test_an_inline_heading_list_still_reads_as_a_list() -> None:
    found = credentials(
        """
Ann Lee
Certifications: PMP | CISSP
"""
    )
    assert [c.name for c in found] == ["PMP", "CISSP"]


def test_renews_full_stops_qualifiers_and_acronyms_in_parentheses() -> None:
    found = credentials(
        """
Maya Singh
CERTIFICATIONS
Family Nurse Practitioner (FNP-BC) — May 2020 — ANCC — renews May 2025
Certified Internal Auditor (CIA). The IIA. 2019.
Chartered Accountant. ICAN. Member No. ICAN/2015/04412. Admitted 2015.
Certified Healthcare Interpreter (CHI) (CCHI) – October 2018
Court Interpreter Certification – French (Judicial Council of California) – 2020
"""
    )
    assert [summary(c) for c in found] == [
        ("Family Nurse Practitioner (FNP-BC)", "ANCC", "2020-05", "2025-05"),
        ("Certified Internal Auditor (CIA)", "The IIA", "2019", None),
        ("Chartered Accountant", "ICAN", "2015", None),
        ("Certified Healthcare Interpreter (CHI)", "CCHI", "2018-10", None),
        ("Court Interpreter Certification – French", "Judicial Council of California", "2020", None),
    ]
    assert found[2].credential_id == "ICAN/2015/04412"


def test_ids_with_letters_first_after_id_and_license() -> None:
    found = credentials(
        """
Ethan Price
LICENSES
NABCEP PV Installation Professional | Expires 03/2026 | NABCEP | ID PVIP-041722
Registered Dental Assistant (RDA), Dental Board of California, License RDA 88214, Valid: 2019 - 2025
"""
    )
    assert [c.credential_id for c in found] == ["PVIP-041722", "RDA 88214"]
    assert summary(found[0]) == ("NABCEP PV Installation Professional", "NABCEP", None, "2026-03")


def test_a_heading_line_list_keeps_commas_inside_parentheses() -> None:
    found = credentials(
        """
Lena Fischer
Certifications: Certified Scrum Product Owner (CSPO) (Scrum Alliance, 2019); PSM I (Scrum.org, 2021)
"""
    )
    assert [summary(c) for c in found] == [
        ("Certified Scrum Product Owner (CSPO)", "Scrum Alliance", "2019", None),
        ("PSM I", "Scrum.org", "2021", None),
    ]


def test_an_issuer_stacked_above_its_credential() -> None:
    found = credentials(
        """
Ravi Kapoor
CERTIFICATIONS
Google Cloud
Google Cloud Professional Cloud Architect [Dec 2021 – Dec 2023]
Microsoft
Azure Solutions Architect Expert [May 2022 – May 2025]
"""
    )
    assert [summary(c) for c in found] == [
        ("Google Cloud Professional Cloud Architect", "Google Cloud", "2021-12", "2023-12"),
        ("Azure Solutions Architect Expert", "Microsoft", "2022-05", "2025-05"),
    ]


def test_two_digit_years_only_after_an_expiry_label_and_dashed_months() -> None:
    assert (read_dates("BLS, exp 06/27").issued, read_dates("BLS, exp 06/27").expires) == (None, "2027-06")
    assert read_dates("Valid through: 12/25").expires == "2025-12"
    assert read_dates("Scored 12/25 on the exam") == read_dates("Scored on the exam")  # no date at all
    assert read_dates("Forklift Operator — Jan-2021").issued == "2021-01"


def test_designations_state_coded_numbers_and_status_tails() -> None:
    found = credentials(
        """
Daniel Okafor
DESIGNATIONS
Professional Engineer (PE), Civil — Georgia State Board of Registration — GA PE045123 — since 2019
Project Management Professional (PMP) — in progress
Specialist in Blood Banking SBB(ASCP) ..... in progress, exam expected 2025
"""
    )
    assert [summary(c) for c in found] == [
        ("Professional Engineer (PE), Civil", "Georgia State Board of Registration", "2019", None),
        ("Project Management Professional (PMP)", None, None, None),
        ("Specialist in Blood Banking SBB(ASCP)", None, None, None),
    ]
    assert found[0].credential_id == "PE045123"
    assert "in_progress" in found[1].tags


def test_bullet_pairs_colon_issuers_valid_ranges_and_issuer_first_levels() -> None:
    found = credentials(
        """
Felix Wagner
CERTIFICATIONS
CCNA – Cisco – 2019 • CompTIA Network+ – CompTIA – 2018
Palo Alto PCNSA: Palo Alto Networks (May 2022)
SAS Certified Specialist: Base Programming, SAS (valid 2021–2024)
Amazon Web Services – AWS Certified Security – Specialty – 09/2022 – 09/2025
Microsoft Certified: Azure Fundamentals, Microsoft, 2021
"""
    )
    assert [summary(c) for c in found] == [
        ("CCNA", "Cisco", "2019", None),
        ("CompTIA Network+", "CompTIA", "2018", None),
        ("Palo Alto PCNSA", "Palo Alto Networks", "2022-05", None),
        ("SAS Certified Specialist: Base Programming", "SAS", "2021", "2024"),
        ("AWS Certified Security – Specialty", "Amazon Web Services", "2022-09", "2025-09"),
        ("Microsoft Certified: Azure Fundamentals", "Microsoft", "2021", None),
    ]


def test_issuer_by_at_the_end_and_company_suffix_after_a_comma() -> None:
    found = credentials(
        """
Nia Thompson
CERTIFICATIONS
2022: LinkedIn Certified Professional – Recruiter by LinkedIn
Allen-Bradley ControlLogix Maintenance — Rockwell Automation, Inc. — May 2019
"""
    )
    assert [summary(c) for c in found] == [
        ("LinkedIn Certified Professional – Recruiter", "LinkedIn", "2022", None),
        ("Allen-Bradley ControlLogix Maintenance", "Rockwell Automation, Inc.", "2019-05", None),
    ]


def test_an_id_alone_in_a_heading_line_list_belongs_to_the_item_before() -> None:
    (found,) = credentials(
        """
Jasmine Cole
Licenses: RN (NY), License #612345
"""
    )
    assert (found.name, found.credential_id) == ("RN (NY)", "612345")


def test_issued_by_on_a_day_and_added_dates() -> None:
    found = credentials(
        """
Sofia Reyes
CREDENTIALS
Certified Emergency Nurse (CEN)
Issued by BCEN on 12 March 2021
ESL Endorsement
Illinois State Board of Education
Added 2021
"""
    )
    assert [summary(c) for c in found] == [
        ("Certified Emergency Nurse (CEN)", "BCEN", "2021-03-12", None),
        ("ESL Endorsement", "Illinois State Board of Education", "2021", None),
    ]


def test_an_issuer_repeated_before_its_name_after_a_colon() -> None:
    found = credentials(
        """
Bruno Costa
CERTS
NEBOSH: NEBOSH International General Certificate (Nov 2019)
IOSH: IOSH Managing Safely (2018)
"""
    )
    assert [summary(c) for c in found] == [
        ("NEBOSH International General Certificate", "NEBOSH", "2019-11", None),
        ("IOSH Managing Safely", "IOSH", "2018", None),
    ]
