"""The one scorer for credential extraction: every accuracy test, `make eval` and the bench use it.

Rules:
- Per file, predictions are paired one-to-one with labelled credentials, most similar names
  first (rapidfuzz token_sort_ratio on normalised names); a pair needs at least PAIR_FLOOR.
- ``name`` is the exact match: equal after Unicode NFKC, case folding and whitespace collapsing
  (punctuation and dashes count). ``name~`` is the fuzzy match beside it (token_sort_ratio >=
  NAME_MATCH after punctuation is removed too). A pair that does not match is a false positive
  and a false negative; unpaired labels are false negatives, unpaired predictions false positives.
- ``issuer`` / ``issuer~``: the same two rules over each pair. A predicted issuer where the
  label has none is a false positive unless the prediction marks it ``issuer_inferred`` (filled
  from the certification catalogue, not read from the document).
- ``dates``: issued and expires, exact ISO partial date, each counted where either side has one.
- ``credential_id`` and ``link`` (the url, compared without a trailing slash): exact, the same way.
- ``person_name`` (case-insensitive) and ``emails`` (as a set): the candidate's contact details.

Tables group files by any key of their label (renderer, family, format, language), and
:func:`leave_one_group_out` scores each group with a model fitted on the others only, so a
figure counts as generalisation only where nothing was fitted on that group.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from credbridge.model import Credential

NAME_MATCH = 90.0
PAIR_FLOOR = 60.0
FLOORS = {"name": 0.95, "issuer": 0.90, "dates": 0.90, "link": 0.95}
"""The development sets' floors (exact name and issuer)."""
FIELDS = ("name", "name~", "issuer", "issuer~", "dates", "link", "credential_id", "person_name", "emails")
"""Scored fields; ``~`` marks the fuzzy twin of an exact field."""
SUMMARY_FIELDS = ("name", "name~", "issuer", "issuer~", "dates", "credential_id", "link")
"""The columns of a grouped table (F1 of each)."""
_SHORT = {"credential_id": "id"}

CredDict = Mapping[str, Any]
"""A credential as a label holds it: name, issuer, issued, expires, url, credential_id."""

_PUNCT = re.compile(r"[^\w]+", re.UNICODE)


def exact_form(text: str | None) -> str:
    """What the exact match compares: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()) if text else ""


def normalise(text: str | None) -> str:
    """What the fuzzy match compares: the exact form with punctuation removed too."""
    return " ".join(_PUNCT.sub(" ", exact_form(text)).split())


def similarity(a: str | None, b: str | None) -> float:
    return fuzz.token_sort_ratio(normalise(a), normalise(b))


def same_text(a: str | None, b: str | None) -> bool:
    """Fuzzy equality, for ``name~`` and ``issuer~``."""
    return bool(normalise(a)) and similarity(a, b) >= NAME_MATCH


def same_exact(a: str | None, b: str | None) -> bool:
    """Exact equality, for ``name`` and ``issuer``."""
    return bool(exact_form(a)) and exact_form(a) == exact_form(b)


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


def _new_counts() -> dict[str, Counts]:
    return {f: Counts() for f in FIELDS}


@dataclass
class FileScore:
    """The counts for one file, and the differences worth printing when a floor fails."""

    file: str
    counts: dict[str, Counts] = field(default_factory=_new_counts)
    problems: list[str] = field(default_factory=list)
    labelled: int = 0


def credential_fields(cred: Credential) -> dict[str, Any]:
    """A parsed Credential in the label's shape, so both sides compare field by field."""
    return {
        "name": cred.name,
        "issuer": cred.issuer.name,
        "issuer_inferred": cred.issuer.inferred,
        "issued": cred.issued,
        "expires": cred.expires,
        "url": cred.url,
        "credential_id": cred.credential_id,
    }


