"""Build the labelled corpus: every renderer, its people, the files and their labels.

    python -m corpus.build --out ~/.cache/credbridge-corpus [--seed 11] [--only ID ...] [--scale 1.0]

Each renderer gets its own people (content.make_resume(seed, renderer, i)), rendered in
batches; every file is labelled as soon as it exists (corpus/labels.py) and written beside it
as ``<file>.label.json``. A renderer's job whose files and labels exist is skipped, so a build
stopped half-way resumes where it was. ``manifest.jsonl`` lists every file with its checksum,
renderer and variant; ``versions.json`` the tools that made them. One failed job is recorded
in ``failures.jsonl`` and never stops the build.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from corpus.content import as_awards, as_skills, make_resume
from corpus.labels import label_file
from corpus.renderers.base import Job, Output, Renderer, path_for
from corpus.sealed import sealed_renderers

FAMILIES = ("jsonresume", "latex", "typeset", "office")
PEOPLE = {"jsonresume": 22, "latex": 30}
"""People per renderer at scale 1.0 (by family; 30 for any other): themes give five files each
(HTML, two PDFs, two DOCX), so about 3,000 theme documents and 1,000 from the other families."""
BATCH = 12
DEFAULT_OUT = Path.home() / ".cache" / "credbridge-corpus"
SEED = 11


def load_renderers(only: Sequence[str] = ()) -> list[Renderer]:
    """Every renderer of every family (or those named), in a stable order."""
    renderers: list[Renderer] = []
    for family in FAMILIES:
        if not (Path(__file__).parent / "renderers" / f"{family}.py").exists():
            print(f"warning: renderer family {family} is missing", file=sys.stderr)
            continue
        module = importlib.import_module(f"corpus.renderers.{family}")
        renderers.extend(module.RENDERERS)
    ids = [r.id for r in renderers]
    assert len(ids) == len(set(ids)), "renderer ids must be unique"
    if only:
        unknown = set(only) - set(ids)
        if unknown:
            raise SystemExit(f"unknown renderer(s): {', '.join(sorted(unknown))}")
        renderers = [r for r in renderers if r.id in only]
    return renderers


def resume_for(renderer: Renderer, seed: int, index: int) -> dict[str, Any]:
    """The person at ``index`` as this renderer receives them (themes without a certificates
    section get the credentials under awards, or as a skills group when they print no awards)."""
    resume = make_resume(seed, renderer.id, index, sealed=renderer.id in sealed_renderers())
    if renderer.family == "jsonresume":
        from corpus.renderers.jsonresume import THEMES

        theme = THEMES.get(renderer.id.removeprefix("jsonresume-"), {})
        if not theme.get("renders_certificates", True):
            resume = as_awards(resume) if theme.get("renders_awards") else as_skills(resume)
    return resume


def label_path(document: Path) -> Path:
    """Where a document's label lives: beside it, ``<file>.label.json``."""
    return document.with_name(document.name + ".label.json")


def _done(job: Job, renderer: Renderer) -> bool:
    return all(label_path(path_for(job, v)).exists() for v in renderer.variants)


def write_label(
    job: Job, renderer: Renderer, variant: str, path: Path, out: Path, seed: int, log: Any
) -> bool:
    """Label one rendered file and write the label beside it; False (logged) if it cannot be read."""
    try:
        label = label_file(
            job.resume,
            path,
            root=out,
            renderer=renderer.id,
            family=renderer.family,
            variant=variant,
            today=renderer.today,
        )
    except Exception as exc:  # an unreadable output is a failure of that file only
        log({"renderer": renderer.id, "file": str(path), "error": f"label: {exc}"})
        return False
    label.update(seed=seed, stem=job.stem, tool=renderer.tool)
    label_path(path).write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return True


def _jobs(renderer: Renderer, out: Path, seed: int, people: int) -> list[Job]:
    return [
        Job(resume_for(renderer, seed, i), f"{renderer.id}-{i:03d}", out / renderer.id) for i in range(people)
    ]


def build_renderer(renderer: Renderer, out: Path, seed: int, people: int, log: Any) -> dict[str, int]:
    """Render and label one renderer's people; returns counts of files and failures."""
    jobs = _jobs(renderer, out, seed, people)
    for job in jobs:
        job.outdir.mkdir(parents=True, exist_ok=True)
    todo = [j for j in jobs if not _done(j, renderer)]
    files = failures = 0
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        try:
            outputs = renderer.render_batch(batch)
        except Exception as exc:  # a renderer bug fails its batch, never the build
            outputs = [Output(job, error=f"{type(exc).__name__}: {exc}") for job in batch]
        for output in outputs:
            if output.error:
                failures += 1
                log({"renderer": renderer.id, "stem": output.job.stem, "error": output.error[:2000]})
            for variant, path in output.files.items():
                if write_label(output.job, renderer, variant, path, out, seed, log):
                    files += 1
                else:
                    failures += 1
        print(f"  {renderer.id}: {min(start + BATCH, len(todo))}/{len(todo)} jobs", flush=True)
    return {"files": files, "failures": failures}


