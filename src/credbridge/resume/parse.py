"""From a Document to a CandidateProfile: layout, sections, credentials, contact, skills.

The order of the steps matters: reading order first (columns), then sections on the ordered
lines, then each section read by the part that knows its kind. Credentials outside their
section (post-nominals, "PMP-certified", stray badge links) come last so that they never
duplicate what a section already said.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager

from credbridge.model import CandidateProfile, Credential, Diagnostic, Document, Line
from credbridge.resume.contact import read_contact
from credbridge.resume.dates import (
    _find_dates,
    _read_dates,
    _text_day_first,
    day_first,
    numeric_dates_day_first,
)
from credbridge.resume.grammar import (
    Entry,
    _credential_like,
    _id_spans_of,
    _residue_of,
    read_entry,
    read_section,
)
from credbridge.resume.layout import column_edges, reading_order
from credbridge.resume.mentions import find_mentions
from credbridge.resume.sections import (
    AWARDS,
    CREDENTIALS,
    HEADER,
    SKILLS,
    Section,
    heading_kind,
    reads_as_credential,
    split_sections,
)
from credbridge.resume.skills import read_skills
from credbridge.taxonomy.normalise import normalise

MAX_LINE_CHARS = 2000
"""Longer lines are pasted prose or garbage, never a credential or contact line: only their
beginning is read, which keeps every pattern's cost bounded on hostile input."""


def _bounded(line: Line) -> Line:
    if len(line.text) <= MAX_LINE_CHARS:
        return line
    return line.model_copy(update={"text": line.text[:MAX_LINE_CHARS]})


_INLINE_ITEM = re.compile(r"(?:\([^()]*\)|[^,;|])+")
"""One item of a heading-line list; commas inside parentheses stay ("PMP (PMI, 2019), CSM")."""


def _inline_credentials(section: Section, file: str | None) -> list[Credential]:
    """'Certifications: PMP (2019), CISSP' on the heading line: one credential per item."""
    if not section.inline or section.heading is None:
        return []
    heading = section.heading
    base = heading.text.find(section.inline)
    credentials: list[Credential] = []
    for match in _INLINE_ITEM.finditer(section.inline):
        piece = match.group(0).strip()
        if not piece:
            continue
        start = base + match.start() + match.group(0).index(piece)
        links = [
            link.model_copy(update={"start": link.start - start, "end": link.end - start})
            for link in heading.links
            if base >= 0
            and link.start is not None
            and link.end is not None
            and start <= link.start
            and link.end <= start + len(piece)
        ]
        line = heading.model_copy(update={"text": piece, "links": links})
        credential = read_entry(Entry([line]), section, file)
        ids = _id_spans_of(piece)
        if credential is None and ids and credentials and credentials[-1].credential_id is None:
            credentials[-1].credential_id = ids[0][2]  # "RN (NY), License #612345": the item before's
        elif credential is not None:
            credentials.append(credential)
    return credentials


def _awarded_credentials(section: Section, file: str | None, edges: dict[int, float]) -> list[Credential]:
    """The entries of an awards or honours section that are credentials, not awards
    (sections.reads_as_credential): templates without a certifications section put them there."""
    found = _inline_credentials(section, file) + read_section(section, file, edges)
    return [
        credential
        for credential in found
        if reads_as_credential(
            credential.source.text or credential.name,
            credential.name,
            issuer=credential.issuer.name,
            badge=credential.platform is not None,
        )
    ]


def _distinct(credentials: list[Credential]) -> list[Credential]:
    """Each credential once: a template that prints a section twice (a print copy and a screen
    copy, a sidebar and a main column) lists the same entries again, field for field."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for credential in credentials:
        key = (
            normalise(credential.name),
            normalise(credential.issuer.name or ""),
            credential.issued,
            credential.expires,
            credential.credential_id,
            credential.url,
        )
        if key not in seen:
            seen.add(key)
            kept.append(credential)
    return kept


def clear_caches() -> None:
    """Forget the per-text caches (dates, IDs, residues, headings), so that a benchmark times
    cold work; they are bounded, so nothing else needs this."""
    for cached in (
        _find_dates,
        _read_dates,
        _text_day_first,
        _id_spans_of,
        _residue_of,
        _credential_like,
        heading_kind,
    ):
        cached.cache_clear()


def parse_document(document: Document) -> CandidateProfile:
    """Read every credential, the contact details and the skill phrases of a resume Document.

    Deterministic: the same Document gives the same profile, in document order. Numeric dates
    ("05/11/2021") are read day first when the document's other dates are.
    """
    with dates_read_as_in(document):
        return _parse_document(document)


def dates_read_as_in(document: Document) -> AbstractContextManager[None]:
    """While inside, numeric dates are read day first when the document's other dates are."""
    return numeric_dates_day_first(day_first(line.text[:MAX_LINE_CHARS] for line in document.lines))


def _header_lines(sections: list[Section]) -> list[Line]:
    """The header: the header section and the sections of no known kind that follow it. A styled
    line under the name that names no section (the job title set large) still bounds a section,
    but what follows it (location, email, phone) is the header's, and so is the line itself."""
    lines: list[Line] = []
    in_header = False
    for section in sections:
        if section.kind == HEADER or (in_header and section.kind is None):
            lines += ([section.heading] if section.heading is not None else []) + section.lines
            in_header = True
        else:
            in_header = False
    return lines


def read_sections(document: Document) -> tuple[list[Section], dict[int, float]]:
    """The document's sections in reading order, and the right edge of the text of each column
    (the layout and heading stages; corpus/train.py reads the same sections to learn from)."""
    lines: list[Line] = [_bounded(line) for line in reading_order(document)]
    return split_sections(lines), column_edges(lines)


def _parse_document(document: Document) -> CandidateProfile:
    file = document.file
    sections, edges = read_sections(document)
    header = _header_lines(sections)
    contact = [ln for s in sections if s.kind == "contact" for ln in s.lines]
    person, name_line = read_contact(header, contact, file, edges)

    credentials: list[Credential] = []
    for section in sections:
        if section.kind == CREDENTIALS:
            credentials += _inline_credentials(section, file)
            credentials += read_section(section, file, edges)
        elif section.kind == AWARDS:
            credentials += _awarded_credentials(section, file, edges)
    credentials = _distinct([c for c in credentials if c.kind != "degree"])
    credentials += find_mentions(sections, document, credentials, name_line)

    warnings = []
    if not any(s.kind == CREDENTIALS for s in sections) and not credentials:
        warnings.append(
            Diagnostic(
                code="resume.no_credentials_section",
                message="No certifications, licenses or badges section and no credential elsewhere.",
                file=file,
            )
        )
    return CandidateProfile(
        person=person,
        credentials=credentials,
        skills=read_skills([s for s in sections if s.kind == SKILLS], file, edges),
        warnings=warnings,
    )
