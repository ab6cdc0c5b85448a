"""Engine-independent half of PDF reading: words -> repaired, split words -> lines with links.

Both engines (pypdfium2, pdfplumber) hand over pages of Words in their content order with
boxes in points from the top-left corner; everything after that (ligature and icon repairs,
splitting glued words, grouping words into lines, attaching link annotations by character
centres, dropping page numbers and running headers) happens here once, so the two engines
give the same Document for the same file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from credbridge.documents.limits import check_line_count
from credbridge.documents.repair import clean, is_page_number, repair
from credbridge.model import Diagnostic, Document, Hyperlink, Line

Box = tuple[float, float, float, float]
"""x0, top, x1, bottom in points, origin at the top-left of the page."""

GLUE_GAP_EM = 0.12
"""A gap between two characters' advance boxes wider than this (in ems) is a word space."""
SPACED_GAP_EM = 0.2
"""On a page that writes its word spaces as space glyphs, only a gap wider than this is a word
space (pdfium inserts one from about here): narrower gaps there are letter-spacing or kerning,
and splitting at them would break "C E R T I F I E D"-style headings into letters."""
LETTER_SPACING_EM = 0.4
"""Above this (in ems), a line's usual gap between one-letter pieces is between words."""
WORD_SPACE_EM = 0.15
"""A word space in letter-spaced type is at least this much (in ems) wider than a letter gap."""
COLUMN_GAP_EM = 3.0
"""A gap between words wider than this (in ems) ends the line: the rest is another column."""
MARGIN_SHARE = 0.09
"""Top and bottom share of the page where page numbers and running headers live."""
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]")
_RUNNING_LETTERS = 3
"""Letters a line needs to count as a running header or footer: with its digits read as any
number, a bare year or date would match every other one."""
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|extrabold", re.IGNORECASE)


@dataclass(slots=True)
class Word:
    """A word as an engine saw it, before any repair; or a whole line that pdfium drew as one
    text object (it may then hold spaces: nothing inside it needs measuring)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str
    bold: bool
    new_line: bool
    """The engine began a new line before this word."""
    start: int
    """Index of the word's first character in its page's character boxes (PageText.char_boxes)."""
    multi_object: bool = True
    """The word spans text objects with a gap between them, so it may hide glued words."""


@dataclass(slots=True)
class PageText:
    number: int
    width: float
    height: float
    words: list[Word]
    links: list[tuple[str, Box]]
    char_boxes: Callable[[int, int, bool], list[Box]]
    """Boxes of the page's characters start..end-1: advance boxes (True) to measure gaps, ink
    boxes (False) to test centres against link rectangles. Fetched only when needed."""
    has_images: bool = False


@dataclass(slots=True)
class _Piece:
    """A repaired word: its text, its source word and, per output char, the source char index."""

    text: str
    word: Word
    source: list[int] | None
    """None when the text is the word's own, character for character."""
    start: int = 0
    """Offset in its line's text."""


@dataclass(slots=True)
class _LineDraft:
    pieces: list[_Piece] = field(default_factory=list)
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    text: str = ""
    links: list[Hyperlink] = field(default_factory=list)


def spaces_are_glyphs(glyph_spaces: int, other_spaces: int) -> bool:
    """Whether a page writes (at least four in five of) its word spaces as space glyphs, rather
    than leaving gaps: then no word space hides in a gap narrower than SPACED_GAP_EM."""
    return glyph_spaces > 0 and glyph_spaces >= 4 * other_spaces


def font_is_bold(name: str, weight: int, flags: int) -> bool:
    """Bold by weight, by the name's style suffix, or by the ForceBold flag (bit 19)."""
    return weight >= 600 or bool(_BOLD_NAME.search(name)) or bool(flags & (1 << 18))


def base_font(name: str) -> str:
    """Font name without the subset tag ('ABCDEF+Roboto-Bold' -> 'Roboto-Bold')."""
    return _SUBSET_PREFIX.sub("", name)


def assemble(pages: list[PageText], *, file: str, engine: str, warnings: list[Diagnostic]) -> Document:
    """Turn pages of words into a Document."""
    drafts: list[tuple[PageText, list[_LineDraft]]] = []
    orphans: list[Hyperlink] = []
    for page in pages:
        # A damaged or hostile PDF can place text at NaN or infinity (a singular or NaN matrix):
        # such words have no place on the page to read them in.
        page.words = [w for w in page.words if all(map(math.isfinite, (w.x0, w.top, w.x1, w.bottom, w.size)))]
        lines = _lines(_pieces(page))
        orphans.extend(_attach_links(page, lines))
        drafts.append((page, lines))
    roles = _running_text(drafts)
    out: list[Line] = []
    for page, lines in drafts:
        for draft in lines:
            role = roles.get(id(draft), "")
            if role != "drop":
                out.append(_line(draft, page.number, len(out) + 1, role or None))
                check_line_count(len(out), file, "PDF")
    warnings.extend(_text_layer_warnings(pages, bool(out), file))
    first = pages[0] if pages else None
    return Document(
        file=file,
        format="pdf",
        engine=engine,
        pages=max(1, len(pages)),
        page_width=first.width if first else None,
        page_height=first.height if first else None,
        lines=out,
        links=orphans,
        warnings=warnings,
    )


