"""JSON Resume 1.2.1: basics, certificates and skills (taxonomy codes as extra properties)."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.jsonresume.translate import build

adapter = SimpleAdapter(
    name="jsonresume",
    title="JSON Resume 1.2.1",
    media_type="application/json",
    build=build,
    platform="JSON Resume",
)
