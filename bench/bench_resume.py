"""Time the resume stage alone (credbridge.resume.parse_document on a ready Document) per
fixture PDF, against pypdfium2's own text extraction of the same file in the same run.

bench_parse.py times the whole parse; this one isolates what the resume parser adds (layout,
sections, grammar, contact, mentions, skills), so a slowdown there is seen at once. Best of N
runs; nothing here asserts a time.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))


def _best(run: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def _raw(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return sum(len(page.get_textpage().get_text_range()) for page in pdf)
    finally:
        pdf.close()


def main() -> None:
    from credbridge.documents import read_document
    from credbridge.resume import clear_caches, parse_document

    pdfs = sorted((ROOT / "fixtures" / "resumes").glob("*.pdf"))
    if not pdfs:
        print("no fixture PDFs")
        return
    print(f"{'file':38} {'raw ms':>8} {'resume ms':>10} {'ratio':>6}")
    ratios = []
    for path in pdfs:
        document = read_document(path)

        def resume(document=document) -> object:
            clear_caches()  # cold each run: the same lines must not be answered from the last run
            return parse_document(document)

        raw = _best(lambda path=path: _raw(path))
        stage = _best(resume)
        ratios.append(stage / raw)
        print(f"{path.name:38} {raw * 1000:8.2f} {stage * 1000:10.2f} {stage / raw:6.2f}")
    print(f"median resume-stage / raw pypdfium2 ratio: {statistics.median(ratios):.2f} over {len(pdfs)} PDFs")


if __name__ == "__main__":
    main()
