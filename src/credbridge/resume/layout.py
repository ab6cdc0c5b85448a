"""Columns, blocks and reading order, from the positions of the lines alone.

PDF readers hand lines over in content-stream order, and producers draw in any order they like:
a browser may draw every sidebar heading after the text beside it, a LinkedIn export puts
Contact, Top Skills and Certifications in a left sidebar beside the main column, a template
draws a grid of entries row by row. So the reading order is computed from geometry, in the
manner of a recursive XY-cut:

1. Columns. In a region, find the vertical gutter that (almost) no line crosses, with text on
   both sides; read the lines above the columns, each column, then the lines below, and cut
   each of those again (a sidebar beside a main column that holds a grid of two entries per
   row). A gutter is only a gutter if the two sides are not the cells of one table (left lines
   mostly share a row with a right-hand line) and each side runs on as text does
   rather than standing apart as margin labels (headings or dates set in a margin).
2. Blocks. Where no gutter is left, lines that the producer drew one after another and that
   stack (the next line just below, overlapping horizontally) form a block: a paragraph, a
   table cell, one entry. Blocks are read top to bottom, and blocks that start on the same
   row left to right; each block keeps its own line order. A heading drawn after its section,
   or a date set in the margin beside an entry, so lands where the eye finds it.

DOCX, HTML and text lines have no geometry: they are in reading order already.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import count, pairwise

from credbridge.model import Document, Line
from credbridge.resume.sections import heading_kind

_MIN_SIDE_LINES = 3
"""Each column needs at least this many lines before we believe in it."""
_GRID_SIDE_LINES = 2
"""A side of a grid of sections needs its heading and one line."""
_MAX_SHARED_BASELINES = 0.5
"""Above this share of left lines with a right-hand partner on the same baseline, it is a table."""
_STEP = 2.0
_MAX_STEPS = 2000
"""Steps of the gutter search at most: 4,000 points at _STEP, wider than any paper size (A0 is
2,384 points)."""
_MIN_GUTTER = 6.0
"""Points of white between two columns, at least."""
_ALIGNED = 1.0
"""Lines whose tops (or bottoms, for type of another size) are this close sit on one row."""
_MAX_DEPTH = 4
"""Columns inside columns at most this deep (a sidebar, a main column, a grid inside it)."""
_BAND_BLANK = 1.5
"""White this many line heights tall, across a whole region, parts two bands of it."""
_BLOCK_GAP = 1.0
"""A line more than this many line heights below the one before it starts a new block."""


def _has_geometry(line: Line) -> bool:
    return None not in (line.x0, line.x1, line.top, line.bottom)


def _find_gutter(
    lines: list[Line], *, rows_apart: bool = True, side_lines: int = _MIN_SIDE_LINES, dense: bool = True
) -> float | None:
    """The x of the widest vertical strip (almost) no line crosses that parts two columns
    (whose lines do not pair up in rows, unless `rows_apart` is False, and run on as text does,
    unless `dense` is False), with at least `side_lines` lines on each side."""
    if len(lines) < 2 * side_lines:
        return None
    for gutter in _strips(lines, side_lines):
        left_side = [ln for ln in lines if ln.x1 <= gutter]  # type: ignore[operator]
        right_side = [ln for ln in lines if ln.x0 >= gutter]  # type: ignore[operator]
        if (
            min(len(left_side), len(right_side)) >= side_lines
            and not (rows_apart and _shared(left_side, right_side))
            and (not dense or (_dense(left_side) and _dense(right_side)))
        ):
            return gutter
    return None


def _strips(lines: list[Line], side_lines: int) -> list[float]:
    """The centres of the vertical strips (almost) no line crosses, with lines on both sides,
    widest first."""
    lo = min(ln.x0 for ln in lines)  # type: ignore[type-var]
    hi = max(ln.x1 for ln in lines)  # type: ignore[type-var]
    strips: list[tuple[float, float]] = []  # (strip width, centre)
    run_start: float | None = None
    allowed = max(2, len(lines) // 10)  # a full-width name or footer may cross the gutter
    ends = sorted(ln.x1 or 0.0 for ln in lines)
    starts = sorted(ln.x0 or 0.0 for ln in lines)
    # Steps of _STEP on any real page; a page whose text is spread over a huge range (drawn far
    # off the page) gets at most _MAX_STEPS steps, so that the walk stays bounded.
    step = max(_STEP, (hi - lo) / _MAX_STEPS)  # type: ignore[operator]
    x = lo + (hi - lo) * 0.05  # type: ignore[operator]
    while x <= hi + step:  # type: ignore[operator]
        left = bisect_right(ends, x)  # lines ending at or before x
        right = len(starts) - bisect_left(starts, x)  # lines starting at or after x
        crossers = len(lines) - left - right
        # A ragged right margin is no gutter: a gutter has text on both sides of it.
        crossing = crossers > allowed or min(left, right) < side_lines
        if not crossing and run_start is None:
            run_start = x
        elif crossing and run_start is not None:
            if x - run_start >= _MIN_GUTTER:
                strips.append((x - run_start, (run_start + x - step) / 2))
            run_start = None
        x += step
    return [centre for _, centre in sorted(strips, reverse=True)]


def _shared(side: list[Line], other: list[Line]) -> bool:
    """Whether most lines of the left side share a row with a line of the right: the cells of
    one table, or dates set in a left margin beside their entries, not two columns. (Dates in a
    right margin fail the density test; a main column beside a sidebar shares rows by chance.)"""
    tops = sorted(ln.top or 0.0 for ln in other)
    bottoms = sorted(ln.bottom or 0.0 for ln in other)
    shared = sum(1 for line in side if _near(tops, line.top or 0.0) or _near(bottoms, line.bottom or 0.0))
    return shared / len(side) > _MAX_SHARED_BASELINES


def _near(values: list[float], value: float) -> bool:
    """Whether a sorted list holds a value within _ALIGNED of `value`."""
    at = bisect_left(values, value - _ALIGNED)
    return at < len(values) and values[at] <= value + _ALIGNED


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


def _stacks(above: Line, line: Line) -> bool:
    """Whether `line` continues the block that `above` ends: just below it, overlapping it."""
    height = above.bottom - above.top or 1.0  # type: ignore[operator]
    drop = line.top - above.top  # type: ignore[operator]
    gap = line.top - above.bottom  # type: ignore[operator]
    overlaps = line.x0 < above.x1 and line.x1 > above.x0  # type: ignore[operator]
    return overlaps and drop > 0.5 * height and gap <= _BLOCK_GAP * height


def _blocks(lines: list[Line]) -> list[Line]:
    """Lines in block order (module docstring, step 2)."""
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks and _stacks(blocks[-1][-1], line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    keys = [_block_key(blocks, i) for i in range(len(blocks))]
    ranked = sorted(zip(keys, blocks, strict=True), key=lambda pair: pair[0])
    ordered: list[Line] = []
    row: list[tuple[float, list[Line]]] = []
    for key, block in ranked:
        if row:
            lead = row[0][1][0]
            height = min(block[0].bottom - block[0].top, lead.bottom - lead.top)  # type: ignore[operator]
            if key - row[0][0] > 0.5 * height:
                ordered += [ln for _, b in sorted(row, key=lambda pair: pair[1][0].x0) for ln in b]  # type: ignore[arg-type,return-value]
                row = []
        row.append((key, block))
    ordered += [ln for _, b in sorted(row, key=lambda pair: pair[1][0].x0) for ln in b]  # type: ignore[arg-type,return-value]
    return ordered


def _beside(a: list[Line], b: list[Line]) -> bool:
    """Whether two blocks sit side by side (no horizontal overlap)."""
    return max(ln.x1 for ln in a) <= min(ln.x0 for ln in b) or max(ln.x1 for ln in b) <= min(  # type: ignore[type-var,operator]
        ln.x0 for ln in a
    )


def _block_key(blocks: list[list[Line]], index: int) -> float:
    """Where a block sorts: its top, except for a label the producer drew just before the text
    to its right that starts higher (a heading centred on its section in a left margin): the label
    then stays before that text, unless that would lift it above the label before it."""
    block = blocks[index]
    top = block[0].top or 0.0
    if index + 1 == len(blocks):
        return top
    after = blocks[index + 1]
    after_top = after[0].top or 0.0
    if after_top >= top or max(ln.x1 or 0.0 for ln in block) > min(ln.x0 or 0.0 for ln in after):
        return top  # only a label to the left of the text it was drawn before
    floor = max(
        (
            other[0].top or 0.0
            for other in blocks
            if other is not block and (other[0].top or 0.0) < top and not _beside(other, block)
        ),
        default=float("-inf"),
    )
    return after_top - 0.01 if after_top > floor else top


def _bands(lines: list[Line]) -> list[list[Line]]:
    """The region cut across at every blank of _BAND_BLANK line heights or more that no line
    spans; one band (nothing to cut) gives an empty list."""
    framed = sorted(lines, key=lambda ln: ln.top or 0.0)
    heights = sorted((ln.bottom or 0.0) - (ln.top or 0.0) for ln in framed)
    blank = _BAND_BLANK * heights[len(heights) // 2] if heights else 0.0
    bands: list[list[Line]] = []
    reach = float("-inf")
    for line in framed:
        if not bands or (line.top or 0.0) - reach >= blank:
            bands.append([])
        bands[-1].append(line)
        reach = max(reach, line.bottom or 0.0)
    return bands if len(bands) > 1 else []


def _grid_gutter(band: list[Line]) -> float | None:
    """The gutter of a band that holds sections side by side ("Key Skills" beside
    "Certificates", each a narrow list): a gutter parts it, and each side opens with a section
    heading, which is evidence enough for a side of a heading and one entry, spaced as it may
    be. Rows that a gutter parts without headings on top are a table's, read across."""
    gutter = _find_gutter(band, rows_apart=False, side_lines=_GRID_SIDE_LINES, dense=False)
    if gutter is None:
        return None
    sides = _sides(band, gutter)
    headed = all(
        sides[side] and heading_kind(min(sides[side], key=lambda ln: ln.top or 0.0).text, styled=True)
        for side in (1, 2)
    )
    return gutter if headed else None


