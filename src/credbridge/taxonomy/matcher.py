"""Map skill phrases to ESCO and O*NET concepts: exact on normalised keys, then rapidfuzz.

Precision comes first: an unmapped skill costs a recruiter a search, a wrong one costs trust.
So a phrase maps only when one concept per scheme clearly wins; ties stay unmapped (their
candidates go to `alternatives`), ambiguous words (Java, Go, R, Spark...) map only in a
technical context, and fuzzy matching is limited to near-spellings of a label (typos,
inflections) with a threshold chosen on tests/data/skills_devset.csv.

Fuzzy search does not scan all ~100,000 keys. A hit may only re-spell the phrase, so it has
as many words and keeps every word that is itself a known word: the candidates are the
intersection of those words' postings (stored in the index), or, for a phrase of unknown words,
the keys holding a near-spelling of them; only those are scored with rapidfuzz.
bench/bench_taxonomy.py compares that with a plain extractOne scan.

Resolutions are cached per phrase and do not depend on the context; the context (neighbours,
section) is applied afterwards, so one phrase costs one resolution whatever its neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from credbridge.model import SkillMatch, TaxonomyRef
from credbridge.taxonomy.catalogue import acronyms as catalogue_acronyms
from credbridge.taxonomy.index import Kind, Ref, Scheme, SkillIndex, load
from credbridge.taxonomy.normalise import (
    EDITION_WORDS,
    STOPWORDS,
    compact,
    key_of_normalised,
    normalise,
    word_set,
)
from credbridge.taxonomy.normalise import key as singular_key

FUZZY_CUTOFF = 80.0
"""Minimum rapidfuzz ratio for a fuzzy match, chosen on tests/data/skills_devset.csv: the best
F0.5 (precision weighs double) over the cutoffs 75-95, the strictest among equals. The rules
in _same_words, not the cutoff, are what keep fuzzy matches to re-spellings."""
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
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
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
    contextual: tuple[Scored, ...] = ()
    """An ambiguous word's candidates: the best ones when the context is technical."""
    technical: bool = False
    """The phrase is technical by itself ("Java programming")."""

    def in_context(self, technical: bool) -> Resolution:
        """The resolution once the context is known (cached resolutions are context-free)."""
        if not self.contextual:
            return self
        if technical or self.technical:
            return Resolution(self.contextual, (), False)
        return Resolution((), self.contextual, False)


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
    forms = [_forms(phrase) for phrase in phrases]
    technical = technical or is_technical_context(forms)
    resolutions = [_resolve(norm, bare).in_context(technical) for norm, bare in forms]
    return [_to_match(index, phrase, found) for phrase, found in zip(phrases, resolutions, strict=True)]


def is_technical_context(forms: Iterable[tuple[str, str]]) -> bool:
    """True when some phrase maps exactly and unambiguously to an O*NET technology skill."""
    for norm, bare in forms:
        resolution = _resolve(norm, bare)
        if resolution.exact and any(s.ref.scheme is Scheme.ONET for s in resolution.best):
            return True
    return False


def _forms(phrase: object) -> tuple[str, str]:
    """The normalised phrase, and the same without bracketed parts ("" when it has none)."""
    if not isinstance(phrase, str):
        return "", ""
    norm = normalise(phrase)
    bare = normalise(_BRACKETS.sub(" ", phrase)) if norm and _BRACKETS.search(phrase) else ""
    return norm, "" if bare == norm else bare


def resolve_ref(index: SkillIndex, scored: Scored) -> TaxonomyRef:
    """The model's TaxonomyRef for a scored candidate (validated: pydantic-core makes that
    cheaper than model_construct)."""
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


@lru_cache(maxsize=16384)
def _resolve(norm: str, bare: str) -> Resolution:
    """Best candidate per scheme for one phrase (cached: resumes repeat themselves).

    norm is the normalised phrase, bare the same without bracketed parts ("" when there were
    none): "JavaScript (ES6)" is tried as written, then as "javascript".
    """
    index = load()
    for form in (norm, bare):
        found = _exact(key_of_normalised(form), index)
        if found is not None:
            return found
    if len(norm) < FUZZY_MIN_CHARS:
        return _EMPTY
    return _fuzzy(norm, index)


def _exact(phrase_key: str, index: SkillIndex) -> Resolution | None:
    """The exact resolution of a key, or of its variant without decorations; None if neither exists."""
    if not phrase_key:
        return None
    refs = index.lookup(phrase_key)
    if refs is not None:
        return _from_exact(refs, 100.0, False, phrase_key)
    variant = _variant(phrase_key, index)
    if variant is None:
        return None
    refs, variant_technical = variant
    return _from_exact(refs, VARIANT_SCORE, variant_technical, phrase_key)