def _text_layer_warnings(pages: list[PageText], has_text: bool, file: str) -> list[Diagnostic]:
    """Say when there is nothing to read, or when some pages are pictures of text (scans)."""
    if not pages:
        return [Diagnostic(code="pdf.no_text_layer", message="the PDF has no pages", file=file)]
    scanned = [page.number for page in pages if page.has_images]
    if not has_text:
        message = (
            "the PDF has no text layer (it looks scanned: pages are images); run OCR on it first"
            if scanned
            else "the PDF has no text to read"
        )
        return [Diagnostic(code="pdf.no_text_layer", message=message, file=file)]
    if scanned:
        numbers = ", ".join(map(str, scanned))
        message = f"page(s) {numbers} have no text layer (scanned images): their content was not read"
        return [Diagnostic(code="pdf.page_without_text", message=message, file=file)]
    return []


def _pieces(page: PageText) -> list[_Piece]:
    """Repair each word, and split the ones whose characters leave a word-sized gap."""
    pieces = []
    for word in page.words:
        for part in _split_glued(word, page) if word.multi_object else (word,):
            text, source = repair(part.text)
            if text.strip():
                pieces.append(_Piece(text, part, source))
    return pieces


def _split_glued(word: Word, page: PageText) -> list[Word]:
    if len(word.text) < 2 or not word.multi_object:
        return [word]
    boxes = page.char_boxes(word.start, word.start + len(word.text), True)
    gaps = [boxes[i][0] - boxes[i - 1][2] for i in range(1, len(boxes))]
    # Letter-spaced type ("A w a r d s" set with CSS letter-spacing) leaves a gap between every
    # two letters: a word space is then that much wider than the usual gap, not just wide.
    limit = GLUE_GAP_EM * word.size + max(0.0, sorted(gaps)[len(gaps) // 2])
    cuts = [i for i, gap in enumerate(gaps, start=1) if gap > limit]
    if not cuts:
        return [word]
    parts, start = [], 0
    for end in [*cuts, len(boxes)]:
        chunk = boxes[start:end]
        first, last = chunk[0], chunk[-1]
        parts.append(
            Word(
                word.text[start:end],
                first[0],
                word.top,
                last[2],
                word.bottom,
                word.size,
                word.font,
                word.bold,
                word.new_line and start == 0,
                word.start + start,
                multi_object=False,
            )
        )
        start = end
    return parts


def _lines(pieces: list[_Piece]) -> list[_LineDraft]:
    lines: list[_LineDraft] = []
    current: _LineDraft | None = None
    for piece in pieces:
        word = piece.word
        if current is not None and not word.new_line:
            last = current.pieces[-1].word
            height = min(word.bottom - word.top, current.bottom - current.top) or 1.0
            overlap = min(word.bottom, current.bottom) - max(word.top, current.top)
            gap = word.x0 - last.x1
            same_line = overlap >= 0.5 * height and -0.5 * word.size <= gap <= COLUMN_GAP_EM * word.size
        else:
            same_line = False
        if not same_line:
            current = _LineDraft(x0=word.x0, top=word.top, x1=word.x1, bottom=word.bottom)
            lines.append(current)
        else:
            assert current is not None
            current.x1 = max(current.x1, word.x1)
            current.x0 = min(current.x0, word.x0)
            current.top = min(current.top, word.top)
            current.bottom = max(current.bottom, word.bottom)
        current.pieces.append(piece)
    for line in lines:
        separators = _separators(line.pieces)
        position = 0
        parts = []
        for piece, separator in zip(line.pieces, separators, strict=True):
            position += len(separator)
            piece.start = position
            position += len(piece.text)
            parts += [separator, piece.text]
        line.text = "".join(parts)
    return lines


def _separators(pieces: list[_Piece]) -> list[str]:
    """What goes before each piece of a line: a space, or nothing between the letters of
    letter-spaced type that the engine handed over one letter at a time ("2 0 2 2 - 0 7")."""
    gaps = [(b.word.x0 - a.word.x1) / (b.word.size or 1.0) for a, b in pairwise(pieces)]
    # pdfium starts a new word after a hyphen whose next glyph is placed apart ("2022- 07- 14"
    # in letter-spaced type): a gap narrower than a word space there is no space.
    joined = [p.text.endswith("-") and 0 <= g < WORD_SPACE_EM for p, g in zip(pieces, gaps, strict=False)]
    plain = ["", *("" if glued else " " for glued in joined)]
    singles = sum(1 for piece in pieces if len(piece.text) == 1 and piece.text.isalnum())
    if len(pieces) < 3 or 2 * singles < len(pieces):
        return plain
    letter = sorted(gaps)[len(gaps) // 2]
    if letter <= 0 or letter > LETTER_SPACING_EM:
        return plain  # words set apart as words are: nothing to join
    return ["", *(" " if gap > letter + WORD_SPACE_EM else "" for gap in gaps)]


def _attach_links(page: PageText, lines: list[_LineDraft]) -> list[Hyperlink]:
    """Give each link annotation the characters whose centres fall in its rectangle."""
    orphans = []
    for raw_url, (lx0, ltop, lx1, lbottom) in page.links:
        url = clean(raw_url).strip()  # a link's URL reaches the profile like the text does
        attached = False
        for line in lines:
            if line.bottom < ltop or line.top > lbottom or line.x1 < lx0 or line.x0 > lx1:
                continue
            hits: list[int] = []
            for piece in line.pieces:
                word = piece.word
                if word.x1 < lx0 or word.x0 > lx1:
                    continue
                inside = {
                    i
                    for i, (x0, top, x1, bottom) in enumerate(
                        page.char_boxes(word.start, word.start + len(word.text), False)
                    )
                    if lx0 <= (x0 + x1) / 2 <= lx1 and ltop <= (top + bottom) / 2 <= lbottom
                }
                if piece.source is None:
                    hits.extend(piece.start + i for i in inside)
                else:
                    hits.extend(piece.start + j for j, src in enumerate(piece.source) if src in inside)
            if hits:
                start, end = min(hits), max(hits) + 1
                _add_link(line, Hyperlink(url=url, text=line.text[start:end], start=start, end=end))
                attached = True
        if not attached:
            orphans.append(Hyperlink(url=url))
    return orphans


def _add_link(line: _LineDraft, link: Hyperlink) -> None:
    """Record a link, merging it with an overlapping or adjacent one to the same URL."""
    for other in line.links:
        if other.url == link.url and other.start is not None and other.end is not None:
            assert link.start is not None and link.end is not None
            if link.start <= other.end + 1 and other.start <= link.end + 1:
                other.start, other.end = min(other.start, link.start), max(other.end, link.end)
                other.text = line.text[other.start : other.end]
                return
    line.links.append(link)
    line.links.sort(key=lambda item: item.start or 0)


def _running_text(drafts: list[tuple[PageText, list[_LineDraft]]]) -> dict[int, str]:
    """Page numbers are dropped; text repeated in the margins of several pages is kept once
    (text, with any number standing for any other: "Jane Roe - CV - 2 of 3")."""
    roles: dict[int, str] = {}
    seen: dict[str, list[_LineDraft]] = {}
    for page, lines in drafts:
        for line in lines:
            zone = _zone(line, page.height)
            if zone is None:
                continue
            if is_page_number(line.text):
                roles[id(line)] = "drop"
                continue
            if len(_LETTERS.findall(line.text)) < _RUNNING_LETTERS:
                continue  # "2018" atop two pages is a date column's, not a running header
            key = zone + ":" + _DIGITS.sub("#", line.text.lower())
            seen.setdefault(key, []).append(line)
    if len(drafts) < 2:
        return roles
    for key, lines in seen.items():
        if len(lines) >= 2:
            roles[id(lines[0])] = key.split(":", 1)[0]
            for line in lines[1:]:
                roles[id(line)] = "drop"
    return roles


def _zone(line: _LineDraft, height: float) -> str | None:
    if line.bottom <= height * MARGIN_SHARE:
        return "header"
    if line.top >= height * (1 - MARGIN_SHARE):
        return "footer"
    return None


def _line(draft: _LineDraft, page: int, index: int, role: str | None) -> Line:
    """The Line for a draft: size, font and weight are those of most of its characters."""
    sizes: dict[float, int] = {}
    fonts: dict[str, int] = {}
    bold = total = 0
    for piece in draft.pieces:
        word, weight = piece.word, len(piece.text)
        sizes[word.size] = sizes.get(word.size, 0) + weight
        fonts[word.font] = fonts.get(word.font, 0) + weight
        total += weight
        if word.bold:
            bold += weight
    size: float | None = max(sizes, key=sizes.__getitem__) if sizes else None
    return Line(
        text=draft.text,
        page=page,
        index=index,
        x0=round(draft.x0, 2),
        top=round(draft.top, 2),
        x1=round(draft.x1, 2),
        bottom=round(draft.bottom, 2),
        font_size=round(size, 1) if size is not None else None,
        bold=bold * 2 >= total > 0,
        font=base_font(max(fonts, key=fonts.__getitem__)) if fonts else None,
        role=role,  # type: ignore[arg-type]
        links=draft.links,
    )
