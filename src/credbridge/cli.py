"""The `credbridge` command line (contracts in DESIGN.md: keep them stable).

Heavy parts (PDF engines, taxonomy index, crypto) are imported inside the commands, so that
`credbridge --help` and light commands start fast.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from credbridge.errors import CredbridgeError

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


def _parse_at(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise typer.BadParameter(f"not an ISO 8601 date-time: {value!r}") from exc
    return at if at.tzinfo else at.replace(tzinfo=UTC)


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="Resume files: PDF, DOCX, HTML, text or Markdown.")],
    to: Annotated[
        str | None, typer.Option("--to", help="Print the record of this target (see `credbridge adapters`).")
    ] = None,
    offline: OfflineOpt = False,
    documents: DocumentsOpt = None,
    pdf_engine: Annotated[
        str, typer.Option("--pdf-engine", help="pypdfium2 (fast, default) or pdfplumber.")
    ] = "pypdfium2",
    resolve: Annotated[
        bool, typer.Option("--resolve/--no-resolve", help="Follow and verify badge links.")
    ] = True,
    at: Annotated[str | None, typer.Option("--at", help="Check expiry as of this ISO date-time.")] = None,
) -> None:
    """Print a CandidateProfile as JSON; several files print JSON Lines, in order."""
    from credbridge.documents import NOTHING_READ
    from credbridge.pipeline import ParseOptions, parse_file

    if pdf_engine not in ("pypdfium2", "pdfplumber"):
        raise typer.BadParameter("choose pypdfium2 or pdfplumber", param_hint="--pdf-engine")
    translate_to = _adapter(to) if to else None
    options = ParseOptions(
        pdf_engine=pdf_engine, resolve=resolve, offline=offline, documents=documents, at=_parse_at(at)
    )
    failed = 0
    indent = 2 if len(files) == 1 else None
    for path in files:
        try:
            profile = parse_file(path, options)
            for warning in profile.warnings:
                _error(f"{path}: warning: {warning.message}")
            # A scanned PDF still prints its (empty) profile, but nothing was read: not a success.
            failed += any(warning.code in NOTHING_READ for warning in profile.warnings)
            if translate_to is None:
                _emit(profile.model_dump(mode="json", exclude_none=True), indent=indent)
            else:
                _emit(translate_to.translate(profile).record, indent=indent)
        except CredbridgeError as exc:
            failed += 1
            # Reader errors already name the file ("cv.pdf: encrypted PDF: ..."): no second prefix.
            named = exc.message.startswith(f"{path}: ")
            _error(exc.message if named else f"{path}: {exc.message}")
        except OSError as exc:
            failed += 1
            _error(f"{path}: cannot read: {exc.strerror or exc}")
        except Exception as exc:  # a bug on one file must not lose the others in a batch
            failed += 1
            _error(f"{path}: internal error ({type(exc).__name__}: {exc}); please report it")
    if failed:
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
    raw = sys.stdin.read() if str(profile_file) == "-" else profile_file.read_text(encoding="utf-8")
    try:
        profile = CandidateProfile.model_validate_json(raw)
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
    from credbridge.model import CandidateProfile, VerificationReport

    models = {"profile": CandidateProfile, "report": VerificationReport}
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
