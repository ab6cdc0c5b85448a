"""The last pipeline stage: skills and credentials of a profile mapped to the taxonomies.

What it does to a CandidateProfile:
- each credential is looked up in the certification catalogue (Credential.catalogue); a missing
  issuer name is filled from it. Nothing the resume or a badge said is overwritten, the
  original text stays in Credential.name, and no date is ever invented;
- skill phrases are gathered from the resume's skills (raw phrases from the parser), from each
  credential's skills, alignments, tags, name and description, and from the catalogue's related
  skills of a recognised credential. An alignment whose target is an ESCO URI, or an O*NET
  example or code, maps directly; everything else goes through the matcher;
- phrases naming the same concept are merged into one Skill with all their evidence; `verified`
  is true only when a credential whose badge verified supports it.

Confidence of a skill = mapping score (best reference score / 100, or 0.5 when unmapped)
x evidence strength, where evidence strengths (verified badge 1.0, credential 0.9, resume 0.8,
catalogue knowledge 0.7) combine as independent signals: 1 - prod(1 - s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from credbridge.model import (
    CandidateProfile,
    Credential,
    Evidence,
    Origin,
    Skill,
    Source,
    TaxonomyRef,
    VerificationStatus,
)
from credbridge.taxonomy import catalogue
from credbridge.taxonomy.index import load
from credbridge.taxonomy.matcher import (
    MAX_ALTERNATIVES,
    Scored,
    match_in_context,
    phrases_in_text,
    resolve_ref,
    technical_section,
)
from credbridge.taxonomy.normalise import key

UNMAPPED_SCORE = 50.0
STRENGTH = {"verified": 1.0, "credential": 0.9, "resume": 0.8, "catalogue": 0.7}
_ESCO_URI = re.compile(r"^https?://data\.europa\.eu/esco/skill/[0-9a-f-]{36}$")
_ONET_CODE = re.compile(r"^(\d{2}-\d{4}(\.\d{2})?|\d{8})$")
_ONET_HINTS = ("o*net", "onet")


@dataclass
class _Mention:
    """One phrase seen somewhere, what it maps to, and why we believe it."""

    name: str
    evidence: list[Evidence]
    best: list[TaxonomyRef] = field(default_factory=list)
    alternatives: list[TaxonomyRef] = field(default_factory=list)
    keep_unmapped: bool = True
    """Unmapped resume skills and stated credential skills are kept; unmapped tags are noise."""


def enrich(profile: CandidateProfile) -> CandidateProfile:
    """Map the profile's skills and credentials to ESCO, O*NET and the certification catalogue.

    Returns a new profile; the input is not changed (what changes is copied, the rest is shared,
    which matters: a deep copy of the whole profile cost as much as the matching). Running it
    twice gives the same result.
    """
    credentials = [_recognise(credential) for credential in profile.credentials]
    mentions = _resume_mentions(profile.skills)
    for position, credential in enumerate(credentials):
        mentions.extend(_credential_mentions(position, credential))
    return profile.model_copy(update={"credentials": credentials, "skills": _merge(mentions)})


def _recognise(credential: Credential) -> Credential:
    """Catalogue match and a missing issuer name; never dates, never the resume's own words."""
    match = credential.catalogue or catalogue.lookup(credential.name)
    update: dict[str, object] = {}
    if match is not credential.catalogue:
        update["catalogue"] = match
    if match is not None and match.issuer and not credential.issuer.name:
        update["issuer"] = credential.issuer.model_copy(update={"name": match.issuer, "inferred": True})
    return credential.model_copy(update=update) if update else credential


# --------------------------------------------------------------------------- gathering phrases


def _resume_mentions(skills: list[Skill]) -> list[_Mention]:
    """The resume's skills: raw phrases are matched, skills already mapped are kept as they are.

    Phrases are matched section by section, so that their neighbours are the skills listed with
    them ("Java" under "Languages" beside "English" is not "Java" beside "Python"), and a
    technical heading ("Technical Skills") is context of its own.
    """
    mentions = [
        _Mention(s.name, list(s.evidence), list(s.references), list(s.alternatives))
        for s in skills
        if s.references
    ]
    sections: dict[str | None, list[Skill]] = {}
    for skill in skills:
        if not skill.references:
            section = skill.evidence[0].source.section if skill.evidence else None
            sections.setdefault(section, []).append(skill)
    for section, group in sections.items():
        found = match_in_context([s.name for s in group], technical=technical_section(section))
        for skill, match in zip(group, found, strict=True):
            evidence = list(skill.evidence) or [
                Evidence(source=Source(origin=Origin.RESUME, text=skill.name))
            ]
            mentions.append(_Mention(skill.name, evidence, match.best, match.alternatives))
    return mentions


def _credential_mentions(position: int, credential: Credential) -> list[_Mention]:
    verified = credential.verification.status is VerificationStatus.VERIFIED

    def evidence(text: str, origin: Origin | None = None) -> list[Evidence]:
        source = credential.source.model_copy(update={"text": text})
        if origin is not None:
            source = source.model_copy(update={"origin": origin})
        return [Evidence(source=source, credential=position, verified=verified)]

    mentions: list[_Mention] = []
    phrases: list[tuple[str, list[Evidence], bool]] = []
    for alignment in credential.alignments:
        direct = _direct_ref(alignment.target_url, alignment.target_code, alignment.target_name,
                             alignment.target_framework)  # fmt: skip
        if direct is not None:
            mentions.append(_Mention(alignment.target_name, evidence(alignment.target_name), [direct]))
        else:
            phrases.append((alignment.target_name, evidence(alignment.target_name), True))
    phrases.extend((name, evidence(name), True) for name in credential.skills)
    phrases.extend((tag, evidence(tag), False) for tag in credential.tags)
    for text in (credential.name, credential.description or ""):
        phrases.extend((found, evidence(found), False) for found in phrases_in_text(text))
    entry = catalogue.certification(credential.catalogue.id) if credential.catalogue else None
    if entry is not None:
        phrases.extend((name, evidence(name, Origin.CATALOGUE), False) for name in entry.skills)
    matches = match_in_context([phrase for phrase, _, _ in phrases])
    for (phrase, found_evidence, keep), found in zip(phrases, matches, strict=True):
        mentions.append(_Mention(phrase, found_evidence, found.best, found.alternatives, keep))
    return mentions


