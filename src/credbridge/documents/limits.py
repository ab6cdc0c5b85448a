"""Caps on what a reader will take in, so that a stranger's file cannot exhaust the service.

The numbers are generous for real resumes (a few pages, a few hundred kilobytes) and small
enough that a hostile file fails fast with a clear error instead of eating memory or time.
"""

from __future__ import annotations

import os
from pathlib import Path

from credbridge.errors import InputError, UnreadableDocument
from credbridge.model import Diagnostic, Document

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Any input: a resume PDF with images stays far below this."""
MAX_MARKUP_BYTES = 20 * 1024 * 1024
"""HTML, text and Markdown: text this large is not a resume, and parsing it would take long."""
MAX_PDF_PAGES = 50
"""Pages read from a PDF; a longer file is refused rather than truncated silently."""
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024
"""Declared uncompressed size of all DOCX members together."""
MAX_ZIP_RATIO = 200
"""Compression ratio allowed for a large member; zip bombs run to thousands."""
ZIP_RATIO_MIN_BYTES = 1024 * 1024
"""Members smaller than this may compress as well as they like."""
MAX_STYLE_CHAIN = 20
"""DOCX styles followed along a basedOn chain: Word's own chains are a handful deep; a longer
(or cyclic) chain is cut here, so resolving a style costs at most this many dictionary lookups."""
MAX_LINKS = 1_000
"""Hyperlinks kept from one document: a resume links to a few dozen badges and profiles; each
link may be resolved and verified later, so a page of thousands is a flood, not a resume."""
MAX_LINES = 20_000
"""Lines one document may yield: a long resume has a few hundred; beyond this it is a flood,
and building it would cost seconds and hundreds of megabytes."""


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB"


def label(source: Path | bytes, name: str | None) -> str:
    """How to name the input in messages and provenance: the given name, else the path."""
    if name:
        return name
    return str(source) if isinstance(source, Path) else "<bytes>"


def load_bytes(source: Path | bytes, file: str) -> bytes:
    """Read the input, refusing anything over MAX_FILE_BYTES before reading it whole."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        try:
            with open(source, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                # read(n) reserves n bytes up front: ask for no more than a regular file holds.
                limit = size + 1 if 0 < size <= MAX_FILE_BYTES else MAX_FILE_BYTES + 1
                data = handle.read(limit)
        except IsADirectoryError:
            raise InputError(f"{file}: is a directory, not a file") from None
        except FileNotFoundError:
            raise InputError(f"{file}: no such file") from None
        except PermissionError:
            raise InputError(f"{file}: permission denied") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{file}: file is too large (over {_mib(MAX_FILE_BYTES)})", code="input.too_large")
    if not data:
        raise UnreadableDocument(f"{file}: the file is empty (0 bytes)")
    return data


def check_markup_size(data: bytes, file: str, kind: str) -> None:
    """HTML and text have a lower cap: they are parsed into a tree or split into many lines."""
    if len(data) > MAX_MARKUP_BYTES:
        raise InputError(
            f"{file}: {kind} file is too large ({_mib(len(data))}; the limit is {_mib(MAX_MARKUP_BYTES)})",
            code="input.too_large",
        )


def check_line_count(count: int, file: str, kind: str) -> None:
    """Stop a reader as soon as a document passes MAX_LINES."""
    if count > MAX_LINES:
        raise InputError(f"{file}: {kind} has more than {MAX_LINES} lines of text", code="input.too_large")


def cap_links(document: Document) -> None:
    """Keep a document's first MAX_LINKS links (in reading order, then the unattached ones).

    Every link may become a badge to resolve and verify, so a file with thousands of them costs
    far more downstream than reading it did. The text is kept whole; the links past the cap are
    dropped and a warning says so, so the caller knows the profile may be incomplete.
    """
    room, dropped = MAX_LINKS, 0
    for line in document.lines:
        if len(line.links) > room:
            dropped += len(line.links) - room
            line.links = line.links[:room]
        room -= len(line.links)
    if len(document.links) > room:
        dropped += len(document.links) - room
        document.links = document.links[:room]
    if dropped:
        document.warnings.append(
            Diagnostic(
                code="document.too_many_links",
                message=f"the {document.format.upper()} has {MAX_LINKS + dropped} links; "
                f"only the first {MAX_LINKS} were kept",
                file=document.file,
            )
        )
