"""Map skill phrases to ESCO and O*NET concepts: exact on normalised keys, then rapidfuzz.

Precision comes first: an unmapped skill costs a recruiter a search, a wrong one costs trust.
So a phrase maps only when one concept per scheme clearly wins; ties stay unmapped (their
candidates go to `alternatives`), ambiguous words (Java, Go, R, Spark...) map only in a
technical context, and fuzzy matching is limited to near-spellings of a label (typos,
inflections) with a threshold chosen on tests/data/skills_devset.csv.

Fuzzy search does not scan all ~100,000 keys: it gathers the keys that share a word, or a
near-spelling of a word, with the phrase (token postings stored in the index), and scores only
those with rapidfuzz. bench/bench_taxonomy.py compares that with a plain extractOne scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from credbridge.model import SkillMatch, TaxonomyRef
from credbridge.taxonomy.index import Kind, Ref, Scheme, SkillIndex, load
from credbridge.taxonomy.normalise import STOPWORDS, normalise, word_set
from credbridge.taxonomy.normalise import key as singular_key

FUZZY_CUTOFF = 90.0
"""Minimum rapidfuzz ratio for a fuzzy match; chosen on the development set (see tests)."""
FUZZY_MIN_CHARS = 5
"""Shorter phrases are too easy to confuse ("exel" is one edit from "excel" and from "expel")."""
CONTEXT_SCORE = 90.0
"""Score of an ambiguous word (Java, R) mapped because its context is technical."""
VARIANT_SCORE = 95.0
"""Score of a phrase matched once decorations ("advanced", "skills", "(5 years)") are removed."""
MAX_ALTERNATIVES = 5

_LEVEL_WORDS = word_set(
    "advanced basic beginner intermediate expert proficient proficiency fluent native strong solid "
    "working knowledge experience experienced familiarity familiar with of in skills skill "
    "certified senior junior"
)
_TECHNICAL_WORDS = word_set("programming language languages development developer framework library")
_TECHNICAL_SECTION = re.compile(
    r"technical|technolog|programming|software|computer|\bit\b|tools|stack|framework|developer|engineering",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate concept with its score and how it was found."""

    ref: Ref
    score: float
    method: str


@dataclass(frozen=True, slots=True)
class Resolution:
    best: tuple[Scored, ...]
    alternatives: tuple[Scored, ...]
    exact: bool
    """True when the phrase matched a key exactly (not fuzzy, not through context)."""


_EMPTY = Resolution((), (), False)


def technical_section(section: str | None) -> bool:
    """Whether a resume section's heading makes ambiguous words technical ("Technical Skills")."""
    return bool(section and _TECHNICAL_SECTION.search(section))


def match(phrases: list[str]) -> list[SkillMatch]:
    """Ranked ESCO and O*NET candidates for each phrase, in order; the phrases are each
    other's context (Java next to Python is a programming language)."""
    return match_in_context(phrases)


def match_in_context(phrases: list[str], *, technical: bool = False) -> list[SkillMatch]:
    """Like match(), with `technical` forcing a technical context (the caller knows the section)."""
    index = load()
    norms = [normalise(phrase) if isinstance(phrase, str) else "" for phrase in phrases]
    technical = technical or is_technical_context(norms)
    resolutions = [_resolve(norm, technical) for norm in norms]
    return [_to_match(index, phrase, found) for phrase, found in zip(phrases, resolutions, strict=True)]


def is_technical_context(norms: Iterable[str]) -> bool:
    """True when some phrase (normalised) maps exactly and unambiguously to an O*NET technology skill."""
    for norm in norms:
        resolution = _resolve(norm, False)
        if resolution.exact and any(s.ref.scheme is Scheme.ONET for s in resolution.best):
            return True
    return False


def resolve_ref(index: SkillIndex, scored: Scored) -> TaxonomyRef:
    """The model's TaxonomyRef for a scored candidate."""
    ref = scored.ref
    return TaxonomyRef(
        scheme="esco" if ref.scheme is Scheme.ESCO else "onet",
        id=index.concept_id(ref),
        label=index.label(ref),
        category=index.category(ref),
        score=round(scored.score, 1),
        method=scored.method,  # type: ignore[arg-type]
    )


def _to_match(index: SkillIndex, phrase: str, resolution: Resolution) -> SkillMatch:
    return SkillMatch(
        phrase=phrase,
        best=[resolve_ref(index, s) for s in resolution.best],
        alternatives=[resolve_ref(index, s) for s in resolution.alternatives],
    )


@lru_cache(maxsize=65536)
def _resolve(norm: str, technical: bool) -> Resolution:
    """Best candidate per scheme for one normalised phrase (cached: resumes repeat themselves)."""
    phrase_key = singular_key(norm)
    if not phrase_key:
        return _EMPTY
    index = load()
    refs = index.lookup(phrase_key)
    score, variant_technical = 100.0, False
    if refs is None:
        variant = _variant(phrase_key, index)
        if variant is not None:
            refs, variant_technical = variant
            score = VARIANT_SCORE
    if refs is not None:
        return _from_exact(refs, score, technical or variant_technical, phrase_key)
    if len(phrase_key) < FUZZY_MIN_CHARS:
        return _EMPTY
    return _fuzzy(norm, phrase_key, index)


