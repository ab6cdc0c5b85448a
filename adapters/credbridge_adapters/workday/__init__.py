"""Workday Web Services: Put_Applicant qualification (Certification) data and Put_Candidate skill data."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.workday.translate import build

adapter = SimpleAdapter(
    name="workday",
    title="Workday (Put_Applicant certifications, Put_Candidate skills; SOAP XML)",
    media_type="application/xml",
    build=build,
    platform="Workday",
)