def _sides(lines: list[Line], gutter: float) -> dict[int, list[Line]]:
    """The lines left of a gutter (1), right of it (2) and across it (0). Crossing the gutter
    a little is still one column (a heading longer than its narrow list): a line is across only
    when it reaches into the other column's text."""
    body = [ln for ln in lines if ln.role not in ("header", "footer")]
    right_start = min((ln.x0 for ln in body if ln.x0 >= gutter), default=gutter)  # type: ignore[type-var,operator]
    left_end = max((ln.x1 for ln in body if ln.x1 <= gutter), default=gutter)  # type: ignore[type-var,operator]
    sides: dict[int, list[Line]] = {0: [], 1: [], 2: []}
    for line in lines:
        if line.x1 <= gutter:  # type: ignore[operator]
            sides[1].append(line)
        elif line.x0 >= gutter:  # type: ignore[operator]
            sides[2].append(line)
        elif line.x1 < right_start + 10:  # type: ignore[operator]
            sides[1].append(line)
        elif line.x0 > left_end - 10:  # type: ignore[operator]
            sides[2].append(line)
        else:
            sides[0].append(line)
    return sides


def _cut(
    lines: list[Line], column: int, numbers: count[int], depth: int, gutter: float | None = None
) -> list[Line]:
    """Lines of one region in reading order, their column numbers set (module docstring); a
    region known to be a grid of sections comes with its gutter."""
    body = [ln for ln in lines if ln.role not in ("header", "footer")]
    if gutter is None and depth < _MAX_DEPTH:
        gutter = _find_gutter(body)
    if gutter is None and depth < _MAX_DEPTH:
        # A grid of sections in a band of the region (skills beside certificates, languages
        # below both) is cut out first, so that it is read before the band below it.
        bands = _bands(body)
        grids = [_grid_gutter(band) for band in bands]
        if any(grid is not None for grid in grids):
            return [
                ln
                for band, grid in zip(bands, grids, strict=True)
                for ln in _cut(band, column, numbers, depth + 1, grid)
            ]
        gutter = _grid_gutter(body)
    if gutter is None:
        placed = lines if depth == 0 else [ln.model_copy(update={"column": column}) for ln in lines]
        return _blocks(placed)

    sides = _sides(lines, gutter)
    top = min(ln.top for ln in sides[1] + sides[2])  # type: ignore[type-var]
    bottom = max(ln.bottom for ln in sides[1] + sides[2])  # type: ignore[type-var]
    above = [ln for ln in sides[0] if ln.bottom <= top + 1]  # type: ignore[operator]
    below = [ln for ln in sides[0] if ln.top >= bottom - 1 and ln not in above]  # type: ignore[operator]
    inside = [ln for ln in sides[0] if ln not in above and ln not in below]
    if inside:
        # A line across both columns inside their band interrupts them (a full-width summary
        # between a header's two columns): the band is cut across at it, above and below read
        # on their own, as an XY-cut does.
        crosser = min(inside, key=lambda ln: ln.top)  # type: ignore[arg-type,return-value]
        rest = [ln for ln in lines if ln is not crosser]
        upper = [ln for ln in rest if ln.bottom <= crosser.top + 1]  # type: ignore[operator]
        lower = [ln for ln in rest if ln not in upper]
        across = crosser if depth == 0 else crosser.model_copy(update={"column": column})
        return [*_cut(upper, column, numbers, depth + 1), across, *_cut(lower, column, numbers, depth + 1)]
    left, right = next(numbers), next(numbers)
    return (
        _cut(above, column, numbers, depth + 1)
        + _cut(sides[1], left, numbers, depth + 1)
        + _cut(sides[2], right, numbers, depth + 1)
        + _cut(below, column, numbers, depth + 1)
    )


def _page_order(lines: list[Line]) -> list[Line]:
    """Lines of one page in reading order, with their column numbers set."""
    if not all(_has_geometry(ln) for ln in lines):
        return lines
    return _cut(lines, 0, count(1), 0)


def reading_order(document: Document) -> list[Line]:
    """The document's lines, columns set and ordered for reading (pages stay in order).

    Lines without geometry (DOCX, HTML, text) are already in reading order and are returned as
    they are.
    """
    by_page: dict[int, list[Line]] = defaultdict(list)
    for line in document.lines:
        by_page[line.page].append(line)
    ordered: list[Line] = []
    for page in sorted(by_page):
        ordered.extend(_page_order(by_page[page]))
    return ordered


def column_edges(lines: list[Line]) -> dict[int, float]:
    """The right edge of the text in each column: where a wrapping line runs out of room."""
    edges: dict[int, float] = {}
    for line in lines:
        if line.x1 is not None and line.role not in ("header", "footer"):
            edges[line.column] = max(edges.get(line.column, line.x1), line.x1)
    return edges