def _variant(phrase_key: str, index: SkillIndex) -> tuple[list[Ref], bool] | None:
    """Exact refs for the phrase without level words and decorations ("advanced python skills")."""
    words = phrase_key.split()
    kept = [word for word in words if word not in _LEVEL_WORDS and word not in _TECHNICAL_WORDS]
    if not kept or len(kept) == len(words):
        return None
    refs = index.lookup(" ".join(kept))
    if refs is None:
        return None
    return refs, any(word in _TECHNICAL_WORDS for word in words)


def _from_exact(refs: list[Ref], score: float, technical: bool, phrase_key: str) -> Resolution:
    if not refs:
        return _EMPTY  # a key the aliases block on purpose
    if all(ref.kind is Kind.CONTEXT for ref in refs):
        scored = tuple(Scored(ref, CONTEXT_SCORE, "alias") for ref in refs)
        return Resolution(scored, (), False) if technical else Resolution((), scored, False)
    if len(phrase_key) <= 2 and not any(ref.kind is Kind.ALIAS for ref in refs):
        return Resolution((), tuple(Scored(ref, score, _method(ref)) for ref in refs), False)
    best: list[Scored] = []
    alternatives: list[Scored] = []
    for scheme in Scheme:
        ranked = [ref for ref in refs if ref.scheme is scheme and ref.kind is not Kind.CONTEXT]
        if not ranked:
            continue
        top = min(ref.kind for ref in ranked)
        winners = [ref for ref in ranked if ref.kind == top]
        if len(winners) == 1:
            best.append(Scored(winners[0], score, _method(winners[0])))
            ranked.remove(winners[0])
        alternatives.extend(Scored(ref, score - 5 * (ref.kind - top + 1), _method(ref)) for ref in ranked)
    return Resolution(tuple(best), _top(alternatives), True)


def _method(ref: Ref) -> str:
    return "exact" if ref.kind <= Kind.ALTERNATIVE else "alias"


def _top(candidates: list[Scored]) -> tuple[Scored, ...]:
    ordered = sorted(candidates, key=lambda s: (-s.score, s.ref.scheme, s.ref.kind, s.ref.concept))
    return tuple(ordered[:MAX_ALTERNATIVES])


def _fuzzy(norm: str, phrase_key: str, index: SkillIndex) -> Resolution:
    """Near-spellings of a label. Both the plain and the singular form are tried, because
    singular() misreads typos ("kubernets" -> "kubernet")."""
    scored: list[Scored] = []
    for form in dict.fromkeys((phrase_key, norm)):
        candidates = _candidate_keys(form, index)
        choices = [index.keys[i] for i in candidates]
        found = process.extract(
            form, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=2 * MAX_ALTERNATIVES
        )
        for _, score, position in found:
            for ref in index.refs_of(candidates[position]):
                if ref.kind is not Kind.CONTEXT:
                    scored.append(Scored(ref, float(score), "fuzzy"))
    best: list[Scored] = []
    alternatives: list[Scored] = []
    for scheme in Scheme:
        ranked = sorted((s for s in scored if s.ref.scheme is scheme), key=lambda s: (-s.score, s.ref.kind))
        if not ranked:
            continue
        top = ranked[0]
        tied = any(
            s.score == top.score and s.ref.kind == top.ref.kind and s.ref.concept != top.ref.concept
            for s in ranked[1:]
        )
        if not tied:
            best.append(top)
        alternatives.extend(ranked)
    return Resolution(tuple(best), _top(_unique(alternatives, best)), False)


def _unique(candidates: list[Scored], taken: list[Scored]) -> list[Scored]:
    seen = {(s.ref.scheme, s.ref.concept) for s in taken}
    result = []
    for s in candidates:
        if (s.ref.scheme, s.ref.concept) not in seen:
            seen.add((s.ref.scheme, s.ref.concept))
            result.append(s)
    return result


def _candidate_keys(phrase_key: str, index: SkillIndex) -> list[int]:
    """Ids of keys sharing a word, or a near-spelling of one, with the phrase."""
    token_ids = _token_ids(index)
    words = [word for word in phrase_key.split() if word not in STOPWORDS] or phrase_key.split()
    found: set[int] = set()
    for word in words:
        for token_id in _similar_tokens(word, index, token_ids):
            found.update(index.posting(token_id))
    return sorted(found)


@cache
def _token_ids(index: SkillIndex) -> dict[str, int]:
    return {token: i for i, token in enumerate(index.tokens)}


@cache
def _tokens_by_initial(index: SkillIndex) -> dict[str, tuple[list[str], list[int]]]:
    """Vocabulary grouped by first letter: a typo in the first letter is rare, and the groups
    make the near-spelling search ~26 times cheaper."""
    groups: dict[str, tuple[list[str], list[int]]] = {}
    for i, token in enumerate(index.tokens):
        words, ids = groups.setdefault(token[:1], ([], []))
        words.append(token)
        ids.append(i)
    return groups


def _similar_tokens(word: str, index: SkillIndex, token_ids: dict[str, int]) -> list[int]:
    exact = token_ids.get(word)
    result = [] if exact is None else [exact]
    if len(word) < 4:
        return result
    words, ids = _tokens_by_initial(index).get(word[:1], ([], []))
    allowed = 1 if len(word) < 8 else 2
    for _, _, position in process.extract(
        word, words, scorer=Levenshtein.distance, score_cutoff=allowed, limit=None
    ):
        if ids[position] != exact:
            result.append(ids[position])
    return result
