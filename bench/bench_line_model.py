"""What the learned line model costs: whole parses with and without it, against pypdfium2's raw
text extraction, and the model's own two parts (features, tree inference) timed apart.

Files: the PDFs of the committed corpus sample (fixtures/corpus-sample), third-party layouts
with credentials sections. CPU time, best of N, one process; nothing here asserts a time.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench_parse import best_of, raw_extract

ROOT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))


@contextmanager
def _timed(owner: Any, name: str, spent: list[float]) -> Iterator[None]:
    """Count the CPU time spent in `owner.name` while inside (it is put back afterwards)."""
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - started

    setattr(owner, name, wrapper)
    try:
        yield
    finally:
        setattr(owner, name, original)


def main() -> None:
    from credbridge.pipeline import ParseOptions, parse_file
    from credbridge.resume import clear_caches, grammar, trees

    paths = sorted((ROOT / "fixtures" / "corpus-sample").glob("*/*.pdf"))
    options = ParseOptions(resolve=False)
    model = trees.packaged("entries.txt")
    if model is None:
        print("no shipped line model (make train)")
        return
    ratios: dict[str, list[float]] = {"rules": [], "model": [], "features": [], "inference": []}
    for path in paths:
        raw = best_of(REPEAT, lambda path=path: raw_extract(path))
        def parse(path: Path = path) -> object:
            clear_caches()  # cold each run: the same lines must not be answered from the last run
            return parse_file(path, options)

        with trees.instead("entries.txt", None):
            rules = best_of(REPEAT, parse)
        with_model = best_of(REPEAT, parse)
        features, inference = [0.0], [0.0]
        with _timed(grammar, "entry_features", features), _timed(type(model), "probabilities", inference):
            parse()
        ratios["rules"].append(rules / raw)
        ratios["model"].append(with_model / raw)
        ratios["features"].append(features[0] / raw)
        ratios["inference"].append(inference[0] / raw)
    print(f"{len(paths)} PDFs of the corpus sample, best of {REPEAT}; median ratios to pypdfium2's raw text")
    for what, values in ratios.items():
        print(f"  {what:<10} {statistics.median(values):6.2f}x")
    print(
        "  (rules: the whole parse with the rules alone; model: the whole parse as shipped; "
        "features and inference: the model's two parts inside it)"
    )
