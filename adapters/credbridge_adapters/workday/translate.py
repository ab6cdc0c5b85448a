"""CandidateProfile -> the Workday Web Services (urn:com.workday/bsvc) request bodies.

Two operations carry what credbridge knows: Put_Applicant's Qualification_Data holds one
Certification per credential (Certification_Name, Issuer, Certification_Number, Issued_Date,
Expiration_Date), and Put_Candidate's Resume_Data holds Skill_Data. Both request elements sit
under one credbridge wrapper so the record is a single well-formed XML document; each child is
the SOAP Body of its own call. References Workday resolves against tenant data
(Applicant_Reference, Certification_Reference, Job_Requisition_Reference) are left to the
integration: nothing here guesses tenant IDs.
"""

from __future__ import annotations

import re

from lxml import etree

from credbridge.model import CandidateProfile, Credential
from credbridge_adapters._common import (
    LossReport,
    iso_date,
    report_skill_references,
    report_uncarried,
)

WD = "urn:com.workday/bsvc"
WRAPPER = "urn:credbridge:adapters:workday"
NSMAP = {"wd": WD, "cb": WRAPPER}
CARRIED = ("issuer.name", "issued", "expires", "credential_id", "skills")


def _wd(tag: str) -> str:
    return f"{{{WD}}}{tag}"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    """A wd: child; control characters a PDF or DOCX can leave in text are not allowed in XML
    1.0 and are removed (lxml would refuse the whole document otherwise)."""
    child = etree.SubElement(parent, _wd(tag))
    if text is not None:
        child.text = _NOT_XML.sub("", text)
    return child


def build(profile: CandidateProfile, losses: LossReport) -> str:
    root = etree.Element(f"{{{WRAPPER}}}workday", nsmap=NSMAP)
    applicant = _sub(_sub(root, "Put_Applicant_Request"), "Applicant_Data")
    if profile.credentials:
        qualifications = _sub(applicant, "Qualification_Data")
        for i, cred in enumerate(profile.credentials):
            _certification(qualifications, i, cred, losses)
    candidate = _sub(_sub(root, "Put_Candidate_Request"), "Candidate_Data")
    person = profile.person
    if person.name:
        detail = _sub(_sub(_sub(candidate, "Name_Data"), "Legal_Name"), "Name_Detail_Data")
        _sub(detail, "Full_Name", person.name)
    if person.emails or person.phones:
        contact = _sub(candidate, "Contact_Data")
        if person.phones:
            _sub(contact, "Phone_Number", person.phones[0])
        if person.emails:
            _sub(contact, "Email_Address", person.emails[0])
    for field, values in (("person.emails", person.emails[1:]), ("person.phones", person.phones[1:])):
        if values:
            losses.add(
                field, "dropped", f"Workday Contact_Data takes one of each: {', '.join(values)} dropped"
            )
    for field, value in (
        ("person.location", person.location),
        ("person.links", ", ".join(link.url or "" for link in person.links)),
    ):
        if value:
            losses.add(
                field,
                "dropped",
                f"not sent: Workday wants structured Location_Data / Website_Data: {value!r}",
            )
    if profile.skills:
        resume = _sub(_sub(candidate, "Job_Application_Data"), "Resume_Data")
        for skill in profile.skills:
            _sub(_sub(resume, "Skill_Data"), "Skill_Name", skill.name)
        report_skill_references(losses, profile, "Skill_Data/Skill_Name")
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


def _certification(parent: etree._Element, i: int, cred: Credential, losses: LossReport) -> None:
    data = _sub(_sub(parent, "Certification"), "Certification_Data")
    _sub(data, "Certification_Name", cred.name)
    if cred.issuer.name:
        _sub(data, "Issuer", cred.issuer.name)
    if cred.credential_id:
        _sub(data, "Certification_Number", cred.credential_id)
    if cred.issued:
        _sub(data, "Issued_Date", iso_date(cred.issued, f"credentials[{i}].issued", losses))
    if cred.expires:
        _sub(data, "Expiration_Date", iso_date(cred.expires, f"credentials[{i}].expires", losses))
    report_uncarried(losses, i, cred, "Certification_Data", CARRIED)
