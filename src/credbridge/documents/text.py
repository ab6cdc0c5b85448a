"""Plain text and Markdown: one Line per non-blank line, bare URLs and [text](url) as links.

A text upload may be one megabyte on a single line, so every pattern here runs in time linear in
the line: no two quantifiers may compete for the same characters (possessive quantifiers, `++`,
where they would), and no pattern may scan past the point where a later attempt would start
(an anchor stops at the next "[", an autolink at the next "<", a bold span at the next "**").
Trailing markers are stripped with str methods instead of lazy groups before a whitespace tail,
which backtracked over every split of a run of spaces (cubic for a heading).
"""

from __future__ import annotations

import re

from credbridge.documents.detect import decode_text
from credbridge.documents.inline import LineBuilder, renumber
from credbridge.documents.limits import check_line_count
from credbridge.model import Document, Hyperlink, Line

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
"""An ATX heading's opening; its closing #s and spaces are stripped by _heading_text."""
_BULLET = re.compile(r"^\s*(?:[-*+•▪◦‣·]|\d{1,2}[.)])\s+")
_UNDERLINE = re.compile(r"^\s{0,3}(=|-)\1+\s*$")
_TABLE_RULE = re.compile(r"^\s*+\|?+\s*+:?+-++:?+\s*+(?:\|\s*+:?+-++:?+\s*+)++\|?+\s*+$")
# Bold: the delimiter, a non-space, then no second delimiter until the closing one, which follows
# a non-space. A span never runs over another delimiter, so each attempt ends at the next one.
_EMPHASIS = re.compile(
    r"\*\*(?=\S)(?P<star>(?:(?!\*\*).)++)(?<=\S)\*\*"
    r"|__(?=\S)(?P<under>(?:(?!__).)++)(?<=\S)__"
)
# A Markdown link, an autolink <url>, or a bare URL (www. counts; trailing punctuation does not).
# The anchor holds no "[", the target no "](" and the autolink no "<": each stops where the next
# attempt would begin, so a line of unclosed brackets costs one pass, not one pass per bracket.
_LINK = re.compile(
    r"\[(?P<anchor>[^\[\]\n]++)\]\((?P<target>(?:[^)\]\s]|\](?!\())++)(?:\s++\"[^\"]*+\")?+\)"
    r"|<(?P<auto>https?://[^<>\s]++)>"
    r"|(?P<bare>(?:https?://|www\.)[^\s<>()\[\]{}\"']+[^\s<>()\[\]{}\"'.,;:!?])",
    re.IGNORECASE,
)


def read_text(data: bytes, *, file: str) -> Document:
    """Lines of a text or Markdown file, in order, without the blank ones."""
    lines: list[Line] = []
    orphans: list[Hyperlink] = []
    raws = decode_text(data).splitlines()
    for number, raw in enumerate(raws):
        if not raw.strip() or set(raw.strip()) <= set("-=_*#~") or _TABLE_RULE.match(raw):
            continue
        role, level, body = None, None, raw
        underline = _UNDERLINE.match(raws[number + 1]) if number + 1 < len(raws) else None
        if heading := _HEADING.match(raw):
            role, level, body = "heading", len(heading.group(1)), _heading_text(raw[heading.end() :])
        elif bullet := _BULLET.match(raw):
            role, body = "list_item", raw[bullet.end() :]
        elif underline:
            # "Certifications" over a line of = or - (Markdown's setext headings, and plain text's).
            role, level = "heading", 1 if underline.group(1) == "=" else 2
        elif (cells := _table_row(raw)) is not None:
            role, body = "table_cell", cells.replace("|", " | ")
        line = _line(body, orphans, role=role, heading_level=level)
        if line is not None:
            lines.append(line)
            check_line_count(len(lines), file, "text")
    return Document(file=file, format="text", engine="text", lines=renumber(lines), links=orphans)


def _heading_text(rest: str) -> str:
    """The heading's text without its optional closing sequence: spaces, #s, spaces."""
    return rest.rstrip().rstrip("#").rstrip()


def _table_row(raw: str) -> str | None:
    """The cells of a '| a | b |' row (between the first and an optional last bar), or None."""
    row = raw.lstrip()
    if not row.startswith("|"):
        return None
    cells = row[1:].rstrip()
    return cells[:-1] if cells.endswith("|") else cells


def _line(body: str, orphans: list[Hyperlink], **fields: object) -> Line | None:
    builder = LineBuilder()
    position = 0
    for match in _LINK.finditer(body):
        _add_plain(builder, body[position : match.start()])
        if match.group("anchor") is not None:
            builder.start_link(match.group("target"))
            _add_plain(builder, match.group("anchor"))
        else:
            url = match.group("auto") or match.group("bare")
            builder.start_link(url if "://" in url else f"https://{url}")
            builder.add(url)
        builder.end_link()
        position = match.end()
    _add_plain(builder, body[position:])
    line = builder.finish(**fields)
    orphans.extend(builder.orphan_links)
    return line


def _add_plain(builder: LineBuilder, text: str) -> None:
    """Add text, turning **bold** markers into bold runs and dropping the markers."""
    position = 0
    for match in _EMPHASIS.finditer(text):
        builder.add(text[position : match.start()])
        builder.add(match.group("star") or match.group("under"), bold=True)
        position = match.end()
    builder.add(text[position:])
