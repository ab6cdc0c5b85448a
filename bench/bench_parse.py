"""Time reading and parsing each fixture PDF against pypdfium2's own text extraction of it.

For every PDF under fixtures/resumes (or fixtures/documents when there are none) it measures,
best of N runs in the same process:
  raw     pypdfium2 alone: open, and get_textpage().get_text_range() on every page;
  read    credbridge.documents.read_document (the Document: words, lines, links, repairs);
  parse   credbridge.pipeline.parse_file(path, ParseOptions(resolve=False)), the whole parse;
for both engines, and prints each as a ratio to raw, the medians, and peak memory. The issue's
goal is a median whole-parse ratio of at most 4x for pypdfium2. Nothing here asserts a time.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("pypdfium2", "pdfplumber")
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
SLOW_REPEAT = max(1, REPEAT // 3)
"""pdfplumber is tens of times slower: fewer runs keep `make bench` short."""


def _pdfs() -> list[Path]:
    resumes = sorted((ROOT / "fixtures" / "resumes").glob("*.pdf"))
    if resumes:
        return resumes
    from credbridge.documents import read_document
    from credbridge.errors import CredbridgeError

    usable = []
    for path in sorted((ROOT / "fixtures" / "documents").glob("*.pdf")):
        try:
            if read_document(path).lines:
                usable.append(path)
        except CredbridgeError:
            continue
    return usable


def raw_extract(path: Path) -> int:
    """pypdfium2's own text extraction: the floor we compare against."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return sum(len(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
    finally:
        pdf.close()


def best_of(runs: int, work: Callable[[], object]) -> float:
    """Fastest of `runs` calls after one warm-up, in seconds of this process's CPU time.

    CPU time rather than wall time: the machine is shared, and a run that waited for a core
    says nothing about the code. Everything measured runs on this one thread (pdfium included).
    """
    work()
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def peak_heap(work: Callable[[], object]) -> int:
    """Peak Python heap of one call (tracemalloc; pdfium's own C memory is not in it)."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _attempt(runs: int, work: Callable[[], object], failures: dict[str, str], what: str) -> float | None:
    """best_of, or None with the first failure of `what` kept for the report (never a crash:
    other parts of the pipeline may be missing or broken while they are being written)."""
    try:
        return best_of(runs, work)
    except Exception as exc:
        failures.setdefault(what, f"{exc.__class__.__name__}: {exc}")
        return None


def _cell(seconds: float | None, raw: float, ratios: list[float], width: int) -> str:
    if seconds is None:
        return f" {'-':>{width}} {'-':>6}"
    ratios.append(seconds / raw)
    return f" {seconds * 1000:{width}.2f} {seconds / raw:6.1f}"


def main() -> None:
    from credbridge.documents import read_document
    from credbridge.pipeline import ParseOptions, parse_file

    paths = _pdfs()
    if not paths:
        print("no fixture PDFs found")
        return
    print(f"{len(paths)} PDFs, best of {REPEAT} (pdfplumber: best of {SLOW_REPEAT}); CPU ms, ratios to raw")
    header = f"{'file':<34} {'raw':>7}"
    for engine in ENGINES:
        header += f" | {engine + ' read':>17} {'ratio':>6} {'parse':>8} {'ratio':>6}"
    print(header)
    ratios: dict[tuple[str, str], list[float]] = {(e, k): [] for e in ENGINES for k in ("read", "parse")}
    heaps: dict[str, list[int]] = {engine: [] for engine in ENGINES}
    failures: dict[str, str] = {}
    for path in paths:
        raw = best_of(REPEAT, lambda path=path: raw_extract(path))
        row = f"{path.name[:34]:<34} {raw * 1000:7.2f}"
        for engine in ENGINES:
            runs = REPEAT if engine == "pypdfium2" else SLOW_REPEAT

            def read(path: Path = path, engine: str = engine) -> object:
                return read_document(path, pdf_engine=engine)

            def parse(path: Path = path, engine: str = engine) -> object:
                return parse_file(path, ParseOptions(pdf_engine=engine, resolve=False))

            seconds = _attempt(runs, read, failures, f"read_document ({engine})")
            row += " |" + _cell(seconds, raw, ratios[(engine, "read")], 17)
            if seconds is not None:
                heaps[engine].append(peak_heap(read))
            row += _cell(
                _attempt(runs, parse, failures, f"parse_file ({engine})"), raw, ratios[(engine, "parse")], 8
            )
        print(row)
    print()
    for engine in ENGINES:
        line = f"median ratio {engine:<10}:"
        for kind, label in (("read", "read"), ("parse", "whole parse")):
            values = ratios[(engine, kind)]
            line += f" {label} {statistics.median(values):5.1f}x" if values else f" {label} -"
        if engine == "pypdfium2" and ratios[(engine, "parse")]:
            met = statistics.median(ratios[(engine, "parse")]) <= 4
            line += " (goal: whole parse <= 4x, " + ("met)" if met else "NOT met)")
        reads, parses = ratios[(engine, "read")], ratios[(engine, "parse")]
        if parses and len(parses) == len(reads):
            share = statistics.median(read / parse for read, parse in zip(reads, parses, strict=True))
            line += f"; reading is {share:.0%} of the whole parse"
        if heaps[engine]:
            line += f"; peak Python heap of one read: max {max(heaps[engine]) / 1e6:.1f} MB"
        print(line)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024
    print(f"process peak RSS: {rss * scale / 1e6:.0f} MB")
    for what, error in failures.items():
        print(f"not measured: {what}: {error}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
