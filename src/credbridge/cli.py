"""The `credbridge` command line (contracts in DESIGN.md: keep them stable).

Heavy parts (PDF engines, taxonomy index, crypto) are imported inside the commands, so that
`credbridge --help` and light commands start fast.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from credbridge.errors import CredbridgeError

if TYPE_CHECKING:
    from credbridge.pipeline import ParseOptions

app = typer.Typer(
    name="credbridge",
    help="Find, verify and translate the credentials in resumes and badge links.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
badge_app = typer.Typer(
    help="Resolve and verify Open Badges 2.0/3.0 and CLR 2.0 credentials.", no_args_is_help=True
)
skills_app = typer.Typer(help="Map skill phrases to ESCO and O*NET.", no_args_is_help=True)
app.add_typer(badge_app, name="badge")
app.add_typer(skills_app, name="skills")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

OfflineOpt = Annotated[bool, typer.Option("--offline", help="No network access at all.")]
DocumentsOpt = Annotated[
    Path | None,
    typer.Option(
        "--documents",
        help="Offline document store: https://host/a/b.json is looked up as DIR/host/a/b.json first.",
        exists=True,
        file_okay=False,
    ),
]


def _error(message: str) -> None:
    typer.echo(f"credbridge: {message}", err=True)


def _emit(data: object, *, indent: int | None) -> None:
    """Print JSON, or text as it is (XML and CSV records).

    Every command's output is encoded here, so this is where it is made safe to encode. Lone
    surrogates can still arrive from outside the readers (a credential's JSON holding "\\ud800",
    a file name that is not UTF-8): UTF-8 cannot encode them, so they become U+FFFD (a split
    pair is joined); the output stays valid UTF-8 that strict JSON parsers accept. A stream
    whose encoding lacks some characters (a legacy Windows code page) gets JSON with \\u escapes,
    which is the same data, or text with '?' in their place, rather than a crash midway.
    """
    from credbridge.documents.repair import mend_surrogates  # the readers' own repair, one place

    text = data if isinstance(data, str) else json.dumps(data, indent=indent, ensure_ascii=False)
    text = mend_surrogates(text if text.endswith("\n") else text + "\n")
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        if isinstance(data, str):
            encoding = sys.stdout.encoding or "ascii"
            sys.stdout.write(text.encode(encoding, "replace").decode(encoding))
        else:
            sys.stdout.write(json.dumps(json.loads(text), indent=indent, ensure_ascii=True) + "\n")
    sys.stdout.flush()


def _emit_json_text(text: str) -> None:
    """Print JSON that a worker already serialised; on a stream that cannot encode some of its
    characters, the same data with \\u escapes (what `_emit` does for JSON values)."""
    from credbridge.documents.repair import mend_surrogates

    text = mend_surrogates(text if text.endswith("\n") else text + "\n")
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.write(json.dumps(json.loads(text), ensure_ascii=True) + "\n")
    sys.stdout.flush()


def _parse_at(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO 8601 date-time: {value!r}") from exc
    return at if at.tzinfo else at.replace(tzinfo=UTC)


WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=0,
        help="Parse this many files at once in worker processes (0: one per core).",
        show_default=False,
    ),
]
PdfEngineOpt = Annotated[str, typer.Option("--pdf-engine", help="pypdfium2 (fast, default) or pdfplumber.")]
ResolveOpt = Annotated[bool, typer.Option("--resolve/--no-resolve", help="Follow and verify badge links.")]
AtOpt = Annotated[str | None, typer.Option("--at", help="Check expiry as of this ISO date-time.")]


def _parse_options(
    pdf_engine: str, resolve: bool, offline: bool, documents: Path | None, at: str | None
) -> ParseOptions:
    """The options `parse` and `batch` share, checked the same way for both."""
    from credbridge.pipeline import ParseOptions

    if pdf_engine not in ("pypdfium2", "pdfplumber"):
        raise typer.BadParameter("choose pypdfium2 or pdfplumber", param_hint="--pdf-engine")
    return ParseOptions(
        pdf_engine=pdf_engine, resolve=resolve, offline=offline, documents=documents, at=_parse_at(at)
    )


RECORDS_NS = "urn:credbridge:records"
"""The wrapper of several XML records printed by `parse` (each in a <credbridge:record file=...>)."""
_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>\s*")
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Resume files: PDF, DOCX, HTML, text or Markdown.")],
    to: Annotated[
        str | None, typer.Option("--to", help="Print the record of this target (see `credbridge adapters`).")
    ] = None,
    offline: OfflineOpt = False,
    documents: DocumentsOpt = None,
    pdf_engine: PdfEngineOpt = "pypdfium2",
    resolve: ResolveOpt = True,
    at: AtOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Print a CandidateProfile as JSON; several files print JSON Lines, in order.

    Several files with --to csv print one CSV with a header and `file` and `candidate` columns;
    with an XML target, one XML document wrapping one <record file="..."> per file (use
    `credbridge batch --out DIR` for one document per file).
    """
    from xml.sax.saxutils import quoteattr

    from credbridge.batch import (
        Job,
        Task,
        csv_header,
        default_workers,
        is_json_media,
        is_xml_media,
        run_tasks,
    )

    options = _parse_options(pdf_engine, resolve, offline, documents, at)
    translate_to = _adapter(to) if to else None
    several = len(files) > 1
    media = translate_to.media_type if translate_to is not None else "application/json"
    xml_wrap = several and is_xml_media(media)
    if translate_to is None:
        job = Job(options=options, shape="profile", indent=None if several else 2)
    elif several and translate_to.name == "csv":
        job = Job(options=options, shape="csv", target="csv")
        _emit(csv_header(), indent=None)
    else:
        job = Job(options=options, shape="record", target=translate_to.name, indent=None if several else 2)
    if xml_wrap:
        _emit(
            f"<?xml version='1.0' encoding='UTF-8'?>\n<credbridge:records xmlns:credbridge={RECORDS_NS!r}>",
            indent=None,
        )
    pool = default_workers() if workers == 0 else workers or 1
    # One worker runs here, as parse always did: no pool to start for a file or two.
    tasks = (Task(i, str(path)) for i, path in enumerate(files))
    failed = 0
    pool = min(pool, len(files))
    for result in run_tasks(tasks, job, workers=0 if pool <= 1 else pool):
        for _code, message in result.warnings:
            _error(f"{result.path}: warning: {message}")
        if not result.ok:
            failed += 1
            _error(result.error or f"{result.path}: failed")
            continue
        # A scanned PDF still prints its (empty) profile, but nothing was read: not a success.
        failed += result.nothing_read
        text = result.payload
        if xml_wrap:
            body = _XML_DECLARATION.sub("", text).rstrip()
            attr = quoteattr(_NOT_XML_CHARS.sub("\ufffd", result.path))
            _emit(f"<credbridge:record file={attr}>\n{body}\n</credbridge:record>", indent=None)
        elif job.shape in ("profile", "record") and is_json_media(media):
            _emit_json_text(text)
        else:
            _emit(text, indent=None)
    if xml_wrap:
        _emit("</credbridge:records>", indent=None)
    if failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Files, directories (walked recursively, resume suffixes only), globs, or - for a "
            "list of paths on stdin.",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Output: FILE.jsonl, FILE.parquet (a folder of part files), FILE.csv, or a folder "
            "(one file per resume). A manifest, OUT.manifest.jsonl, is kept beside it.",
        ),
    ],
    output_format: Annotated[
        str | None,
        typer.Option("--format", help="jsonl, parquet, csv or dir, when --out does not say it."),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to", help="Write this target's records (JSON Lines or a folder; see `credbridge adapters`)."
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=0, help="Worker processes; default 0: one per core.", show_default=False
        ),
    ] = 0,
    unordered: Annotated[
        bool, typer.Option("--unordered", help="Write results as they finish, not in input order.")
    ] = False,
    offline: OfflineOpt = False,
    documents: DocumentsOpt = None,
    pdf_engine: PdfEngineOpt = "pypdfium2",
    resolve: ResolveOpt = True,
    at: AtOpt = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Start again: forget the manifest and what it recorded.")
    ] = False,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Parse again the files a previous run recorded as failed.")
    ] = False,
    part_files: Annotated[
        int, typer.Option("--part-files", min=1, help="Parquet: resumes per part file (one commit each).")
    ] = 500,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary.")] = False,
) -> None:
    """Parse many resumes with every core into one output; rerun the same command to resume.

    Progress and a summary go to stderr; each failed file is named there and in the manifest,
    and never stops the batch. Exit 0 when every file was parsed, 1 when any failed, 130 when
    interrupted (what was reported done is kept: rerun to go on).
    """
    from credbridge.batch import BatchConfig, run_batch

    if to:
        _adapter(to)  # an unknown target is a usage error (exit 2) with the list
    config = BatchConfig(
        inputs=inputs,
        out=out,
        format=output_format,
        target=to,
        options=_parse_options(pdf_engine, resolve, offline, documents, at),
        workers=workers,
        ordered=not unordered,
        overwrite=overwrite,
        retry_failed=retry_failed,
        part_files=part_files,
        quiet=quiet,
    )
    try:
        summary = run_batch(config, stdin=sys.stdin if "-" in inputs else None)
    except CredbridgeError as exc:
        _error(exc.message)
        raise typer.Exit(EXIT_USAGE) from None
    except OSError as exc:  # the output side: a full disk, a folder we may not write to
        _error(f"{exc.filename or out}: cannot write: {exc.strerror or exc}")
        raise typer.Exit(EXIT_FAILED) from None
    if summary.interrupted:
        raise typer.Exit(130)
    if summary.failed or summary.nothing_read:
        raise typer.Exit(EXIT_FAILED)