def _variant(phrase_key: str, index: SkillIndex) -> tuple[list[Ref], bool] | None:
    """Exact refs for the phrase without level words and decorations ("advanced python skills"),
    or without a trailing edition word ("tableau desktop"), and whether a dropped word was
    technical ("java programming")."""
    words = phrase_key.split()
    kept = [word for word in words if word not in _LEVEL_WORDS and word not in _TECHNICAL_WORDS]
    if len(kept) > 1 and kept[-1] in EDITION_WORDS:
        kept.pop()
    if not kept or len(kept) == len(words):
        return None
    refs = index.lookup(" ".join(kept))
    if refs is None:
        return None
    return refs, any(word in _TECHNICAL_WORDS for word in words)


def _from_exact(refs: list[Ref], score: float, technical: bool, phrase_key: str) -> Resolution:
    """The resolution of an exact key: one best ref per scheme unless two tie.

    `technical` says the phrase itself was technical ("java programming"), for context words.
    """
    if not refs:
        return _EMPTY  # a key the aliases block on purpose
    if all(ref.kind is Kind.CONTEXT for ref in refs):
        scored = tuple(Scored(ref, CONTEXT_SCORE, "alias") for ref in refs)
        return Resolution((), (), False, contextual=scored, technical=technical)
    if len(phrase_key) <= 2 and phrase_key.isalpha() and not any(ref.kind is Kind.ALIAS for ref in refs):
        return Resolution((), tuple(Scored(ref, score, _method(ref)) for ref in refs), False)
    if len({ref.scheme for ref in refs}) == len(refs):  # the common case: nothing to rank
        return Resolution(tuple(Scored(ref, score, _method(ref)) for ref in refs), (), True)
    best: list[Scored] = []
    alternatives: list[Scored] = []
    for scheme in Scheme:
        ranked = [ref for ref in refs if ref.scheme is scheme and ref.kind is not Kind.CONTEXT]
        if not ranked:
            continue
        top = min(_rank(ref) for ref in ranked)
        winners = [ref for ref in ranked if _rank(ref) == top]
        if len(winners) == 1:
            best.append(Scored(winners[0], score, _method(winners[0])))
            ranked.remove(winners[0])
        alternatives.extend(Scored(ref, score - 5 * (_rank(ref) - top + 1), _method(ref)) for ref in ranked)
    return Resolution(tuple(best), _top(alternatives), True)


def _rank(ref: Ref) -> int:
    """Preferred labels win; an alternative label of one concept and the bare name of another
    are equals ("Unity" is an ESCO synonym of design principles and the Unity game engine),
    so they tie and stay unmapped. Curated aliases replace the labels of their scheme."""
    return 0 if ref.kind is Kind.PREFERRED else 1


def _method(ref: Ref) -> str:
    return "exact" if ref.kind <= Kind.ALTERNATIVE else "alias"


def _top(candidates: list[Scored]) -> tuple[Scored, ...]:
    ordered = sorted(candidates, key=lambda s: (-s.score, s.ref.scheme, s.ref.kind, s.ref.concept))
    return tuple(ordered[:MAX_ALTERNATIVES])


def _fuzzy(norm: str, index: SkillIndex) -> Resolution:
    """Near-spellings of a label.

    Both the plain and the singular form are tried, because singular() misreads typos
    ("kubernets" -> "kubernet"). A fuzzy hit may only re-spell the phrase (see _same_words):
    "medication administration" is not "education administration".
    """
    token_ids = _token_ids(index)
    scored: list[Scored] = []
    for form in dict.fromkeys((key_of_normalised(norm), norm)):
        known = {word for word in form.split() if word in token_ids and word not in STOPWORDS}
        candidates = _candidate_keys(form, known, index)
        choices = [index.keys[i] for i in candidates]
        found = process.extract(
            form, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=2 * MAX_ALTERNATIVES
        )
        for choice, score, position in found:
            if not _same_words(form, choice, known):
                continue
            for ref in index.refs_of(candidates[position]):
                if ref.kind is not Kind.CONTEXT:
                    scored.append(Scored(ref, float(score), "fuzzy"))
    best: list[Scored] = []
    alternatives: list[Scored] = []
    for scheme in Scheme:
        ranked = sorted((s for s in scored if s.ref.scheme is scheme), key=lambda s: (-s.score, _rank(s.ref)))
        if not ranked:
            continue
        top = ranked[0]
        tied = any(
            s.score == top.score and _rank(s.ref) == _rank(top.ref) and s.ref.concept != top.ref.concept
            for s in ranked[1:]
        )
        if not tied:
            best.append(top)
        alternatives.extend(ranked)
    return Resolution(tuple(best), _top(_unique(alternatives, best)), False)


