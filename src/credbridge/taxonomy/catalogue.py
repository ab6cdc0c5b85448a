"""The catalogue of known certifications and licences (data/certifications.csv).

Resumes name credentials in many ways ("PMP", "PMP Certification", "Project Management
Professional (PMP), PMI, 2021"); the catalogue turns those into one canonical entry with its
issuer, usual validity and related skills. Matching is exact on names, aliases, exam codes and
acronyms first, then rapidfuzz on names and aliases; an acronym shared by two entries (CMA) is
never resolved on its own, because guessing would attach the wrong issuer.

The data loads on first use, so importing this module (as the resume parser does for
`acronyms()`) costs nothing.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

from credbridge.model import CatalogueMatch, CredentialKind
from credbridge.taxonomy.normalise import normalise

FUZZY_CUTOFF = 88.0
"""token_sort_ratio needed for a fuzzy match; below it distinct certifications of one issuer
("AWS Certified Developer" and "AWS Certified DevOps Engineer") start to meet."""

CONTAINED_SCORE = 95.0
"""Score of a catalogue key found inside a longer text: exact, but the rest of the text is unread."""

_NOISE = re.compile(
    r"\b(certification|certificate|certified|credential|licen[cs]e[d]?|exam|passed|active|current"
    r"|expired|valid|in progress|expected|renewed|the)\b"
)
_YEARS = re.compile(r"\b(19|20)\d\d\b")
_SEGMENTS = re.compile(r"\s+[-–—|]\s+|[,;:(){}\[\]–—|]")


@dataclass(frozen=True)
class Certification:
    """One catalogue entry, as written in data/certifications.csv."""

    id: str
    name: str
    issuer: str | None
    """None for credentials many bodies issue (CPR, food handler card): never guessed."""
    kind: CredentialKind
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    validity_months: int | None
    skills: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class _Catalogue:
    entries: dict[str, Certification]
    exact: dict[str, str]
    """Normalised name, alias, code or acronym -> entry id (unambiguous keys only)."""
    fuzzy_keys: list[str]
    fuzzy_ids: list[str]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def entries() -> list[Certification]:
    """Every catalogue entry, in file order."""
    return list(_load().entries.values())


@cache
def _load() -> _Catalogue:
    text = resources.files("credbridge.taxonomy").joinpath("data/certifications.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    entries: dict[str, Certification] = {}
    claims: dict[str, set[str]] = {}
    fuzzy_keys: list[str] = []
    fuzzy_ids: list[str] = []
    for row in rows:
        months = row["validity_months"].strip()
        entry = Certification(
            id=row["id"],
            name=row["name"],
            issuer=row["issuer"].strip() or None,
            kind=CredentialKind(row["kind"]),
            acronyms=_split(row["acronyms"]),
            aliases=_split(row["aliases"]),
            validity_months=int(months) if months else None,
            skills=_split(row["skills"]),
            source=row["source"],
        )
        entries[entry.id] = entry
        for label in (entry.name, *entry.aliases, *entry.acronyms):
            norm = normalise(label)
            if norm:
                claims.setdefault(norm, set()).add(entry.id)
        for label in (entry.name, *entry.aliases):
            norm = normalise(label)
            if len(norm) >= 8:
                fuzzy_keys.append(norm)
                fuzzy_ids.append(entry.id)
    exact = {norm: next(iter(ids)) for norm, ids in claims.items() if len(ids) == 1}
    return _Catalogue(entries, exact, fuzzy_keys, fuzzy_ids)


@cache
def acronyms() -> frozenset[str]:
    """Post-nominals and abbreviations as written (PMP, CISSP, SHRM-CP, RN, A+, PSM I).

    The resume parser uses them to find credentials after a name ("Jane Doe, PMP, CISSP").
    """
    return frozenset(acronym for entry in _load().entries.values() for acronym in entry.acronyms)


def certification(entry_id: str) -> Certification | None:
    """The catalogue entry with this id, or None."""
    return _load().entries.get(entry_id)


def lookup(text: str) -> CatalogueMatch | None:
    """The catalogue entry a credential's text names, with a score (100 for exact), or None.

    Tries, in order: the whole text; the text without years and words such as "certified" or
    "licence"; each part between separators ("Project Management Professional (PMP), PMI");
    then fuzzy matching of the whole text. Never raises on odd input.
    """
    found = _find(text)
    if found is None:
        return None
    entry_id, score = found
    entry = _load().entries[entry_id]
    return CatalogueMatch(
        id=entry.id,
        name=entry.name,
        issuer=entry.issuer,
        score=round(score, 1),
        validity_months=entry.validity_months,
    )


def _find(text: str) -> tuple[str, float] | None:
    catalogue = _load()
    whole = normalise(text)
    if not whole:
        return None
    if whole in catalogue.exact:
        return catalogue.exact[whole], 100.0
    stripped = _strip_noise(whole)
    if stripped in catalogue.exact:
        return catalogue.exact[stripped], 100.0
    for segment in _SEGMENTS.split(text):
        norm = normalise(segment)
        for candidate in (norm, _strip_noise(norm)):
            if candidate in catalogue.exact:
                return catalogue.exact[candidate], 100.0
    contained = _contained(text, whole, catalogue)
    if contained is not None:
        return contained, CONTAINED_SCORE
    # Fuzzy: the text as written, and without its decorations, against names as written (a
    # stripped name would let "Scrum Master" pass for the Certified ScrumMaster).
    found: tuple[str, float] | None = None
    for query in dict.fromkeys((whole, stripped)):
        if len(query) < 8:
            continue
        best = process.extractOne(
            query, catalogue.fuzzy_keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF
        )
        if best is not None and (found is None or best[1] > found[1]):
            found = catalogue.fuzzy_ids[best[2]], float(best[1])
    return found


def _contained(text: str, whole: str, catalogue: _Catalogue) -> str | None:
    """The entry whose names, aliases or acronyms occur inside the text, if exactly one does.

    "Completed the CKAD exam at KubeCon" names CKAD without being equal to it. Longer keys are
    taken first and the words they cover are not reused ("ACE Personal Trainer" is not also
    Google's ACE); two different entries in one text give None. One-word keys count only as
    acronyms written in their own case ("PMP", not "Ace"), so ordinary words stay words.
    """
    words = whole.split()
    if len(words) > 40:
        return None
    covered = [False] * len(words)
    found: set[str] = set()
    for size in range(min(len(words), 8), 0, -1):
        for start in range(len(words) - size + 1):
            if any(covered[start : start + size]):
                continue
            entry_id = catalogue.exact.get(" ".join(words[start : start + size]))
            if entry_id is None:
                continue
            if size == 1 and not _written_acronym(text, catalogue.entries[entry_id]):
                continue
            found.add(entry_id)
            covered[start : start + size] = [True] * size
    return next(iter(found)) if len(found) == 1 else None


def _written_acronym(text: str, entry: Certification) -> bool:
    return any(re.search(rf"(?<![\w+-]){re.escape(a)}(?![\w+-])", text) for a in entry.acronyms)


def _strip_noise(norm: str) -> str:
    """Drop words that decorate a credential's name without naming it (years, "certified")."""
    return " ".join(_NOISE.sub(" ", _YEARS.sub(" ", norm)).split())
