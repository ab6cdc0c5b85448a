"""Scoring credential extraction against the labelled resume set (fixtures/resumes).

Kept apart from the test so the rules can be unit-tested on synthetic predictions
(tests/test_scoring.py) and reused by anything that wants the same numbers.

Rules (issue 3, part 7):
- Per file, predictions are paired one-to-one with expected credentials, best name similarity
  first (rapidfuzz token_sort_ratio on normalised names); a pair needs at least PAIR_FLOOR.
- name: a pair whose names are equal after normalisation (token_sort_ratio >= NAME_MATCH) is a
  true positive; any other pair is a false positive and a false negative; unpaired expected
  credentials are false negatives and unpaired predictions false positives.
- issuer: the same rule, only over expected credentials that have an issuer.
- dates: issued and expires, exact string match, counted per field present in either side.
- link: the url, exact after removing a trailing slash, counted per field present in either.
- credential_id is reported the same way as link but has no floor; so are the candidate's
  name (case-insensitive) and emails (as a set).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from credbridge.model import Credential

NAME_MATCH = 90.0
PAIR_FLOOR = 60.0
FLOORS = {"name": 0.95, "issuer": 0.90, "dates": 0.90, "link": 0.95}
FIELDS = ("name", "issuer", "dates", "link", "credential_id", "person_name", "emails")
"""Scored fields; the last two are the candidate's contact details, reported without a floor."""

CredDict = Mapping[str, Any]
"""A credential as a label holds it: name, issuer, issued, expires, url, credential_id."""

_PUNCT = re.compile(r"[^\w]+", re.UNICODE)


def normalise(text: str | None) -> str:
    """Case, accents' compatibility forms and punctuation removed, whitespace collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def similarity(a: str | None, b: str | None) -> float:
    return fuzz.token_sort_ratio(normalise(a), normalise(b))


def same_text(a: str | None, b: str | None) -> bool:
    """Fuzzy equality used for names and issuers."""
    return bool(normalise(a)) and similarity(a, b) >= NAME_MATCH


def normalise_url(url: str | None) -> str | None:
    return url.rstrip("/") if url else None


@dataclass
class Counts:
    """True positives, false positives and false negatives, and the rates made from them.

    With nothing expected and nothing predicted every rate is 1.0: there was nothing to miss.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FileScore:
    """The counts for one resume, and the differences worth printing when a floor fails."""

    file: str
    counts: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    problems: list[str] = field(default_factory=list)


def credential_fields(cred: Credential) -> dict[str, Any]:
    """A parsed Credential in the label's shape, so both sides compare field by field."""
    return {
        "name": cred.name,
        "issuer": cred.issuer.name if cred.issuer else None,
        "issued": cred.issued,
        "expires": cred.expires,
        "url": cred.url,
        "credential_id": cred.credential_id,
    }


def pair(expected: list[CredDict], predicted: list[CredDict]) -> list[tuple[int, int]]:
    """One-to-one (expected index, predicted index) pairs, most similar names first."""
    candidates = sorted(
        (
            (-similarity(e.get("name"), p.get("name")), i, j)
            for i, e in enumerate(expected)
            for j, p in enumerate(predicted)
        ),
    )
    used_e: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for neg_score, i, j in candidates:
        if -neg_score < PAIR_FLOOR:
            break
        if i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def _exact(counts: Counts, want: str | None, got: str | None) -> bool:
    """Count one optional field compared exactly; True when it agreed (or both were empty)."""
    if want is None and got is None:
        return True
    if want == got:
        counts.tp += 1
        return True
    if want is not None:
        counts.fn += 1
    if got is not None:
        counts.fp += 1
    return False


