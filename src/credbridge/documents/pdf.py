"""PDF resumes: pypdfium2 by default, pdfplumber when pdfium cannot open a file or when asked."""

from __future__ import annotations

from credbridge.documents import pdf_pdfium, pdf_plumber
from credbridge.documents.pdflayout import assemble
from credbridge.errors import InputError, UnreadableDocument
from credbridge.model import Diagnostic, Document

ENGINES = ("pypdfium2", "pdfplumber")


def read_pdf(data: bytes, *, file: str, engine: str = "pypdfium2") -> Document:
    """Read a PDF with the chosen engine; fall back to pdfplumber if pdfium cannot open it."""
    if engine not in ENGINES:
        raise InputError(f"unknown PDF engine {engine!r}: choose {' or '.join(ENGINES)}")
    warnings: list[Diagnostic] = []
    if engine == "pdfplumber":
        return assemble(pdf_plumber.read_pages(data, file), file=file, engine=engine, warnings=warnings)
    try:
        with pdf_pdfium.read_pages(data, file) as pages:
            return assemble(pages, file=file, engine=engine, warnings=warnings)
    except pdf_pdfium.OpenFailed as exc:
        reason = str(exc)
    try:
        pages = pdf_plumber.read_pages(data, file)
    except UnreadableDocument:
        raise UnreadableDocument(f"{file}: damaged or truncated PDF: {reason}") from None
    warnings.append(
        Diagnostic(
            code="pdf.fallback_engine",
            message=f"pdfium could not open the PDF ({reason}); it was read with pdfplumber instead",
            file=file,
        )
    )
    return assemble(pages, file=file, engine="pdfplumber", warnings=warnings)
