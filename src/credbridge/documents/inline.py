"""Build Lines from inline text pieces, for the readers whose formats have no geometry.

DOCX, HTML and text readers feed runs of text, some inside hyperlinks, into a LineBuilder; it
collapses whitespace the way a browser or word processor displays it and keeps each link's
anchor offsets exact in the final line text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from credbridge.documents.repair import clean
from credbridge.model import Hyperlink, Line

_WHITESPACE = re.compile(r"\s+")


@dataclass
class _OpenLink:
    url: str
    start: int


@dataclass
class LineBuilder:
    """Accumulates one line; `finish()` returns it (or None when it holds no text)."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    bold_chars: int = 0
    links: list[Hyperlink] = field(default_factory=list)
    open_link: _OpenLink | None = None
    orphan_links: list[Hyperlink] = field(default_factory=list)
    """Links that closed without covering any text (an icon link, an empty anchor)."""

    def add(self, text: str, *, bold: bool = False) -> None:
        text = _WHITESPACE.sub(" ", clean(text, icon_edges=True))
        if not text:
            return
        if text.startswith(" ") and (self.length == 0 or self.parts[-1].endswith(" ")):
            text = text[1:]
            if not text:
                return
        self.parts.append(text)
        self.length += len(text)
        if bold:
            self.bold_chars += len(text) - text.count(" ")

    def start_link(self, url: str) -> None:
        """Open a link here; its URL is repaired like text, as it is printed in the profile too."""
        self.end_link()
        self.open_link = _OpenLink(clean(url).strip(), self.length)

    def end_link(self) -> None:
        link, self.open_link = self.open_link, None
        if link is None or not link.url:
            return
        if self.length > link.start:
            self.links.append(Hyperlink(url=link.url, start=link.start, end=self.length))
        else:
            self.orphan_links.append(Hyperlink(url=link.url))

    def finish(self, **fields: object) -> Line | None:
        """Close the line; an open link goes on in the next line (carry it with `resume`)."""
        carried = self.open_link
        self.end_link()
        text = "".join(self.parts)
        stripped = text.strip()
        line = None
        if stripped:
            lead = len(text) - len(text.lstrip())
            links = []
            for link in self.links:
                # end_link() puts only links with both offsets in self.links
                assert link.start is not None and link.end is not None
                start = max(0, link.start - lead)
                end = min(len(stripped), link.end - lead)
                while end > start and stripped[end - 1] == " ":
                    end -= 1
                while start < end and stripped[start] == " ":
                    start += 1
                if end > start:
                    links.append(Hyperlink(url=link.url, text=stripped[start:end], start=start, end=end))
                else:
                    self.orphan_links.append(Hyperlink(url=link.url))
            bold = self.bold_chars >= len(stripped.replace(" ", "")) > 0
            line = Line(text=stripped, index=0, bold=bold, links=links, **fields)  # type: ignore[arg-type]
        self.parts, self.length, self.bold_chars, self.links = [], 0, 0, []
        if carried is not None:
            self.open_link = _OpenLink(carried.url, 0)
        return line


def renumber(lines: list[Line]) -> list[Line]:
    """Give lines their 1-based reading-order index."""
    for number, line in enumerate(lines, start=1):
        line.index = number
    return lines
