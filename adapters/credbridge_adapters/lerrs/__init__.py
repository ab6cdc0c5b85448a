"""HR Open LER-RS 4.4: certifications, licenses and skills, with verifications and ESCO/O*NET references."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.lerrs.translate import build

adapter = SimpleAdapter(
    name="lerrs",
    title="HR Open LER-RS 4.4 (Learning and Employment Record Resume)",
    media_type="application/json",
    build=build,
    platform="LER-RS",
)
