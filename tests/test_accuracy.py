"""Accuracy of credential extraction over the labelled resume set (fixtures/resumes).

Every resume is parsed offline (no badge resolution) and scored against its
`<name>.expected.json` with the rules in tests/scoring.py. `pytest -s` shows the table; set
CREDBRIDGE_ACCURACY_REPORT=path to also write it (with the per-file differences) to a file.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES
from scoring import FileScore, below_floor, credential_fields, format_table, score_file, total

from credbridge.errors import CredbridgeError
from credbridge.pipeline import ParseOptions, parse_file

RESUMES = FIXTURES / "resumes"
LABELS = sorted(RESUMES.glob("*.expected.json"))


def load(label: Path) -> dict:
    return json.loads(label.read_text(encoding="utf-8"))


def test_the_set_is_labelled_and_varied():
    """Guards the set itself: every label names a file that exists, in every format and layout."""
    labels = [load(p) for p in LABELS]
    assert len(labels) >= 32
    for data in labels:
        assert (RESUMES / data["file"]).is_file(), data["file"]
        for c in data["credentials"]:
            assert set(c) == {"name", "issuer", "issued", "expires", "url", "credential_id"}, data["file"]
    formats = Counter(Path(d["file"]).suffix for d in labels)
    assert {".pdf", ".docx", ".html", ".txt", ".md"} <= set(formats)
    pdf_producers = {d["producer"] for d in labels if d["file"].endswith(".pdf")}
    assert len(pdf_producers) >= 3
    assert len({d["producer"] for d in labels if d["file"].endswith(".docx")}) >= 2
    assert {"one-column", "two-column", "sidebar", "table"} <= {d["layout"] for d in labels}
    assert sum(not d["credentials"] for d in labels) >= 2
    size = sum(p.stat().st_size for p in RESUMES.iterdir() if p.is_file())
    assert size < 5 * 1024 * 1024


def score_one(label: Path) -> FileScore:
    data = load(label)
    try:
        profile = parse_file(RESUMES / data["file"], ParseOptions(resolve=False))
        predicted = [credential_fields(c) for c in profile.credentials]
        error = None
    except CredbridgeError as exc:  # a clear refusal: scored as nothing found
        predicted, error = [], f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # a crash: scored, and failed below, so one file hides no others
        predicted, error = [], f"CRASH {type(exc).__name__}: {exc}"
    score = score_file(data["file"], data["credentials"], predicted)
    if error:
        score.problems.insert(0, f"could not parse: {error}")
    return score


def report(scores: list[FileScore]) -> str:
    table = format_table(total(scores), len(scores))
    details = [f"\n{s.file}\n" + "\n".join(f"  {p}" for p in s.problems) for s in scores if s.problems]
    return table + "\n" + "".join(details)


def test_credential_extraction_accuracy():
    scores = [score_one(label) for label in LABELS]
    text = report(scores)
    print("\n" + text)
    target = os.environ.get("CREDBRIDGE_ACCURACY_REPORT")
    if target:
        Path(target).write_text(text, encoding="utf-8")
    failing = below_floor(total(scores))
    failing += [f"{s.file}: {s.problems[0]}" for s in scores if s.problems and "CRASH" in s.problems[0]]
    if failing:
        table = format_table(total(scores), len(scores))
        pytest.fail("accuracy below floor or parser crashed:\n" + "\n".join(failing) + "\n" + table)
