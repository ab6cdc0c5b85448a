"""The fuzz targets: one function per input path a stranger's bytes can reach.

A target passes an input when it parses, or when it raises a CredbridgeError (the project's
deliberate "this input cannot be used" answer, which the CLI and the API turn into one line or
an RFC 9457 problem). Anything else is a crash: a reader bug that would reach a user as
"internal error" or a 500. Every target also serialises its result the way the writers do,
because text that parses but cannot be printed (a lone surrogate) is the same failure for a user.

The seeds are the real fixture files, so mutation starts from inputs that reach deep code.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from credbridge.errors import CredbridgeError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REGRESSIONS = ROOT / "tests" / "data" / "fuzz"
"""Inputs that once crashed a target, one folder per target: tests/test_fuzz_regressions.py runs
them on every `make test`, and `make fuzz` adds them to the seeds."""
MAX_SEED_BYTES = 256 * 1024
"""Bigger fixtures slow every mutation down without reaching code the small ones miss."""
AT = datetime(2026, 6, 1, tzinfo=UTC)
"""Badge verification as of a fixed instant, so that a crash reproduces on any day."""


def _document(data: bytes, name: str) -> None:
    """The offline parse pipeline (reader, then resume parser) and the profile's JSON encoding."""
    from credbridge.pipeline import ParseOptions, extract_bytes

    profile = extract_bytes(data, name=name, options=ParseOptions(resolve=False, offline=True))
    profile.model_dump_json(exclude_none=True).encode("utf-8")


def _badge(data: bytes) -> None:
    """Offline verification (unbake, JSON or JWS, OB 2.0/3.0/CLR, lint) and the report's JSON."""
    from credbridge.badges import verify

    report = verify(data, offline=True, at=AT)
    report.model_dump_json(exclude_none=True).encode("utf-8")


@dataclass(frozen=True)
class Target:
    """A harness: `run` takes one input; `seeds` are globs under fixtures/."""

    name: str
    run: Callable[[bytes], None]
    seeds: tuple[str, ...]

    def seed_files(self) -> list[Path]:
        """The fixture files matching the seed globs and the target's regression inputs."""
        files = {path for pattern in self.seeds for path in FIXTURES.glob(pattern) if path.is_file()}
        files.update(path for path in (REGRESSIONS / self.name).glob("*") if path.is_file())
        return sorted(path for path in files if path.stat().st_size <= MAX_SEED_BYTES)


TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target("pdf", lambda data: _document(data, "fuzz.pdf"), ("documents/*.pdf", "resumes*/*.pdf")),
        Target("docx", lambda data: _document(data, "fuzz.docx"), ("documents/*.docx", "resumes*/*.docx")),
        Target(
            "html",
            lambda data: _document(data, "fuzz.html"),
            ("documents/*.html", "web/*.html", "badges/recipient/*.html", "resumes-dev2/*.html"),
        ),
        Target(
            "text",
            lambda data: _document(data, "fuzz.txt"),
            ("documents/*.txt", "documents/*.md", "resumes/*.md", "badges/recipient/*.txt"),
        ),
        Target("image", _badge, ("badges/*/baked/*.png", "badges/*/baked/*.svg")),
        Target(
            "badge-json",
            _badge,
            ("badges/ob3/credentials/*", "badges/ob2/documents/**/*.json", "badges/ob2/signed/*"),
        ),
    )
}


def check(target: Target, data: bytes) -> None:
    """Run one input; a CredbridgeError is a clean refusal, anything else propagates as a crash."""
    with contextlib.suppress(CredbridgeError):
        target.run(data)
