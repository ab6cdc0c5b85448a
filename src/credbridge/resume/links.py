"""The links of a line: its hyperlinks plus the bare URLs written in its text.

Both kinds matter on resumes: a PDF made from a web page keeps "Show credential" as a
hyperlink, a plain-text resume writes "credly.com/badges/...". Each comes back once, cleaned,
with its anchor text and the span it covers so the grammar can cut it out of a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from credbridge.model import Credential, CredentialKind, Line, Source
from credbridge.platforms import PlatformLink, clean_url, recognise

_BARE_URL = re.compile(
    r"(?<![@\w.])(?:https?://|www\.)[^\s<>\"'|]+"
    r"|(?<![@\w./-])(?:[a-z0-9-]{1,63}\.){1,8}(?:com|org|net|io|edu|gov|dev|me|co|ai|app|info|my)"
    r"(?::\d+)?/[^\s<>\"'|]*",
    re.IGNORECASE,
)
_URL_LABEL = re.compile(
    r"\b(?:verify|verification|link|url|credential(?:\s+url)?|badge|see|view)(?:\s+at)?\s*:?\s*$",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}>'\"’”"
GENERIC_ANCHORS = re.compile(
    r"^\s*(?:(?:show|view|see|verify|check|open)\b\s*(?:the\s+|on\s+|my\s+)?(?:\w+\s+)?"
    r"(?:credential|certificate|certification|badge|link|here|url|verification|online|details|more)?s?"
    r"|(?:credly|acclaim|badgr|accredible|certmetrics)(?:\s+(?:badge|link|credential))?"
    r"|link|here|url|verification(?:\s+link)?"
    # "Show credential" in our other languages (LinkedIn's wordings among them)
    r"|(?:nachweis|zertifikat|qualifikation|referentie|certificaat|diploma)\s+(?:anzeigen|ansehen|weergeven|bekijken)"
    r"|(?:anzeigen|prüfen|verifizieren|vérifier|verificar|verifica|verifiëren|bekijken|weergeven)"
    r"|(?:afficher|voir|vérifier|mostrar|ver|exibir|mostra|vedi|visualizza)\s+(?:la\s+|le\s+|l['’]\s*|el\s+|a\s+|o\s+|il\s+)?"
    r"(?:certification|certificat|identifiant|justificatif|credencial|certificado|certificación|certificação|"
    r"credenziale|certificato|certificazione))\s*$",
    re.IGNORECASE,
)
"""Anchor texts that say nothing about what they link to ("Show credential", "Verify", "Credly"),
in our seven languages.

A bare noun ("Certificate") is not among them: it may be the wrapped end of a linked name."""


@dataclass(frozen=True)
class FoundLink:
    """A URL found on a line, with what we know about it."""

    url: str
    anchor: str | None
    start: int | None
    end: int | None
    platform: PlatformLink | None

    @property
    def is_credential(self) -> bool:
        return self.platform is not None

    @property
    def meaningful_anchor(self) -> str | None:
        """The anchor text if it names something (not the URL itself, not "Show credential")."""
        anchor = (self.anchor or "").strip()
        if not anchor or GENERIC_ANCHORS.match(anchor) or _BARE_URL.fullmatch(anchor):
            return None
        return anchor


def _strip_trailing(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def line_links(line: Line) -> list[FoundLink]:
    """Hyperlinks first (they carry the true target), then bare URLs not already covered."""
    found: list[FoundLink] = []
    seen: set[str] = set()
    for link in line.links:
        if not re.match(r"^(?:https?:)?//|^www\.", link.url, re.IGNORECASE):
            continue  # mailto:, tel:, javascript: ... are contact data or nothing
        try:
            url = clean_url(link.url)
        except ValueError:
            continue
        if url in seen:
            continue
        seen.add(url)
        found.append(FoundLink(url, link.text, link.start, link.end, recognise(url)))
    anchored = [
        (link.start, link.end) for link in line.links if link.start is not None and link.end is not None
    ]
    for match in _bare_urls(line.text):
        if any(start < match.end() and match.start() < end for start, end in anchored):
            continue  # the visible text of a hyperlink: its target is the truth
        raw = _strip_trailing(match.group(0))
        try:
            url = clean_url(raw)
        except ValueError:
            continue
        if url in seen:
            continue
        seen.add(url)
        end = match.start() + len(raw)
        found.append(FoundLink(url, raw, match.start(), end, recognise(url)))
    return found


def generic_anchor_spans(line: Line) -> list[tuple[int, int]]:
    """Where hyperlink anchors that name nothing ("Show credential", "Credly") sit in a line."""
    return [
        (link.start, link.end)
        for link in line.links
        if link.start is not None and link.end is not None and GENERIC_ANCHORS.match(link.text or "")
    ]


def _bare_urls(text: str) -> list[re.Match[str]]:
    """Bare URL matches; a line without "/" or "www." has none, and most lines have neither."""
    if "/" not in text and "www." not in text.lower():
        return []
    return list(_BARE_URL.finditer(text))


def url_spans(text: str) -> list[tuple[int, int]]:
    """Where bare URLs sit in a text, with a label before them ("verify: ..."), so names can be
    read without them."""
    spans = []
    for match in _bare_urls(text):
        label = _URL_LABEL.search(text, 0, match.start())
        start = label.start() if label else match.start()
        spans.append((start, match.start() + len(_strip_trailing(match.group(0)))))
    return spans


def link_credential(link: FoundLink, line: Line, file: str | None, section: str | None) -> Credential:
    """A credential made from a badge link nobody could attach to a written credential.

    Its name is the link's anchor when that says something, else the platform's ("Credly badge").
    """
    platform = link.platform
    assert platform is not None
    label = platform.platform.replace("_", " ").title()
    name = link.meaningful_anchor or f"{label} {'badge' if platform.machine_readable else 'credential'}"
    return Credential(
        kind=CredentialKind.BADGE,
        name=name,
        url=link.url,
        platform=platform.platform,
        source=Source(file=file, page=line.page, line=line.index, text=line.text, section=section),
    )