@badge_app.command("verify")
def badge_verify(
    source: Annotated[
        str, typer.Argument(metavar="INPUT", help="Badge URL, .json/.jwt/.png/.svg file, or - for stdin.")
    ],
    documents: DocumentsOpt = None,
    recipient: Annotated[
        str | None, typer.Option("--recipient", help="Check the badge was issued to this email.")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="Verify as of this ISO date-time instead of now.")
    ] = None,
    offline: OfflineOpt = False,
) -> None:
    """Print a verification report; exit 0 when valid, 1 when not, 2 on input errors."""
    from credbridge.badges import verify

    data: str | bytes = sys.stdin.buffer.read() if source == "-" else source
    try:
        report = verify(data, documents=documents, recipient=recipient, at=_parse_at(at), offline=offline)
    except CredbridgeError as exc:
        _error(exc.message)
        raise typer.Exit(EXIT_USAGE) from None
    _emit(report.model_dump(mode="json", exclude_none=True), indent=2)
    raise typer.Exit(EXIT_OK if report.valid else EXIT_FAILED)


@skills_app.command("match")
def skills_match(
    phrases: Annotated[list[str], typer.Argument(metavar="TEXT...", help="Skill phrases.")],
) -> None:
    """Print the ESCO and O*NET matches of each phrase as JSON."""
    from credbridge.taxonomy import match

    _emit([m.model_dump(mode="json", exclude_none=True) for m in match(phrases)], indent=2)


