"""Adapters: golden records per target and fixture profile, schema validation, loss reports.

Goldens live in adapters/credbridge_adapters/<target>/golden/. After a deliberate change, run
`CREDBRIDGE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_adapters.py` and review the diff by
eye: a golden must be right, not just stable.
"""

from __future__ import annotations

import base64
import copy
import csv
import io
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from credbridge_adapters.jsonresume.translate import validator as jsonresume_validator
from credbridge_adapters.lerrs import validation as lerrs_schema
from lxml import etree

from credbridge.model import CandidateProfile, Translation
from credbridge.targets import available, get

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "fixtures" / "profiles"
ADAPTERS = ROOT / "adapters" / "credbridge_adapters"
TARGETS = (
    "lerrs",
    "jsonresume",
    "schemaorg",
    "workday",
    "bullhorn",
    "successfactors",
    "oracle",
    "greenhouse",
    "lever",
    "smartrecruiters",
    "csv",
)
FIXTURES = ("verified_badge", "resume_only", "licenses", "sparse")
EXTENSIONS = {"application/xml": "xml", "text/csv": "csv"}
UPDATE = os.environ.get("CREDBRIDGE_UPDATE_GOLDEN") == "1"
WD = "urn:com.workday/bsvc"


def profile(name: str) -> CandidateProfile:
    return CandidateProfile.model_validate_json((PROFILES / f"{name}.json").read_text(encoding="utf-8"))


def translate(target: str, name: str) -> Translation:
    return get(target).translate(profile(name))


def serialise(record: Any) -> str:
    if isinstance(record, str):
        return record
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def losses_of(result: Translation) -> set[tuple[str, str]]:
    return {(loss.field, loss.action) for loss in result.losses}


def test_every_builtin_target_is_registered() -> None:
    assert set(TARGETS) <= set(available())
    for name in TARGETS:
        adapter = get(name)
        assert adapter.name == name and adapter.title and adapter.media_type


@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("target", TARGETS)
def test_golden(target: str, name: str) -> None:
    result = translate(target, name)
    assert result.target == target
    ext = EXTENSIONS.get(result.media_type, "json")
    record_file = ADAPTERS / target / "golden" / f"{name}.{ext}"
    losses_file = ADAPTERS / target / "golden" / f"{name}.losses.json"
    losses = [loss.model_dump() for loss in result.losses]
    if UPDATE:
        record_file.parent.mkdir(exist_ok=True)
        record_file.write_bytes(serialise(result.record).encode("utf-8"))
        losses_file.write_text(serialise(losses), encoding="utf-8")
    assert serialise(result.record) == record_file.read_bytes().decode("utf-8")
    assert losses == json.loads(losses_file.read_text(encoding="utf-8"))
    # Same input, same output.
    assert serialise(translate(target, name).record) == serialise(result.record)


def _walk(value: Any, path: str = "$") -> list[str]:
    """Paths of placeholder values (None, empty strings, empty lists or objects)."""
    bad = []
    if value is None or value == "" or value == [] or value == {}:
        bad.append(path)
    elif isinstance(value, dict):
        for key, item in value.items():
            bad += _walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            bad += _walk(item, f"{path}[{i}]")
    return bad


@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize("target", [t for t in TARGETS if t not in ("workday", "csv")])
def test_nothing_is_invented_as_a_placeholder(target: str, name: str) -> None:
    assert _walk(translate(target, name).record) == []


def test_sparse_profile_leaves_missing_fields_out() -> None:
    record = translate("jsonresume", "sparse").record
    assert "basics" not in record
    assert record["certificates"] == [{"name": "First Aid at Work", "verification": "unverified"}]
    bullhorn = translate("bullhorn", "sparse").record
    assert set(bullhorn["candidateCertifications"][0]) == {"name", "status"}
    xml = etree.fromstring(translate("workday", "sparse").record.encode())
    data = xml.find(f".//{{{WD}}}Certification_Data")
    assert [child.tag.split("}")[1] for child in data] == ["Certification_Name"]
    assert xml.find(f".//{{{WD}}}Name_Data") is None


