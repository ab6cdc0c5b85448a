"""Repairs for what real documents do to text: ligatures, soft hyphens, icon glyphs, controls.

Every repair keeps a map from each output character to the input character it came from, so
that PDF character boxes (and so link anchors) stay aligned with the repaired text.
"""

from __future__ import annotations

import re

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_DROP = frozenset({"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufffe", "\uffff"})
_SPACES = frozenset({"\t", "\u00a0", "\u2002", "\u2003", "\u2007", "\u2009", "\u202f", "\u3000"})
# Letters that follow "fl" in English words; anything else after a lost ligature is read as "fi"
# ("certified", "profile", "office", "specific"), the far more common of the two.
_FL_NEXT = re.compile(
    r"(?:ow|ex|u|ict|ect|ig|ash|at|oor|ag|am|ee|esh|ip|oc|ood|our|or|air|ak|an|ap|are|aw|y)",
    re.IGNORECASE,
)
_LOST_LIGATURE = frozenset({"\x00", "\x01", "\x02", "\x03", "\x04", "\x05", "\x06"})


def is_private_use(char: str) -> bool:
    """Icon fonts (Font Awesome and friends) put their glyphs in the private use areas."""
    code = ord(char)
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


_NEEDS_REPAIR = re.compile(
    "[\x00-\x1f\u00a0\u00ad\u2002\u2003\u2007\u2009\u200b-\u200d\u202f\u2060\u3000"
    "\ue000-\uf8ff\ufb00-\ufb06\ufeff\ufffe\uffff\U000f0000-\U0010ffff]|  "
)


def repair(text: str) -> tuple[str, list[int] | None]:
    """Repaired text and, for each of its characters, the index of its source character.

    The map is None when nothing changed (the common case, kept cheap: one regex search).
    """
    if not _NEEDS_REPAIR.search(text):
        return text, None
    out: list[str] = []
    source: list[int] = []
    for i, char in enumerate(text):
        if char in LIGATURES:
            expanded = LIGATURES[char]
        elif char in _LOST_LIGATURE:
            after_letter = i > 0 and text[i - 1].isalpha()
            before_letter = i + 1 < len(text) and text[i + 1].isalpha()
            if not (after_letter or before_letter):
                continue
            expanded = "fl" if _FL_NEXT.match(text, i + 1) else "fi"
        elif char in _SPACES:
            expanded = " "
        elif char in _DROP or is_private_use(char) or (ord(char) < 32 and char not in "\n\r"):
            continue
        else:
            expanded = char
        if expanded == " " and out and out[-1] == " ":
            continue  # runs of spaces count as one, as between words
        out.append(expanded)
        source.extend([i] * len(expanded))
    return "".join(out), source


def clean(text: str) -> str:
    """Repaired text alone, for readers that have no character boxes to keep aligned."""
    return repair(text)[0]


_PAGE_NUMBER = re.compile(
    r"^(?:page\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|[-–—]?\s*\d{1,3}\s*[-–—]?)$", re.IGNORECASE
)


def is_page_number(text: str) -> bool:
    """'Page 2 of 3', 'Page 2', '2 / 3', '- 2 -', '2': the furniture of a printed page."""
    return bool(_PAGE_NUMBER.match(text.strip()))
