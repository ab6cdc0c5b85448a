"""Accuracy and speed on the labelled corpus: the built corpus when there is one
(~/.cache/credbridge-corpus, `make corpus`), else the committed sample (fixtures/corpus-sample).

Sealed renderers are left out. Accuracy is scored by credbridge.scoring (exact name and
issuer, fuzzy beside them), the same scorer as the accuracy tests and `make eval`. Speed:
whole-parse CPU time per file by format, and for PDFs the ratio to pypdfium2's own text
extraction of the same files in the same run.
Nothing here asserts a number.
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # corpus/ is a folder of the repository, not an installed package

LIMIT = int(os.environ.get("BENCH_CORPUS_FILES", "400"))
"""At most this many files (spread over the corpus), so `make bench` stays short."""


def main() -> None:
    import pypdfium2

    from corpus.evaluate import DEFAULT_DIR, SAMPLE_DIR, load_labels, predict, score
    from corpus.sealed import sealed_renderers
    from credbridge.scoring import format_table, total

    sealed = sealed_renderers()  # measured by `make eval` as totals only, never here
    labels = [x for x in load_labels(DEFAULT_DIR) or load_labels(SAMPLE_DIR) if x["renderer"] not in sealed]
    step = max(1, len(labels) // LIMIT)
    labels = labels[::step]
    where = labels[0]["_root"] if labels else "nowhere"
    print(f"{len(labels)} labelled files from {where}")
    predict(labels[0])  # imports and the skill index, paid once before timing
    cpu: dict[str, list[float]] = defaultdict(list)
    raw: list[float] = []
    scores = []
    for label in labels:
        started = time.process_time()
        prediction = predict(label)
        cpu[label["format"]].append(time.process_time() - started)
        scores.append(score(label, prediction))
        if label["format"] == "pdf":
            started = time.process_time()
            pdf = pypdfium2.PdfDocument(Path(label["_root"]) / label["file"])
            "".join(page.get_textpage().get_text_range() for page in pdf)
            pdf.close()
            raw.append(time.process_time() - started)
    print(format_table(total(scores), len(scores), floors={}))
    print(f"\n{'format':<8}{'files':>7}{'ms/file':>10}")
    for fmt, times in sorted(cpu.items()):
        print(f"{fmt:<8}{len(times):>7}{1000 * sum(times) / len(times):>10.1f}")
    if raw:
        ratio = sum(cpu["pdf"]) / max(sum(raw), 1e-9)
        print(f"PDF whole parse / pypdfium2 text extraction, same files: {ratio:.1f}x")


if __name__ == "__main__":
    main()
