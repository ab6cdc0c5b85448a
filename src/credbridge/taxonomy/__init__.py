"""Skill and certification taxonomy: ESCO and O*NET matching, and the certification catalogue.

`match` and `enrich` are imported lazily from here so that importing the package (as the CLI
and the resume parser do) loads neither rapidfuzz nor the index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from credbridge.model import CandidateProfile, SkillMatch


def match(phrases: list[str]) -> list[SkillMatch]:
    """ESCO and O*NET candidates for each phrase; see matcher.match."""
    from credbridge.taxonomy.matcher import match as _match

    return _match(phrases)


def enrich(profile: CandidateProfile) -> CandidateProfile:
    """Map a profile's skills and credentials to the taxonomies; see enrichment.enrich."""
    from credbridge.taxonomy.enrichment import enrich as _enrich

    return _enrich(profile)


__all__ = ["enrich", "match"]
