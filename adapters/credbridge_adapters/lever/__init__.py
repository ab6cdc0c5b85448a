"""Lever: opportunity with tags and links, a note per credential, and the LER-RS file."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.lever.translate import build

adapter = SimpleAdapter(
    name="lever",
    title="Lever (opportunity tags and links, credential notes, LER-RS file)",
    media_type="application/json",
    build=build,
    platform="Lever",
)