@app.command("adapters")
def list_adapters() -> None:
    """List the target platforms `--to` accepts."""
    from credbridge.targets import available

    for name, adapter in sorted(available().items()):
        typer.echo(f"{name:<18} {adapter.title}")


def _mend_json(raw: bytes) -> bytes:
    """JSON whose strings hold lone surrogates, made what pydantic's strict parser accepts.

    Python's json writes a lone surrogate as the escape "\\ud800" and other tools write it as
    UTF-8 that encodes a surrogate; pydantic rejects both ("unexpected end of hex escape"), and
    a profile that some tool wrote that way is still the candidate's profile. Each becomes U+FFFD
    (a split pair is joined), as the readers do, so the adapters never see a surrogate. Input
    that is not JSON at all is left alone for pydantic to report.
    """
    from credbridge.documents.repair import may_hold_surrogates, mend_value

    if not may_hold_surrogates(raw):
        return raw  # the common case: nothing to mend, pydantic reads the bytes as they are
    try:
        value = json.loads(raw.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested too deep: pydantic says so
        return raw
    return json.dumps(mend_value(value), ensure_ascii=False).encode("utf-8")


@app.command()
def translate(
    profile_file: Annotated[
        Path, typer.Argument(metavar="PROFILE.json", help="A CandidateProfile (- for stdin).")
    ],
    to: Annotated[str, typer.Option("--to", help="Target platform (see `credbridge adapters`).")],
    losses: Annotated[bool, typer.Option("--losses", help="Print the loss report on stderr.")] = False,
) -> None:
    """Convert a CandidateProfile JSON into a target platform's record."""
    from pydantic import ValidationError

    from credbridge.model import CandidateProfile

    adapter = _adapter(to)
    raw = sys.stdin.buffer.read() if str(profile_file) == "-" else profile_file.read_bytes()
    try:
        profile = CandidateProfile.model_validate_json(_mend_json(raw))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        count = exc.error_count()
        _error(f"{profile_file}: not a CandidateProfile: {count} error(s), first at {where}: {first['msg']}")
        raise typer.Exit(EXIT_USAGE) from None
    result = adapter.translate(profile)
    _emit(result.record, indent=2)
    if losses:
        for loss in result.losses:
            _error(f"{loss.field}: {loss.action}: {loss.detail}")


@app.command()
def schema(
    what: Annotated[
        str, typer.Argument(help="profile (CandidateProfile) or report (badge verification report).")
    ] = "profile",
) -> None:
    """Print the JSON Schema of the profile or of the verification report."""
    from pydantic import BaseModel

    from credbridge.model import CandidateProfile, VerificationReport

    models: dict[str, type[BaseModel]] = {"profile": CandidateProfile, "report": VerificationReport}
    if what not in models:
        raise typer.BadParameter(f"choose one of {', '.join(models)}")
    _emit(models[what].model_json_schema(), indent=2)


def _serve_epilog() -> str:
    from credbridge.api.settings import ENV_VARS

    lines = [f"{name}: {text}" for name, text in ENV_VARS.items()]
    return "Environment variables (all optional):\n\n" + "\n\n".join(lines)


@app.command(epilog=_serve_epilog())
def serve(
    host: Annotated[str, typer.Option(envvar="CREDBRIDGE_HOST", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="CREDBRIDGE_PORT", help="Port to listen on.")] = 8000,
) -> None:
    """Start the HTTP service (OpenAPI at /docs) with the web page at /.

    Without API keys it listens on 127.0.0.1 only; SIGINT/SIGTERM shut it down gracefully.
    """
    from credbridge.api.server import run

    try:
        run(host, port)
    except CredbridgeError as exc:
        _error(exc.message)
        raise typer.Exit(EXIT_USAGE) from None


def _adapter(name: str):  # type: ignore[no-untyped-def]
    from credbridge.targets import get

    try:
        return get(name)
    except CredbridgeError as exc:
        _error(exc.message)
        raise typer.Exit(EXIT_USAGE) from None


def main() -> None:
    """Entry point: usage errors exit 2 (click's convention), input errors are one line on stderr."""
    app()
