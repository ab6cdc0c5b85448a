"""The default PDF engine: pypdfium2, read through pdfium's text page.

Speed matters (DESIGN.md measures us against pdfium's own text extraction), so per-character
Python work is kept off the common path: each page's text comes out in one call and is split
with regular expressions. A line that pdfium built from one text object becomes one run (one
style, nothing glued, no gap to measure); other lines are split into words. Each run or word
costs four calls into pdfium: the text objects of its first and last characters (a text
object's style is looked up once), the origin of its first character and the advance box of
its last. Character boxes are fetched only for words under a link rectangle and for words whose
text objects leave a gap (where glued words hide). Pages and text pages are opened through the
raw API and closed explicitly, which skips the helper objects' finalizer bookkeeping.
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from credbridge.documents.limits import MAX_PDF_PAGES
from credbridge.documents.pdflayout import GLUE_GAP_EM, Box, PageText, Word, font_is_bold, spaces_are_glyphs
from credbridge.errors import InputError, UnreadableDocument

_WORD = re.compile(r"[^\s\ufffe]+\ufffe?|\ufffe")
_HYPHEN = "\ufffe"
"""pdfium's mark for a hyphen at the end of a line, after which it joins the next line."""
_SEGMENT = re.compile(r"[^\r\n\ufffe]*\ufffe|[^\r\n\ufffe]+")
"""One of pdfium's lines: up to a line break, or up to and including a line-end hyphen."""
_MAX_CHARS = 2_000_000
"""Characters in a whole PDF; a resume has a few thousand a page."""


def _by_address(name: str, argtypes: tuple[object, ...], restype: object) -> Any:
    """A private copy of a pdfium function that passes page and font objects as plain int
    addresses: the bindings' pointer types need a ctypes.cast per call (slower than the call)
    to compare two objects or to key a cache. None when the bindings are laid out otherwise."""
    try:
        from pypdfium2_raw.bindings import _libs

        function = _libs["pdfium"][name]
    except (ImportError, KeyError, AttributeError, TypeError):
        return None
    function.argtypes, function.restype = argtypes, restype
    return function


def _cast_text_object(textpage: object, index: int) -> int | None:
    return ctypes.cast(raw.FPDFText_GetTextObject(textpage, index), ctypes.c_void_p).value


def _cast_font(address: int) -> int | None:
    font = raw.FPDFTextObj_GetFont(ctypes.cast(address, raw.FPDF_PAGEOBJECT))
    return ctypes.cast(font, ctypes.c_void_p).value


_text_object = (
    _by_address("FPDFText_GetTextObject", (raw.FPDF_TEXTPAGE, ctypes.c_int), ctypes.c_void_p)
    or _cast_text_object
)
_object_font = _by_address("FPDFTextObj_GetFont", (ctypes.c_void_p,), ctypes.c_void_p) or _cast_font


def _cast_descent(address: int, size: float, descent: object) -> int:
    return raw.FPDFFont_GetDescent(ctypes.cast(address, raw.FPDF_FONT), size, descent)


_font_descent = (
    _by_address(
        "FPDFFont_GetDescent", (ctypes.c_void_p, ctypes.c_float, ctypes.POINTER(ctypes.c_float)), ctypes.c_int
    )
    or _cast_descent
)

Style = tuple[float, str, bool, float]
"""Effective font size, font name, bold, and the font's descent at that size (negative)."""
_PDFIUM_LOCK = threading.Lock()


class OpenFailed(Exception):
    """pdfium could not open the file (other than for a password): worth a try with pdfplumber."""


@contextmanager
def read_pages(data: bytes, file: str) -> Iterator[list[PageText]]:
    """Pages of words and links, in pdfium's reading order, valid inside the `with` block.

    Words fetch character boxes lazily from pdfium's text pages, which close on leaving it.
    pdfium is not thread-safe, so the whole block holds one process-wide lock (the API's thread
    pool may read two PDFs at once; its process pool and the CLI never wait on it).
    """
    with _PDFIUM_LOCK:
        yield from _read_pages(data, file)


def _read_pages(data: bytes, file: str) -> Iterator[list[PageText]]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise InputError(f"{file}: encrypted PDF: a password is needed", code="pdf.encrypted") from None
        raise OpenFailed(str(exc)) from None
    with ExitStack() as closing:
        closing.callback(pdf.close)
        count = len(pdf)
        if count > MAX_PDF_PAGES:
            raise InputError(
                f"{file}: PDF has {count} pages; the limit is {MAX_PDF_PAGES}", code="input.too_large"
            )
        pages, chars = [], 0
        for number in range(count):
            page = raw.FPDF_LoadPage(pdf, number)
            if not page:
                raise UnreadableDocument(f"{file}: damaged PDF: page {number + 1} cannot be loaded")
            closing.callback(raw.FPDF_ClosePage, page)
            textpage = raw.FPDFText_LoadPage(page)
            if not textpage:
                raise UnreadableDocument(f"{file}: damaged PDF: the text of page {number + 1} cannot be read")
            closing.callback(raw.FPDFText_ClosePage, textpage)
            pages.append(_read_page(pdf, page, textpage, number + 1))
            chars += sum(len(word.text) for word in pages[-1].words)
            if chars > _MAX_CHARS:
                raise InputError(f"{file}: PDF has more than {_MAX_CHARS} characters", code="input.too_large")
        yield pages


