"""Repairs for what real documents do to text: ligatures, soft hyphens, icon glyphs, controls,
surrogates, invisible characters.

Every repair keeps a map from each output character to the input character it came from, so
that PDF character boxes (and so link anchors) stay aligned with the repaired text.
"""

from __future__ import annotations

import json
import re
from typing import Any

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_DROP = frozenset(
    {
        "\u00ad",  # soft hyphen: a hyphenation point, not a character of the word
        "\u200b",  # zero width space
        "\u2060",  # word joiner
        "\ufeff",  # byte order mark, or the old zero width no-break space
        "\u200e",  # left-to-right and right-to-left marks
        "\u200f",
        *(chr(code) for code in range(0x202A, 0x202F)),  # bidi embeddings and overrides
        *(chr(code) for code in range(0x2061, 0x2065)),  # invisible maths operators
        *(chr(code) for code in range(0x2066, 0x206A)),  # bidi isolates
    }
)
"""Invisible format characters: they change how text is drawn, never what it says, and a
credential name or ID with one inside no longer matches the same name typed plainly."""
_JOINERS = frozenset({"\u200c", "\u200d"})
"""ZWNJ and ZWJ: meaningful between letters of scripts that join (Persian 'می‌خواهم', Devanagari
conjuncts) and inside emoji sequences; elsewhere (pasted from the web, Word's hidden marks)
invisible noise like the characters of _DROP."""
_SPACES = frozenset(
    {"\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f"}
    | {"\u00a0", "\u2002", "\u2003", "\u2007", "\u2009", "\u202f", "\u3000"}
)
"""Characters that separate words: the C0 controls among them (vertical tab, form feed, the
information separators) become a space rather than being dropped, which would glue two words."""
_C1 = {
    chr(code): bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
"""C1 controls mean nothing in a resume: they come from Windows-1252 text read as Latin-1 (a PDF
font whose map sends code 0x92 to U+0092, '&#146;' in HTML), so they get the Windows-1252
character, as HTML5 does for such references: U+0092 is the apostrophe of "Bachelor’s"."""
_REPLACEMENT = "\ufffd"
# Letters that follow "fl" in English words; anything else after a lost ligature is read as "fi"
# ("certified", "profile", "office", "specific"), the far more common of the two.
_FL_NEXT = re.compile(
    r"(?:ow|ex|u|ict|ect|ig|ash|at|oor|ag|am|ee|esh|ip|oc|ood|our|or|air|ak|an|ap|are|aw|y)",
    re.IGNORECASE,
)
_LOST_LIGATURE = frozenset({"\x00", "\x01", "\x02", "\x03", "\x04", "\x05", "\x06"})
_JOINING_RANGES = (
    (0x0600, 0x08FF),  # Arabic, Syriac, Thaana, N'Ko, Mandaic and their supplements
    (0x0900, 0x0DFF),  # Devanagari to Sinhala: the Indic scripts and their conjuncts
    (0x0F00, 0x109F),  # Tibetan, Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
    (0x2600, 0x27BF),  # symbols and dingbats that emoji sequences join (⚕, ❤)
    (0xFB50, 0xFDFF),  # Arabic presentation forms A
    (0xFE0F, 0xFE0F),  # the emoji variation selector, before a ZWJ in "🏳️‍🌈"
    (0xFE70, 0xFEFE),  # Arabic presentation forms B
    (0x1F000, 0x1FAFF),  # emoji and their skin tone modifiers
)


def is_private_use(char: str) -> bool:
    """Icon fonts (Font Awesome and friends) put their glyphs in the private use areas."""
    code = ord(char)
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


def is_noncharacter(code: int) -> bool:
    """The 66 code points Unicode promises never to assign (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF):
    no text holds them on purpose; extractors use them as markers (pdfium's U+FFFE)."""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _joins(char: str) -> bool:
    """Whether a ZWJ or ZWNJ next to this character is part of how its script is written."""
    code = ord(char)
    return any(low <= code <= high for low, high in _JOINING_RANGES)


_NEEDS_REPAIR = re.compile(
    "[\x00-\x1f\x7f-\xa0\u00ad\u2002\u2003\u2007\u2009\u200b-\u200f\u202a-\u202f\u2060-\u2064"
    "\u2066-\u2069\u3000\ud800-\udfff\ue000-\uf8ff\ufb00-\ufb06\ufdd0-\ufdef\ufeff\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 15))
    + "\U000f0000-\U0010ffff]|  "
)


def repair(text: str, *, icon_edges: bool = False) -> tuple[str, list[int] | None]:
    """Repaired text and, for each of its characters, the index of its source character.

    The map is None when nothing changed (the common case, kept cheap: one regex search).
    `icon_edges`: an icon at the very start or end leaves a space too, for a run of inline text
    whose neighbours are other runs ("London", icon + "jane@example.com"); a PDF word does not
    want one, as its neighbours are separate words already.

    Every reader's text passes through here (PDF words in pdflayout, DOCX, HTML and text runs in
    inline.LineBuilder), so what it leaves out can never reach a profile, and nothing later has
    to guard against it:

    - A surrogate pair split into two characters (pdfium counts UTF-16 units, so an emoji or a
      supplementary-plane icon arrives as two halves) is joined again. A lone surrogate becomes
      U+FFFD: it stands for a character that was there but cannot be known, and dropping it
      would glue its neighbours and silently change an ID or a name; U+FFFD is also what the
      decoders' "replace" gives, so every reader marks a lost character the same way. Left in,
      a lone surrogate cannot be encoded as UTF-8 and printing the profile fails.
    - C0 controls are dropped (the word-separating ones become a space, NUL to U+0006 are read
      as lost ligatures), C1 controls become their Windows-1252 character or are dropped,
      noncharacters and invisible format characters (zero width space, BOM, bidi marks) are
      dropped, and ZWJ/ZWNJ are dropped except between characters of scripts that need them.
    - A private-use glyph (an icon) is dropped; between two words it leaves one space, so that
      "London<envelope icon>jane@example.com" does not become "Londonjane@example.com".

    Letters of every script pass unchanged: mixed Latin, Cyrillic, Greek, CJK or Arabic text is
    never touched.
    """
    if not _NEEDS_REPAIR.search(text):
        return text, None
    out: list[str] = []
    source: list[int] = []
    gap = -1  # source index of dropped icon glyphs that stand between two words, if any
    position, length = 0, len(text)
    while position < length:
        i, char = position, text[position]
        if "\ud800" <= char <= "\udfff":
            char, position = _char_at(text, position)
        else:
            position += 1  # the common case, without a call
        code = ord(char)
        if char in LIGATURES:
            expanded = LIGATURES[char]
        elif char in _LOST_LIGATURE:
            after_letter = i > 0 and text[i - 1].isalpha()
            before_letter = position < length and text[position].isalpha()
            if not (after_letter or before_letter):
                continue
            expanded = "fl" if _FL_NEXT.match(text, position) else "fi"
        elif char in _SPACES:
            expanded = " "
        elif char in _C1:
            expanded = _C1[char]
        elif char in _JOINERS:
            if not (out and _joins(out[-1]) and position < length and _joins(_char_at(text, position)[0])):
                continue
            expanded = char
        elif is_private_use(char) and not is_noncharacter(code):
            if gap < 0:
                gap = i
            continue
        elif (
            char in _DROP
            or is_noncharacter(code)
            or (code < 32 and char not in "\n\r")
            or 0x7F <= code <= 0x9F
        ):
            continue
        else:
            expanded = char
        if gap >= 0:
            if (out or icon_edges) and not (out and out[-1].isspace()) and not expanded[0].isspace():
                out.append(" ")
                source.append(gap)
            gap = -1
        if expanded == " " and out and out[-1] == " ":
            continue  # runs of spaces count as one, as between words
        out.append(expanded)
        source.extend([i] * len(expanded))
    if gap >= 0 and icon_edges and not (out and out[-1].isspace()):
        out.append(" ")
        source.append(gap)
    return "".join(out), source


def _char_at(text: str, position: int) -> tuple[str, int]:
    """The character at `position` and the position after it: a surrogate pair is joined into
    its character, and a lone surrogate is U+FFFD."""
    char = text[position]
    if not "\ud800" <= char <= "\udfff":
        return char, position + 1
    low = text[position + 1] if position + 1 < len(text) else ""
    if char <= "\udbff" and "\udc00" <= low <= "\udfff":
        return chr(0x10000 + ((ord(char) - 0xD800) << 10) + (ord(low) - 0xDC00)), position + 2
    return _REPLACEMENT, position + 1


def clean(text: str, *, icon_edges: bool = False) -> str:
    """Repaired text alone, for readers that have no character boxes to keep aligned."""
    return repair(text, icon_edges=icon_edges)[0]


def mend_surrogates(text: str) -> str:
    """Surrogate pairs joined and lone surrogates made U+FFFD, as repair() does, for text that
    must pass through a parser first: libxml2 takes text as UTF-8, which cannot hold a lone
    surrogate (they come from UTF-8 that encodes surrogates, or a page declaring UTF-7)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


_SURROGATE = re.compile("[\ud800-\udfff]")


_MAY_HOLD_SURROGATES = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_MAY_HOLD_SURROGATES_UTF8 = re.compile(rb"\\u[dD][89a-fA-F]|\xed[\xa0-\xbf]")


def may_hold_surrogates(raw: bytes | str) -> bool:
    """Whether JSON text may spell a surrogate (an escape "\\ud800", or UTF-8 or str that encodes
    one): one regex search, so that only such text pays for mend_value."""
    if isinstance(raw, bytes):
        return bool(_MAY_HOLD_SURROGATES_UTF8.search(raw))
    return bool(_MAY_HOLD_SURROGATES.search(raw))


def mend_value(value: Any) -> Any:
    """A JSON value (dicts, lists, strings...) with mend_surrogates applied to every string in it:
    JSON may spell a lone surrogate ("\\ud800"), which no UTF-8 output can carry, so a profile,
    a badge or a report holding one is mended where it comes in. A round trip through JSON text,
    taken only when the text holds a surrogate."""
    text = json.dumps(value, ensure_ascii=False)
    if not _SURROGATE.search(text):
        return value
    return json.loads(mend_surrogates(text))


_PAGE_NUMBER = re.compile(
    r"^(?:page\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|[-–—]?\s*\d{1,3}\s*[-–—]?)$", re.IGNORECASE
)


def is_page_number(text: str) -> bool:
    """'Page 2 of 3', 'Page 2', '2 / 3', '- 2 -', '2': the furniture of a printed page."""
    return bool(_PAGE_NUMBER.match(text.strip()))
