"""Document readers: a PDF, DOCX, HTML or text file in, one credbridge.model.Document out.

The format is decided by the content, never by the file name. Every failure is a
credbridge.errors.InputError (or its subclass UnreadableDocument) whose message names the file
and the problem; warnings that do not stop reading (a scanned PDF) are Document.warnings.
"""

from __future__ import annotations

from pathlib import Path

from credbridge.documents.detect import detect_format as _detect
from credbridge.documents.limits import cap_links, label, load_bytes
from credbridge.model import Diagnostic, Document

__all__ = ["detect_format", "read_document"]


def detect_format(source: Path | bytes, *, name: str | None = None) -> str:
    """'pdf', 'docx', 'html' or 'text'; raises UnreadableDocument for anything else."""
    file = label(source, name)
    return _detect(load_bytes(source, file), name=file)


NOTHING_READ = frozenset({"pdf.no_text_layer", "document.no_text"})
"""Warning codes that mean the file held no text at all: the CLI exits non-zero on them."""


def read_document(
    source: Path | bytes, *, name: str | None = None, pdf_engine: str = "pypdfium2"
) -> Document:
    """Read a resume file (or its bytes) into a Document; `name` is used in provenance and messages."""
    file = label(source, name)
    data = load_bytes(source, file)
    document = _read(data, _detect(data, name=file), file, pdf_engine)
    cap_links(document)
    if not document.lines and not document.warnings:
        document.warnings.append(
            Diagnostic(
                code="document.no_text", message=f"no text found in the {document.format.upper()}", file=file
            )
        )
    return document


def _read(data: bytes, kind: str, file: str, pdf_engine: str) -> Document:
    if kind == "pdf":
        from credbridge.documents.pdf import read_pdf

        return read_pdf(data, file=file, engine=pdf_engine)
    if kind == "docx":
        from credbridge.documents.docx import read_docx

        return read_docx(data, file=file)
    if kind == "html":
        from credbridge.documents.html import read_html

        return read_html(data, file=file)
    from credbridge.documents.limits import check_markup_size
    from credbridge.documents.text import read_text

    check_markup_size(data, file, "text")
    return read_text(data, file=file)
