"""Accuracy of the skill matcher on the labelled development set (tests/data/skills_devset.csv).

Each phrase is scored per scheme: the best ESCO (and O*NET) concept must equal the expected
label; an empty expectation means the phrase must stay unmapped in that scheme, so a wrong or
invented match costs precision and a missed one costs recall.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from credbridge.taxonomy import matcher

DEVSET = Path(__file__).parent / "data" / "skills_devset.csv"
HOLDOUT = Path(__file__).parent / "data" / "skills_holdout.csv"
"""Phrases written after tuning and never used for it: the honest estimate."""
MIN_PRECISION, MIN_RECALL = 0.90, 0.75
SWEEP = (75.0, 80.0, 85.0, 88.0, 90.0, 92.0, 95.0)


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_negatives)

    def f_beta(self, beta: float) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else (1 + beta**2) * p * r / (beta**2 * p + r)


def _rows(path: Path = DEVSET) -> list[dict[str, str]]:
    lines = [line for line in path.read_text("utf-8").splitlines(True) if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines))))


def evaluate(rows: list[dict[str, str]]) -> tuple[Score, list[str]]:
    tp = fp = fn = 0
    errors: list[str] = []
    for row in rows:
        found = matcher.match_in_context([row["phrase"]], technical=row["context"] == "tech")[0]
        got = {ref.scheme: ref.label for ref in found.best}
        for scheme in ("esco", "onet"):
            expected, predicted = row[scheme], got.get(scheme, "")
            if predicted and predicted == expected:
                tp += 1
                continue
            fp += bool(predicted)
            fn += bool(expected)
            if predicted or expected:
                errors.append(f"{scheme}: {row['phrase']!r} expected {expected!r}, got {predicted!r}")
    return Score(tp, fp, fn), errors


@pytest.fixture
def cutoff(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Set the fuzzy cutoff for one evaluation; the resolution cache must not leak across."""

    def set_cutoff(value: float) -> None:
        monkeypatch.setattr(matcher, "FUZZY_CUTOFF", value)
        matcher._resolve.cache_clear()

    yield set_cutoff
    matcher._resolve.cache_clear()


def test_devset_is_large_and_well_formed() -> None:
    from credbridge.taxonomy.index import load

    rows = _rows()
    assert len(rows) >= 300
    assert sum(1 for row in rows if not row["esco"] and not row["onet"]) >= 50, (
        "phrases that must stay unmapped"
    )
    index = load()
    esco_labels, onet_titles = set(index.esco_labels), set(index.onet_examples)
    for row in rows:
        assert not row["esco"] or row["esco"] in esco_labels, row
        assert not row["onet"] or row["onet"] in onet_titles, row
        assert row["context"] in ("", "tech"), row


@pytest.mark.parametrize("path", [DEVSET, HOLDOUT], ids=["devset", "holdout"])
def test_precision_and_recall(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(path)
    score, errors = evaluate(rows)
    with capsys.disabled():
        print(
            f"\n{path.name}: {len(rows)} phrases, precision {score.precision:.3f}, recall {score.recall:.3f} "
            f"(tp {score.true_positives}, fp {score.false_positives}, fn {score.false_negatives}, "
            f"fuzzy cutoff {matcher.FUZZY_CUTOFF})"
        )
        for error in errors:
            print(f"  {error}")
    assert score.precision >= MIN_PRECISION, errors
    assert score.recall >= MIN_RECALL, errors


def test_the_shipped_cutoff_is_the_best_on_the_devset(capsys: pytest.CaptureFixture[str], cutoff) -> None:  # type: ignore[no-untyped-def]
    """The fuzzy threshold is chosen on the dev set: best F0.5 (precision weighs double), and
    among equals the strictest."""
    shipped = matcher.FUZZY_CUTOFF
    rows = _rows()
    results: dict[float, Score] = {}
    for value in SWEEP:
        cutoff(value)
        results[value] = evaluate(rows)[0]
    with capsys.disabled():
        for value, score in results.items():
            print(f"  cutoff {value:>5}: precision {score.precision:.3f} recall {score.recall:.3f} "
                  f"F0.5 {score.f_beta(0.5):.4f}")  # fmt: skip
    best = max(results.values(), key=lambda s: s.f_beta(0.5)).f_beta(0.5)
    chosen = max(value for value, score in results.items() if score.f_beta(0.5) == best)
    assert shipped == chosen
