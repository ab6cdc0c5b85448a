"""Score the parser on a labelled corpus and print the tables (`make eval`).

    python -m corpus.evaluate [DIR] [--by renderer family format lang variant] [--details FILE]

DIR is a built corpus (default ~/.cache/credbridge-corpus) or the committed sample
(fixtures/corpus-sample). Every labelled file is parsed offline by the current parser, in a
process pool, and scored with credbridge.scoring: exact name and issuer with fuzzy beside them,
dates, credential IDs, links, the person's name and emails. Tables: overall, then one per
grouping, then leave-one-renderer-out. Renderers named in ``--fitted-on`` (a file with one
renderer id per line: what a learned model was trained on) are marked ``NO`` under "held out"
and left out of the leave-one-renderer-out table's total; nothing else counts as
generalisation.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from corpus.sealed import sealed_renderers
from credbridge.scoring import (
    FileScore,
    credential_fields,
    format_groups,
    format_table,
    group_rows,
    leave_one_group_out,
    score_file,
    score_person,
    total,
)

DEFAULT_DIR = Path.home() / ".cache" / "credbridge-corpus"
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "corpus-sample"
GROUPINGS = ("renderer", "family", "format", "variant", "lang")


def load_labels(root: Path) -> list[dict[str, Any]]:
    """Every ``*.label.json`` under root (one folder per renderer), sorted by file."""
    labels = []
    for path in sorted(root.glob("**/*.label.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        label["_root"] = str(root)
        labels.append(label)
    return labels


@functools.cache
def _line_model(path: str | None) -> Any:
    from credbridge.resume.trees import parse_model

    return None if path is None else parse_model(Path(path).read_text(encoding="utf-8"))


def predict(label: Mapping[str, Any], line_models: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    """Parse one labelled file offline; the credentials and person as the scorer reads them,
    or the error (a refusal or a crash is scored as nothing found, and reported).
    `line_models` maps renderers to the line model that scores them (a model file, or None for
    the rules alone) in place of the shipped one."""
    from credbridge.errors import CredbridgeError
    from credbridge.pipeline import ParseOptions, parse_file
    from credbridge.resume.trees import instead

    path = Path(label["_root"]) / label["file"]
    chosen = contextlib.nullcontext()
    if line_models is not None:
        chosen = instead("entries.txt", _line_model(line_models.get(label["renderer"])))
    try:
        with chosen:
            profile = parse_file(path, ParseOptions(resolve=False))
    except CredbridgeError as exc:
        return {"error": f"{type(exc).__name__}: {exc}", "credentials": [], "person": None, "emails": []}
    except Exception as exc:  # a crash is scored and listed, and never stops the evaluation
        return {
            "error": f"CRASH {type(exc).__name__}: {exc}",
            "credentials": [],
            "person": None,
            "emails": [],
        }
    person = profile.person
    return {
        "error": None,
        "credentials": [credential_fields(c) for c in profile.credentials],
        "person": person.name if person else None,
        "emails": list(person.emails) if person else [],
    }


def score(label: Mapping[str, Any], prediction: Mapping[str, Any]) -> FileScore:
    """One file's score from its label and the parser's prediction."""
    result = score_file(label["file"], label["credentials"], prediction["credentials"])
    score_person(result, label["person"], prediction["person"], prediction["emails"])
    if prediction["error"]:
        result.problems.insert(0, f"could not parse: {prediction['error']}")
    return result


def predict_all(
    labels: Sequence[Mapping[str, Any]], workers: int, line_models: Mapping[str, str | None] | None = None
) -> list[dict[str, Any]]:
    """Predictions for every label, in order, with a progress line every 250 files."""
    started = time.monotonic()
    out: list[dict[str, Any]] = []
    one = functools.partial(predict, line_models=line_models)
    if workers <= 1:
        results: Any = map(one, labels)
    else:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(one, labels, chunksize=16)
    for i, result in enumerate(results, 1):
        out.append(result)
        if i % 250 == 0 or i == len(labels):
            rate = i / max(time.monotonic() - started, 1e-9)
            print(f"  parsed {i}/{len(labels)} ({rate:.1f} files/s)", file=sys.stderr, flush=True)
    if workers > 1:
        pool.shutdown()
    return out


def report(
    labels: Sequence[Mapping[str, Any]],
    predictions: Sequence[Mapping[str, Any]],
    groupings: Sequence[str] = GROUPINGS,
    fitted_on: frozenset[str] = frozenset(),
    sealed: frozenset[str] = frozenset(),
    show_sealed: bool = False,
) -> tuple[str, str]:
    """The tables over the open renderers, the sealed renderers' totals apart, and the open
    files' differences (for --details)."""
    scored = [(label, p, score(label, p)) for label, p in zip(labels, predictions, strict=True)]
    closed = [s for label, _, s in scored if label["renderer"] in sealed]
    shown = [row for row in scored if show_sealed or row[0]["renderer"] not in sealed]
    labels = [label for label, _, _ in shown]
    scores = [s for _, _, s in shown]
    creds = sum(len(label["credentials"]) for label in labels)
    failed = sum(bool(p["error"]) for _, p, _ in shown)
    parts = [
        format_table(total(scores), len(scores), floors={}),
        f"({creds} labelled credentials; {failed} files not parsed)",
    ]
    for key in groupings:
        rows = group_rows(
            ((str(label[key]), s) for label, s in zip(labels, scores, strict=True)),
            fitted_on if key == "renderer" else (),
        )
        parts.append(format_groups(key, rows))
    by_file = {label["file"]: s for label, s in zip(labels, scores, strict=True)}

    def fit(train: Sequence[Mapping[str, Any]]) -> Any:
        # The rule parser learns nothing from the corpus; a learned model fits on ``train`` here.
        return lambda label: by_file[label["file"]]

    loro = [
        row
        for row in leave_one_group_out(labels, fit, lambda label: label["renderer"])
        if row.group not in fitted_on
    ]
    parts.append(
        "leave-one-renderer-out (each renderer scored by a model fitted on the others only)\n"
        + format_groups("held-out renderer", loro)
    )
    if closed:
        parts.append(
            f"sealed renderers ({len(sealed)}; unseen layouts and wordings; totals only)\n"
            + format_table(total(closed), len(closed), floors={})
        )
    details = "\n".join(f"{s.file}\n" + "\n".join(f"  {p}" for p in s.problems) for s in scores if s.problems)
    return "\n\n".join(parts), details


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--by", nargs="*", default=list(GROUPINGS), choices=GROUPINGS)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--fitted-on", type=Path, help="renderer ids a learned model was trained on")
    parser.add_argument(
        "--line-models",
        help="score each renderer with the line model corpus.train held it out of (DIR with folds.json; "
        "renderers it does not name get the rules alone), or 'none' for the rules alone everywhere",
    )
    parser.add_argument("--details", type=Path, help="write every file's differences here")
    parser.add_argument("--predictions", type=Path, help="also write the predictions (JSON Lines) here")
    parser.add_argument(
        "--show-sealed",
        action="store_true",
        help="include the sealed renderers in every table and the details (never while tuning)",
    )
    args = parser.parse_args(argv)
    root: Path = args.root.expanduser()
    labels = load_labels(root)
    if not labels and args.root == DEFAULT_DIR:
        print(
            f"no corpus built under {root}: scoring the committed sample ({SAMPLE_DIR}) instead; "
            "`make corpus` builds the whole corpus",
            file=sys.stderr,
        )
        labels = load_labels(SAMPLE_DIR)
    if not labels:
        print(f"no labels under {root}: build the corpus first (make corpus)", file=sys.stderr)
        return 2
    fitted = frozenset()
    if args.fitted_on:
        fitted = frozenset(
            line.strip()
            for line in args.fitted_on.read_text().splitlines()
            if line.strip() and not line.startswith("#")
        )
    line_models: dict[str, str | None] | None = None
    if args.line_models == "none":
        line_models = {}
    elif args.line_models:
        where = Path(args.line_models).expanduser()
        if not (where / "folds.json").is_file():
            print(f"no folds.json under {where}: make the fold models first (make train)", file=sys.stderr)
            return 2
        folds = json.loads((where / "folds.json").read_text(encoding="utf-8"))
        line_models = {renderer: str(where / name) for renderer, name in folds.items()}
    predictions = predict_all(labels, args.workers, line_models)
    tables, details = report(labels, predictions, args.by, fitted, sealed_renderers(), args.show_sealed)
    print(tables)
    if args.details:
        args.details.write_text(details + "\n", encoding="utf-8")
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as fh:
            for label, p in zip(labels, predictions, strict=True):
                fh.write(json.dumps({"file": label["file"], **p}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
