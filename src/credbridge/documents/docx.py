"""DOCX resumes (python-docx): paragraphs, tables, headers, footers, text boxes, lists, links.

The body is walked as XML in document order rather than through python-docx's paragraph and
table lists, because resumes put their text in places those lists skip: text boxes (w:txbxContent),
content controls (w:sdt), nested tables, and hyperlinks written as field codes (HYPERLINK "url")
as LibreOffice and Word's autoformat do. python-docx opens the package and resolves the
relationships (hyperlink targets, header and footer parts) and the styles.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.styles.style import BaseStyle, CharacterStyle
from docx.text.font import Font
from lxml import etree

from credbridge.documents.inline import LineBuilder, renumber
from credbridge.documents.limits import MAX_STYLE_CHAIN, check_line_count
from credbridge.documents.zipsafe import ZIP_ERRORS, check_docx_archive
from credbridge.errors import UnreadableDocument
from credbridge.model import Document, Hyperlink, Line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WRAPPERS = frozenset(
    {
        W + "sdt",
        W + "sdtContent",
        W + "ins",
        W + "smartTag",
        W + "customXml",
        W + "moveTo",
        W + "dir",
        W + "bdo",
    }
)
# A field's instructions start with its type: HYPERLINK, then switches with their argument
# (\l "anchor", \o "tip"), then the quoted URL. Matched at the start only, with possessive
# quantifiers: the old pattern, searched anywhere, split runs of spaces between an optional
# argument and the next switch every possible way (exponential on '\a  \a  \a ...').
_FIELD_URL = re.compile(
    r'\s*+HYPERLINK\s++(?:\\[a-z]\s++(?:"[^"]*+"|[^"\s]++)\s++)*+"([^"]+)"', re.IGNORECASE
)
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_OFF = frozenset({"0", "false", "off", "none"})


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    size: float | None = None
    heading_level: int | None = None
    title: bool = False
    listed: bool = False


def read_docx(data: bytes, *, file: str) -> Document:
    """Lines of a DOCX: page headers, then the body in order, then page footers."""
    check_docx_archive(data, file)
    try:
        document = docx.Document(io.BytesIO(data))
    except ZIP_ERRORS as exc:  # the pre-check reads only the start of each XML part
        raise UnreadableDocument(f"{file}: DOCX is damaged: a zip member cannot be read ({exc})") from None
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors, ... for damage
        raise UnreadableDocument(f"{file}: DOCX is damaged: {exc.__class__.__name__}: {exc}") from None
    reader = _Reader(document, file)
    for part in _related_parts(document, RT.HEADER):
        reader.walk(part, role="header")
    reader.walk(document.part, role=None)
    for part in _related_parts(document, RT.FOOTER):
        reader.walk(part, role="footer")
    return Document(
        file=file, format="docx", engine="python-docx", lines=renumber(reader.lines), links=reader.orphans
    )


def _related_parts(document: docx.document.Document, reltype: str) -> list[Part]:
    rels = [rel for rel in document.part.rels.values() if rel.reltype == reltype and not rel.is_external]
    rels.sort(key=lambda rel: (len(rel.rId), rel.rId))
    seen: set[str] = set()
    parts: list[Part] = []
    for rel in rels:
        if rel.target_part.partname not in seen:
            seen.add(rel.target_part.partname)
            parts.append(rel.target_part)
    return parts


class _Reader:
    """Walks parts, one LineBuilder per visual line, with the current part's relationships."""

    def __init__(self, document: docx.document.Document, file: str) -> None:
        self.file = file
        self.lines: list[Line] = []
        self.orphans: list[Hyperlink] = []
        self.styles: dict[str, BaseStyle] = {}
        for style in document.styles:
            if style.style_id:
                self.styles.setdefault(style.style_id, style)  # the first wins, as python-docx finds it
        default = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
        self.default_size = _half_points(default)
        self.rels: dict[str, str] = {}
        self.builder = LineBuilder()
        self.fields: list[tuple[list[str], bool]] = []
        self.size: float | None = None
        self.style_info = cache(self._style_info)

    # ------------------------------------------------------------------ structure

    def walk(self, part: Part, *, role: str | None) -> None:
        self.rels = {rid: rel.target_ref for rid, rel in part.rels.items() if rel.reltype == RT.HYPERLINK}
        if not isinstance(part, XmlPart):
            # A header/footer relationship whose target has a content type python-docx does not
            # parse as XML gives a plain Part: there is no text in it to read.
            return
        root = part.element
        container = root.find(f"{W}body") if root.tag == f"{W}document" else root
        if container is not None:
            self._blocks(container, role)

    def _blocks(self, container: etree._Element, role: str | None) -> None:
        for child in container:
            if child.tag == W + "p":
                self._paragraph(child, role)
            elif child.tag == W + "tbl":
                self._table(child, role)
            elif child.tag in _WRAPPERS:
                self._blocks(child, role)
            elif child.tag == MC + "AlternateContent":
                self._blocks(_chosen(child), role)

    def _table(self, table: etree._Element, role: str | None) -> None:
        for row in table.iter(W + "tr"):
            if _owner_table(row) is not table:
                continue  # rows of nested tables are read through their cell
            for cell in row:
                if cell.tag == W + "tc":
                    self._blocks(cell, role or "table_cell")
                elif cell.tag in _WRAPPERS:
                    for inner in cell.iter(W + "tc"):
                        self._blocks(inner, role or "table_cell")

    def _paragraph(self, paragraph: etree._Element, role: str | None) -> None:
        style = self.style_info(_val(paragraph.find(f"{W}pPr/{W}pStyle")))
        level = style.heading_level
        outline = _val(paragraph.find(f"{W}pPr/{W}outlineLvl"))
        if outline is not None and outline.isdigit() and int(outline) < 9:
            level = int(outline) + 1
        if level is not None or style.title:
            line_role = "heading"
        elif paragraph.find(f"{W}pPr/{W}numPr") is not None or style.listed:
            line_role = "list_item"
        else:
            line_role = role or "paragraph"
        if role in ("header", "footer"):
            line_role = role
        fields = {"role": line_role, "heading_level": level if line_role == "heading" else None}
        boxes: list[etree._Element] = []
        self._inline(paragraph, style, boxes, fields)
        self._flush(fields)
        for box in boxes:
            self._blocks(box, role)

    # ------------------------------------------------------------------ inline content

    def _inline(self, element: etree._Element, style: _Style, boxes: list, fields: dict) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self._run(child, style, boxes, fields)
            elif tag == W + "hyperlink":
                url = self.rels.get(child.get(R_ID, ""))
                if url:
                    self.builder.start_link(url)
                self._inline(child, style, boxes, fields)
                if url:
                    self.builder.end_link()
            elif tag == W + "fldSimple":
                target = _FIELD_URL.match(child.get(W + "instr", ""))
                if target:
                    self.builder.start_link(target.group(1))
                self._inline(child, style, boxes, fields)
                if target:
                    self.builder.end_link()
            elif tag in _WRAPPERS:
                self._inline(child, style, boxes, fields)
            elif tag == MC + "AlternateContent":
                self._inline(_chosen(child), style, boxes, fields)

    def _run(self, run: etree._Element, style: _Style, boxes: list, fields: dict) -> None:
        props = run.find(W + "rPr")
        bold, size = style.bold, style.size
        if props is not None:
            character = self.style_info(_val(props.find(W + "rStyle")))
            bold = bold or character.bold
            size = character.size or size
            if (flag := props.find(W + "b")) is not None:
                bold = (flag.get(W + "val") or "true").lower() not in _OFF
            size = _half_points(props.find(W + "sz")) or size
        for child in run:
            tag = child.tag
            if tag == W + "t":
                if child.text and self.size is None:
                    self.size = size or self.default_size
                self.builder.add(child.text or "", bold=bold)
            elif tag in (W + "tab", W + "ptab"):
                self.builder.add(" ")
            elif tag in (W + "br", W + "cr"):
                self._flush(fields)
            elif tag == W + "noBreakHyphen":
                self.builder.add("-", bold=bold)
            elif tag == W + "fldChar":
                self._field_char(child.get(W + "fldCharType"))
            elif tag == W + "instrText" and self.fields:
                self.fields[-1][0].append(child.text or "")
            elif tag in (W + "drawing", W + "pict", MC + "AlternateContent", W + "object"):
                boxes.extend(_text_boxes(child))

    def _field_char(self, kind: str | None) -> None:
        """Complex fields: begin, instructions, separate, shown result, end."""
        if kind == "begin":
            self.fields.append(([], False))
        elif kind == "separate" and self.fields:
            instructions, _ = self.fields[-1]
            target = _FIELD_URL.match("".join(instructions))
            if target:
                self.builder.start_link(target.group(1))
            self.fields[-1] = (instructions, bool(target))
        elif kind == "end" and self.fields:
            _, linked = self.fields.pop()
            if linked:
                self.builder.end_link()

    def _flush(self, fields: dict) -> None:
        line = self.builder.finish(font_size=self.size, **fields)
        self.size = None
        self.orphans.extend(self.builder.orphan_links)
        self.builder.orphan_links = []
        if line is not None:
            self.lines.append(line)
            check_line_count(len(self.lines), self.file, "DOCX")

    # ------------------------------------------------------------------ styles

    def _chain(self, style_id: str | None) -> list[BaseStyle]:
        """The style and its basedOn ancestors, nearest first, at most MAX_STYLE_CHAIN long.

        basedOn is looked up in our own id map rather than through python-docx's `base_style`,
        which searches every style of the document with XPath at each step: with thousands of
        chained styles that made resolving them quadratic. A cycle ends the chain where it closes.
        """
        chain: list[BaseStyle] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and len(chain) < MAX_STYLE_CHAIN:
            style = self.styles.get(style_id)
            if style is None:
                break
            seen.add(style_id)
            chain.append(style)
            style_id = _val(style.element.find(W + "basedOn"))
        return chain

    def _style_info(self, style_id: str | None) -> _Style:
        """Bold, size, heading level and list membership of a style, following basedOn."""
        chain = self._chain(style_id)
        fonts = [font for s in chain if (font := _font(s)) is not None]
        bold = next((font.bold for font in fonts if font.bold is not None), False)
        size = next((font.size.pt for font in fonts if font.size is not None), None)
        level = None
        for s in chain:
            if match := _HEADING_NAME.match(s.name or ""):
                level = int(match.group(1))
                break
            outline = _val(s.element.find(f"{W}pPr/{W}outlineLvl"))
            if outline is not None and outline.isdigit() and int(outline) < 9:
                level = int(outline) + 1
                break
        title = any((s.name or "").lower() in ("title", "subtitle") for s in chain)
        listed = any(s.element.find(f"{W}pPr/{W}numPr") is not None for s in chain)
        return _Style(bold=bool(bold), size=size, heading_level=level, title=title, listed=listed)


