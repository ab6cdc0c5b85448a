"""The committed sample of the labelled corpus (fixtures/corpus-sample, made by `make corpus-sample`).

CI cannot build the corpus (it needs Chromium, TeX Live, LibreOffice and npm themes), so these
tests run on the sample: its labels must be what the generator and the labeller give for its
files today (labels come from the source data and the file, never from the parser), they must
say only what each file shows, and the whole evaluation must run over it. `pytest -s` prints
the tables `make eval` prints for the whole corpus.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from corpus.build import load_renderers, resume_for
from corpus.evaluate import load_labels, predict, report, score
from corpus.labels import document_text_and_links, fold, label_file, without_query
from corpus.renderers.base import Renderer
from corpus.sealed import sealed_renderers
from credbridge.scoring import below_floor, total

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "corpus-sample"
LABELS = load_labels(SAMPLE)
TODAY = {r.id: r.today for r in load_renderers()}

FLOORS = {"name": 0.79, "issuer": 0.80, "dates": 0.78}
"""Regression guards under the figures on the sample at this commit (0.836, 0.850, 0.827, with
the line model, which was trained on these renderers), not targets: the corpus is a ruler, and
the parser is not tuned on it file by file."""


def test_the_sample_spans_renderers_families_formats_and_languages():
    assert len(LABELS) >= 60
    assert len({label["renderer"] for label in LABELS}) >= 20
    assert {"jsonresume", "latex", "office"} <= {label["family"] for label in LABELS}
    assert {"pdf", "docx", "html"} <= {label["format"] for label in LABELS}
    assert len({label["lang"] for label in LABELS}) >= 4
    assert sum(len(label["credentials"]) for label in LABELS) >= 150
    assert not {label["renderer"] for label in LABELS} & sealed_renderers()
    size = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert size < 12 * 1024 * 1024


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["file"])
def test_labels_are_what_the_generator_and_labeller_give_today(label):
    index = int(re.search(r"-(\d{3})$", label["stem"]).group(1))
    renderer = Renderer(
        label["renderer"], label["family"], (label["variant"],), lambda jobs: [], label["tool"]
    )
    resume = resume_for(renderer, label["seed"], index)
    again = label_file(
        resume,
        SAMPLE / label["file"],
        root=SAMPLE,
        renderer=label["renderer"],
        family=label["family"],
        variant=label["variant"],
        today=TODAY[label["renderer"]],
    )
    stored = {k: v for k, v in label.items() if k in again}
    assert again == stored


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label["file"])
def test_labels_say_only_what_the_file_shows(label):
    text, links = document_text_and_links(SAMPLE / label["file"])
    folded = fold(text)
    for c in label["credentials"]:
        for key in ("name", "issuer", "credential_id"):
            if c[key]:
                assert fold(c[key]) in folded, f"{key} {c[key]!r}"
        for key in ("issued", "expires"):
            if c[key]:
                assert c[key][:4] in folded or f"'{c[key][2:4]}" in folded, f"{key} {c[key]!r}"
        if c["url"]:
            assert without_query(c["url"]) in {without_query(u) for u in links} or fold(c["url"]) in folded
    for name in label["dropped"]:
        assert fold(name) not in folded


def test_the_evaluation_runs_over_the_sample_and_prints_every_table():
    predictions = [predict(label) for label in LABELS]
    crashes = [
        (label["file"], p["error"])
        for label, p in zip(LABELS, predictions, strict=True)
        if p["error"] and p["error"].startswith("CRASH")
    ]
    assert not crashes
    tables, details = report(LABELS, predictions)
    print("\n" + tables)
    for title in ("renderer", "family", "format", "variant", "lang", "leave-one-renderer-out"):
        assert title in tables
    assert details
    totals = total(score(label, p) for label, p in zip(LABELS, predictions, strict=True))
    assert not below_floor(totals, FLOORS), below_floor(totals, FLOORS)


def test_sealed_renderers_people_hold_sealed_wordings_and_nobody_else_does():
    from corpus import vocab

    sealed_names = {c[0] for creds in vocab.SEALED_CREDS.values() for c in creds}
    for label in LABELS:  # the sample holds only open renderers
        assert not sealed_names & {c["name"] for c in label["credentials"]}
    open_renderer = Renderer("an-open-renderer", "latex", ("pdf",), lambda jobs: [])
    sealed = json.loads((SAMPLE.parent.parent / "corpus" / "sealed.json").read_text())["renderers"]
    people = [resume_for(Renderer(sealed[0], "latex", ("pdf",), lambda jobs: []), 11, i) for i in range(30)]
    held = Counter(c["name"] in sealed_names for p in people for c in p["x-credbridge"]["credentials"])
    assert held[True] >= 20
    for i in range(30):
        credentials = resume_for(open_renderer, 11, i)["x-credbridge"]["credentials"]
        assert not sealed_names & {c["name"] for c in credentials}
