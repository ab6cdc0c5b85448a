"""Train the line model that decides where credential entries start (`make train`).

    python -m corpus.train [CORPUS] [--folds 6] [--seed 11] [--out src/credbridge/resume/models]

For every labelled file of the open renderers (the sealed ones are never read here), the file is
read and cut into sections by credbridge itself, and every line of a credentials or awards
section becomes one row: the features of grammar.entry_features (the rules' decisions, text
shape, type and geometry; never the words) and a class from the label: "start" where a labelled
credential's name (or a negative's: awards and degrees are entries too) begins, "name_wrap" on a
line that carries the rest of a name begun above, "other" elsewhere. The model says where names
begin; the rules keep placing the boundary just above a name when a date or an issuer opens
the entry (grammar.revise).

LightGBM learns the classes. Renderers are dealt into folds; a model is trained per fold on the
others' rows and written to CORPUS/line-models with folds.json (renderer -> model), which
`python -m corpus.evaluate --line-models CORPUS/line-models` uses to score each renderer with a
model that never saw it: the leave-one-renderer-out figures. The shipped model is trained on
every open renderer (so `make eval` marks them all as fitted on) and written with its list of
renderers beside it.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from corpus.evaluate import DEFAULT_DIR, load_labels
from corpus.labels import fold
from corpus.sealed import sealed_renderers

PACKAGE_MODELS = Path(__file__).resolve().parent.parent / "src" / "credbridge" / "resume" / "models"
MODEL_FILE = "entries.txt"
PARAMS = {
    "objective": "multiclass",
    "num_leaves": 15,
    "learning_rate": 0.1,
    # A leaf must stand for more than one template: a renderer gives some 800 lines of one
    # layout, and smaller leaves learn single layouts (leave-one-renderer-out name F1, macro:
    # 0.827 at 40, 0.829 at 200, 0.831 at 500, 0.831 at 1000, 0.829 at 2000).
    "min_data_in_leaf": 500,
    "feature_fraction": 0.9,
    "lambda_l2": 1.0,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 60
"""Boosting rounds: the parser walks every tree of every line in pure Python, so the model stays small."""
WRAP_WEIGHT = 4.0
"""Weight of a "name_wrap" line (under 2% of lines) against the others' 1: without it the model
calls the second line of a wrapped name a new entry (names cut in two in table cells)."""


def gold_classes(texts: Sequence[str], names: Sequence[str]) -> list[int]:
    """The class of each line (grammar.ENTRY_CLASSES order) from the names printed in them.

    Lines are folded (labels.fold: case, dashes and spaces gone) and joined, so a name wrapped
    over lines is found whole; names are placed longest first and never over one another."""
    from credbridge.resume.grammar import ENTRY_CLASSES

    start, wrap = ENTRY_CLASSES.index("start"), ENTRY_CLASSES.index("name_wrap")
    folded = [fold(t) for t in texts]
    offsets, total = [], 0
    for part in folded:
        offsets.append(total)
        total += len(part)
    joined = "".join(folded)
    classes = [ENTRY_CLASSES.index("other")] * len(texts)
    claimed: list[tuple[int, int]] = []
    for name in sorted({fold(n) for n in names}, key=len, reverse=True):
        at = joined.find(name) if len(name) >= 3 else -1
        while at >= 0:
            end = at + len(name)
            if not any(a < end and at < b for a, b in claimed):
                claimed.append((at, end))
                first = bisect.bisect_right(offsets, at) - 1
                last = bisect.bisect_right(offsets, end - 1) - 1
                classes[first] = start
                for j in range(first + 1, last + 1):
                    if classes[j] != start:
                        classes[j] = wrap
            at = joined.find(name, at + 1)
    return classes


def rows_of(label: Mapping[str, Any]) -> list[tuple[list[float], int]]:
    """(features, class) for every line of the file's credentials and awards sections."""
    from credbridge.documents import read_document
    from credbridge.errors import CredbridgeError
    from credbridge.resume.grammar import cut_entries, entry_features
    from credbridge.resume.parse import dates_read_as_in, read_sections
    from credbridge.resume.sections import AWARDS, CREDENTIALS

    try:
        document = read_document(Path(label["_root"]) / label["file"])
    except CredbridgeError:
        return []
    names = [c["name"] for c in label["credentials"]] + list(label["negatives"])
    rows: list[tuple[list[float], int]] = []
    with dates_read_as_in(document):
        sections, edges = read_sections(document)
        for section in sections:
            if section.kind not in (CREDENTIALS, AWARDS):
                continue
            cut = cut_entries(section, edges)
            if cut is None:
                continue
            gold = gold_classes([ln.text for ln in cut.lines], names)
            rows += list(zip(entry_features(cut), gold, strict=True))
    return rows