def _font(style: BaseStyle) -> Font | None:
    """The character formatting of a paragraph, character or table style; None for a numbering
    style (w:type="numbering"), which has none, reached through a hostile basedOn chain."""
    return style.font if isinstance(style, CharacterStyle) else None


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(W + "val")


def _half_points(element: etree._Element | None) -> float | None:
    value = _val(element)
    return int(value) / 2 if value and value.isdigit() else None


def _chosen(alternate: etree._Element) -> etree._Element:
    """The first mc:Choice of an AlternateContent (Fallback repeats the same text)."""
    for tag in (MC + "Choice", MC + "Fallback"):
        found = alternate.find(tag)
        if found is not None:
            return found
    return etree.Element("empty")


def _owner_table(row: etree._Element) -> etree._Element | None:
    parent = row.getparent()
    while parent is not None and parent.tag != W + "tbl":
        parent = parent.getparent()
    return parent


def _text_boxes(element: etree._Element) -> list[etree._Element]:
    """Outermost w:txbxContent under a drawing, in order, skipping mc:Fallback copies."""
    found: list[etree._Element] = []
    for child in element:
        if child.tag == W + "txbxContent":
            found.append(child)
        elif child.tag != MC + "Fallback" and isinstance(child.tag, str):
            found.extend(_text_boxes(child))
    return found
