"""Greenhouse Harvest: candidate with tags, a credentials custom field, links and the LER-RS attachment."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.greenhouse.translate import build

adapter = SimpleAdapter(
    name="greenhouse",
    title="Greenhouse (Harvest candidate: tags, custom field, links, LER-RS attachment)",
    media_type="application/json",
    build=build,
    platform="Greenhouse",
)