def relabel_renderer(renderer_id: str, out: Path, seed: int, scale: float) -> dict[str, int]:
    """Label again every file a renderer already made (after a change to the labeller),
    without rendering anything."""
    (renderer,) = load_renderers([renderer_id])
    files = failures = 0
    for job in _jobs(renderer, out, seed, people_for(renderer, scale)):
        for variant in renderer.variants:
            path = path_for(job, variant)
            if path.exists():
                ok = write_label(
                    job, renderer, variant, path, out, seed, lambda entry: print(entry, file=sys.stderr)
                )
                files, failures = files + ok, failures + (not ok)
    return {"files": files, "failures": failures}


def people_for(renderer: Renderer, scale: float) -> int:
    """How many people a renderer gets at this scale."""
    return max(1, round(PEOPLE.get(renderer.family, PEOPLE["latex"]) * scale))


def write_manifest(out: Path) -> int:
    """manifest.jsonl: one line per labelled file with its checksums, sorted by path."""
    rows = []
    for label_path in sorted(out.glob("*/*.label.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        doc = out / label["file"]
        rows.append(
            {
                "file": label["file"],
                "renderer": label["renderer"],
                "family": label["family"],
                "variant": label["variant"],
                "format": label["format"],
                "lang": label["lang"],
                "credentials": len(label["credentials"]),
                "bytes": doc.stat().st_size,
                "sha256": hashlib.sha256(doc.read_bytes()).hexdigest(),
                "label_sha256": hashlib.sha256(label_path.read_bytes()).hexdigest(),
            }
        )
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def tool_versions(renderers: Sequence[Renderer]) -> dict[str, Any]:
    """The versions of everything that made the files, for the manifest."""

    def first_line(*cmd: str) -> str:
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
            return (done.stdout or done.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "not installed"

    return {
        "python": sys.version.split()[0],
        "node": first_line("node", "--version"),
        "chromium": first_line("chromium", "--version"),
        "pandoc": first_line("pandoc", "--version"),
        "libreoffice": first_line("soffice", "--version"),
        "pdflatex": first_line("pdflatex", "--version"),
        "groff": first_line("groff", "--version"),
        "renderers": {
            r.id: {"family": r.family, "tool": r.tool, "variants": list(r.variants)} for r in renderers
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="people per renderer, as a share of the default"
    )
    parser.add_argument("--only", nargs="*", default=[], help="renderer ids to build (default: all)")
    parser.add_argument("--workers", type=int, default=2, help="renderers built at once")
    parser.add_argument(
        "--relabel",
        action="store_true",
        help="label the existing files again (after a labeller change); render nothing",
    )
    args = parser.parse_args(argv)
    out: Path = args.out.expanduser()
    out.mkdir(parents=True, exist_ok=True)
    renderers = load_renderers(args.only)
    print(f"building {len(renderers)} renderers into {out} (seed {args.seed})", flush=True)
    failures_log = (out / "failures.jsonl").open("a", encoding="utf-8")

    def log(entry: dict[str, Any]) -> None:
        failures_log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        failures_log.flush()

    started = time.monotonic()

    def one(renderer: Renderer) -> tuple[str, dict[str, int]]:
        return renderer.id, build_renderer(renderer, out, args.seed, people_for(renderer, args.scale), log)

    if args.relabel:  # labelling is Python work: processes, not threads
        ids = [r.id for r in renderers]
        with ProcessPoolExecutor(max_workers=args.workers) as procs:
            relabel = functools.partial(relabel_renderer, out=out, seed=args.seed, scale=args.scale)
            results = zip(ids, procs.map(relabel, ids), strict=True)
            for rid, counts in results:
                print(f"{rid}: {counts['files']} files relabelled, {counts['failures']} failures", flush=True)
    else:
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            for rid, counts in pool.map(one, renderers):
                print(f"{rid}: {counts['files']} files, {counts['failures']} failures", flush=True)
    everything = tool_versions(load_renderers())  # every renderer, also after a partial (--only) run
    (out / "versions.json").write_text(json.dumps(everything, indent=1) + "\n", encoding="utf-8")
    total = write_manifest(out)
    print(
        f"done: {total} labelled files in {time.monotonic() - started:.0f} s; "
        f"manifest {out / 'manifest.jsonl'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
