"""The certification catalogue: coverage, acronyms, exact, contained and fuzzy lookups."""

from __future__ import annotations

from collections import Counter

import pytest

from credbridge.taxonomy import catalogue


def test_catalogue_covers_at_least_200_entries_across_the_fields() -> None:
    entries = catalogue.entries()
    assert len(entries) >= 200
    issuers = Counter(entry.issuer for entry in entries)
    for issuer in (
        "Amazon Web Services", "Microsoft", "Google Cloud", "Oracle", "Red Hat", "The Linux Foundation",
        "HashiCorp", "Cisco", "CompTIA", "ISC2", "ISACA", "Salesforce", "Project Management Institute",
        "PeopleCert (AXELOS)", "Scrum Alliance", "Scrum.org", "Google", "IBM", "Meta", "SHRM", "HRCI",
        "CFA Institute", "State Board of Accountancy", "State Board of Nursing",
        "American Heart Association", "National Restaurant Association", "OSHA Outreach Training Program",
    ):  # fmt: skip
        assert issuers[issuer] >= 1, issuer
    assert len({entry.id for entry in entries}) == len(entries)
    for entry in entries:
        assert entry.source.startswith("https://"), entry.id
        assert entry.skills, entry.id
        assert entry.validity_months is None or 1 <= entry.validity_months <= 120


def test_acronyms_include_the_usual_post_nominals() -> None:
    acronyms = catalogue.acronyms()
    assert {"PMP", "CISSP", "CKAD", "RN", "CPA", "CFA", "PHR", "SHRM-CP", "CCNA"} <= acronyms
    assert isinstance(acronyms, frozenset)


@pytest.mark.parametrize(
    ("text", "expected", "exact"),
    [
        ("PMP", "pmi-pmp", True),
        ("Project Management Professional (PMP), PMI, 2021", "pmi-pmp", True),
        ("AWS Certified Solutions Architect - Associate", "aws-saa", True),
        ("AWS Certified Solutions Architect Associate (SAA-C03)", "aws-saa", True),
        ("Certified Kubernetes Application Developer (CKAD)", "cncf-ckad", True),
        ("Registered Nurse, State of Ohio", "nursing-rn", True),
        ("BLS for Healthcare Providers", "aha-bls", True),
        ("Journeyman Electrician License - Texas", "trades-journeyman-electrician", True),
        ("SHRM-CP", "shrm-cp", True),
        ("Completed the CKAD exam at KubeCon", "cncf-ckad", False),
        ("Certified Information Systems Auditer", "isaca-cisa", False),
        ("Oracle Certified Professional, Java SE 11 Developer", "oracle-ocp-java", False),
    ],
)
def test_lookup_finds_the_entry(text: str, expected: str, exact: bool) -> None:
    found = catalogue.lookup(text)
    assert found is not None and found.id == expected
    assert (found.score == 100.0) is exact
    assert found.issuer == catalogue.certification(expected).issuer  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x" * 10_000,
        "日本語の資格",
        "🎓🎓",
        "CMA",  # two issuers use it: never guessed
        "Ace Hardware sales training",  # "ace" only counts written as the acronym ACE
        "Microsoft Excel",
        "AWS Certified DevOps Engineer and AWS Certified Developer",  # two different entries
    ],
)
def test_lookup_stays_empty_on_unknown_or_ambiguous_text(text: str) -> None:
    assert catalogue.lookup(text) is None


def test_distinct_certifications_of_one_issuer_do_not_meet() -> None:
    developer = catalogue.lookup("AWS Certified Developer")
    devops = catalogue.lookup("AWS Certified DevOps Engineer")
    assert developer is not None and devops is not None
    assert (developer.id, devops.id) == ("aws-dva", "aws-dop")


def test_most_related_skills_map_to_a_taxonomy() -> None:
    """Related skills reach profiles only when they map; most are written as taxonomy labels."""
    from credbridge.taxonomy import match

    phrases = sorted({skill for entry in catalogue.entries() for skill in entry.skills})
    mapped = [found for found in match(phrases) if found.best]
    assert len(mapped) / len(phrases) >= 0.5


@pytest.mark.parametrize(
    "text", ["CPR", "Food Handlers Permit", "EMT", "Six Sigma Green Belt", "Phlebotomy Certification"]
)
def test_credentials_many_bodies_issue_name_no_issuer(text: str) -> None:
    found = catalogue.lookup(text)
    assert found is not None and found.id.startswith("generic-")
    assert found.issuer is None, "an issuer would be a guess"


def test_a_name_without_its_distinguishing_word_is_not_guessed() -> None:
    assert catalogue.lookup("Scrum Master") is None, "CSM (Scrum Alliance) or PSM (Scrum.org)?"
    assert catalogue.lookup("Certified ScrumMaster").id == "scrumalliance-csm"  # type: ignore[union-attr]