def _direct_ref(url: str | None, code: str | None, name: str, framework: str | None) -> TaxonomyRef | None:
    """The reference an alignment states itself, taken as stated (no fuzzy guess from its name).

    An ESCO skill URI in targetUrl or targetCode that the index knows; or, with an O*NET
    framework (targetFramework or targetUrl mentions O*NET), a technology-skill example title in
    targetCode or targetName, or an O*NET code (SOC "15-1252.00" or an 8-digit commodity code)
    that our data cannot look up: that code is kept as the reference's id, with the alignment's
    name as label, so the issuer's statement survives.
    """
    index = load()
    for candidate in (url, code):
        if candidate and _ESCO_URI.match(candidate.strip()):
            ref = index.esco_ref(candidate)
            if ref is not None:
                return resolve_ref(index, Scored(ref, 100.0, "direct"))
    hints = " ".join(filter(None, (framework, url))).casefold()
    if not any(hint in hints for hint in _ONET_HINTS):
        return None
    for candidate in (code, name):
        ref = index.onet_ref(candidate) if candidate else None
        if ref is not None:
            return resolve_ref(index, Scored(ref, 100.0, "direct"))
    if code and _ONET_CODE.match(code.strip()):
        return TaxonomyRef(scheme="onet", id=code.strip(), label=name, score=100.0, method="direct")
    return None


# --------------------------------------------------------------------------- merging


def _merge(mentions: list[_Mention]) -> list[Skill]:
    """One Skill per concept: mentions sharing any best reference (or, unmapped, the same
    normalised phrase) are one group."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    for i, mention in enumerate(mentions):
        if not mention.best and not mention.keep_unmapped:
            continue
        group_keys: list[tuple[str, str]] = [(ref.scheme, ref.id) for ref in mention.best] or [
            ("text", key(mention.name) or mention.name)
        ]
        for group_key in group_keys:
            if group_key in owner:
                parent[find(i)] = find(owner[group_key])
            else:
                owner[group_key] = i
    groups: dict[int, list[_Mention]] = {}
    for i, mention in enumerate(mentions):
        if mention.best or mention.keep_unmapped:
            groups.setdefault(find(i), []).append(mention)
    skills = [_skill(group) for group in groups.values()]
    return sorted(skills, key=lambda s: (s.name.casefold(), s.name, [r.id for r in s.references]))


def _skill(group: list[_Mention]) -> Skill:
    references = _best_per_scheme(ref for mention in group for ref in mention.best)
    taken = {(ref.scheme, ref.id) for ref in references}
    others = [ref for mention in group for ref in (*mention.best, *mention.alternatives)]
    alternatives = _unique(ref for ref in _ranked(others) if (ref.scheme, ref.id) not in taken)
    evidence = _unique_evidence(ev for mention in group for ev in mention.evidence)
    mapping = max((ref.score for ref in references), default=UNMAPPED_SCORE) / 100
    return Skill(
        name=_name(group),
        references=references,
        alternatives=alternatives[:MAX_ALTERNATIVES],
        confidence=round(mapping * _strength(evidence), 3),
        verified=any(ev.verified for ev in evidence),
        evidence=evidence,
    )


def _name(group: list[_Mention]) -> str:
    """The phrase as the candidate wrote it (resume first), else as the credential put it."""
    for mention in group:
        if any(ev.credential is None for ev in mention.evidence):
            return mention.name
    return group[0].name


_METHOD_RANK = {"direct": 0, "exact": 1, "alias": 2, "fuzzy": 3}


def _ranked(refs: Iterable[TaxonomyRef]) -> list[TaxonomyRef]:
    """Best first: score, then how it was found (an issuer's own alignment beats our matching)."""
    return sorted(refs, key=lambda r: (-r.score, _METHOD_RANK[r.method], r.scheme, r.label, r.id))


def _best_per_scheme(refs: Iterable[TaxonomyRef]) -> list[TaxonomyRef]:
    best: dict[str, TaxonomyRef] = {}
    for ref in _ranked(refs):
        best.setdefault(ref.scheme, ref)
    return [best[scheme] for scheme in sorted(best)]


def _unique(refs: Iterable[TaxonomyRef]) -> list[TaxonomyRef]:
    seen: set[tuple[str, str]] = set()
    result = []
    for ref in refs:
        if (ref.scheme, ref.id) not in seen:
            seen.add((ref.scheme, ref.id))
            result.append(ref)
    return result


def _unique_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    result: list[Evidence] = []
    for item in evidence:
        if item not in result:
            result.append(item)
    return result


def _strength(evidence: list[Evidence]) -> float:
    doubt = 1.0
    for item in evidence:
        if item.verified:
            kind = "verified"
        elif item.source.origin is Origin.CATALOGUE:
            kind = "catalogue"
        elif item.credential is not None:
            kind = "credential"
        else:
            kind = "resume"
        doubt *= 1 - STRENGTH[kind]
    return 1 - doubt