# --------------------------------------------------------------------------- LER-RS


@pytest.mark.parametrize("name", FIXTURES)
def test_lerrs_validates_against_the_vendored_schema(name: str) -> None:
    record = translate("lerrs", name).record
    assert lerrs_schema.errors(record) == []
    # anyOf in LER-RSType lets extra properties through unchecked: check verifications on their own.
    for section, schema in (
        ("certifications", lerrs_schema.VERIFIABLE_CERTIFICATION),
        ("licenses", lerrs_schema.VERIFIABLE_LICENSE),
    ):
        for entry in record.get(section, []):
            if "verifications" in entry:
                assert lerrs_schema.errors({"verifications": entry["verifications"]}, schema) == []


def test_lerrs_schema_check_is_real() -> None:
    record = translate("lerrs", "licenses").record
    broken = copy.deepcopy(record)
    del broken["licenses"][0]["issuingAuthority"]
    broken["skills"][0]["schemeReference"] = {"scheme": "http://data.europa.eu/esco/concept-scheme/skills"}
    found = lerrs_schema.errors(broken)
    assert found, "removing required fields must fail validation"


def test_lerrs_carries_verifications_and_scheme_references() -> None:
    result = translate("lerrs", "verified_badge")
    teamwork = result.record["certifications"][0]
    assert teamwork["verifications"][0] == {"reference": "http://example.com/credentials/3527"}
    embedded = teamwork["verifications"][1]["otherW3CVerifiableCredential"]
    assert embedded["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert ("credentials[0].verification.document", "converted") in losses_of(result)
    python = next(s for s in result.record["skills"] if s["name"] == "Python")
    assert python["schemeReference"] == {
        "reference": "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d",
        "scheme": "http://data.europa.eu/esco/concept-scheme/skills",
    }
    assert python["keywords"] == [{"name": "O*NET: Python", "value": "urn:onet:technology-skill:Python"}]
    teamwork_skill = result.record["skills"][0]
    assert teamwork_skill["verifications"] == [
        {"Verification": {"reference": "http://example.com/credentials/3527"}}
    ]


def test_lerrs_embeds_an_ob3_credential_that_fits_its_schema() -> None:
    """A VC 1.1-era OB 3.0 credential (issuanceDate) goes in as the 1EdTech OB 3.0 type itself."""
    source = profile("verified_badge")
    document = copy.deepcopy(source.credentials[0].verification.document)
    assert document is not None
    document["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld",
    ]
    document["issuanceDate"] = document.pop("validFrom")
    source.credentials[0].verification.document = document
    result = get("lerrs").translate(source)
    verifications = result.record["certifications"][0]["verifications"]
    assert verifications[1] == document
    assert lerrs_schema.is_ob3_credential(verifications[1])
    assert ("credentials[0].verification.document", "converted") not in losses_of(result)
    assert lerrs_schema.errors({"verifications": verifications}, lerrs_schema.VERIFIABLE_CERTIFICATION) == []


def test_lerrs_says_when_the_verified_credential_is_not_carried() -> None:
    result = translate("lerrs", "licenses")
    loss = next(x for x in result.losses if x.field == "credentials[2].verification.document")
    assert loss.action == "dropped" and "does not carry the issued credential JSON" in loss.detail
    micro = result.record["certifications"][1]
    assert micro["verifications"] == [
        {"reference": "https://badges.midwest-nursing.example/credentials/ipc-7f3a91"}
    ]
    assert result.record["licenses"][0]["status"] == "expired"


def test_lerrs_keeps_partial_issue_dates_and_converts_expiry() -> None:
    result = translate("lerrs", "resume_only")
    aws = result.record["certifications"][0]
    assert aws["issued"] == "2022-11"
    assert aws["effectiveTimePeriod"] == {"validTo": "2025-11-01T00:00:00Z"}
    assert ("credentials[0].expires", "converted") in losses_of(result)
    assert ("credentials[0].issued", "converted") not in losses_of(result)


# --------------------------------------------------------------------------- JSON Resume


@pytest.mark.parametrize("name", FIXTURES)
def test_jsonresume_validates(name: str) -> None:
    record = translate("jsonresume", name).record
    assert [e.message for e in jsonresume_validator().iter_errors(record)] == []


def test_jsonresume_schema_check_is_real() -> None:
    record = translate("jsonresume", "resume_only").record
    record["certificates"][0]["date"] = "Nov 2022"
    assert list(jsonresume_validator().iter_errors(record))


# --------------------------------------------------------------------------- XML, dates, CSV


def test_workday_xml_parses_back_with_the_workday_namespace() -> None:
    text = translate("workday", "resume_only").record
    root = etree.fromstring(text.encode("utf-8"))
    ns = {"wd": WD}
    certs = root.findall(
        "wd:Put_Applicant_Request/wd:Applicant_Data/wd:Qualification_Data/wd:Certification", ns
    )
    assert len(certs) == 3
    first = certs[0].find("wd:Certification_Data", ns)
    assert (
        first.findtext("wd:Certification_Name", namespaces=ns)
        == "AWS Certified Solutions Architect – Associate"
    )
    assert first.findtext("wd:Issuer", namespaces=ns) == "Amazon Web Services"
    assert first.findtext("wd:Certification_Number", namespaces=ns) == "AWS-ASA-4821"
    assert first.findtext("wd:Issued_Date", namespaces=ns) == "2022-11-01"
    assert first.findtext("wd:Expiration_Date", namespaces=ns) == "2025-11-01"
    skills = root.findall(".//wd:Resume_Data/wd:Skill_Data/wd:Skill_Name", ns)
    assert [s.text for s in skills] == [
        "cloud technologies",
        "Agile project management",
        "Jira",
        "stakeholder communication",
    ]


def test_bullhorn_dates_are_epoch_millis_at_utc_midnight() -> None:
    result = translate("bullhorn", "resume_only")
    aws = result.record["candidateCertifications"][0]
    assert aws["dateCertified"] == int(datetime(2022, 11, 1, tzinfo=UTC).timestamp() * 1000)
    assert aws["dateExpiration"] == int(datetime(2025, 11, 1, tzinfo=UTC).timestamp() * 1000)
    assert aws["licenseNumber"] == "AWS-ASA-4821" and aws["issuedBy"] == "Amazon Web Services"
    pmp = result.record["candidateCertifications"][1]
    assert pmp["dateCertified"] == int(datetime(2019, 1, 1, tzinfo=UTC).timestamp() * 1000)
    detail = next(x.detail for x in result.losses if x.field == "credentials[1].issued")
    assert "2019 (known to the year) sent as 2019-01-01" in detail
    assert result.record["candidate"]["skillSet"] == (
        "cloud technologies, Agile project management, Jira, stakeholder communication"
    )


def test_successfactors_uses_odata_v2_date_literals() -> None:
    entity = translate("successfactors", "licenses").record[0]
    millis = int(datetime(2018, 6, 1, tzinfo=UTC).timestamp() * 1000)
    assert entity["startDate"] == f"/Date({millis})/"
    assert entity["__metadata"] == {"type": "SFOData.CandidateBackground_Certificates"}
    assert entity["licenseNumber"] == "RN.512345" and entity["licenseName"] == "Registered Nurse (RN)"


def test_csv_has_one_row_per_credential() -> None:
    source = profile("licenses")
    rows = list(csv.DictReader(io.StringIO(get("csv").translate(source).record)))
    assert [row["name"] for row in rows] == [c.name for c in source.credentials]
    assert rows[0]["credential_id"] == "RN.512345" and rows[0]["verification_status"] == "expired"
    assert rows[1]["issued"] == "2024-02"
    assert "Hand hygiene" in rows[2]["alignments"]


# --------------------------------------------------------------------------- fallback chain


@pytest.mark.parametrize(
    ("target", "attachment"),
    [
        ("greenhouse", lambda r: r["attachments"][0]["content"]),
        ("lever", lambda r: r["files"][0]["data"]),
        ("smartrecruiters", lambda r: r["attachments"][0]["content"]),
    ],
)
def test_fallback_attaches_the_lerrs_document(target: str, attachment: Any) -> None:
    for name in FIXTURES:
        record = translate(target, name).record
        attached = json.loads(base64.b64decode(attachment(record)))
        assert attached == translate("lerrs", name).record
        assert lerrs_schema.errors(attached) == []


def test_fallback_keeps_badge_details_in_text_and_links() -> None:
    greenhouse = translate("greenhouse", "licenses").record
    text = greenhouse["custom_fields"][0]["value"]
    assert greenhouse["custom_fields"][0]["name_key"] == "credbridge_credentials"
    micro = text.splitlines()[2]
    for fact in (
        "Midwest College of Nursing",
        "issued 2025-03-14",
        "expires 2028-03-14",
        "verification: verified",
        "https://badges.midwest-nursing.example/credentials/ipc-7f3a91",
        "Hand hygiene",
    ):
        assert fact in micro
    assert {"value": "https://badges.midwest-nursing.example/credentials/ipc-7f3a91", "type": "other"} in (
        greenhouse["website_addresses"]
    )
    assert "infection control" in greenhouse["tags"] and "Registered Nurse (RN)" in greenhouse["tags"]
    lever = translate("lever", "licenses").record
    assert len(lever["notes"]) == 3 and "RN.512345" in lever["notes"][0]["value"]


# --------------------------------------------------------------------------- loss reports

EXPECTED_LOSSES = {
    "lerrs": [
        ("credentials[2].verification.document", "dropped"),
        ("credentials[1].expires", "converted"),
        ("credentials[2].alignments", "dropped"),
        ("credentials[2].criteria", "moved"),
    ],
    "jsonresume": [
        ("credentials[0].kind", "converted"),
        ("credentials[2].evidence", "dropped"),
        ("person.location", "converted"),
    ],
    "schemaorg": [("credentials[2].verification", "dropped"), ("credentials[2].discrepancies", "dropped")],
    "workday": [
        ("credentials[1].issued", "converted"),
        ("credentials[2].alignments", "dropped"),
        ("skills[0].references", "dropped"),
        ("person.location", "dropped"),
    ],
    "bullhorn": [
        ("credentials[2].alignments", "moved"),
        ("credentials[1].issued", "converted"),
        ("skills[1].references", "dropped"),
    ],
    "successfactors": [
        ("skills", "dropped"),
        ("credentials[2].url", "moved"),
        ("credentials[1].issued", "converted"),
    ],
    "oracle": [
        ("credentials[0].issuer.name", "moved"),
        ("skills", "dropped"),
        ("credentials[2].alignments", "moved"),
    ],
    "greenhouse": [
        ("credentials[2]", "moved"),
        ("credentials[2].discrepancies", "moved"),
        ("person.name", "converted"),
    ],
    "lever": [("credentials[0]", "moved"), ("credentials[2].evidence", "moved")],
    "smartrecruiters": [
        ("credentials[1]", "moved"),
        ("person.location", "dropped"),
        ("person.name", "converted"),
    ],
    "csv": [("skills", "dropped"), ("person.name", "dropped"), ("credentials[2].evidence", "dropped")],
}


@pytest.mark.parametrize("target", TARGETS)
def test_loss_report_names_what_the_target_cannot_carry(target: str) -> None:
    result = translate(target, "licenses")
    assert set(EXPECTED_LOSSES[target]) <= losses_of(result)
    source = profile("licenses")
    for loss in result.losses:
        assert loss.detail and len(loss.detail) > 20
        # Every loss points at a real place in the profile.
        head = loss.field.split(".")[0].split("[")[0]
        assert head in {"credentials", "skills", "person"}
        if loss.field.startswith("credentials["):
            index = int(loss.field.split("[")[1].split("]")[0])
            assert index < len(source.credentials)


@pytest.mark.parametrize("target", ["greenhouse", "lever", "smartrecruiters"])
def test_no_certification_record_is_said_plainly(target: str) -> None:
    result = translate(target, "licenses")
    detail = next(x.detail for x in result.losses if x.field == "credentials[2]")
    assert "has no certification record" in detail and "alignments" in detail and "LER-RS" in detail


def test_full_dates_need_no_conversion() -> None:
    result = translate("workday", "verified_badge")
    converted = {x.field for x in result.losses if x.action == "converted"}
    assert "credentials[0].issued" not in converted  # 2010-01-01 is a full date
    assert "credentials[1].issued" in converted  # 2023-06 becomes 2023-06-01


# --------------------------------------------------------------------------- untrusted input


def hostile_profile() -> CandidateProfile:
    """What a stranger's resume can hold: a URL without a scheme, a control character from a PDF,
    a cell that a spreadsheet would run as a formula, a link that is not a URL."""
    data = json.loads((PROFILES / "resume_only.json").read_text(encoding="utf-8"))
    data["person"]["name"] = "Eve\x0b Mallory"
    data["person"]["links"].append({"url": "linkedin.com/in/eve", "kind": "linkedin"})
    data["credentials"][0]["name"] = '=HYPERLINK("https://evil.example","AWS")'
    data["credentials"][2]["url"] = "credly.com/badges/abc"
    return CandidateProfile.model_validate(data)


@pytest.mark.parametrize("target", TARGETS)
def test_hostile_input_gives_a_record_not_a_crash(target: str) -> None:
    result = get(target).translate(hostile_profile())
    found = losses_of(result)
    if target in ("lerrs", "jsonresume", "schemaorg", "oracle", "greenhouse", "lever", "smartrecruiters"):
        # Targets with URL fields: a URL without a scheme is left out and said, never guessed.
        assert ("credentials[2].url", "dropped") in found
        links = {
            "greenhouse": lambda r: r["website_addresses"],
            "lever": lambda r: r["opportunity"]["links"],
            "smartrecruiters": lambda r: r["candidate"],
        }.get(target, lambda r: r)(result.record)
        assert "credly.com/badges/abc" not in json.dumps(links)
    if target == "workday":
        root = etree.fromstring(result.record.encode("utf-8"))
        assert root.findtext(f".//{{{WD}}}Full_Name") == "Eve Mallory"
    if target == "csv":
        rows = list(csv.reader(io.StringIO(result.record)))
        assert rows[1][0].startswith("'=HYPERLINK")
        assert ("credentials[0].name", "converted") in found
    if target == "lerrs":
        assert lerrs_schema.errors(result.record) == []
        assert ("person.links[1]", "dropped") in found
    if target == "jsonresume":
        assert [e.message for e in jsonresume_validator().iter_errors(result.record)] == []


@pytest.mark.parametrize("target", TARGETS)
def test_an_impossible_date_is_left_out_not_a_crash(target: str) -> None:
    source = profile("resume_only")
    source.credentials[2].issued = "2021-02-30"  # matches YYYY-MM-DD, is no day of the calendar
    source.credentials[1].issued = "0000"  # matches YYYY, there was no year 0
    result = get(target).translate(source)
    assert {("credentials[2].issued", "dropped"), ("credentials[1].issued", "dropped")} <= losses_of(result)
    assert "2021-02-30" not in serialise(result.record) or target in (
        "greenhouse",
        "lever",
        "smartrecruiters",
    )


@pytest.mark.parametrize("target", TARGETS)
def test_an_empty_profile_translates(target: str) -> None:
    empty = CandidateProfile.model_validate({"person": {"name": "   "}})
    result = get(target).translate(empty)
    assert result.target == target and result.record is not None
    if target == "lerrs":
        assert lerrs_schema.errors(result.record) == []
    if target == "jsonresume":
        assert list(jsonresume_validator().iter_errors(result.record)) == []