def _read_page(pdf: pdfium.PdfDocument, page: object, textpage: object, number: int) -> PageText:
    # Coordinates are measured from the top-left corner of the MediaBox, as pdfplumber does.
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if raw.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        origin = (left.value, top.value)
        width, height = right.value - left.value, top.value - bottom.value
    else:
        width, height = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
        origin = (0.0, height)
    words = _words(textpage, origin)
    links = _links(pdf, page, origin)
    has_images = not words and _has_images(page)
    return PageText(number, width, height, words, links, _CharBoxes(textpage, origin), has_images)


def _words(textpage: object, origin: tuple[float, float]) -> list[Word]:
    """Words (or whole one-object lines) of a text page; boxes measured from `origin`, the
    page's top-left corner in PDF coordinates."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = bytes(memoryview(buffer).cast("B")[: max(0, written - 1) * 2]).decode(
        "utf-16-le", errors="replace"
    )
    if len(text) != count and written - 1 == count:
        # pdfium counts UTF-16 units: a character beyond the BMP (an emoji, a supplementary-plane
        # icon) is two of its chars, which decoding made one. Keep one str char per pdfium char,
        # so that indexes still address character boxes; repair() joins the two halves again.
        text = "".join(map(chr, buffer[:count]))
    if len(text) != count:
        # Rare: pdfium's text view and its char list disagree; read the chars one by one instead.
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 0x20) for i in range(count))
    if _HYPHEN in text:
        text = _unmapped_to_nul(textpage, text)
    reader = _WordReader(textpage, origin, text, glue=not _spaces_are_glyphs(textpage, text))
    for segment in _SEGMENT.finditer(text):
        start, end = segment.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if raw.FPDFText_CountRects(textpage, start, end - start) == 1 and not _gap_inside(
            textpage, text, start, end
        ):
            # The whole line is one text object with no positioning gap in it (its spaces are
            # glyphs): one style, nothing glued, no column gap to measure.
            reader.add(start, end, new_line=True, single_object=True)
            continue
        for number, match in enumerate(_WORD.finditer(text, start, end)):
            reader.add(*match.span(), new_line=number == 0, single_object=False)
    return reader.words


def _gap_inside(textpage: object, text: str, start: int, end: int) -> bool:
    """Whether pdfium inserted a space in the range: a gap left by positioning (TJ) inside one
    text object, which may be as wide as a column's."""
    position = text.find(" ", start, end)
    while position != -1:
        if raw.FPDFText_IsGenerated(textpage, position) == 1:
            return True
        position = text.find(" ", position + 1, end)
    return False


def _spaces_are_glyphs(textpage: object, text: str) -> bool:
    """Sample the page's first spaces: pdfium marks the ones it inserted for gaps as generated."""
    sample = [index for index, char in zip(range(4096), text, strict=False) if char == " "][:32]
    generated = sum(1 for index in sample if raw.FPDFText_IsGenerated(textpage, index) == 1)
    return spaces_are_glyphs(len(sample) - generated, generated)


class _WordReader:
    """Makes Words from character ranges of one text page, style from the first character's
    text object (cached). Horizontally a word runs from its first character's origin to the end
    of its last character's advance; vertically from the baseline's descent to one font size
    above it, which is pdfminer's box, so both engines agree on every font (pdfium's own loose
    boxes follow glyph outlines in some fonts, and line tops would wobble)."""

    def __init__(self, textpage: object, origin: tuple[float, float], text: str, *, glue: bool) -> None:
        self.textpage, self.text, self.glue = textpage, text, glue
        self.left, self.top = origin
        self.rect = raw.FS_RECTF()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.styles: dict[int | None, Style] = {}
        self.fonts: dict[int | None, tuple[str, bool]] = {}
        self.words: list[Word] = []

    def add(self, start: int, end: int, *, new_line: bool, single_object: bool) -> None:
        textpage, rect, left, page_top = self.textpage, self.rect, self.left, self.top
        first = _text_object(textpage, start)
        multi = (
            self.glue and not single_object and end - start > 1 and _text_object(textpage, end - 1) != first
        )
        style = self.styles.get(first)
        if style is None:
            style = self.styles[first] = _style(textpage, start, first, self.fonts)
        if multi:
            multi = _may_be_glued(textpage, start, end, GLUE_GAP_EM * style[0])
        raw.FPDFText_GetCharOrigin(textpage, start, self.x, self.y)
        raw.FPDFText_GetLooseCharBox(textpage, end - 1, rect)
        bottom = page_top - (self.y.value + style[3])
        text = self.text[start:end].replace(_HYPHEN, "-")
        self.words.append(
            Word(
                text,
                self.x.value - left,
                bottom - style[0],
                rect.right - left,
                bottom,
                style[0],
                style[1],
                style[2],
                new_line,
                start,
                multi_object=multi,
            )
        )


