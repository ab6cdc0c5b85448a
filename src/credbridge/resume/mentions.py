"""Credentials written outside any credentials section.

- post-nominals after the name: "Jane Doe, PMP, CISSP";
- "PMP-certified", "CISSP certified", "certified CKA" in a summary or a job description;
- a dated credential told in prose: "Certified in Lean Six Sigma Green Belt (ASQ), 2019",
  "Holds the Certified Supply Chain Professional (CSCP), APICS, 2021";
- badge links in the header, in other sections, or left unattached by the reader.

Acronyms count only when the certification catalogue (credbridge.taxonomy.catalogue) knows them,
so "Jane Doe, MBA" or "Python-certified" invent nothing. A mention already covered by a
credential from a section is skipped.
"""

from __future__ import annotations

import re

from credbridge.model import Credential, CredentialKind, Document, Issuer, Line, Origin, Source
from credbridge.resume.contact import NameLine
from credbridge.resume.dates import find_dates
from credbridge.resume.grammar import Entry, read_entry
from credbridge.resume.links import FoundLink, line_links, link_credential
from credbridge.resume.sections import CREDENTIALS, HEADER, Section, reads_as_credential
from credbridge.taxonomy.catalogue import acronyms, lookup
from credbridge.taxonomy.normalise import normalise

_CERTIFIED = re.compile(
    r"(?<![\w+-])(?P<a>[A-Z][A-Za-z0-9+]*(?:-[A-Z0-9]+)*)[- ](?:certified|certification)\b"
    r"|\bcertified\s+(?P<b>[A-Z][A-Z0-9+]+(?:-[A-Z0-9]+)*)(?![\w+-])",
)


def _covered(acronym: str, catalogue_id: str | None, credentials: list[Credential]) -> bool:
    for credential in credentials:
        if re.search(rf"(?<![\w+-]){re.escape(acronym)}(?![\w+-])", credential.name):
            return True
        if catalogue_id is not None:
            match = lookup(credential.name)
            if match is not None and match.id == catalogue_id:
                return True
    return False


def _acronym_credential(acronym: str, line: Line, file: str | None, section: str | None) -> Credential:
    """A credential named only by its acronym; the catalogue says what it stands for."""
    match = lookup(acronym)
    return Credential(
        kind=CredentialKind.LICENSE
        if match and "licen" in match.name.lower()
        else CredentialKind.CERTIFICATION,
        name=acronym,
        issuer=Issuer(),
        catalogue=match,
        source=Source(
            origin=Origin.RESUME, file=file, page=line.page, line=line.index, text=line.text, section=section
        ),
    )


def _acronym_mentions(
    sections: list[Section], name_line: NameLine | None, found: list[Credential], file: str | None
) -> list[Credential]:
    known = acronyms()
    mentions: list[Credential] = []

    def add(acronym: str, line: Line, section: str | None) -> None:
        if acronym not in known:
            return
        match = lookup(acronym)
        if _covered(acronym, match.id if match else None, found + mentions):
            return
        mentions.append(_acronym_credential(acronym, line, file, section))

    if name_line is not None:
        for acronym in name_line.post_nominals:
            add(acronym, name_line.line, None)
    for section in sections:
        if section.kind == CREDENTIALS:
            continue
        for line in section.lines:
            for match in _CERTIFIED.finditer(line.text):
                add(match.group("a") or match.group("b"), line, section.title)
    return mentions


_PROSE = re.compile(
    r"\b(?:(?P<certified>certified\s+(?:in|as)|zertifiziert(?:e|er)?\s+als|certifi[ée]e?s?|"
    r"certificad[oa](?:\s+en)?|certificat[oa]|gecertificeerd)|"
    r"(?:holds?|earned|obtained|achieved|was\s+awarded)\s+(?:the|an?)|holder\s+of\s+the|"
    r"inhaber(?:in)?\s+(?:des|der)(?:\s+zertifikats)?|titulaire\s+(?:du|de\s+la)|obtenu|"
    r"titular\s+del?|obtuve\s+el|possuo\s+o|obtive\s+o|in\s+possesso\s+(?:della|del|dello)|"
    r"conseguito\s+il|in\s+het\s+bezit\s+van|behaald)\s+"
    r"(?P<rest>(?-i:[A-Z0-9])(?:[^.;]|\.(?=\S))*)",
    re.IGNORECASE,
)
"""The verb that tells a credential in prose, in our languages, and what follows it up to the
end of the clause. "Certified as" says by itself that a credential follows; "holds the" does
not ("Holds the Record for ...")."""
_PROSE_MAX_WORDS = 10
_HEADER_SENTENCE_WORDS = 8
"""Words a header line needs to be a sentence: templates that print the summary under the name
give it no heading, so it sits in the header."""


def _prose_mentions(sections: list[Section], found: list[Credential], file: str | None) -> list[Credential]:
    """Credentials told in a sentence ("Certified in X (Issuer), 2019", "Zertifiziert als X
    (Issuer).") outside credentials sections, the header's summary included: read like a section
    entry, and kept only with an issuer or a name that reads as a credential's ("I hold the
    Chartered Financial Analyst (CFA)"), and a certifying verb, a date or such a name, so that
    "Holds the Record for uptime (Acme)" invents nothing."""
    names = {normalise(c.name) for c in found}
    mentions: list[Credential] = []
    for section in sections:
        if section.kind in (CREDENTIALS, "contact"):
            continue
        for line in section.lines:
            if section.kind == HEADER and len(line.text.split()) < _HEADER_SENTENCE_WORDS:
                continue  # a headline ("Certifiée PMP") is not a sentence; a summary under the name is
            for match in _PROSE.finditer(line.text):
                rest = match.group("rest").strip()
                clause = line.model_copy(update={"text": rest, "links": []})
                credential = read_entry(Entry([clause]), section, file)
                if credential is None:
                    continue
                named = reads_as_credential(credential.name)
                if not (credential.issuer.name or named):
                    continue
                if not (match.group("certified") or find_dates(rest) or named):
                    continue
                if len(credential.name.split()) > _PROSE_MAX_WORDS:
                    continue
                if normalise(credential.name) in names:
                    continue
                names.add(normalise(credential.name))
                credential.source.text = line.text
                mentions.append(credential)
    return mentions


def _link_mentions(
    sections: list[Section], document: Document, found: list[Credential], file: str | None
) -> list[Credential]:
    attached = {url for credential in found for url in (credential.url, *credential.urls) if url}
    mentions: list[Credential] = []

    def add(link: FoundLink, line: Line, section: str | None) -> None:
        if link.platform is None or link.url in attached:
            return
        attached.add(link.url)
        mentions.append(link_credential(link, line, file, section))

    for section in sections:
        if section.kind == CREDENTIALS:
            continue
        for line in section.lines:
            for link in line_links(line):
                add(link, line, section.title)
    if document.links:
        holder = Line(text="", page=1, index=0, links=document.links)
        for link in line_links(holder):
            add(link, holder.model_copy(update={"text": link.anchor or link.url}), None)
            if mentions and mentions[-1].url == link.url:
                mentions[-1].source.line = None  # the reader could not place this link on a line
    return mentions


def find_mentions(
    sections: list[Section], document: Document, found: list[Credential], name_line: NameLine | None
) -> list[Credential]:
    """Credentials named outside credentials sections and not already in `found`, in order."""
    file = document.file
    prose_found = _prose_mentions(sections, found, file)
    acronym_found = _acronym_mentions(sections, name_line, found + prose_found, file)
    known = found + prose_found + acronym_found
    return prose_found + acronym_found + _link_mentions(sections, document, known, file)