def score_file(file: str, expected: list[CredDict], predicted: list[CredDict]) -> FileScore:
    score = FileScore(file)
    c = score.counts
    pairs = pair(expected, predicted)
    paired_e = {i for i, _ in pairs}
    paired_p = {j for _, j in pairs}
    for i, j in pairs:
        e, p = expected[i], predicted[j]
        label = e.get("name")
        if same_text(e.get("name"), p.get("name")):
            c["name"].tp += 1
        else:
            c["name"].fp += 1
            c["name"].fn += 1
            score.problems.append(f"name: {label!r} read as {p.get('name')!r}")
        if e.get("issuer"):
            if same_text(e["issuer"], p.get("issuer")):
                c["issuer"].tp += 1
            else:
                c["issuer"].fn += 1
                if p.get("issuer"):
                    c["issuer"].fp += 1
                score.problems.append(f"issuer of {label!r}: want {e['issuer']!r}, got {p.get('issuer')!r}")
        for key in ("issued", "expires"):
            if not _exact(c["dates"], e.get(key), p.get(key)):
                score.problems.append(f"{key} of {label!r}: want {e.get(key)!r}, got {p.get(key)!r}")
        if not _exact(c["link"], normalise_url(e.get("url")), normalise_url(p.get("url"))):
            score.problems.append(f"url of {label!r}: want {e.get('url')!r}, got {p.get('url')!r}")
        _exact(c["credential_id"], e.get("credential_id"), p.get("credential_id"))
    for i, e in enumerate(expected):
        if i in paired_e:
            continue
        score.problems.append(f"missing: {e.get('name')!r}")
        c["name"].fn += 1
        if e.get("issuer"):
            c["issuer"].fn += 1
        c["dates"].fn += sum(e.get(k) is not None for k in ("issued", "expires"))
        c["link"].fn += e.get("url") is not None
        c["credential_id"].fn += e.get("credential_id") is not None
    for j, p in enumerate(predicted):
        if j in paired_p:
            continue
        score.problems.append(f"extra: {p.get('name')!r}")
        c["name"].fp += 1
        c["dates"].fp += sum(p.get(k) is not None for k in ("issued", "expires"))
        c["link"].fp += p.get("url") is not None
        c["credential_id"].fp += p.get("credential_id") is not None
    return score


def score_person(score: FileScore, expected: CredDict, name: str | None, emails: Iterable[str]) -> None:
    """Add the candidate's name (case-insensitive) and emails (as a set) to a file's score."""
    c = score.counts
    want = (expected.get("name") or "").casefold() or None
    got = (name or "").casefold() or None
    if not _exact(c["person_name"], want, got):
        score.problems.append(f"person name: want {expected.get('name')!r}, got {name!r}")
    want_emails = {e.casefold() for e in expected.get("emails", [])}
    got_emails = {e.casefold() for e in emails}
    c["emails"].tp += len(want_emails & got_emails)
    c["emails"].fn += len(want_emails - got_emails)
    c["emails"].fp += len(got_emails - want_emails)
    if want_emails != got_emails:
        score.problems.append(f"emails: want {sorted(want_emails)}, got {sorted(got_emails)}")


def total(scores: Iterable[FileScore]) -> dict[str, Counts]:
    out = {f: Counts() for f in FIELDS}
    for s in scores:
        for f in FIELDS:
            out[f].add(s.counts[f])
    return out


def below_floor(totals: Mapping[str, Counts], floors: Mapping[str, float] = FLOORS) -> list[str]:
    """The gated fields whose F1 is under its floor, as readable lines (a held-out set passes
    its own, looser floors)."""
    return [
        f"{f}: F1 {totals[f].f1:.3f} < {floor:.2f}" for f, floor in floors.items() if totals[f].f1 < floor
    ]


def format_table(totals: Mapping[str, Counts], files: int, floors: Mapping[str, float] = FLOORS) -> str:
    lines = [
        f"credential extraction accuracy over {files} resumes",
        f"{'field':<14}{'TP':>6}{'FP':>6}{'FN':>6}{'P':>8}{'R':>8}{'F1':>8}{'floor':>8}",
    ]
    for f in FIELDS:
        c = totals[f]
        floor = f"{floors[f]:.2f}" if f in floors else "-"
        lines.append(
            f"{f:<14}{c.tp:>6}{c.fp:>6}{c.fn:>6}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}{floor:>8}"
        )
    return "\n".join(lines)
