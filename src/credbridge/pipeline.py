"""The pipeline from a resume file to a CandidateProfile.

documents -> resume -> badges -> taxonomy, each stage speaking model.py. The CLI, the API and
the benchmarks all go through here, so that they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from credbridge.errors import InputError
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
    max_pages: int | None = None
    """Refuse longer documents before any parsing or fetching (the service's page limit)."""


def parse_bytes(
    data: bytes, *, name: str | None = None, options: ParseOptions | None = None
) -> CandidateProfile:
    """Parse a resume held in memory; `name` is only used in provenance and messages."""
    options = options or ParseOptions()
    return _resolve_and_enrich(extract_bytes(data, name=name, options=options), options)


def extract_bytes(
    data: bytes, *, name: str | None = None, options: ParseOptions | None = None
) -> CandidateProfile:
    """The first stage alone: read the document and parse the resume, no network, no taxonomy.

    It is the CPU-bound part, which a server runs in a worker pool (see `aparse_bytes`).
    """
    from credbridge.documents import read_document

    options = options or ParseOptions()
    return _profile_from_document(read_document(data, name=name, pdf_engine=options.pdf_engine), options)


T = TypeVar("T")
CpuRunner = Callable[[Callable[[], T]], Awaitable[T]]
"""Runs a picklable no-argument callable off the event loop (a process or thread pool)."""


async def _run_here(call: Callable[[], T]) -> T:
    return call()


async def aparse_bytes(
    data: bytes,
    *,
    name: str | None = None,
    options: ParseOptions | None = None,
    run_cpu: CpuRunner | None = None,
) -> CandidateProfile:
    """`parse_bytes` for servers: CPU-bound stages go through `run_cpu`, badge fetching is awaited.

    Same stages in the same order as `parse_bytes`, so the API cannot drift from the CLI; the
    event loop stays free while a pool parses and while badge hosts answer.
    """
    from credbridge.badges import aresolve_profile
    from credbridge.taxonomy import enrich

    options = options or ParseOptions()
    run = run_cpu or _run_here
    if not options.resolve:
        return await run(partial(parse_bytes, data, name=name, options=options))
    profile = await run(partial(extract_bytes, data, name=name, options=options))
    profile = await aresolve_profile(
        profile,
        offline=options.offline,
        documents=options.documents,
        at=options.at,
        allow_loopback=options.allow_loopback,
    )
    return await run(partial(enrich, profile))


def parse_file(path: str | Path, options: ParseOptions | None = None) -> CandidateProfile:
    """Parse a resume file (PDF, DOCX, HTML, text; detected by content, not by name)."""
    from credbridge.documents import read_document

    options = options or ParseOptions()
    document = read_document(Path(path), pdf_engine=options.pdf_engine)
    return _resolve_and_enrich(_profile_from_document(document, options), options)


def _profile_from_document(document: Document, options: ParseOptions) -> CandidateProfile:
    from credbridge.resume import parse_document

    if options.max_pages is not None and document.pages > options.max_pages:
        raise InputError(
            f"{document.file}: {document.pages} pages; at most {options.max_pages} are accepted",
            code="document.too_large",
        )
    profile = parse_document(document)
    profile.document = DocumentInfo(
        file=document.file, format=document.format, engine=document.engine, pages=document.pages
    )
    profile.warnings = [*document.warnings, *profile.warnings]
    return profile


def _resolve_and_enrich(profile: CandidateProfile, options: ParseOptions) -> CandidateProfile:
    from credbridge.badges import resolve_profile
    from credbridge.taxonomy import enrich

    if options.resolve:
        profile = resolve_profile(
            profile,
            offline=options.offline,
            documents=options.documents,
            at=options.at,
            allow_loopback=options.allow_loopback,
        )
    return enrich(profile)
