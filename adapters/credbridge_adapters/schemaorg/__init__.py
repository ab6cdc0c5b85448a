"""schema.org JSON-LD: Person, hasCredential EducationalOccupationalCredential, knowsAbout DefinedTerm."""

from credbridge_adapters._common import SimpleAdapter
from credbridge_adapters.schemaorg.translate import build

adapter = SimpleAdapter(
    name="schemaorg",
    title="schema.org JSON-LD (Person, EducationalOccupationalCredential, DefinedTerm)",
    media_type="application/ld+json",
    build=build,
    platform="schema.org",
)
