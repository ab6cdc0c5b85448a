"""enrich(): skills from resume phrases, credentials, badge alignments and the catalogue,
merged one per concept with their evidence; credentials recognised in the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from credbridge.model import (
    Alignment,
    CandidateProfile,
    Credential,
    Evidence,
    Issuer,
    Origin,
    Skill,
    Source,
    Verification,
    VerificationStatus,
)
from credbridge.pipeline import ParseOptions, parse_file
from credbridge.taxonomy import enrich
from credbridge.taxonomy.index import load

ESCO_PYTHON = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def _resume_skill(name: str, section: str = "Skills", line: int = 12) -> Skill:
    source = Source(file="cv.pdf", page=1, line=line, text=f"... {name} ...", section=section)
    return Skill(name=name, evidence=[Evidence(source=source)])


def _badge(name: str, status: VerificationStatus, **fields) -> Credential:  # type: ignore[no-untyped-def]
    return Credential(
        kind="badge",
        name=name,
        verification=Verification(status=status),
        source=Source(origin=Origin.BADGE_URL, url="https://www.credly.com/badges/abc"),
        **fields,
    )


def _by_ref(profile: CandidateProfile, scheme: str, label: str) -> Skill:
    (skill,) = [
        s for s in profile.skills if any(r.scheme == scheme and r.label == label for r in s.references)
    ]
    return skill


@pytest.fixture
def profile() -> CandidateProfile:
    return CandidateProfile(
        skills=[
            _resume_skill("Python", "Technical Skills"),
            _resume_skill("Java", "Technical Skills", 13),
            _resume_skill("k8s", "Technical Skills", 13),
            _resume_skill("Team leadership", "Skills", 20),
            _resume_skill("Widget wrangling", "Skills", 21),
        ],
        credentials=[
            _badge(
                "Certified Kubernetes Administrator (CKA)",
                VerificationStatus.VERIFIED,
                issued="2023-04",
                alignments=[
                    Alignment(target_name="Zz unrelated words", target_url=ESCO_PYTHON),
                    Alignment(target_name="Linux", target_code="Linux", target_framework="O*NET"),
                    Alignment(
                        target_name="Software Developers",
                        target_code="15-1252.00",
                        target_framework="O*NET-SOC",
                    ),
                    Alignment(target_name="Kubernetes", target_code="K-42", target_framework="Acme skills"),
                ],
                tags=["Kubernetes", "featured badge"],
                description="Earners administer clusters with Docker and perform data analysis.",
            ),
            _badge("Team Leadership Essentials", VerificationStatus.EXPIRED, skills=["team leadership"]),
            Credential(name="PMP", issuer=Issuer(name="PMI"), issued="2021"),
            Credential(name="Certified Information Systems Security Professional"),
            Credential(name="CPR Certification", issued="2024-01"),
        ],
    )


def test_credentials_are_recognised_without_overwriting_or_inventing(profile: CandidateProfile) -> None:
    out = enrich(profile)
    cka, _, pmp, cissp, cpr = out.credentials
    assert cka.catalogue is not None and cka.catalogue.id == "cncf-cka" and cka.catalogue.validity_months
    assert cka.name == "Certified Kubernetes Administrator (CKA)", "the original text stays"
    assert cka.issuer.name == "The Linux Foundation", "filled because nothing said it"
    assert pmp.catalogue is not None and pmp.catalogue.id == "pmi-pmp"
    assert pmp.issuer.name == "PMI", "the resume's issuer is kept"
    assert cissp.issuer.name == "ISC2"
    assert cpr.catalogue is not None and cpr.issuer.name is None, "many bodies teach CPR: no guess"
    assert [(c.issued, c.expires) for c in out.credentials] == [
        (c.issued, c.expires) for c in profile.credentials
    ], "no dates invented"
    assert profile.credentials[0].catalogue is None, "the input is not changed"


def test_alignments_with_framework_ids_map_directly(profile: CandidateProfile) -> None:
    out = enrich(profile)
    python = _by_ref(out, "esco", "Python (computer programming)")
    direct = [r for r in python.references if r.scheme == "esco"]
    assert direct[0].id == ESCO_PYTHON and direct[0].method == "direct", "no fuzzy guess from the name"
    linux = _by_ref(out, "onet", "Linux")
    assert linux.references[0].method == "direct"
    (soc,) = [s for s in out.skills if any(r.id == "15-1252.00" for r in s.references)]
    assert soc.references[0].label == "Software Developers" and soc.references[0].method == "direct"
    kubernetes = _by_ref(out, "onet", "Kubernetes")
    assert kubernetes.references[0].method != "direct", "an unknown framework's code goes through the matcher"


def test_one_skill_per_concept_with_all_evidence(profile: CandidateProfile) -> None:
    out = enrich(profile)
    kubernetes = _by_ref(out, "onet", "Kubernetes")
    assert kubernetes.name == "k8s", "named as the candidate wrote it"
    origins = [(e.source.origin, e.credential) for e in kubernetes.evidence]
    assert (Origin.RESUME, None) in origins
    assert (Origin.BADGE_URL, 0) in origins, "the badge's tag"
    assert (Origin.CATALOGUE, 0) in origins, "the catalogue's related skill of the CKA"
    assert len({s.name.casefold() for s in out.skills}) == len(out.skills)
    refs = [(r.scheme, r.id) for s in out.skills for r in s.references]
    assert len(refs) == len(set(refs)), "a concept appears in one skill only"


def test_verified_only_when_a_verified_badge_supports_it(profile: CandidateProfile) -> None:
    out = enrich(profile)
    python = _by_ref(out, "esco", "Python (computer programming)")
    assert python.verified
    assert [e.verified for e in python.evidence if e.credential == 0] == [True]
    leadership = _by_ref(out, "esco", "lead a team")
    assert not leadership.verified, "its badge expired"
    assert {e.credential for e in leadership.evidence} == {None, 1}
    assert not any(e.verified for e in leadership.evidence)
    assert python.confidence > leadership.confidence


def test_context_unmapped_phrases_and_description(profile: CandidateProfile) -> None:
    out = enrich(profile)
    java = _by_ref(out, "onet", "Oracle Java")
    assert java.name == "Java", "mapped because it sat under Technical Skills"
    widget = next(s for s in out.skills if s.name == "Widget wrangling")
    assert widget.references == [] and widget.confidence < 0.5
    assert not any(s.name == "featured badge" for s in out.skills), "unmapped tags are dropped"
    docker = _by_ref(out, "onet", "Docker")
    assert docker.evidence[0].credential == 0, "found in the badge description"


def test_output_is_sorted_and_enrich_is_idempotent(profile: CandidateProfile) -> None:
    out = enrich(profile)
    names = [s.name.casefold() for s in out.skills]
    assert names == sorted(names)
    assert enrich(out) == out
    assert enrich(profile.model_copy(deep=True)) == out


def test_bad_input_never_raises() -> None:
    odd = CandidateProfile(
        skills=[Skill(name=name) for name in ("", "x" * 10_000, "日本語", "😀")],
        credentials=[
            Credential(name="🎓" * 50, description="x" * 100_000, tags=["", "😀"]),
            Credential(
                name="", alignments=[Alignment(target_name="", target_url="not a url", target_code="")]
            ),
        ],
    )
    out = enrich(odd)
    assert all(s.references == [] for s in out.skills)
    assert [c.catalogue for c in out.credentials] == [None, None]


def test_pipeline_enriches_a_parsed_resume(tmp_path: Path) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text(
        "Jane Doe, PMP\njane.doe@example.com\n\nSkills\nPython, Java, SQL, MS Excel, Team leadership\n\n"
        "Certifications\nCertified Kubernetes Administrator (CKA), 2022\n",
        encoding="utf-8",
    )
    out = parse_file(resume, ParseOptions(resolve=False, offline=True))
    index = load()
    assert index is load(), "loaded once"
    recognised = {c.catalogue.id for c in out.credentials if c.catalogue}
    assert {"pmi-pmp", "cncf-cka"} <= recognised
    labels = {r.label for s in out.skills for r in s.references}
    assert {"Python", "Microsoft Excel", "lead a team", "Kubernetes"} <= labels


def test_neighbours_are_the_skills_of_the_same_section() -> None:
    profile = CandidateProfile(
        skills=[
            _resume_skill("Python", "Skills", 10),
            _resume_skill("SQL", "Skills", 10),
            _resume_skill("English", "Languages", 30),
            _resume_skill("Go", "Languages", 30),
        ]
    )
    go = next(s for s in enrich(profile).skills if s.name == "Go")
    assert go.references == [], "beside English, Go is not the programming language"
    profile.skills.append(_resume_skill("Swift", "Skills", 11))
    swift = next(s for s in enrich(profile).skills if s.name == "Swift")
    assert {r.label for r in swift.references} == {"Swift (computer programming)", "Swift"}
