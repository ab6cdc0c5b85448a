"""What every renderer family provides: a named renderer that turns resumes into files.

A renderer is third-party software we did not write (an npm theme, a LaTeX class, LibreOffice,
pandoc, Typst...) driven by a thin adapter of ours. Rendering is batched because the expensive
part is starting the tool (one Chromium, one soffice, one node process per batch).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Resume = dict[str, Any]
"""A JSON Resume 1.2.1 document with the corpus's own key ``x-credbridge`` (see corpus/README.md)."""


@dataclass(frozen=True)
class Job:
    """One resume to render: the content, a file stem, and the folder the files go to."""

    resume: Resume
    stem: str
    outdir: Path


@dataclass
class Output:
    """What one job produced: variant name -> file (``{"pdf-a4": Path, "html": Path}``), or
    the error that stopped it (one failed job never stops the batch)."""

    job: Job
    files: dict[str, Path] = field(default_factory=dict)
    error: str | None = None


@dataclass(frozen=True)
class Renderer:
    """A renderer: ``id`` is unique across the corpus (``jsonresume-paper``, ``latex-moderncv-banking``);
    ``family`` groups renderers that share code; ``variants`` lists what it can produce;
    ``tool`` names the third-party software and version string source for the manifest."""

    id: str
    family: str
    variants: tuple[str, ...]
    render_batch: Callable[[Sequence[Job]], list[Output]]
    tool: str = ""
    notes: str = ""
    today: str | None = None
    """The ISO day the renderer's clock is pinned to, when it has one: some templates print "now"
    for an entry with no date, and the labeller then labels that date as printed."""


def path_for(job: Job, variant: str) -> Path:
    """The file a variant is written to: ``stem.html``, ``stem--a4.pdf``, ``stem--pandoc.docx``."""
    ext, _, suffix = variant.partition("-")
    return job.outdir / (f"{job.stem}--{suffix}.{ext}" if suffix else f"{job.stem}.{ext}")
