"""Geometry shared by the heading and entry stages: how lines of one page and column stack."""

from __future__ import annotations

from credbridge.model import Line


def gap(above: Line, line: Line) -> float | None:
    """Blank space between two lines of one page and column, None when unknown (a reader
    without geometry, another page or another column)."""
    if None in (above.bottom, line.top) or above.page != line.page or above.column != line.column:
        return None
    return line.top - above.bottom  # type: ignore[operator]
