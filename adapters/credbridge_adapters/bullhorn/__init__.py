"""Bullhorn: CandidateCertification entities and the Candidate skillSet."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.bullhorn.translate import build

adapter = SimpleAdapter(
    name="bullhorn",
    title="Bullhorn (Candidate skillSet, CandidateCertification entities)",
    media_type="application/json",
    build=build,
    platform="Bullhorn",
)
