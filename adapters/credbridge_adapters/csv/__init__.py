"""CSV: one row per credential, for spreadsheets."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.csv.translate import build

adapter = SimpleAdapter(
    name="csv", title="CSV (one row per credential)", media_type="text/csv", build=build, platform="CSV"
)
