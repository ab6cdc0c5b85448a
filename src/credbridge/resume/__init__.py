"""Resume parsing: from a Document (documents/) to a CandidateProfile with provenance.

layout (columns, reading order) -> sections (headings) -> grammar (credential entries),
contact, mentions (credentials outside sections) and skills (phrases).
"""

from credbridge.resume.parse import clear_caches, parse_document

__all__ = ["clear_caches", "parse_document"]
