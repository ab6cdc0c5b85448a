"""The second PDF engine: pdfplumber (pdfminer.six), for files pdfium cannot open and by choice.

It is far slower, and its characters come as Python dicts anyway, so words are built here from
the characters with the same rules pdflayout applies to pdfium's words: a space character or a
gap wider than GLUE_GAP_EM ends a word, a jump in height or a step backwards ends a line.
"""

from __future__ import annotations

import contextlib
import io
import logging
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from credbridge.documents.limits import MAX_PDF_PAGES
from credbridge.documents.pdflayout import (
    GLUE_GAP_EM,
    SPACED_GAP_EM,
    Box,
    PageText,
    Word,
    font_is_bold,
    spaces_are_glyphs,
)
from credbridge.errors import InputError, UnreadableDocument

# pdfminer logs a warning for each defect it works around ("Invalid MediaBox in /Page, defaulting
# to US Letter"), some quoting the file's objects. Unconfigured, Python prints those on stderr
# (its last-resort handler), between the CLI's one-line messages. A NullHandler, as libraries
# are meant to have, stops that; an application that configures logging still receives them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


def read_pages(data: bytes, file: str) -> list[PageText]:
    """Pages of words and links, in content-stream order.

    pdfminer raises many unrelated types for damaged files (TypeError, ValueError, KeyError,
    pdfplumber's PdfminerException and MalformedPDFException, RecursionError for a page tree
    nested thousands deep): every one of them is UnreadableDocument here.
    """
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise _failure(file, exc) from None
    try:
        count = len(pdf.pages)
        if count > MAX_PDF_PAGES:
            raise InputError(
                f"{file}: PDF has {count} pages; the limit is {MAX_PDF_PAGES}", code="input.too_large"
            )
        return [_read_page(page) for page in pdf.pages]
    except (InputError, UnreadableDocument):
        raise
    except Exception as exc:
        raise _failure(file, exc) from None
    finally:
        _close_quietly(pdf)


def _close_quietly(pdf: Any) -> None:
    """Close without raising: pdfplumber's close() walks the page list again, so a page tree
    that could not be read fails the same way there (outside any handler, with a traceback,
    were it left to `with`). The data is in memory, so there is nothing else to release."""
    with contextlib.suppress(Exception):
        pdf.close()


def _failure(file: str, exc: Exception) -> InputError:
    """The error to raise for what pdfminer raised; pdfplumber wraps the cause in its args."""
    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    if any(isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) for cause in causes):
        return InputError(f"{file}: encrypted PDF: a password is needed", code="pdf.encrypted")
    if any(isinstance(cause, RecursionError) for cause in causes) or "recursion depth" in str(exc):
        return UnreadableDocument(f"{file}: damaged PDF: its objects are nested too deeply to read")
    return UnreadableDocument(f"{file}: damaged or truncated PDF ({_detail(exc)})")


def _detail(exc: Exception, limit: int = 160) -> str:
    """The exception as one short line: pdfminer puts whole dictionaries in its messages."""
    text = " ".join(f"{exc.__class__.__name__}: {exc}".split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read_page(page: Any) -> PageText:
    words, boxes = _words(page.chars)
    links = [
        (link["uri"].strip(), (link["x0"], link["top"], link["x1"], link["bottom"]))
        for link in page.hyperlinks
        if link.get("uri")
    ]
    return PageText(
        page.page_number,
        float(page.width),
        float(page.height),
        words,
        links,
        lambda start, end, _advance: boxes[start:end],
        bool(page.images),
    )


def _glyph(text: str) -> str:
    """pdfminer's '(cid:N)' for a code its encoding leaves undefined.

    The PDF specification maps every unused WinAnsiEncoding code above 040 to the bullet, which is
    what pdfium shows (fpdf2 writes its bullets that way); any other code is dropped.
    """
    if text.startswith("(cid:") and text.endswith(")"):
        code = text[5:-1]
        return "\u2022" if code.isdigit() and 0o40 < int(code) < 256 else ""
    return text


def _words(chars: list[dict[str, Any]]) -> tuple[list[Word], list[Box]]:
    """Words, and one box per character of their texts (pdfminer's boxes span the advance)."""
    words: list[Word] = []
    boxes: list[Box] = []
    gap_em = SPACED_GAP_EM if _spaces_are_glyphs(chars) else GLUE_GAP_EM
    run: list[tuple[str, dict[str, Any]]] = []
    new_line = True
    previous: dict[str, Any] | None = None
    for char in chars:
        text = _glyph(char["text"])
        if previous is not None:
            size = max(char["size"], 1.0)
            jumped = abs(char["top"] - previous["top"]) > 0.5 * size
            backwards = char["x0"] < previous["x0"] - 0.5 * size
            if jumped or backwards:
                _close(words, boxes, run, new_line)
                run, new_line = [], True
            elif run and char["x0"] - previous["x1"] > gap_em * size:
                _close(words, boxes, run, new_line)
                run, new_line = [], False
        if not text or text.isspace():
            if run:
                _close(words, boxes, run, new_line)
                run, new_line = [], False
        else:
            run.append((text, char))
        previous = char
    _close(words, boxes, run, new_line)
    return words, boxes


def _spaces_are_glyphs(chars: list[dict[str, Any]]) -> bool:
    """Count space glyphs against gaps wide enough that pdfium would insert a space there."""
    glyphs = gaps = 0
    previous: dict[str, Any] | None = None
    for char in chars:
        if char["text"].isspace():
            glyphs += 1
        elif previous is not None and not previous["text"].isspace():
            size = max(char["size"], 1.0)
            same_line = abs(char["top"] - previous["top"]) <= 0.5 * size
            if same_line and char["x0"] - previous["x1"] > SPACED_GAP_EM * size:
                gaps += 1
        previous = char
    return spaces_are_glyphs(glyphs, gaps)


def _close(
    words: list[Word], boxes: list[Box], run: list[tuple[str, dict[str, Any]]], new_line: bool
) -> None:
    if not run:
        return
    start = len(boxes)
    for text, char in run:
        # A glyph that stands for several characters (a ligature) lends its box to each of them.
        boxes.extend([(char["x0"], char["top"], char["x1"], char["bottom"])] * len(text))
    first = run[0][1]
    font = first["fontname"]
    words.append(
        Word(
            "".join(text for text, _ in run),
            min(char["x0"] for _, char in run),
            min(char["top"] for _, char in run),
            max(char["x1"] for _, char in run),
            max(char["bottom"] for _, char in run),
            float(first["size"]),
            font,
            font_is_bold(font, 0, 0),
            new_line,
            start,
            multi_object=False,
        )
    )
