"""The pipeline from a resume file to a CandidateProfile.

documents -> resume -> badges -> taxonomy, each stage speaking model.py. The CLI, the API and
the benchmarks all go through here, so that they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from credbridge.model import CandidateProfile, Document, DocumentInfo


@dataclass(frozen=True)
class ParseOptions:
    """How to parse: which PDF engine, and whether and how to resolve badge links."""

    pdf_engine: str = "pypdfium2"
    resolve: bool = True
    """Follow the badge links found in the resume and verify them."""
    offline: bool = False
    """No network access at all; --documents may still answer."""
    documents: Path | None = None
    """Offline document store consulted before the network (DESIGN.md, --documents)."""
    at: datetime | None = None
    """Verify as of this instant instead of now (expiry, validity windows)."""
    allow_loopback: bool = False
    """Let fetches reach 127.0.0.1; for tests and local demos only."""


def parse_bytes(
    data: bytes, *, name: str | None = None, options: ParseOptions | None = None
) -> CandidateProfile:
    """Parse a resume held in memory; `name` is only used in provenance and messages."""
    from credbridge.documents import read_document

    options = options or ParseOptions()
    document = read_document(data, name=name, pdf_engine=options.pdf_engine)
    return _profile_from_document(document, options)


def parse_file(path: str | Path, options: ParseOptions | None = None) -> CandidateProfile:
    """Parse a resume file (PDF, DOCX, HTML, text; detected by content, not by name)."""
    from credbridge.documents import read_document

    options = options or ParseOptions()
    document = read_document(Path(path), pdf_engine=options.pdf_engine)
    return _profile_from_document(document, options)


def _profile_from_document(document: Document, options: ParseOptions) -> CandidateProfile:
    from credbridge.badges import resolve_profile
    from credbridge.resume import parse_document
    from credbridge.taxonomy import enrich

    profile = parse_document(document)
    profile.document = DocumentInfo(
        file=document.file, format=document.format, engine=document.engine, pages=document.pages
    )
    profile.warnings = [*document.warnings, *profile.warnings]
    if options.resolve:
        profile = resolve_profile(
            profile,
            offline=options.offline,
            documents=options.documents,
            at=options.at,
            allow_loopback=options.allow_loopback,
        )
    return enrich(profile)
