"""The default PDF engine: pypdfium2, read through pdfium's text page.

Speed matters (DESIGN.md measures us against pdfium's own text extraction), so the per-character
Python work is kept off the common path: the page's text comes out in one call, words are found
in it with a regular expression, and each word costs a few calls (its first and last character
boxes, and its text object, whose font is looked up once). Per-character boxes are fetched only
for words under a link rectangle and for words that span several text objects (where glued
words hide).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from credbridge.documents.limits import MAX_PDF_PAGES
from credbridge.documents.pdflayout import Box, PageText, Word, font_is_bold
from credbridge.errors import InputError

_WORD = re.compile(r"[^\s\ufffe]+\ufffe?|\ufffe")
_HYPHEN = "\ufffe"
"""pdfium's mark for a hyphen at the end of a line, after which it joins the next line."""
_MAX_CHARS = 2_000_000
"""Characters in a whole PDF; a resume has a few thousand a page."""


class OpenFailed(Exception):
    """pdfium could not open the file (other than for a password): worth a try with pdfplumber."""


@contextmanager
def read_pages(data: bytes, file: str) -> Iterator[list[PageText]]:
    """Pages of words and links, in pdfium's reading order, valid inside the `with` block.

    Words fetch character boxes lazily from pdfium's text pages, which close with the document.
    """
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == raw.FPDF_ERR_PASSWORD:
            raise InputError(f"{file}: encrypted PDF: a password is needed", code="pdf.encrypted") from None
        if exc.err_code == raw.FPDF_ERR_SECURITY:
            raise InputError(
                f"{file}: encrypted PDF: unsupported security handler", code="pdf.encrypted"
            ) from None
        raise OpenFailed(str(exc)) from None
    try:
        count = len(pdf)
        if count > MAX_PDF_PAGES:
            raise InputError(
                f"{file}: PDF has {count} pages; the limit is {MAX_PDF_PAGES}", code="input.too_large"
            )
        pages, chars = [], 0
        for number in range(count):
            page = pdf[number]
            pages.append(_read_page(pdf, page, number + 1))
            chars += sum(len(word.text) for word in pages[-1].words)
            if chars > _MAX_CHARS:
                raise InputError(f"{file}: PDF has more than {_MAX_CHARS} characters", code="input.too_large")
        yield pages
    finally:
        pdf.close()


def _read_page(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, number: int) -> PageText:
    width, height = page.get_size()
    textpage = page.get_textpage()
    words = _words(textpage, height)
    links = _links(pdf, page, height)
    has_images = not words and _has_images(page)
    return PageText(number, width, height, words, links, has_images)


def _words(textpage: pdfium.PdfTextPage, height: float) -> list[Word]:
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != count:
        # Rare: pdfium's text view and char list disagree; read the chars one by one instead.
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 0x20) for i in range(count))
    rect = raw.FS_RECTF()
    loose = raw.FPDFText_GetLooseCharBox
    object_of = raw.FPDFText_GetTextObject
    fonts: dict[int | None, tuple[float, str, bool]] = {}
    words = []
    previous_end = 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        text_object = object_of(textpage, start)
        obj_first = ctypes.cast(text_object, ctypes.c_void_p).value
        obj_last = ctypes.cast(object_of(textpage, end - 1), ctypes.c_void_p).value
        font = fonts.get(obj_first)
        if font is None:
            font = fonts[obj_first] = _font(textpage, start, text_object)
        loose(textpage, start, rect)
        x0, top, bottom = rect.left, height - rect.top, height - rect.bottom
        if end - start > 1:
            loose(textpage, end - 1, rect)
            top, bottom = min(top, height - rect.top), max(bottom, height - rect.bottom)
        x1 = rect.right
        gap = text[previous_end:start]
        word = match.group()
        words.append(
            Word(
                word.replace(_HYPHEN, "-"),
                x0,
                top,
                x1,
                bottom,
                font[0],
                font[1],
                font[2],
                "\n" in gap or "\r" in gap or text[start - 1 : start] == _HYPHEN,
                _CharBoxes(textpage, start, end, height),
                multi_object=obj_first != obj_last,
            )
        )
        previous_end = end
    return words


class _CharBoxes:
    """Per-character boxes of one word, fetched from pdfium only when asked, then kept."""

    __slots__ = ("_cache", "_end", "_height", "_start", "_textpage")

    def __init__(self, textpage: pdfium.PdfTextPage, start: int, end: int, height: float) -> None:
        self._textpage, self._start, self._end, self._height = textpage, start, end, height
        self._cache: dict[bool, list[Box]] = {}

    def __call__(self, advance: bool) -> list[Box]:
        if advance not in self._cache:
            self._cache[advance] = [self._box(i, advance) for i in range(self._start, self._end)]
        return self._cache[advance]

    def _box(self, index: int, advance: bool) -> Box:
        h = self._height
        if advance:
            rect = raw.FS_RECTF()
            raw.FPDFText_GetLooseCharBox(self._textpage, index, rect)
            return rect.left, h - rect.top, rect.right, h - rect.bottom
        left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        raw.FPDFText_GetCharBox(self._textpage, index, left, right, bottom, top)
        return left.value, h - top.value, right.value, h - bottom.value


def _font(textpage: pdfium.PdfTextPage, index: int, text_object: object) -> tuple[float, str, bool]:
    """Effective size (the Tf size scaled by the object's matrix, as pdfplumber reports), name, bold."""
    size = raw.FPDFText_GetFontSize(textpage, index)
    if text_object:
        matrix = raw.FS_MATRIX()
        if raw.FPDFPageObj_GetMatrix(text_object, matrix):
            size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
    flags = ctypes.c_int(0)
    length = raw.FPDFText_GetFontInfo(textpage, index, None, 0, flags)
    name = ""
    if length > 0:
        buffer = ctypes.create_string_buffer(length)
        raw.FPDFText_GetFontInfo(textpage, index, buffer, length, flags)
        name = buffer.value.decode("utf-8", errors="replace")
    weight = raw.FPDFText_GetFontWeight(textpage, index)
    return float(size), name, font_is_bold(name, weight, flags.value)


def _links(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, height: float) -> list[tuple[str, Box]]:
    links = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(page, position, link):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        length = raw.FPDFAction_GetURIPath(pdf, action, None, 0)
        if length <= 1:
            continue
        buffer = ctypes.create_string_buffer(length)
        raw.FPDFAction_GetURIPath(pdf, action, buffer, length)
        if not raw.FPDFLink_GetAnnotRect(link, rect):
            continue
        url = buffer.value.decode("utf-8", errors="replace").strip()
        left, right = sorted((rect.left, rect.right))
        low, high = sorted((rect.bottom, rect.top))
        links.append((url, (left, height - high, right, height - low)))
    return links


def _has_images(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2))
