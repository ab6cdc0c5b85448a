"""Accuracy of credential extraction over the second development set (fixtures/resumes-dev2).

Resumes written to look unlike both earlier sets (credentials in tables, two on one line, in
job bullets, new date forms and headings; see the set's README). The parser was changed
against them, so this is a regression guard at the dev set's floors, not a measure of how it
does on unseen resumes. Scored with the dev set's helpers and scorer; `pytest -s` shows the
table, CREDBRIDGE_ACCURACY_REPORT_DEV2=path also writes it with the per-file differences.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_accuracy import assert_accuracy, check_label, load

from credbridge.scoring import FLOORS

DEV2 = Path(__file__).resolve().parent.parent / "fixtures" / "resumes-dev2"
LABELS = sorted(DEV2.glob("*.expected.json"))


def test_the_dev2_set_is_labelled_and_varied():
    """At least 15 resumes, every format, several producers and every layout."""
    labels = [load(p) for p in LABELS]
    assert len(labels) >= 15
    for data in labels:
        assert (DEV2 / data["file"]).is_file(), data["file"]
    assert {".pdf", ".docx", ".html", ".txt", ".md"} <= set(Counter(Path(d["file"]).suffix for d in labels))
    assert len({d["producer"] for d in labels if d["file"].endswith(".pdf")}) >= 3
    assert {"one-column", "two-column", "sidebar", "table"} <= {d["layout"] for d in labels}


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.name.split(".")[0])
def test_dev2_labels_say_only_what_the_document_shows(label):
    check_label(label)


def test_credential_extraction_accuracy_on_dev2():
    assert_accuracy(LABELS, FLOORS, "CREDBRIDGE_ACCURACY_REPORT_DEV2")
