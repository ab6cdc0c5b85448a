"""HTML resumes: block elements become lines; headings, list items, table cells and links kept.

libxml2's HTML parser (through lxml, the parser beautifulsoup4 would drive) sends its events
straight to a parser target here: no tree is built, neither lxml's nor a beautifulsoup one, so
memory stays flat, time is linear in the input, nesting depth costs nothing, and a flood of
lines is stopped as soon as it passes the cap. The input size is capped before parsing.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

from lxml import etree

from credbridge.documents.detect import decode_text
from credbridge.documents.inline import LineBuilder, renumber
from credbridge.documents.limits import check_line_count, check_markup_size
from credbridge.documents.repair import mend_surrogates
from credbridge.errors import UnreadableDocument
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
_CHUNK = 1 << 16
"""Characters fed to the parser at a time."""
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def read_html(data: bytes, *, file: str) -> Document:
    """Lines of an HTML page in document order."""
    check_markup_size(data, file, "HTML")
    text = _XML_DECLARATION.sub("", mend_surrogates(_decode(data)), count=1)
    target = _Target(file)
    # lxml-stubs' ParserTarget protocol wrongly requires every callback (lxml calls only those a
    # target defines, here without comment()) and str | bytes arguments (text we feed is str).
    parser = etree.HTMLParser(
        target=target,  # type: ignore[arg-type]
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        for position in range(0, len(text), _CHUNK):
            parser.feed(text[position : position + _CHUNK])
        parser.close()
    except etree.ParserError as exc:
        raise UnreadableDocument(f"{file}: cannot parse the HTML: {exc}") from None
    return Document(
        file=file, format="html", engine="lxml", lines=renumber(target.lines), links=target.orphans
    )


def _decode(data: bytes) -> str:
    """Honour a BOM or a <meta charset> in the first kilobytes, else UTF-8 then Windows-1252.

    A declared charset that is no usable text encoding (see _usable_charset) counts as unknown,
    as a browser ignores a label it does not know.
    """
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        codec = _usable_charset(declared.group(1).decode("ascii"), declared.group(0))
        if codec is not None:
            try:
                return data.decode(codec, errors="replace")
            except (UnicodeError, LookupError, ValueError):  # idna and the like raise even so
                pass
    return decode_text(data)


_NOT_TEXT_ENCODINGS = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"})
"""Codecs Python decodes bytes with that are not character encodings of a page: they raise on
ordinary text (undefined, idna, punycode) or rewrite it (escape sequences become characters)."""


def _usable_charset(label: str, declaration: bytes) -> str | None:
    """The Python codec for a <meta charset> label, or None when it cannot be the page's encoding.

    The declaration was found by reading the bytes as ASCII, so the encoding must read the
    declaration itself unchanged: that refuses UTF-16 and UTF-32 (which a browser ignores in
    <meta> too), EBCDIC and the bytes-to-bytes codecs (base64, zlib, ...), whatever the label.
    """
    try:
        codec = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    if codec in _NOT_TEXT_ENCODINGS:
        return None
    try:
        readable = declaration.decode(codec) == declaration.decode("ascii")
    except (UnicodeError, LookupError, ValueError):
        return None
    return codec if readable else None


def _bold(tag: str, attributes: Mapping[str, str]) -> bool:
    """Bold by element (b, strong, headings, th) or by an inline font-weight."""
    if tag in _BOLD:
        return True
    style = attributes.get("style") if attributes else None
    return bool(style and _BOLD_STYLE.search(style))


class _Target:
    """Receives the parser's events and turns them into lines: one open line, flushed at every
    block boundary. `open` mirrors the open elements with what each one changed."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: list[Line] = []
        self.orphans: list[Hyperlink] = []
        self.builder = LineBuilder()
        self.bold = 0
        self.pre = 0
        self.skip = 0
        """Depth inside an element whose content is not text (script, style, hidden, ...)."""
        self.open: list[tuple[str, bool, bool]] = []
        """(tag, bold, link) for each open element."""
        self.context: list[tuple[str | None, int | None]] = [(None, None)]
        self.pending: list[str] = []
        """Text since the last tag, not yet added (see _text)."""
        self.apart = 0
        """2 when an inline element closed and a sibling element opened with no text between
        them (1 after the close alone): see _separated."""

    def start(self, tag: str, attributes: Mapping[str, str]) -> None:
        self._text()
        tag = tag.lower()
        if self.skip or tag in _SKIP or (attributes and "hidden" in attributes):
            self.skip += 1
            return
        if tag in _BLOCKS or tag == "br":
            self._flush()
        if tag in _BLOCKS:
            self.context.append(self._role(tag))
        self.apart = 2 if self.apart else 0
        bold = _bold(tag, attributes)
        self.bold += bold
        if tag == "pre":
            self.pre += 1
        href = attributes.get("href", "").strip() if tag == "a" else ""
        link = bool(href) and not href.startswith(("#", "javascript:"))
        if link:
            self.builder.start_link(href)
        self.open.append((tag, bold, link))

    def end(self, tag: str) -> None:
        self._text()
        if self.skip:
            self.skip -= 1
            return
        if not self.open:
            return
        tag, bold, link = self.open.pop()
        if link and self.builder.open_link is not None:
            self.builder.end_link()
        self.bold -= bold
        if tag == "pre":
            self.pre -= 1
        if tag in _BLOCKS:
            self._flush()
            self.context.pop()
        else:
            self.apart = 1

    def data(self, text: str) -> None:
        if not self.skip and text:
            self.pending.append(text)

    def _text(self) -> None:
        """Add the text gathered since the last tag. libxml2 hands one text node over in pieces
        (each character reference is a piece of its own), and the repair must see a piece's
        neighbours: a ZWNJ written '&#x200C;' is kept or dropped by the letters around it."""
        if not self.pending:
            return
        text = "".join(self.pending)
        self.pending = []
        if self.apart == 2 and self._separated(text):
            text = " " + text
        self.apart = 0
        if self.pre and "\n" in text:
            first, *rest = text.split("\n")
            self.builder.add(first, bold=self.bold > 0)
            for part in rest:
                self._flush()
                self.builder.add(part, bold=self.bold > 0)
        else:
            self.builder.add(text, bold=self.bold > 0)

    def close(self) -> None:
        self._text()
        self._flush()

    def _separated(self, text: str) -> bool:
        """Whether two sibling inline elements with nothing between them hold two fields
        ("<span>Mirantis</span><span>Jul 2017</span>", set apart by the stylesheet) rather
        than one word styled in parts ("<b>Cert</b><i>ified</i>"): a word goes on in lower case."""
        before = self.builder.parts[-1][-1:] if self.builder.parts else ""
        after = text[:1]
        if not (before.isalnum() and after.isalnum()):
            return False
        return not (before.islower() and after.islower())

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

    def _flush(self) -> None:
        role, level = self.context[-1]
        line = self.builder.finish(role=role, heading_level=level)
        self.orphans.extend(self.builder.orphan_links)
        self.builder.orphan_links = []
        if line is not None:
            self.lines.append(line)
            check_line_count(len(self.lines), self.file, "HTML")