def _unmapped_to_nul(textpage: object, text: str) -> str:
    """pdfium shows U+FFFE both for a line-end hyphen and for a glyph with no Unicode mapping
    (a ligature whose ToUnicode entry is 0, say); the latter becomes NUL, which repair reads."""
    chars = list(text)
    for index, char in enumerate(chars):
        if char == _HYPHEN and not raw.FPDFText_IsHyphen(textpage, index):
            chars[index] = "\x00"
    return "".join(chars)


def _may_be_glued(textpage: object, start: int, end: int, limit: float) -> bool:
    """Whether a word spanning several text objects has a gap wider than `limit` between two of
    them. pdfium gives one rectangle per text object in a range (two or three calls in all,
    instead of one per character); ink gaps are at least as wide as advance gaps, so a word whose
    rectangles all touch cannot hide a word space, and pdflayout need not fetch its characters."""
    count = raw.FPDFText_CountRects(textpage, start, end - start)
    if count >= end - start - 1:
        # About one object per glyph (Skia's way): the exact check on advance boxes costs no more.
        rect = raw.FS_RECTF()
        raw.FPDFText_GetLooseCharBox(textpage, start, rect)
        previous = rect.right
        for index in range(start + 1, end):
            raw.FPDFText_GetLooseCharBox(textpage, index, rect)
            if rect.left - previous > limit:
                return True
            previous = rect.right
        return False
    left, top, right, bottom = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    previous_right = None
    for index in range(max(0, count)):
        if not raw.FPDFText_GetRect(textpage, index, left, top, right, bottom):
            return True
        if previous_right is not None and left.value - previous_right > limit:
            return True
        previous_right = right.value
    return False


class _CharBoxes:
    """A page's character boxes, asked for by range, in points from the top-left corner."""

    __slots__ = ("_origin", "_textpage")

    def __init__(self, textpage: object, origin: tuple[float, float]) -> None:
        self._textpage, self._origin = textpage, origin

    def __call__(self, start: int, end: int, advance: bool) -> list[Box]:
        (x, h), textpage, boxes = self._origin, self._textpage, []
        if advance:
            rect = raw.FS_RECTF()
            for index in range(start, end):
                raw.FPDFText_GetLooseCharBox(textpage, index, rect)
                boxes.append((rect.left - x, h - rect.top, rect.right - x, h - rect.bottom))
        else:
            left, right, bottom, top = (
                ctypes.c_double(),
                ctypes.c_double(),
                ctypes.c_double(),
                ctypes.c_double(),
            )
            for index in range(start, end):
                raw.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
                boxes.append((left.value - x, h - top.value, right.value - x, h - bottom.value))
        return boxes


def _style(
    textpage: object, index: int, address: int | None, fonts: dict[int | None, tuple[str, bool]]
) -> Style:
    """Effective size (the Tf size scaled by the character's matrix in page space, as pdfplumber
    reports), name, bold. The character's matrix, not its text object's: inside a form XObject
    the object's matrix leaves out the form's own (Chromium draws whole blocks that way)."""
    size = raw.FPDFText_GetFontSize(textpage, index)
    matrix = raw.FS_MATRIX()
    if raw.FPDFText_GetMatrix(textpage, index, matrix):
        size *= abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
    key = None
    if address:
        key = _object_font(address)
    if key not in fonts:
        fonts[key] = _font(textpage, index)
    name, bold = fonts[key]
    descent = ctypes.c_float(0.0)
    if key is not None and not _font_descent(key, size, descent):
        descent.value = 0.0
    return float(size), name, bold, min(0.0, descent.value)


def _font(textpage: object, index: int) -> tuple[str, bool]:
    flags = ctypes.c_int(0)
    length = raw.FPDFText_GetFontInfo(textpage, index, None, 0, flags)
    name = ""
    if length > 0:
        buffer = ctypes.create_string_buffer(length)
        raw.FPDFText_GetFontInfo(textpage, index, buffer, length, flags)
        name = buffer.value.decode("utf-8", errors="replace")
    return name, font_is_bold(name, raw.FPDFText_GetFontWeight(textpage, index), flags.value)


def _links(pdf: pdfium.PdfDocument, page: object, origin: tuple[float, float]) -> list[tuple[str, Box]]:
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
        x, y = origin
        links.append((url, (left - x, y - high, right - x, y - low)))
    return links


def _has_images(page: object) -> bool:
    return any(
        raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, i)) == raw.FPDF_PAGEOBJ_IMAGE
        for i in range(raw.FPDFPage_CountObjects(page))
    )
