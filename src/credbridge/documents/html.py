"""HTML resumes: block elements become lines; headings, list items, table cells and links kept.

Parsed with lxml's HTML parser (the parser beautifulsoup4 would drive, without building a second
Python tree) and walked with `iterwalk`, so time and memory stay linear in the input and deep
nesting cannot exhaust the stack. The input size is capped before parsing.
"""

from __future__ import annotations

import re

from lxml import etree, html

from credbridge.documents.detect import decode_text
from credbridge.documents.inline import LineBuilder, renumber
from credbridge.documents.limits import MAX_LINES, check_markup_size
from credbridge.errors import InputError, UnreadableDocument
from credbridge.model import Document, Hyperlink, Line

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "audio",
        "video",
    }
)
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
    }
)
_BOLD = frozenset({"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"})
_HEADING = re.compile(r"^h([1-6])$")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def read_html(data: bytes, *, file: str) -> Document:
    """Lines of an HTML page in document order."""
    check_markup_size(data, file, "HTML")
    text = _XML_DECLARATION.sub("", _decode(data), count=1)
    # huge_tree lifts libxml2's nesting limit from 256 to 2048 levels (the input is capped anyway);
    # past that libxml2 stops and returns an empty tree, which must not pass for an empty page.
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocument(f"{file}: cannot parse the HTML: {exc}") from None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise InputError(
            f"{file}: HTML is nested too deeply to read (over 2048 levels)", code="input.too_large"
        )
    walker = _Walker(file)
    walker.walk(root)
    return Document(
        file=file, format="html", engine="lxml", lines=renumber(walker.lines), links=walker.orphans
    )


def _decode(data: bytes) -> str:
    """Honour a BOM or a <meta charset> in the first kilobytes, else UTF-8 then Windows-1252."""
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return decode_text(data)


def _bold(tag: str, element: etree._Element) -> bool:
    """Bold by element (b, strong, headings, th) or by an inline font-weight."""
    if tag in _BOLD:
        return True
    style = element.get("style")
    return bool(style and _BOLD_STYLE.search(style))


class _Walker:
    """Turns the element tree into lines: one open line, flushed at every block boundary."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: list[Line] = []
        self.orphans: list[Hyperlink] = []
        self.builder = LineBuilder()
        self.bold = 0
        self.pre = 0
        self.context: list[tuple[str | None, int | None]] = [(None, None)]

    def walk(self, root: etree._Element) -> None:
        events = etree.iterwalk(root, events=("start", "end"))
        skipping: etree._Element | None = None
        for event, element in events:
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                if tag in _SKIP or element.get("hidden") is not None or not tag:
                    events.skip_subtree()
                    skipping = element
                else:
                    self._start(tag, element)
            elif element is skipping:
                # A skipped element still gets its "end": only the text after it counts.
                skipping = None
                self._text(element.tail)
            else:
                self._end(tag, element)
        self._flush()

    def _start(self, tag: str, element: etree._Element) -> None:
        if tag in _BLOCKS or tag == "br":
            self._flush()
        if tag in _BLOCKS:
            self.context.append(self._role(tag))
        if _bold(tag, element):
            self.bold += 1
        if tag == "pre":
            self.pre += 1
        if (
            tag == "a"
            and (href := element.get("href", "").strip())
            and not href.startswith(("#", "javascript:"))
        ):
            self.builder.start_link(href)
        self._text(element.text)

    def _end(self, tag: str, element: etree._Element) -> None:
        if tag == "a" and self.builder.open_link is not None:
            self.builder.end_link()
        if _bold(tag, element):
            self.bold -= 1
        if tag == "pre":
            self.pre -= 1
        if tag in _BLOCKS:
            self._flush()
            self.context.pop()
        self._text(element.tail)

    def _role(self, tag: str) -> tuple[str | None, int | None]:
        if heading := _HEADING.match(tag):
            return "heading", int(heading.group(1))
        if tag == "li":
            return "list_item", None
        if tag in ("td", "th"):
            return "table_cell", None
        if self.context[-1][0] in ("list_item", "table_cell"):
            return self.context[-1]  # a paragraph or div inside a cell or item is still that
        if tag == "p":
            return "paragraph", None
        return None, None

    def _text(self, text: str | None) -> None:
        if not text:
            return
        if self.pre and "\n" in text:
            first, *rest = text.split("\n")
            self.builder.add(first, bold=self.bold > 0)
            for part in rest:
                self._flush()
                self.builder.add(part, bold=self.bold > 0)
        else:
            self.builder.add(text, bold=self.bold > 0)

    def _flush(self) -> None:
        role, level = self.context[-1]
        line = self.builder.finish(role=role, heading_level=level)
        self.orphans.extend(self.builder.orphan_links)
        self.builder.orphan_links = []
        if line is not None:
            if len(self.lines) >= MAX_LINES:
                raise InputError(f"{self.file}: HTML has over {MAX_LINES} lines", code="input.too_large")
            self.lines.append(line)
