"""SAP SuccessFactors Recruiting: CandidateBackground_Certificates (OData v2 JSON)."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.successfactors.translate import build

adapter = SimpleAdapter(
    name="successfactors",
    title="SAP SuccessFactors (CandidateBackground_Certificates, OData v2)",
    media_type="application/json",
    build=build,
    platform="SuccessFactors",
)