def fold_of(renderer: str, folds: int) -> int:
    """A renderer's fold, from its id alone (stable whatever else the corpus holds)."""
    return int(hashlib.sha256(renderer.encode()).hexdigest(), 16) % folds


def collect(labels: Sequence[Mapping[str, Any]], workers: int) -> list[tuple[str, list[float], int]]:
    started, out = time.monotonic(), []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        read = pool.map(rows_of, labels, chunksize=16)
        for i, (label, rows) in enumerate(zip(labels, read, strict=True), 1):
            out += [(label["renderer"], features, gold) for features, gold in rows]
            if i % 500 == 0 or i == len(labels):
                rate = i / max(time.monotonic() - started, 1e-9)
                print(f"  read {i}/{len(labels)} files ({rate:.0f}/s), {len(out)} lines", file=sys.stderr)
    return out


def train(rows: Sequence[tuple[str, list[float], int]], seed: int) -> Any:
    """A LightGBM booster on the rows (imported here: only training needs LightGBM)."""
    import lightgbm
    import numpy as np

    from credbridge.resume.grammar import ENTRY_CLASSES, ENTRY_FEATURES

    classes = np.array([r[2] for r in rows])
    data = lightgbm.Dataset(
        np.array([r[1] for r in rows], dtype=np.float64),
        label=classes,
        weight=np.where(classes == ENTRY_CLASSES.index("name_wrap"), WRAP_WEIGHT, 1.0),
        feature_name=list(ENTRY_FEATURES),
        free_raw_data=True,
    )
    params = {**PARAMS, "num_class": len(ENTRY_CLASSES), "seed": seed}
    return lightgbm.train(params, data, num_boost_round=ROUNDS)


def accuracy(booster: Any, rows: Sequence[tuple[str, list[float], int]]) -> tuple[float, float]:
    """Share of lines classed right by the model, and by the rules alone (start vs not)."""
    import numpy as np

    from credbridge.resume.grammar import ENTRY_CLASSES, ENTRY_FEATURES

    if not rows:
        return 0.0, 0.0
    predicted = booster.predict(np.array([r[1] for r in rows])).argmax(axis=1)
    model = sum(int(p == r[2]) for p, r in zip(predicted, rows, strict=True)) / len(rows)
    start, rule_start = ENTRY_CLASSES.index("start"), ENTRY_FEATURES.index("rule_start")
    rules = sum(int((r[1][rule_start] == 1.0) == (r[2] == start)) for r in rows) / len(rows)
    return model, rules


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--folds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=PACKAGE_MODELS, help="where the shipped model goes")
    parser.add_argument("--folds-out", type=Path, help="where fold models go (default: CORPUS/line-models)")
    args = parser.parse_args(argv)
    root: Path = args.root.expanduser()
    sealed = sealed_renderers()
    labels = [label for label in load_labels(root) if label["renderer"] not in sealed]
    if not labels:
        print(f"no labels under {root}: build the corpus first (make corpus)", file=sys.stderr)
        return 2
    rows = collect(labels, args.workers)
    counts = Counter(r[2] for r in rows)
    print(f"{len(rows)} lines from {len(labels)} files; classes {dict(sorted(counts.items()))}")

    fold_dir = args.folds_out or root / "line-models"
    fold_dir.mkdir(parents=True, exist_ok=True)
    renderers = sorted({label["renderer"] for label in labels})
    assignment = {r: fold_of(r, args.folds) for r in renderers}
    for k in range(args.folds):
        held = [r for r in rows if assignment[r[0]] == k]
        booster = train([r for r in rows if assignment[r[0]] != k], args.seed)
        booster.save_model(str(fold_dir / f"fold-{k}.txt"))
        model, rules = accuracy(booster, held)
        print(f"fold {k}: {len(held)} held-out lines; line accuracy {model:.3f} (rules: {rules:.3f})")
    folds = {r: f"fold-{k}.txt" for r, k in assignment.items()}
    (fold_dir / "folds.json").write_text(json.dumps(folds, indent=1) + "\n", encoding="utf-8")

    args.out.mkdir(parents=True, exist_ok=True)
    train(rows, args.seed).save_model(str(args.out / MODEL_FILE))
    (args.out / "entries.renderers.txt").write_text(
        "# renderers the shipped line model was trained on (corpus.evaluate --fitted-on)\n"
        + "\n".join(renderers)
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out / MODEL_FILE} and {len(set(folds.values()))} fold models under {fold_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
