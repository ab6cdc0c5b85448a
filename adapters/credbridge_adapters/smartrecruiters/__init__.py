"""SmartRecruiters: candidate, tags, a credentials candidate property and the LER-RS attachment."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.smartrecruiters.translate import build

adapter = SimpleAdapter(
    name="smartrecruiters",
    title="SmartRecruiters (candidate tags, credentials property, LER-RS attachment)",
    media_type="application/json",
    build=build,
    platform="SmartRecruiters",
)
