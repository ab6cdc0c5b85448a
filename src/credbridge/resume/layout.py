"""Columns and reading order.

A LinkedIn "Save to PDF" export puts Contact, Top Skills and Certifications in a left sidebar
beside the main column; many templates are two-column. PDF readers hand lines over top to
bottom across the whole page, which interleaves the columns. Here we find, per page, a vertical
gutter that no line crosses, number the columns left to right, and read each column top to
bottom, so that the lines of a section stay together.

A gutter is only a gutter if the two sides are not rows of one table: in a single-column resume
with dates in a left margin ("2023   AWS Certified ..."), the date and the text share a baseline,
while columns of a real two-column layout mostly do not.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import pairwise

from credbridge.model import Document, Line

_MIN_SIDE_LINES = 3
"""Each column needs at least this many lines before we believe in it."""
_MAX_SHARED_BASELINES = 0.5
"""Above this share of left lines with a right-hand partner on the same baseline, it is a table."""
_STEP = 2.0


def _has_geometry(line: Line) -> bool:
    return None not in (line.x0, line.x1, line.top, line.bottom)


def _find_gutter(lines: list[Line], width: float) -> float | None:
    """The x of the widest vertical strip (almost) no line crosses, with lines on both sides."""
    best: tuple[float, float] | None = None  # (strip width, centre)
    run_start: float | None = None
    allowed = max(2, len(lines) // 10)  # a full-width name or footer may cross the gutter
    ends = sorted(ln.x1 for ln in lines)  # type: ignore[type-var]
    starts = sorted(ln.x0 for ln in lines)  # type: ignore[type-var]
    x = width * 0.12
    while x <= width * 0.88 + _STEP:
        left = bisect_right(ends, x)  # lines ending at or before x
        right = len(starts) - bisect_left(starts, x)  # lines starting at or after x
        crossers = len(lines) - left - right
        # A ragged right margin is no gutter: a gutter has text on both sides of it.
        crossing = x > width * 0.88 or crossers > allowed or min(left, right) < _MIN_SIDE_LINES
        if not crossing and run_start is None:
            run_start = x
        elif crossing and run_start is not None:
            strip = x - run_start
            if best is None or strip > best[0]:
                best = (strip, (run_start + x - _STEP) / 2)
            run_start = None
        x += _STEP
    if best is None or best[0] < 6:
        return None
    gutter = best[1]
    left = [ln for ln in lines if ln.x1 <= gutter]  # type: ignore[operator]
    right = [ln for ln in lines if ln.x0 >= gutter]  # type: ignore[operator]
    if len(left) < _MIN_SIDE_LINES or len(right) < _MIN_SIDE_LINES:
        return None
    right_tops = [ln.top for ln in right]
    shared = sum(1 for ln in left if any(abs(ln.top - t) < 2.5 for t in right_tops))  # type: ignore[operator]
    if shared / len(left) > _MAX_SHARED_BASELINES or not _dense(left):
        return None
    return gutter


def _dense(lines: list[Line]) -> bool:
    """Whether lines run on as text does, rather than standing apart as margin labels.

    Headings set in a left margin beside their sections ("Summary", "Experience", ...) leave
    several blank lines between them; a sidebar's lines follow one another.
    """
    tops = sorted(ln.top for ln in lines)  # type: ignore[type-var]
    pitches = sorted(b - a for a, b in pairwise(tops))  # type: ignore[operator]
    heights = sorted(ln.bottom - ln.top for ln in lines)  # type: ignore[operator]
    if not pitches:
        return False
    return pitches[len(pitches) // 2] <= 2.2 * heights[len(heights) // 2]


def _page_order(lines: list[Line], width: float) -> list[Line]:
    """Lines of one page in reading order, with their column numbers set."""
    framed = [ln for ln in lines if _has_geometry(ln)]
    if len(framed) != len(lines):
        return lines
    body = [ln for ln in framed if ln.role not in ("header", "footer")]
    gutter = _find_gutter(body, width) if body else None
    if gutter is None:
        return lines  # one column: the reader's order is the reading order

    right_start = min((ln.x0 for ln in body if ln.x0 >= gutter), default=gutter)  # type: ignore[type-var,operator]
    left_end = max((ln.x1 for ln in body if ln.x1 <= gutter), default=gutter)  # type: ignore[type-var,operator]

    def column(line: Line) -> int:
        if line.x1 <= gutter:  # type: ignore[operator]
            return 1
        if line.x0 >= gutter:  # type: ignore[operator]
            return 2
        # Crossing the gutter a little is still one column: full width means reaching into the
        # other column's text.
        if line.x1 < right_start + 10:  # type: ignore[operator]
            return 1
        if line.x0 > left_end - 10:  # type: ignore[operator]
            return 2
        return 0

    placed = [ln.model_copy(update={"column": column(ln)}) for ln in lines]
    columned = [ln for ln in placed if ln.column]
    region_top = min(ln.top for ln in columned)  # type: ignore[type-var]
    region_bottom = max(ln.bottom for ln in columned)  # type: ignore[type-var]

    def key(line: Line) -> tuple[int, int, float, float]:
        if line.column:
            return (1, line.column, line.top, line.x0)  # type: ignore[return-value]
        band = 0 if line.bottom <= region_top + 1 else (2 if line.top >= region_bottom - 1 else 1)  # type: ignore[operator]
        # A full-width line inside the column band (rare) is read with the main column.
        return (band, 2 if band == 1 else 0, line.top, line.x0)  # type: ignore[return-value]

    return sorted(placed, key=key)


def reading_order(document: Document) -> list[Line]:
    """The document's lines, columns set and ordered for reading (pages stay in order).

    Lines without geometry (DOCX, HTML, text) are already in reading order and are returned as
    they are.
    """
    by_page: dict[int, list[Line]] = defaultdict(list)
    for line in document.lines:
        by_page[line.page].append(line)
    width = document.page_width or max((ln.x1 or 0.0 for ln in document.lines), default=0.0)
    ordered: list[Line] = []
    for page in sorted(by_page):
        ordered.extend(_page_order(by_page[page], width) if width else by_page[page])
    return ordered


def column_edges(lines: list[Line]) -> dict[int, float]:
    """The right edge of the text in each column: where a wrapping line runs out of room."""
    edges: dict[int, float] = {}
    for line in lines:
        if line.x1 is not None and line.role not in ("header", "footer"):
            edges[line.column] = max(edges.get(line.column, line.x1), line.x1)
    return edges
