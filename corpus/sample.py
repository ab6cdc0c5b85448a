"""Copy a small, varied sample of a built corpus into the repository (`make corpus-sample`),
and the build's record (manifest with checksums, tool versions) into corpus/.

    python -m corpus.sample CORPUS_DIR fixtures/corpus-sample [--renderers 24] [--per-renderer 3]

The sample is what CI exercises: the tests check its labels against its files and run the
scorer over it. It takes ``--per-renderer`` files from each of ``--renderers`` renderers,
spread over the families and over the variants (a PDF, a DOCX, an HTML where the renderer
makes them), preferring files with credentials and small files, chosen deterministically.
Sealed renderers are never sampled.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus.evaluate import load_labels
from corpus.sealed import sealed_renderers

RECORD = Path(__file__).resolve().parent
"""Where the build's manifest and versions are committed: the record of the corpus measured on."""
MAX_BYTES = 400_000
"""Files larger than this are not sampled (the sample is committed)."""


def choose(labels: Sequence[dict[str, Any]], renderers: int, per_renderer: int) -> list[dict[str, Any]]:
    """Round-robin over families so every family is represented, then per renderer a spread of
    variants; within that, files with the most credentials first."""
    by_renderer: dict[str, list[dict[str, Any]]] = defaultdict(list)
    sealed = sealed_renderers()
    for label in labels:
        if label["renderer"] in sealed:  # sealed files are never committed where anyone reads them
            continue
        size = (Path(label["_root"]) / label["file"]).stat().st_size
        if size <= MAX_BYTES:
            by_renderer[label["renderer"]].append(label)
    by_family: dict[str, list[str]] = defaultdict(list)
    for rid in sorted(by_renderer):
        by_family[by_renderer[rid][0]["family"]].append(rid)
    order: list[str] = []
    while len(order) < renderers and any(by_family.values()):
        for family in sorted(by_family):
            if by_family[family] and len(order) < renderers:
                order.append(by_family[family].pop(0))
    chosen = []
    for rid in order:
        pool = sorted(by_renderer[rid], key=lambda lab: (-len(lab["credentials"]), lab["file"]))
        taken: list[dict[str, Any]] = []
        seen_formats: set[str] = set()
        for label in pool:  # one of each format first, then the richest files
            if label["format"] not in seen_formats and len(taken) < per_renderer:
                taken.append(label)
                seen_formats.add(label["format"])
        taken += [lab for lab in pool if lab not in taken][: per_renderer - len(taken)]
        chosen.extend(taken)
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--renderers", type=int, default=24)
    parser.add_argument("--per-renderer", type=int, default=3)
    args = parser.parse_args(argv)
    labels = load_labels(args.corpus.expanduser())
    if not labels:
        print(f"no labels under {args.corpus}: build the corpus first (make corpus)", file=sys.stderr)
        return 2
    chosen = choose(labels, args.renderers, args.per_renderer)
    if args.dest.exists():
        shutil.rmtree(args.dest)
    for label in chosen:
        src = Path(label.pop("_root")) / label["file"]
        dst = args.dest / label["file"]
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        text = json.dumps(label, ensure_ascii=False, indent=1) + "\n"
        dst.with_name(dst.name + ".label.json").write_text(text, encoding="utf-8")
    built = args.corpus.expanduser()
    shutil.copyfile(built / "versions.json", args.dest / "versions.json")
    shutil.copyfile(built / "versions.json", RECORD / "versions.json")
    with (
        (built / "manifest.jsonl").open("rb") as src,
        gzip.GzipFile(RECORD / "manifest.jsonl.gz", "wb", mtime=0) as dst,
    ):
        shutil.copyfileobj(src, dst)
    renderers = len({label["renderer"] for label in chosen})
    print(f"{len(chosen)} files from {renderers} renderers copied to {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