def pair(expected: Sequence[CredDict], predicted: Sequence[CredDict]) -> list[tuple[int, int]]:
    """One-to-one (expected index, predicted index) pairs, most similar names first."""
    candidates = sorted(
        (-similarity(e.get("name"), p.get("name")), i, j)
        for i, e in enumerate(expected)
        for j, p in enumerate(predicted)
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


def _text_pair(counts: Counts, want: str | None, got: str | None, same: Callable[[Any, Any], bool],
               inferred: bool = False) -> bool:
    """Count a name or issuer of one pair; an inferred prediction for an absent label is no error."""
    if not want:
        if got and not inferred:
            counts.fp += 1
            return False
        return True
    if same(want, got):
        counts.tp += 1
        return True
    counts.fn += 1
    if got:
        counts.fp += 1
    return False


def score_file(file: str, expected: Sequence[CredDict], predicted: Sequence[CredDict]) -> FileScore:
    score = FileScore(file, labelled=len(expected))
    c = score.counts
    pairs = pair(expected, predicted)
    paired_e = {i for i, _ in pairs}
    paired_p = {j for _, j in pairs}
    for i, j in pairs:
        e, p = expected[i], predicted[j]
        label = e.get("name")
        exact = _text_pair(c["name"], label, p.get("name"), same_exact)
        if not _text_pair(c["name~"], label, p.get("name"), same_text):
            score.problems.append(f"name: {label!r} read as {p.get('name')!r}")
        elif not exact:
            score.problems.append(f"name (exact): {label!r} read as {p.get('name')!r}")
        inferred = bool(p.get("issuer_inferred"))
        _text_pair(c["issuer"], e.get("issuer"), p.get("issuer"), same_exact, inferred)
        if not _text_pair(c["issuer~"], e.get("issuer"), p.get("issuer"), same_text, inferred):
            score.problems.append(f"issuer of {label!r}: want {e.get('issuer')!r}, got {p.get('issuer')!r}")
        for key in ("issued", "expires"):
            if not _exact(c["dates"], e.get(key), p.get(key)):
                score.problems.append(f"{key} of {label!r}: want {e.get(key)!r}, got {p.get(key)!r}")
        if not _exact(c["link"], normalise_url(e.get("url")), normalise_url(p.get("url"))):
            score.problems.append(f"url of {label!r}: want {e.get('url')!r}, got {p.get('url')!r}")
        if not _exact(c["credential_id"], e.get("credential_id"), p.get("credential_id")):
            score.problems.append(
                f"credential_id of {label!r}: want {e.get('credential_id')!r}, got {p.get('credential_id')!r}"
            )
    for i, e in enumerate(expected):
        if i in paired_e:
            continue
        score.problems.append(f"missing: {e.get('name')!r}")
        for key in ("name", "name~"):
            c[key].fn += 1
        for key in ("issuer", "issuer~"):
            c[key].fn += bool(e.get("issuer"))
        c["dates"].fn += sum(e.get(k) is not None for k in ("issued", "expires"))
        c["link"].fn += e.get("url") is not None
        c["credential_id"].fn += e.get("credential_id") is not None
    for j, p in enumerate(predicted):
        if j in paired_p:
            continue
        score.problems.append(f"extra: {p.get('name')!r}")
        for key in ("name", "name~"):
            c[key].fp += 1
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
    out = _new_counts()
    for s in scores:
        for f in FIELDS:
            out[f].add(s.counts[f])
    return out


def below_floor(totals: Mapping[str, Counts], floors: Mapping[str, float] = FLOORS) -> list[str]:
    """The gated fields whose F1 is under its floor, as readable lines."""
    return [
        f"{f}: F1 {totals[f].f1:.3f} < {floor:.2f}" for f, floor in floors.items() if totals[f].f1 < floor
    ]


def format_table(totals: Mapping[str, Counts], files: int, floors: Mapping[str, float] = FLOORS) -> str:
    """Every field with its counts and rates; ``~`` rows are the fuzzy twins of the exact rows."""
    lines = [
        f"credential extraction accuracy over {files} files (exact; ~ = fuzzy beside it)",
        f"{'field':<14}{'TP':>7}{'FP':>7}{'FN':>7}{'P':>8}{'R':>8}{'F1':>8}{'floor':>8}",
    ]
    for f in FIELDS:
        c = totals[f]
        floor = f"{floors[f]:.2f}" if f in floors else "-"
        lines.append(
            f"{f:<14}{c.tp:>7}{c.fp:>7}{c.fn:>7}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}{floor:>8}"
        )
    return "\n".join(lines)


@dataclass
class GroupRow:
    """One row of a grouped table: a group's files, labelled credentials and totals."""

    group: str
    files: int
    credentials: int
    totals: dict[str, Counts]
    held_out: bool = True


def group_rows(scores: Iterable[tuple[str, FileScore]], fitted_on: Iterable[str] = ()) -> list[GroupRow]:
    """Totals per group (sorted by name), each marked held out unless a model was fitted on it."""
    fitted = set(fitted_on)
    by_group: dict[str, list[FileScore]] = defaultdict(list)
    for group, score in scores:
        by_group[group].append(score)
    return [
        GroupRow(g, len(s), sum(x.labelled for x in s), total(s), g not in fitted)
        for g, s in sorted(by_group.items())
    ]


def format_groups(title: str, rows: Sequence[GroupRow], all_rows: bool = True) -> str:
    """A grouped table: F1 per field, exact and fuzzy side by side, and the overall row."""
    width = max([len(title), *(len(r.group) for r in rows)]) + 2
    columns = "".join(f"{_SHORT.get(f, f):>9}" for f in SUMMARY_FIELDS)
    head = f"{title:<{width}}{'files':>6}{'creds':>6}{columns}  held out"
    lines = [head]
    shown = rows if all_rows else [r for r in rows if r.held_out]
    for r in shown:
        cells = "".join(f"{r.totals[f].f1:>9.3f}" for f in SUMMARY_FIELDS)
        held = "yes" if r.held_out else "NO"
        lines.append(f"{r.group:<{width}}{r.files:>6}{r.credentials:>6}{cells}  {held}")
    overall = _new_counts()
    for r in shown:
        for f in FIELDS:
            overall[f].add(r.totals[f])
    cells = "".join(f"{overall[f].f1:>9.3f}" for f in SUMMARY_FIELDS)
    lines.append(
        f"{'all':<{width}}{sum(r.files for r in shown):>6}{sum(r.credentials for r in shown):>6}{cells}"
    )
    return "\n".join(lines)


Predictor = Callable[[Mapping[str, Any]], FileScore]
"""Scores one label with some model: parse the labelled file, compare, return the FileScore."""


def leave_one_group_out(
    labels: Sequence[Mapping[str, Any]],
    fit: Callable[[Sequence[Mapping[str, Any]]], Predictor],
    group: Callable[[Mapping[str, Any]], str],
) -> list[GroupRow]:
    """Each group scored by a model fitted on every other group only (leave-one-renderer-out
    when ``group`` is the renderer): the only figures that count as generalisation. ``fit``
    receives the training labels and returns the predictor; a model that learns nothing (the
    rule parser) may ignore them and return the same predictor each time."""
    names = sorted({group(label) for label in labels})
    rows: list[GroupRow] = []
    for held in names:
        train = [label for label in labels if group(label) != held]
        predictor = fit(train)
        scores = [(held, predictor(label)) for label in labels if group(label) == held]
        rows.extend(group_rows(scores))
    return rows