def _same_words(phrase: str, choice: str, known: set[str]) -> bool:
    """Whether a fuzzy hit only re-spells the phrase: as many words, none of the phrase's known
    words changed ("supply chain management" is not the product "IBS Supply Chain Management"),
    each other word a near-spelling of one of the hit's ("sox compliance" is not "BPS
    Compliance"), or the same letters run together ("node js" and "nodejs")."""
    words = choice.split()
    if len(words) != len(phrase.split()):
        return compact(choice) == compact(phrase)
    if not known <= set(words):
        return False
    spare = [word for word in words if word not in known]
    return all(
        any(Levenshtein.distance(word, other) <= _allowed_edits(word) for other in spare)
        for word in phrase.split()
        if word not in known
    )


def _allowed_edits(word: str) -> int:
    """Edits a misspelt word may differ by: one in a short word, two in a long one."""
    return 1 if len(word) < 8 else 2


def _unique(candidates: list[Scored], taken: list[Scored]) -> list[Scored]:
    seen = {(s.ref.scheme, s.ref.concept) for s in taken}
    result = []
    for s in candidates:
        if (s.ref.scheme, s.ref.concept) not in seen:
            seen.add((s.ref.scheme, s.ref.concept))
            result.append(s)
    return result


def _candidate_keys(form: str, known: set[str], index: SkillIndex) -> list[int]:
    """Ids of the keys a fuzzy hit can come from, given that it may only re-spell the phrase.

    Such a key has as many words as the phrase and contains every word of it that is itself a
    known word; so it lies in the intersection of those words' postings (a few hundred keys
    rather than 100,000). A phrase of unknown words looks at the keys holding a near-spelling
    of them. Keys that are the phrase run together ("bookkeeping" for "book keeping") are added.
    """
    token_ids = _token_ids(index)
    size = len(form.split())
    if known:
        postings = sorted((index.posting(token_ids[word]) for word in known), key=len)
        found = set(postings[0])
        for posting in postings[1:]:
            found.intersection_update(posting)
    else:
        found = set()
        for word in form.split():
            if word not in STOPWORDS:
                for token_id in _similar_tokens(word, index, token_ids):
                    found.update(index.posting(token_id))
    word_counts = _word_counts(index)
    result = {key_id for key_id in found if word_counts[key_id] == size}
    joined = token_ids.get(compact(form)) if size > 1 else None
    if joined is not None:
        result.update(index.posting(joined))
    return sorted(result)


@cache
def _word_counts(index: SkillIndex) -> bytes:
    return bytes(min(key.count(" ") + 1, 255) for key in index.keys)


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
    for _, _, position in process.extract(
        word, words, scorer=Levenshtein.distance, score_cutoff=_allowed_edits(word), limit=None
    ):
        if ids[position] != exact:
            result.append(ids[position])
    return result


MAX_TEXT_CHARS = 5000
"""Longer descriptions are cut: a badge description is a paragraph, not a book."""
_WORD = re.compile(r"[^\W_][\w+#.-]*[\w+#]|[^\W_]")


def phrases_in_text(text: str) -> list[str]:
    """Skill names mentioned in free text (a credential's name or description), as written.

    Only names that are safe out of context count: a multi-word label ("data analysis",
    "project management") or a capitalised product name the index knows as an O*NET technology
    ("Kubernetes", "Excel"). Single ordinary words ("design", "work") never do. Longer names
    win over the words inside them.
    """
    if not isinstance(text, str) or not text:
        return []
    index = load()
    words = _WORD.findall(text[:MAX_TEXT_CHARS])
    keys = [singular_key(word) for word in words]
    taken = [False] * len(words)
    found: list[tuple[int, str]] = []
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            if any(taken[start : start + size]) or not all(keys[start : start + size]):
                continue
            refs = index.lookup(" ".join(keys[start : start + size]))
            if not refs or not _safe_in_text(refs, words[start : start + size]):
                continue
            taken[start : start + size] = [True] * size
            found.append((start, " ".join(words[start : start + size])))
    return [phrase for _, phrase in sorted(found)]


def _safe_in_text(refs: list[Ref], words: list[str]) -> bool:
    usable = [ref for ref in refs if ref.kind is not Kind.CONTEXT]
    if not usable:
        return False
    if len(words) > 1:
        return True
    word = words[0]
    if word in catalogue_acronyms():
        return False  # "PMP" in a credential's name is the credential, not a product
    return word[:1].isupper() and any(ref.scheme is Scheme.ONET for ref in usable)
