"""Oracle Recruiting Cloud: the recruitingCandidates licensesAndCertificates child resource."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.oracle.translate import build

adapter = SimpleAdapter(
    name="oracle",
    title="Oracle Recruiting Cloud (recruitingCandidates licensesAndCertificates)",
    media_type="application/json",
    build=build,
    platform="Oracle Recruiting",
)
