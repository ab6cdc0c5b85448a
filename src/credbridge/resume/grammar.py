"""The credential grammar: cut a credentials section into entries and read each entry.

Shapes covered (each has a test in tests/test_resume_grammar.py or test_resume_layout.py):
- one line: ``2023  Name, Issuer``, ``Month, YYYY: Name``, ``Name - Issuer (Mar 2023 - Mar 2026)``,
  ``Name | Issuer | 2021``, ``Name / Issuer / Lic. 123``, ``Issuer — Name, 2022``,
  ``Issuer: Name (2022-04)``, ``Name (Issuer), 2023``, ``Watergate Master Plumber, Lic. #2445``,
  an inline AWS validation number, hand-aligned columns;
- stacked: ``Name`` / ``Issuer`` / ``Date``, dates first, LinkedIn's ``Name`` / ``Issuer`` /
  ``Issued Mar 2023 · Expires Mar 2026`` / ``Credential ID ABC123`` / ``Show credential``, and
  ``Name`` / ``Issuer · ID · dates``;
- bulleted entries with continuation lines; names wrapped in a narrow sidebar, told apart by
  type (bold, size), spacing or geometry;
- a name that is itself the link to its badge, a URL on the line after.
Separators rank loosest first (pipes, commas, em dashes, en dashes) so that a dash inside a
name ("Solutions Architect – Associate") stays in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from statistics import median_high
from typing import Literal

from credbridge.model import Credential, CredentialKind, Issuer, Line, Source
from credbridge.resume.dates import AMBIGUOUS_MONTHS, LABEL_AT_END, MONTHS, find_dates, read_dates
from credbridge.resume.geometry import gap
from credbridge.resume.links import (
    GENERIC_ANCHORS,
    FoundLink,
    generic_anchor_spans,
    line_links,
    link_credential,
    url_spans,
)
from credbridge.resume.places import US_STATES
from credbridge.resume.sections import Section, named_after
from credbridge.resume.trees import packaged
from credbridge.taxonomy.catalogue import entries as catalogue_entries
from credbridge.taxonomy.catalogue import lookup as catalogue_lookup
from credbridge.taxonomy.normalise import normalise

BULLET = re.compile(r"^\s*(?:[•●○◦▪▫■□◆◇►▸‣⁃∙·*✓✔➢➤→-]|[–—{](?=\s)|\d{1,2}[.)](?=\s))\s*")
"""A leading bullet. "{ " is a TeX symbol-font bullet whose glyph a PDF maps to "{": no name
opens with a lone brace."""
_ID = r"(?P<id>[A-Z]{1,5} \d[\w./-]*|[A-Za-z0-9](?:[\w./-]*[A-Za-z0-9])?)"
"""An identifier: letters, digits, inner dots, dashes, slashes (RN.512334, JE-40219, ROC 331874)."""
_HAS_DIGIT = r"(?=[A-Z]{1,5} \d|[\w./-]*\d)"
_LOCAL_ID_LABEL = (
    r"(?:nachweis|zertifikats?|lizenz|registrierungs?|referentie|certificaat|licentie|registratie)"
    r"[\s-]*(?:id|nummer|nr\.?)"
    r"|(?:id|n\.?\s*[°º]|n\.|n[úu]m(?:ero|éro)?|c[óo]digo)\s+(?:(?:de|da|do|di|del)\s+(?:la\s+)?)?"
    r"(?:certification|certificado|certificato|certificat|credenziale|credencial|licence|licencia|licenza|"
    r"licen[çc]a)\b"
)
"""The credential-ID labels of German, French, Spanish, Portuguese, Italian and Dutch resumes and
of LinkedIn's localized pages ("Nachweis-ID", "ID de la credencial", "Código da credencial",
"N.º de certificado", "ID credenziale", "Referentie-ID", "Zertifikatsnummer")."""
_ID_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\bcredential\s*(?:id|#|number|no\.?)\s*[:#]?\s*{_ID}",
        rf"\b(?:{_LOCAL_ID_LABEL})\s*[:#]?\s*{_HAS_DIGIT}{_ID}",
        rf"\b(?:validation|verification)\s*(?:number|no\.?|code|#|id)?\s*[:#]?\s*{_HAS_DIGIT}{_ID}",
        r"\b(?:licen[sc]e|lic\.?|certificate|certification|cert\.?|registration|registry|reg\.?|member(?:ship)?|"
        r"badge|permit|card)"
        rf"\s*(?:no\.?|number|num\.?|#|id)\s*[:#]?\s*{_HAS_DIGIT}{_ID}",
        rf"\b(?:licen[sc]e|lic\.?|registration|reg\.?|member(?:ship)?)\s*[:#]\s*{_HAS_DIGIT}{_ID}",
        rf"(?<!\w)(?:id|no\.)\s*[:#]\s*{_ID}",
        rf"(?<!\w)no\.\s*(?=\d){_ID}",
        r"\b(?:licen[sc]e|lic\.|registration|reg\.|permit|registry|card)\s+(?!(?:19|20)\d\d\b)"
        r"(?P<id>(?-i:[A-Z]{1,5} \d[\w./-]*|(?=[A-Z0-9.-]*\d)[A-Z0-9][A-Z0-9.-]{3,}))\b",
        rf"(?<![\w&])#\s?{_HAS_DIGIT}{_ID}",
        # A state code before a number that has letters and digits: "GA PE045123", "CA RN12345".
        r"(?<![\w-])(?-i:(?:" + "|".join(sorted(US_STATES)) + r"))\s+(?!(?:19|20)\d\d\b)"
        r"(?P<id>(?-i:(?=[A-Z0-9-]*\d)(?=[0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{3,}))\b",
        r"(?-i:\bID)\s+(?P<id>(?-i:\d[\w.-]*|(?=[A-Z0-9-]*\d)[A-Z][A-Z0-9-]*[A-Z0-9]))",
    )
)
_NAME_WORD_LABEL = re.compile(r"(?:certificate|certification|license|licence|badge)\b", re.IGNORECASE)
ISSUED_BY = (
    r"(?:(?:issued|awarded|offered|certified|granted)\s+by|(?:ausgestellt|vergeben|verliehen)\s+von|"
    r"(?:délivrée?|décernée?|émise?)\s+par|(?:emitid[oa]|expedid[oa]|otorgad[oa])\s+(?:por|pela|pelo)|"
    r"(?:rilasciat[oa]|conferit[oa])\s+da|(?:uitgegeven|afgegeven|verleend)\s+door)"
)
"""'Issued by' in our seven languages."""
_ISSUER_LABEL = re.compile(
    rf"^\s*(?:{ISSUED_BY}|issuer|issuing\s+(?:organi[sz]ation|body|authority)|"
    r"provider|organi[sz]ation|authority|certifying\s+body|institution|aussteller|émetteur|emisor|emissor|"
    r"ente\s+certificatore|uitgever|(?:from|von|by)(?=\s+[^\W\d]))\s*[:\-–]?\s+(?P<issuer>.+)$",
    re.IGNORECASE,
)
_SKILLS_LABEL = re.compile(r"^\s*skills?\s*:\s*(?P<skills>.+)$", re.IGNORECASE)
_SHOW = re.compile(
    r"^\s*(?:show|see|view|verify)\s+(?:the\s+)?(?:credential|certificate|badge)s?\s*$|"
    r"^\s*(?:verify|verification|link|url|credential\s+url|badge|credly)\s*:?\s*$",
    re.IGNORECASE,
)
_INLINE_ISSUER = re.compile(rf"\s+(?:{ISSUED_BY}|by|from|through|via)\s+", re.IGNORECASE)
_HEADER_WORD = (
    r"(?:certifications?|certificates?|credentials?|licen[sc]es?|name|title|issuer|issued(?:\s+by)?|"
    r"issuing\s+(?:body|organi[sz]ation)|organi[sz]ation|provider|authority|date|dates|year|expires|expiry|"
    r"expiration|valid(?:ity)?|id|number|no\.?|status)"
)
_TABLE_HEADER = re.compile(rf"^[\W_]*(?:{_HEADER_WORD}(?:[\W_]+{_HEADER_WORD})+[\W_]*)?$", re.IGNORECASE)
"""A line with nothing to read: empty, a rule ("-----"), or the header row of a credentials table
("Certification | Issuer | Year"); one such word alone may be the wrapped end of a name."""
_COLUMN_GAP = re.compile(r"(?<=\S)(?:\t+| {3,})(?=\S)")
_SEPARATORS = re.compile(
    r"\s+[-–—|·•/]\s+|\s*[|·•]\s*|,\s+|;\s+|\s+@\s+|\.(?<=[A-Za-z0-9)]{3}\.)\s+(?=[A-Z0-9(])"
)
_SEPARATOR_RANKS = (
    re.compile(r"[|·•/]"), re.compile(r"[,;]"), re.compile(r"—"), re.compile(r"[-–@]"), re.compile(r"\."),
)
"""Loosest first: an em dash beside en dashes separates fields ("Brightline — Certified ... – Payroll");
a full stop after a word of three or more letters only when nothing else does ("Certified
Internal Auditor (CIA). The IIA. 2019."), never after "No." or "St." or inside "U.S."."""
LEVEL_WORDS = re.compile(
    r"^(?:associate|professional|specialty|speciality|practitioner|foundational|fundamentals|expert|"
    r"foundation|advanced|intermediate|beginner|core|cloud\s+practitioner|level\s+\w+|part\s+\w+|"
    r"tier\s+\w+|[ivx]+|\d+(?:\.\d+)?|senior|junior|entry(?:\s+level)?)\b",
    re.IGNORECASE,
)
_CREDENTIAL_WORDS = re.compile(
    r"\b(?:certified|certification|certificate|certifi\w*|developer|engineer|administrator|architect|"
    r"specialist|professional|associate|analyst|practitioner|manager|expert|license[ds]?|licence|"
    r"master|technician|badge|course|nanodegree|diploma|program(?:me)?|fundamentals)\b",
    re.IGNORECASE,
)
ORG_WORDS = re.compile(
    r"\b(?:inc|llc|ltd|gmbh|corp(?:oration)?|company|co|institute|institution|university|college|"
    r"school|academy|association|society|council|board|foundation|alliance|consortium|federation|"
    r"commission|department|dept|agency|authority|ministry|organi[sz]ation|group|labs?|services|"
    r"administration|bureau|registry|division|networks|solutions|partners|"
    r"systems|technologies|international|global|amazon|aws|microsoft|google|cisco|oracle|comptia|"
    r"isc2|\(isc\)²|isaca|pmi|axelos|peoplecert|ibm|salesforce|hashicorp|coursera|udemy|edx|"
    r"linkedin|red\s+hat|vmware|scrum\.org|state\s+of|commonwealth\s+of|city\s+of|county|"
    # the same kinds of body in German (compounds too), French, Spanish, Portuguese, Italian, Dutch
    r"\w*(?:verband|kammer|akademie|institut|hochschule|schule|verein|gesellschaft|stiftung|behörde|amt)|"
    r"universität|ministerium|université|école|académie|chambre|ministère|fédération|société|"
    r"instituto|universidad|escuela|academia|asociación|cámara|ministerio|federación|sociedad|"
    r"fundación|universidade|escola|associação|câmara|ministério|istituto|università|scuola|"
    r"accademia|associazione|ministero|federazione|società|fondazione|instituut|universiteit|"
    r"hogeschool|academie|vereniging|ministerie|stichting|federatie)\b",
    re.IGNORECASE,
)
_CLEARANCE = re.compile(r"\b(?:clearance|ts/sci|top\s+secret|secret|sc\s+cleared|dv\s+cleared)\b", re.I)
_LICENSE = re.compile(r"\b(?:licen[sc]e[ds]?|licensure|registered|chartered)\b|\blic\.", re.IGNORECASE)
_COURSE = re.compile(r"\b(?:course|training|workshop|bootcamp|nanodegree)\b", re.IGNORECASE)
_MICRO = re.compile(r"\bmicro[- ]?(?:credential|certificate|masters?)\b", re.IGNORECASE)
_BADGE = re.compile(r"\bbadges?\b", re.IGNORECASE)
_CERTIFICATE = re.compile(r"\bcertificate\b", re.IGNORECASE)
_DEGREE = re.compile(
    r"\b(?:bachelor|master'?s?\s+(?:of|in|degree)|b\.?\s?sc?\.?|m\.?\s?sc?\.?|b\.?a\.|m\.?a\.|mba|ph\.?d|"
    r"doctor(?:ate)?\s+of|associate\s+(?:of|degree)|a\.a\.s?\.?|high\s+school|diploma\s+in)\b",
    re.IGNORECASE,
)
_FRAGMENT = re.compile(r"\d{1,3}\)?")
"""A line that is only the broken-off end of a number ("6" of "03/2026")."""
_DANGLING_MONTH = re.compile(
    r"\b(?:" + "|".join(m for m in MONTHS if m not in AMBIGUOUS_MONTHS) + r")\.?,?\s*$", re.IGNORECASE
)
_URL_REST = re.compile(r"[\w.~%&=?#/+-]*[-/=?&%][\w.~%&=?#/+-]*")
"""The rest of a URL cut at a line end: no spaces, and some URL punctuation in it."""
_JOINERS = re.compile(
    r"(?:[,&(/:+–—#-]|\b(?:and|of|for|in|the|to|with|on|issued|expires?|exp\.?|valid|until|through|since|"
    r"no\.|number|id))\s*$",
    re.IGNORECASE,
)
"""How a line ends when its text goes on: a joiner, or a label waiting for its value ("issued")."""


@dataclass
class Entry:
    """The lines of one credential in a section."""

    lines: list[Line] = field(default_factory=list)
    wrapped: set[int] = field(default_factory=set)
    """Positions in `lines` of lines that continue the line before them (wrapped text)."""
    glued: set[int] = field(default_factory=set)
    """Of those, the ones that continue a word broken across lines ("03/202" / "6")."""

    def logical_lines(self) -> list[Line]:
        """One Line per logical line: wrapped lines joined, with their links, to the one before."""
        joined: list[Line] = []
        for position, line in enumerate(self.lines):
            if position in self.wrapped and joined:
                joined[-1] = merge_lines(joined[-1], line, glue=position in self.glued)
            else:
                joined.append(line)
        return joined

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


def strip_bullet(text: str) -> str:
    """The text without its leading bullet or list number, trimmed."""
    return BULLET.sub("", text, count=1).strip()


def _id_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, id) of each credential or license number, most specific pattern first."""
    return list(_id_spans_of(text))


@lru_cache(maxsize=4096)
def _id_spans_of(text: str) -> tuple[tuple[int, int, str], ...]:
    spans: list[tuple[int, int, str]] = []
    for pattern in _ID_PATTERNS:
        for match in pattern.finditer(text):
            if all(match.end() <= s or match.start() >= e for s, e, _ in spans):
                start = match.start()
                word = _NAME_WORD_LABEL.match(text, start)
                if word and re.search(r"[A-Za-z]\s+$", text[:start]):
                    start = word.end()  # "ServSafe Manager Certification #123": the word is the name's
                spans.append((start, match.end(), match.group("id")))
    return tuple(sorted(spans))


_CUT = "\x00"


def _without(text: str, spans: list[tuple[int, int]], *, columns: bool = False) -> str:
    """Text with the spans cut out.

    With `columns`, a tab or a run of three or more spaces in the text as written (columns
    aligned by hand: "CCNA      Cisco      2019") becomes a " | " separator first; the runs of
    blanks the cuts leave behind never do.
    """
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            chars[i] = _CUT
    kept = "".join(chars)
    if columns:
        kept = _COLUMN_GAP.sub(" | ", kept)
    return kept.replace(_CUT, " ")


_IN_PROGRESS = re.compile(
    r"^(?:in\s+progress|currently\s+pursuing|pursuing|candidate|expected|studying\s+for)\s*[:\-–—]\s*",
    re.IGNORECASE,
)
"""A status before the name of a credential not yet earned ("In progress: ...")."""
_NOISE_PARENS = re.compile(
    r"\(\s*(?:[;,]\s*)?(?:(?:active|inactive|lapsed|expired|current|pending|in\s+progress|renewed|registered|badge|expected|"
    r"certificate|credential|link|verified|valid)\s*[;,]?\s*)+\)",
    re.IGNORECASE,
)
"""Parentheses that only say a status or a kind: "(lapsed)", "(badge)"."""
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]|[A-Z][a-z]{1,2}|[a-z]{2,3})|\b(?:[A-Za-z]\.)+[A-Za-z])\.$")
"""A final dot that belongs to its word: "Inc.", "Co.", "U.S."; not an acronym's ("The IIA.")."""


_EMPTY_BRACKETS = re.compile(r"\(\s*[-–—,;:/|·]*\s*\)|\[\s*[-–—,;:/|·]*\s*\]")
_BRACKET_TAIL = re.compile(r"\(\s*([^()]*?)[\s,;:–—-]+\)")
_BLANKS = re.compile(r"\s+")
_SPACE_BEFORE = re.compile(r"\s+([,;:)])")
_REPEATED_SEPARATORS = re.compile(r"([,;|])(?:\s*[,;|])+")
_SPACE_AFTER_PAREN = re.compile(r"\(\s+")
_DOTS = re.compile(r"(?:\s*\.){2,}")
_STATUS_TAIL = re.compile(
    r"[\s.,;:–—-]+(?:in\s+progress|pending|ongoing|currently\s+pursuing)(?:,?\s*exam)?\s*$", re.IGNORECASE
)
"""A status after the name ("— in progress", "..... in progress, exam"), not part of it."""


_TEMPLATE_NOISE = re.compile(r"(?<![\w\[])(?:undefined|NaN|Invalid Date|\[object Object\])(?![\w\]])")
"""What a web template prints where a field it expected is missing ("undefined NaN" for a date it
could not format): never part of a name or an issuer."""


def _tidy(text: str) -> str:
    """Collapse what is left once dates, IDs and URLs are cut out of a name."""
    # First: the patterns below must never meet long blank runs.
    text = " ".join(_TEMPLATE_NOISE.sub(" ", text).split())
    text = _IN_PROGRESS.sub("", text)
    text = _EMPTY_BRACKETS.sub(" ", text)
    text = _NOISE_PARENS.sub(" ", text)
    text = _BRACKET_TAIL.sub(r"(\1)", text)  # "(Coursera, )" once the year is cut
    text = _BLANKS.sub(" ", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _REPEATED_SEPARATORS.sub(r"\1", text)
    text = _SPACE_AFTER_PAREN.sub("(", text)
    text = _DOTS.sub(".", text)  # "Microsoft. . ." once "Issued: ..." is cut out
    text = _STATUS_TAIL.sub("", text)
    text = text.strip(" \t,;:|·•-–—/").strip()
    if text.endswith(".") and not _ABBREVIATION.search(text):
        text = text[:-1].rstrip()
    return text


def _residue(line: Line) -> str:
    """A line's text without bullet, dates, IDs, URLs and their labels."""
    return _residue_of(line.text, tuple(generic_anchor_spans(line)))


@lru_cache(maxsize=4096)
def _residue_of(text: str, anchors: tuple[tuple[int, int], ...]) -> str:
    # Cached: the grammar asks for the residue of one line several times over.
    spans: list[tuple[int, int]] = list(read_dates(text).spans)
    spans += [(s, e) for s, e, _ in _id_spans(text)]
    spans += [*url_spans(text), *anchors]
    return _tidy(strip_bullet(_without(text, spans, columns=True)))


_LABEL_ONLY = re.compile(
    r"^\s*(?:(?:issued|awarded|earned)(?:\s+(?:by|on|in|at|from|date))?|by|from|"
    r"(?:granted|offered|certified|obtained|completed|achieved|received)\s+(?:by|on|in|at|from)|issuer|issuing\s+(?:body|organi[sz]ation|authority)|provider|"
    r"credential(?:\s*(?:id|url|#|number|no\.?))?|(?:licen[sc]e|certificate|certification)\s*(?:id|#|number|no\.?)|"
    r"date(?:\s+(?:issued|earned|awarded|obtained|of\s+issue))?|expires?(?:\s+on)?|expiry(?:\s+date)?|"
    r"expiration(?:\s+date)?|valid\s+(?:until|through|thru|from|to))\s*[:\-\u2013]?\s*$",
    re.IGNORECASE,
)
"""A line that is only a field's label ("Issued by", "Awarded on:", "Credential ID"): its value
is on the next line or missing, and it never names a credential of its own. "Certified" alone
is no label: it is the first line of a name wrapped in a narrow column."""
_META_WORDS = re.compile(
    r"\b(?:issued|expires?|expiration|expiry|exp|valid|until|through|thru|from|date|no|credential|url|link|"
    r"verify|verification|id|see|show|and|to|on|since|earned|completed)\b",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[\W_]+")


def _is_meta(line: Line) -> bool:
    """Lines that only qualify the entry they follow: dates, IDs, links, issuer or skills labels."""
    text = strip_bullet(line.text)
    if (
        _SHOW.match(text)
        or GENERIC_ANCHORS.match(text)
        or _ISSUER_LABEL.match(text)
        or _SKILLS_LABEL.match(text)
        or _LABEL_ONLY.match(text)
    ):
        return True
    return not _NON_WORD.sub("", _META_WORDS.sub(" ", _residue(line)))


def _starts_lower(text: str) -> bool:
    """Starts as a sentence goes on: a lower-case word ("and security"), not a brand ("edX")."""
    first = strip_bullet(text).split(" ", 1)[0]
    return first[:1] in (")", "]") or (first.isalpha() and first.islower())


_COMPLETE = re.compile(
    r"(?:\)|\b(?:associate|professional|specialty|speciality|practitioner|expert|foundation(?:al|s)?|"
    r"fundamentals|administrator|developer|engineer|architect|analyst|manager|specialist|technician|"
    r"installer|provider|auditor|consultant|educator|instructor|ce|[IVX]{1,3}|\d+))\s*$",
    re.IGNORECASE,
)
"""How a credential name usually ends: its acronym in parentheses, a level, a role, a number."""


def _same_style(previous: Line, line: Line) -> bool:
    """Same weight and size: the test every wrapped line passes."""
    return previous.bold == line.bold and abs((previous.font_size or 0.0) - (line.font_size or 0.0)) <= 0.5


def _broken_token(before: str, after: str) -> bool:
    """Whether `after` starts with the rest of a number or URL cut at the end of `before`."""
    before, first = before.rstrip(), after.strip().split(" ", 1)[0]
    if before[-1:].isdigit() and (
        _FRAGMENT.fullmatch(after.strip()) or re.fullmatch(r"\d*/\d{2,4}\)?[.,;]?", first)
    ):
        return True  # "03/202" / "6", "card issued 1" / "0/2021"
    spans = url_spans(before)
    return bool(spans) and spans[-1][1] >= len(before) and bool(_URL_REST.fullmatch(first))


def _level_tail(text: str) -> bool:
    """A line that starts with the level of the name above it, after a dash ("– Professional" or
    "– Professional, Amazon Web Services"), not a dash-bulleted name ("– Professional Scrum ...")."""
    text = text.strip()
    level = LEVEL_WORDS.match(text[1:].strip()) if re.match(r"[–—-]\s", text) else None
    return level is not None and bool(re.match(r"\s*(?:$|[,;|(–—-])", text[1:].strip()[level.end() :]))


def _starts_with_date(text: str) -> bool:
    """Opens with a date ("May, 2019: Name"); a date in parentheses ("(02/2023)") closes a line."""
    if text.lstrip().startswith("("):
        return False
    mentions = find_dates(text)
    return (
        bool(mentions)
        and mentions[0].start <= len(text) - len(text.lstrip()) + 1
        and mentions[0].value is not None
    )


def _dated_after_start(text: str) -> bool:
    """A date after the name closes an entry ("..., Jun 2019 – Jun 2022", "..., 2019; ID 730512");
    a date that only opens the line ("May, 2019: Name, UC") does not."""
    lead = len(text) - len(strip_bullet(text).lstrip())
    return any(m.start > lead + 1 for m in find_dates(text))


def _open_text(before: str, after: str) -> bool:
    """Text that cannot end here: an open parenthesis, a trailing joiner ("and", ",", "–"), or a
    month whose year went to the next line ("Apr 2022 – Apr" / "2025"). A dash right after a
    date ends an open range ("CCNA | Cisco | 2021–") unless the next line opens with the end date."""
    if before.count("(") > before.count(")") or _DANGLING_MONTH.search(before):
        return True
    joined = _JOINERS.search(before) or LABEL_AT_END.search(before)
    return bool(joined) and not (_OPEN_RANGE.search(before) and not _starts_with_date(after))


_OPEN_RANGE = re.compile(r"(?<![\w/.-])(?:19|20)\d{2}\s*[-–—]\s*$")


_UNBREAKABLE = re.compile(r"[@/]|\w\.\w|^\S{25,}$")
"""A URL, an e-mail address or a run too long for any line."""


def wrapped(
    previous: Line,
    line: Line,
    right_edge: float | None,
    *,
    layout: str = "mixed",
    entry_dated: bool = False,
    left_edge: float | None = None,
    names: bool = False,
) -> bool:
    """Whether `line` continues `previous` as wrapped text.

    Text that cannot end (see _open_text) or a lower-case start goes on; a change of type (bold,
    size) starts another part such as the issuer under a name. Otherwise geometry decides: the
    line wrapped if the next word had no room left on the line before. Where that is ambiguous
    the section's layout helps: in a section of one-line dated entries ("dated") an entry goes
    on until its date; in a section of bare names ("bare") a name that ends as names end
    ("... (CISSP)", "... Associate") is complete. A column set flush right or centred (a narrow
    sidebar) starts its lines at different x: there, with the column's `left_edge`, a line
    wrapped if it and the next word would not have fitted in the column's width. With `names`
    (the lines of a credentials section) a long next word still tells a wrap.
    """
    before, after = previous.text.rstrip(), strip_bullet(line.text)
    if not _same_style(previous, line):
        return False
    if _open_text(before, after):
        return True
    if before.endswith(")") or _dated_after_start(before) or _starts_with_date(after):
        return False  # a complete entry, or the next one opening with its date ("May, 2019: ...")
    if _starts_lower(after):
        return True
    if after.startswith("(") and len(after) <= 16:
        return True
    if _level_tail(line.text):
        return True  # "AWS Certified Solutions Architect" / "– Professional"
    if right_edge is None or None in (previous.x0, previous.x1, line.x0):
        return False
    if _name_and_issuer(_residue(previous), _residue(line)):
        return False
    width = previous.x1 - previous.x0  # type: ignore[operator]
    if abs(line.x0 - previous.x0) > 3 and not BULLET.match(previous.text):  # type: ignore[operator]
        return _wrapped_aligned(previous, line, after, left_edge, right_edge, layout=layout)

    if width < 0.6 * (right_edge - previous.x0):  # type: ignore[operator]
        return False  # a short line ended on purpose, however long the next word
    char = width / max(1, len(previous.text))
    first_word = after.split(" ", 1)[0]
    if len(first_word) * char > 0.5 * (right_edge - previous.x0) and not (  # type: ignore[operator]
        names and not _UNBREAKABLE.search(first_word)
    ):
        # A URL or e-mail fits nowhere: its line break says nothing. In a list of short items
        # (skills in a sidebar) a long word tells nothing either; a credential's name in a
        # narrow column breaks after every word ("Chartered" / "Financial" / "Analyst (CFA)").
        return False
    if previous.x1 + (len(first_word) + 1) * char <= right_edge + 1.0:  # type: ignore[operator]
        return False  # the word would have fitted: the line ended on purpose
    if layout == "dated":
        return not entry_dated
    if layout == "bare":
        return not _COMPLETE.search(before)
    return True


def _name_and_issuer(above: str, below: str) -> bool:
    """Two lines that read whole as a name and its issuer, in either order ("Orchard Irrigation
    Technician" / "Quillmark Institute"): however full the first line, the second does not
    continue it, unless both together are a catalogue credential."""
    if not above or not below or len(_split_parts(above)) != 1 or find_dates(above):
        return False  # a line of fields ("..., from American" / "Welding Society") wraps anywhere
    whole = catalogue_lookup(f"{above} {below}")
    if whole is not None and whole.score >= 95:
        return False  # one name that starts with its issuer's ("CompTIA" / "CySA+")
    return (_issuer_only(below) and _credential_like(above)) or (
        _issuer_only(above) and _credential_like(below)
    )


def _wrapped_aligned(
    previous: Line, line: Line, after: str, left_edge: float | None, right_edge: float, *, layout: str
) -> bool:
    """`wrapped` for lines set flush right or centred: both end (or centre) where the other does,
    they follow at the line pitch, the line above takes most of the column, and its width with
    the next word would not fit between the column's edges. A name that reads whole over a line
    that reads as an organisation is a name and its issuer (checked by the caller), and in a
    section of bare names a name that ends as names end is complete all the same."""
    if left_edge is None or line.x1 is None or previous.x1 is None or line.x0 is None:
        return False
    space, size = gap(previous, line), previous.font_size or 0.0
    if space is not None and size and space > 0.4 * size + 0.5:
        return False  # a wrapped line follows at the line pitch; a wider gap sets a part apart
    flush_right = abs(line.x1 - previous.x1) <= 3 and abs(previous.x1 - right_edge) <= 3
    centred = abs((line.x0 + line.x1) - (previous.x0 + previous.x1)) <= 6  # type: ignore[operator]
    if not (flush_right or centred):
        return False
    room = right_edge - left_edge
    width = previous.x1 - previous.x0  # type: ignore[operator]
    if room <= 0 or width < 0.6 * room:
        return False
    char = width / max(1, len(previous.text))
    first_word = after.split(" ", 1)[0]
    if len(first_word) * char > 0.5 * room or width + (len(first_word) + 1) * char <= room + 1.0:
        return False  # a word that fits nowhere, or one that would have fitted
    return not (layout == "bare" and _COMPLETE.search(previous.text.rstrip()))


def merge_lines(first: Line, then: Line, *, glue: bool = False) -> Line:
    """`first` with `then` appended after a space (none when `glue`), link offsets moved along."""
    text = then.text.strip()
    space = "" if glue else " "
    offset = len(first.text) + len(space) - (len(then.text) - len(then.text.lstrip()))
    moved = [
        link.model_copy(
            update={
                "start": None if link.start is None else link.start + offset,
                "end": None if link.end is None else link.end + offset,
            }
        )
        for link in then.links
    ]
    return first.model_copy(update={"text": f"{first.text}{space}{text}", "links": [*first.links, *moved]})


def join_wrapped(
    lines: list[Line], edges: Mapping[int, float], keep_apart: Callable[[str], bool] | None = None
) -> list[Line]:
    """Lines with their wrapped continuations joined into one (text and links).

    For the places where a line is a list of things rather than an entry: contact details and
    skills in a narrow sidebar ("Raleigh, North Carolina, United" / "States"). Lines for which
    `keep_apart` is true (an e-mail, a phone) are only joined when one hyperlink spans both.
    """
    joined: list[Line] = []
    last: Line | None = None  # the physical line before, which the wrap test measures
    for line in lines:
        if joined and last is not None and not BULLET.match(line.text):
            shared = {k.url for k in last.links} & {k.url for k in line.links}
            apart = keep_apart is not None and (keep_apart(last.text) or keep_apart(line.text))
            if shared or (not apart and wrapped(last, line, edges.get(line.column))):
                joined[-1] = merge_lines(joined[-1], line)
                last = line
                continue
        joined.append(line)
        last = line
    return joined


def _issuer_like(text: str) -> bool:
    """Reads as an organisation: an organisation word, or a short line that names no credential."""
    return bool(ORG_WORDS.search(text)) or (
        not _CREDENTIAL_WORDS.search(text) and len(text.split()) <= 6 and not find_dates(text)
    )


_YEAR_ALONE = re.compile(r"\s*(?:19|20)\d{2}\s*")


_MONTH_WORDS = "|".join(sorted({m.capitalize() for m in MONTHS if len(m) >= 3}, key=len, reverse=True))
_GLUED_MONTH = re.compile(
    rf"(?:(?<=[a-z])|(?<=[A-Z][A-Z]))(?=(?:{_MONTH_WORDS})\.?\s+(?:\d{{1,2}}\s*,?\s*)?(?:19|20)\d{{2}}\b)"
)
"""A month name glued to the word before it by a converter that dropped the space between two
fields ("ISACAJun 2019", "MirantisJul 2017")."""


def _unglued(line: Line) -> Line:
    """`line` with a space put back before a glued month, its link offsets moved along."""
    match = _GLUED_MONTH.search(line.text)
    if match is None:
        return line
    at = match.start()
    links = [
        link.model_copy(
            update={
                "start": link.start + 1 if link.start is not None and link.start >= at else link.start,
                "end": link.end + 1 if link.end is not None and link.end > at else link.end,
            }
        )
        for link in line.links
    ]
    return line.model_copy(update={"text": f"{line.text[:at]} {line.text[at:]}", "links": links})


def _month_over_year(lines: list[Line]) -> list[Line]:
    """A month set over its year in a narrow date column ("October" / "2024") read as one date;
    a month glued to the field before it set apart (_unglued)."""
    joined: list[Line] = []
    for line in map(_unglued, lines):
        above = joined[-1] if joined else None
        if (
            above is not None
            and _YEAR_ALONE.fullmatch(line.text)
            and above.text.strip().lower().rstrip(".") in MONTHS
            and above.page == line.page
        ):
            joined[-1] = merge_lines(above, line)
        else:
            joined.append(line)
    return joined


Decision = Literal["start", "wrap", "glue", "line"]
"""What a line is to the entry before it: it opens a new entry, continues the line above's text
(wrapped; "glue" when it continues a word broken across lines), or is a new line of the entry."""


@dataclass
class _Builder:
    """Entries made one line and decision at a time: one assembly for the rules and the model."""

    entries: list[Entry] = field(default_factory=list)

    @property
    def current(self) -> Entry | None:
        return self.entries[-1] if self.entries else None

    def add(self, line: Line, decision: Decision) -> None:
        current = self.current
        if current is None or decision == "start":
            self.entries.append(Entry([line]))
            return
        if decision in ("wrap", "glue"):
            current.wrapped.add(len(current.lines))
        if decision == "glue":
            current.glued.add(len(current.lines))
        current.lines.append(line)


@dataclass
class EntryCut:
    """A section's lines as split_entries reads them, what the rules decided for each line,
    and the section-wide signals the rules used (also the learned model's features)."""

    lines: list[Line]
    decisions: list[Decision]
    reasons: list[str]
    """Which rule decided each line (one of RULE_REASONS)."""
    meta: list[bool]
    marked: set[int]
    bulleted: bool
    titles: set[tuple[bool, float]] | None
    bold_mode: bool
    dates_first: bool
    layout: str
    stacked: set[int]
    details: set[int]
    loose: set[int] | None
    sub_lines: set[int]
    issuers: set[int]
    after_date: bool
    lefts: dict[int, float]
    right_edges: dict[int, float | None]
    continues: list[bool]


def split_entries(section: Section, edges: Mapping[int, float] | None = None) -> list[Entry]:
    """Cut a credentials section into entries (one per credential).

    `edges` gives the right edge of the text in each column (layout.column_edges), which is
    where a line that wraps ran out of room; without it the section's own widest line is used.
    The rules decide first; the learned line model (models/entries.txt), when shipped, revises
    their decisions, with the rules' decisions and signals among its features.
    """
    cut = cut_entries(section, edges)
    if cut is None:
        return []
    decisions = revise(cut) if len(cut.lines) > 1 else cut.decisions
    builder = _Builder()
    for line, decision in zip(cut.lines, decisions, strict=True):
        builder.add(line, decision)
    return builder.entries


def cut_entries(section: Section, edges: Mapping[int, float] | None = None) -> EntryCut | None:
    """The rules' decision for every line of a credentials section (None when it has none)."""
    # A label alone ("Credential ID", "Expiry Date") is a field waiting for its value, not a header row.
    lines = _month_over_year(
        _without_header_cells(
            [ln for ln in section.lines if not _TABLE_HEADER.match(ln.text) or _LABEL_ONLY.match(ln.text)]
        )
    )
    if not lines:
        return None
    marked = [i for i, ln in enumerate(lines) if BULLET.match(ln.text) or ln.role == "list_item"]
    # One dash-led line among plain ones is a wrapped "– Professional", not a bulleted list.
    meta = [_is_meta(ln) for ln in lines]
    # Bullets mark entries when they mark names; a template that lists only the fields under
    # each name (dates, IDs) as list items marks nothing about where entries start.
    named = [i for i in marked if not meta[i]]
    bulleted = (len(marked) >= 2 or marked == [0]) and 2 * len(named) >= len(marked)
    texty = [i for i, m in enumerate(meta) if not m]
    titles = _title_styles(lines, meta, texty)
    bold_mode = bool(texty) and lines[texty[0]].bold and not all(lines[i].bold for i in texty)
    dates_first = meta[0] and bool(find_dates(lines[0].text)) and not bulleted
    widest = max((ln.x1 for ln in lines if ln.x1 is not None), default=None)
    layout = _layout(lines, meta)
    edges = edges or {}
    stacked = _stacked_pairs(lines, meta)
    details = _name_then_details(lines, texty)
    loose = _loose_gaps(lines)
    sub_lines = _sub_lines(lines, texty) if titles is None and not bold_mode else set()
    issuers = _issuer_lines(lines, texty)
    # "Issuer" / "Name" stacked the other way round: an organisation opens the section; where
    # styles set the sub-lines apart, they tell the issuers already.
    if sub_lines or (len(texty) >= 2 and texty[0] in issuers and texty[1] not in issuers):
        issuers = set()
    after_date = _issuer_after_date(lines, meta, issuers)
    if after_date:
        stacked = set()  # no Name / Issuer pairs before the dates: the issuer comes after them

    lefts: dict[int, float] = {}  # where the section's text starts in each column
    for ln in lines:
        if ln.x0 is not None:
            lefts[ln.column] = min(lefts.get(ln.column, ln.x0), ln.x0)
    right_edges = {ln.column: edges.get(ln.column, widest) for ln in lines}

    builder = _Builder()
    decisions: list[Decision] = []
    reasons: list[str] = []
    continues = [False] * len(lines)
    with_issuer: set[int] = set()  # entries that took an issuer line by _issuer_under_name
    for i, line in enumerate(lines):
        current = builder.current
        decision: Decision
        reason: str
        if current is not None:
            continues[i] = _continues(
                lines[i - 1],
                line,
                meta_involved=meta[i - 1] or meta[i],
                bold_mode=bold_mode,
                titles=titles,
                right_edge=right_edges[line.column],
                layout=layout,
                entry_dated=_dated_after_start(current.lines[-1].text),
                left_edge=lefts.get(line.column),
            )
        if current is None:
            decision, reason = "start", "first"
        elif _broken_token(lines[i - 1].text, line.text):
            decision, reason = "glue", "broken"  # "03/202" / "6", ".../badges/5b9e1f2" / "0-3c4d-..."
        elif _label_value(lines[i - 1], line, meta[i]) or continues[i]:
            decision, reason = "wrap", "wrapped"  # "Issued by" / "Quillmark Board": one field; wrapped text
        elif bulleted:
            reason = "bullets"
            decision = "start" if BULLET.match(line.text) or line.role == "list_item" else "line"
        elif dates_first:
            # "2021" / Name / Issuer: a date line opens the next entry once this one has a name.
            opens = meta[i] and bool(find_dates(line.text)) and any(not _is_meta(ln) for ln in current.lines)
            decision, reason = ("start" if opens else "line"), "dates_first"
        elif meta[i] or i in details or i in sub_lines or _smaller(lines[i - 1], line):
            decision, reason = "line", "qualifier"  # qualifiers, details, sub-lines set smaller or apart
        elif _issuer_under_name(current, lines, i, issuers, after_date=after_date):
            decision, reason = "line", "issuer_under_name"  # the issuer stacked under its name
            with_issuer.add(len(builder.entries) - 1)
        elif titles:
            decision, reason = ("start" if _style(line) in titles else "line"), "titles"
        elif bold_mode:
            decision, reason = ("start" if line.bold else "line"), "bold"
        elif loose is not None:
            decision, reason = ("start" if i in loose else "line"), "spacing"
        else:
            # Once an entry has its issuer on a line of its own, the next name opens another.
            opens = i not in stacked or len(builder.entries) - 1 in with_issuer
            decision, reason = ("start" if opens else "line"), "stacking"
        decisions.append(decision)
        reasons.append(reason)
        builder.add(line, decision)
    return EntryCut(
        lines=lines,
        decisions=decisions,
        reasons=reasons,
        meta=meta,
        marked=set(marked),
        bulleted=bulleted,
        titles=titles,
        bold_mode=bold_mode,
        dates_first=dates_first,
        layout=layout,
        stacked=stacked,
        details=details,
        loose=loose,
        sub_lines=sub_lines,
        issuers=issuers,
        after_date=after_date,
        lefts=lefts,
        right_edges=right_edges,
        continues=continues,
    )


ENTRY_CLASSES: tuple[str, ...] = ("other", "start", "name_wrap")
"""What the line model says of a line: no entry boundary (the rules then decide how it joins),
it opens an entry, or it carries the rest of a credential name wrapped from the line above."""
RULE_REASONS: tuple[str, ...] = (
    "first", "broken", "wrapped", "bullets", "dates_first", "qualifier", "issuer_under_name", "titles",
    "bold", "spacing", "stacking",
)
ENTRY_FEATURES: tuple[str, ...] = (
    # what the rules decided, by which rule, and the section-wide layout they saw
    "rule_start", "rule_wrap", "rule_glue", "rule_line", "continues",
    *(f"by_{reason}" for reason in RULE_REASONS),
    "bulleted", "titles_mode", "bold_mode", "loose_mode", "dates_first", "layout_dated", "layout_bare",
    "after_date", "section_lines", "position", "relative_position",
    # the line's part in those layouts
    "marked", "meta", "meta_before", "meta_after", "in_titles", "in_stacked", "in_details", "in_sub_lines",
    "in_issuers", "in_loose", "smaller",
    # what the line says
    "dated", "dated_before", "dated_after_start", "starts_with_date", "has_id", "has_link", "shared_link",
    "starts_lower", "starts_digit", "chars", "words", "upper_share", "joiner_before", "label_before",
    "complete_before", "credential_like", "org_like", "issuer_only", "residue_chars",
    # its type and geometry (-1 when the reader gives none)
    "bold", "bold_before", "same_style", "size_to_median", "size_to_before", "gap_before", "gap_after",
    "gap_to_tightest", "indent", "shift", "fill", "fill_before", "page_or_column_change",
    "table_cell", "list_item",
)


def entry_features(cut: EntryCut) -> list[list[float]]:
    """One row of ENTRY_FEATURES per line of the cut: the rules' decisions and signals, the
    line's text shape and its type and geometry relative to the section (never its words, so
    that the model learns layouts, not the strings of the resumes it was trained on)."""
    lines, n = cut.lines, len(cut.lines)
    heights = [ln.bottom - ln.top for ln in lines if ln.bottom is not None and ln.top is not None]
    sizes = [ln.font_size for ln in lines if ln.font_size]
    height = median_high(heights) if heights else None
    size = median_high(sizes) if sizes else None
    gaps = [g for g in (gap(a, b) for a, b in pairwise(lines)) if g is not None]
    tightest = min(gaps) if gaps else None
    rows = []
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else None
        after = lines[i + 1] if i + 1 < n else None
        text = strip_bullet(line.text)
        residue = _residue(line)
        lead = _lead_part(residue)
        letters = [c for c in text if c.isalpha()]
        gap_before = gap(before, line) if before else None
        gap_after = gap(line, after) if after else None
        edge = cut.right_edges.get(line.column)
        left = cut.lefts.get(line.column)

        def unit(value: float | None, scale: float | None = height) -> float:
            return -1.0 if value is None or not scale else value / scale

        decision = cut.decisions[i]
        f = {
            "rule_start": decision == "start",
            "rule_wrap": decision == "wrap",
            "rule_glue": decision == "glue",
            "rule_line": decision == "line",
            "continues": cut.continues[i],
            **{f"by_{reason}": cut.reasons[i] == reason for reason in RULE_REASONS},
            "bulleted": cut.bulleted,
            "titles_mode": cut.titles is not None,
            "bold_mode": cut.bold_mode,
            "loose_mode": cut.loose is not None,
            "dates_first": cut.dates_first,
            "layout_dated": cut.layout == "dated",
            "layout_bare": cut.layout == "bare",
            "after_date": cut.after_date,
            "section_lines": n,
            "position": i,
            "relative_position": i / n,
            "marked": i in cut.marked,
            "meta": cut.meta[i],
            "meta_before": bool(i) and cut.meta[i - 1],
            "meta_after": i + 1 < n and cut.meta[i + 1],
            "in_titles": bool(cut.titles) and _style(line) in (cut.titles or ()),
            "in_stacked": i in cut.stacked,
            "in_details": i in cut.details,
            "in_sub_lines": i in cut.sub_lines,
            "in_issuers": i in cut.issuers,
            "in_loose": cut.loose is not None and i in cut.loose,
            "smaller": before is not None and _smaller(before, line),
            "dated": bool(find_dates(line.text)),
            "dated_before": before is not None and bool(find_dates(before.text)),
            "dated_after_start": _dated_after_start(line.text),
            "starts_with_date": _starts_with_date(line.text),
            "has_id": bool(_id_spans_of(line.text)),
            "has_link": bool(line.links) or bool(url_spans(line.text)),
            "shared_link": before is not None
            and bool({k.url for k in before.links} & {k.url for k in line.links}),
            "starts_lower": _starts_lower(line.text),
            "starts_digit": text[:1].isdigit(),
            "chars": len(text),
            "words": len(text.split()),
            "upper_share": sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
            "joiner_before": before is not None and bool(_JOINERS.search(before.text.rstrip())),
            "label_before": before is not None and bool(_LABEL_ONLY.match(strip_bullet(before.text))),
            "complete_before": before is not None and bool(_COMPLETE.search(before.text.rstrip())),
            "credential_like": bool(lead) and _credential_like(lead),
            "org_like": bool(lead) and _org_like(lead),
            "issuer_only": _issuer_only(residue),
            "residue_chars": len(residue),
            "bold": line.bold,
            "bold_before": before is not None and before.bold,
            "same_style": before is not None and _same_style(before, line),
            "size_to_median": unit(line.font_size, size),
            "size_to_before": unit(line.font_size, before.font_size if before else None),
            "gap_before": unit(gap_before),
            "gap_after": unit(gap_after),
            "gap_to_tightest": unit(
                None if gap_before is None or tightest is None else gap_before - tightest
            ),
            "indent": unit(None if line.x0 is None or left is None else line.x0 - left),
            "shift": unit(
                None if line.x0 is None or before is None or before.x0 is None else line.x0 - before.x0
            ),
            "fill": unit(line.x1, edge),
            "fill_before": unit(before.x1 if before else None, edge),
            "page_or_column_change": before is not None
            and (before.page != line.page or before.column != line.column),
            "table_cell": line.role == "table_cell",
            "list_item": line.role == "list_item",
        }
        rows.append([float(f[name]) for name in ENTRY_FEATURES])
    return rows


def revise(cut: EntryCut) -> list[Decision]:
    """The rules' decisions as the shipped line model revises them (unchanged without one).

    The model says where credential names begin and which lines carry a name's wrapped rest;
    an entry opens at each name, or where the rules opened it above the name since the name
    before on a date or an issuer's line (which then belongs to the name's entry). Elsewhere the
    rules' way of joining a line stands, but they open no entry of their own.
    """
    model = packaged("entries.txt")
    if model is None or not any(ln.font_size or ln.x0 is not None or ln.bold or ln.role for ln in cut.lines):
        return cut.decisions  # plain text shows the model none of the type and geometry it reads
    verdicts = []
    for row, rule, meta in zip(entry_features(cut), cut.decisions, cut.meta, strict=True):
        probabilities = model.probabilities(row)
        best = max(probabilities)
        if best >= 0.5:
            verdict = ENTRY_CLASSES[probabilities.index(best)]
            # A line of dates, IDs and labels alone holds no name to begin ("Registry # H77 ·
            # Exp. 09/2028"): where an entry opens on one, the rules say so.
            verdicts.append("other" if verdict == "start" and meta else verdict)
        else:  # no majority for any class: the rules' decision stands
            verdicts.append("start" if rule == "start" else "other")
    revised: list[Decision] = [
        ("glue" if rule == "glue" else "wrap")
        if verdict == "name_wrap"
        else ("line" if rule == "start" else rule)
        for verdict, rule in zip(verdicts, cut.decisions, strict=True)
    ]
    last_name = -1
    for i, verdict in enumerate(verdicts):
        if verdict != "start":
            continue
        opened_above = [
            j
            for j in range(last_name + 1, i)
            if cut.decisions[j] == "start" and (cut.meta[j] or _issuer_only(_residue(cut.lines[j])))
        ]
        revised[opened_above[-1] if opened_above else i] = "start"
        last_name = i
    return revised


_ORG_KIND = re.compile(
    r"\b(?:inc|llc|ltd|gmbh|corp(?:oration)?|company|institute|institution|university|college|school|"
    r"academy|association|society|council|board|foundation|alliance|consortium|federation|commission|"
    r"department|dept|agency|authority|ministry|organi[sz]ation|administration|bureau|registry)\.?"
    r"(?:\s*$|\s+(?:of|for|on|in|de|del|du|der|für)\s)",
    re.IGNORECASE,
)
"""A word that makes a text an organisation, closing it or before what it is of ("Texas Board of
Nursing", "Quillmark Institute"), unlike a brand, which also opens product names ("Google
Analytics"), or an organisation's word inside a credential's name ("... Council Registration")."""


def _issuer_only(text: str) -> bool:
    """A line that can only be an issuer, never a credential: a catalogue issuer as written
    ("CFA Institute"), or an organisation by its kind ("... Department of Defense"), one word
    ("Coursera") or a bare acronym ("FAA"). Stricter than _organisation_only, because a line
    under a name that passes is read as that name's issuer, and "Google Analytics" is a name."""
    if not text or "(" in text or find_dates(text) or len(_split_parts(text)) != 1:
        return False  # "Name, Institute" is a whole entry
    if LEVEL_WORDS.fullmatch(text):
        return False  # "II", "Associate": the wrapped end of a name
    if normalise(text) in _known_issuers():
        return True
    if not _organisation_only(text):
        return False
    return " " not in text or bool(re.fullmatch(r"[A-Z]{2,6}", text) or _ORG_KIND.search(text))


def _aligned(above: Line, line: Line) -> bool:
    """Same left edge, right edge or centre: lines of one stack, whatever the column's alignment."""
    if None in (above.x0, above.x1, line.x0, line.x1):
        return True
    return (
        abs(above.x0 - line.x0) <= 3  # type: ignore[operator]
        or abs(above.x1 - line.x1) <= 3  # type: ignore[operator]
        or abs((above.x0 + above.x1) - (line.x0 + line.x1)) <= 6  # type: ignore[operator]
    )


def _sub_lines(lines: list[Line], texty: list[int]) -> set[int]:
    """Indexes of the text lines set in the second of two styles (block role, weight, size)
    when that style only ever follows a line in the first: a name and its sub-line (issuer,
    detail), as a template marks them up apart even where size and weight agree ("<p>" names
    over "<div>" issuers). Empty when the section shows no such pattern."""
    signature = {i: (lines[i].role, _style(lines[i])) for i in texty}
    if not texty or len(set(signature.values())) != 2:
        return set()
    first = signature[texty[0]]
    second = [i for i in texty if signature[i] != first]
    previous = {texty[k]: texty[k - 1] for k in range(1, len(texty))}
    if len(second) < 2 or any(signature.get(previous.get(i, -1)) != first for i in second):
        return set()
    (bold, size), (sub_bold, sub_size) = first[1], signature[second[0]][1]
    if sub_size > size or (sub_bold and not bold):
        return set()  # sub-lines are never set larger or bolder than their names
    return set(second)


def _issuer_lines(lines: list[Line], texty: list[int]) -> set[int]:
    """Indexes of the lines that can only be issuers (_issuer_only).

    A bare acronym that is no known issuer ("QTB") may also be a credential of a list ("PMP",
    "CSM"): it counts only when another line of the section reads as an issuer too, so that the
    section shows a layout of stacked issuers.
    """
    found = {i for i in texty if _issuer_only(_residue(lines[i]))}
    if len(found) >= 2:
        return found
    return {i for i in found if not re.fullmatch(r"[A-Z]{2,6}", _residue(lines[i]).strip())}


def _issuer_after_date(lines: list[Line], meta: list[bool], issuers: set[int]) -> bool:
    """Whether the section stacks Name / Date / Issuer: its issuer lines mostly follow a date
    line rather than a name."""
    after_date = sum(1 for i in issuers if i and meta[i - 1] and find_dates(lines[i - 1].text))
    after_name = sum(1 for i in issuers if i and not meta[i - 1])
    return after_date >= 2 and after_date > after_name


def _issuer_under_name(
    current: Entry | None, lines: list[Line], i: int, issuers: set[int], *, after_date: bool
) -> bool:
    """Whether line i is the issuer printed under the name of the entry being read.

    Templates stack a credential as Name / Issuer / Date (or Name / Date / Issuer, `after_date`);
    when the issuer line carries no date and no other type, only what it says tells it from the
    next name: an organisation and nothing else (`issuers`), under an entry that has a name and
    no issuer yet (nor a date, unless dates come before issuers). In a laid-out page the stack
    must also hold together: aligned with the line above, and no wider apart from it than from
    the line below (or, last, than entries are apart).
    """
    if current is None or i == 0 or i not in issuers:
        return False
    if any(
        _issuer_only(_residue(ln)) or (not after_date and (_is_meta(ln) or find_dates(ln.text)))
        for ln in current.lines
    ):
        return False  # the entry has its issuer (or its date) already: this opens the next one
    line, above = lines[i], lines[i - 1]
    if not _aligned(above, line):
        return False
    space = gap(above, line)
    if space is None:
        return True
    if i + 1 < len(lines) and (below := gap(line, lines[i + 1])) is not None:
        return space <= below + 1.0
    gaps = [g for g in (gap(a, b) for a, b in pairwise(lines)) if g is not None]
    return space <= min(gaps) + 1.5 or space < 0.6 * max(gaps)


def _label_value(label: Line, line: Line, line_meta: bool) -> bool:
    """Whether `line` is the value of a field whose label stood alone on the line before
    ("Issued by" / "Quillmark Board", "Awarded on:" / "Jun 2021", "Credential ID" / "QX-4411"):
    a date or ID after any label, an organisation after an issuer's label. A name after a label
    with no value ("Awarded on:" / next name) is no value."""
    text = strip_bullet(label.text)
    if not _LABEL_ONLY.match(text) or BULLET.match(line.text) or _LABEL_ONLY.match(strip_bullet(line.text)):
        return False
    if line_meta:
        return not _SHOW.match(strip_bullet(line.text))
    joined = f"{text} {line.text.strip()}"
    if any(end == len(joined) for _, end, _ in _id_spans_of(joined)):
        return True  # "Credential ID" / "GEO-55120": the label makes the number an ID
    value = _residue(line)
    return bool(_ISSUER_LABEL.match(f"{text} X")) and _issuer_like(value) and not _credential_like(value)


_HEADER_CELL = re.compile(rf"^\s*{_HEADER_WORD}\s*:?\s*$", re.IGNORECASE)


def _without_header_cells(lines: list[Line]) -> list[Line]:
    """The lines without a table's header row that the reader gave one cell per line
    ("Name" / "Issuer" / "Date"): two or more header words in table cells opening the section."""
    count = 0
    while count < len(lines) and lines[count].role == "table_cell" and _HEADER_CELL.match(lines[count].text):
        count += 1
    return lines[count:] if count >= 2 else lines


def _smaller(previous: Line, line: Line) -> bool:
    """Set in smaller type than the line above: a sub-line (issuer, details) of the same entry."""
    return bool(previous.font_size and line.font_size and line.font_size < previous.font_size - 0.4)


def _style(line: Line) -> tuple[bool, float]:
    """Weight and size (to the half point) of a line."""
    return line.bold, round((line.font_size or 0.0) * 2) / 2


def _title_styles(lines: list[Line], meta: list[bool], texty: list[int]) -> set[tuple[bool, float]] | None:
    """The styles of name lines in a layout where names are set apart from their sub-lines.

    Stacked entries print dates, IDs and links (meta lines) in one style, often the issuer too,
    and the name in another (bold, or larger). When that holds, a line in a name style opens an
    entry and the lines in the sub-line style belong to it. None when the section shows no such
    split.
    """
    sub = {_style(lines[i]) for i, is_meta in enumerate(meta) if is_meta}
    if len(sub) != 1 or not texty:
        return None
    titles = {_style(lines[i]) for i in texty} - sub
    if not titles or _style(lines[texty[0]]) not in titles:
        return None
    if all(_style(lines[i]) in titles for i in texty):
        return None  # every text line a name: one-line entries with their dates below
    return titles


def _continues(
    previous: Line,
    line: Line,
    *,
    meta_involved: bool,
    bold_mode: bool,
    titles: set[tuple[bool, float]] | None,
    right_edge: float | None,
    layout: str,
    entry_dated: bool,
    left_edge: float | None = None,
) -> bool:
    """Whether `line` is the wrapped rest of `previous` (one logical line of text)."""
    if (BULLET.match(line.text) or line.role == "list_item") and not _level_tail(line.text):
        return False
    shared = {link.url for link in previous.links} & {link.url for link in line.links}
    if shared:
        return True  # one hyperlink spread over two lines: a wrapped linked name
    if meta_involved:  # "Sep 2025 (Credential ID:" / "CSCO13827744)" still wrap
        return _same_style(previous, line) and _open_text(previous.text.rstrip(), strip_bullet(line.text))
    if titles:
        if _style(previous) != _style(line):
            return False
        if _style(line) in titles:
            # Two name lines in a row are one wrapped name, unless the first is complete: it
            # carries its date, or ends with its acronym.
            before = previous.text.rstrip()
            return not (find_dates(before) or before.endswith(")"))
    elif bold_mode:
        if previous.bold != line.bold:
            return False
        if line.bold and _same_style(previous, line):
            return True  # bold names over plain issuers: two bold lines in a row are one name
    return wrapped(
        previous, line, right_edge, layout=layout, entry_dated=entry_dated, left_edge=left_edge, names=True
    )


def _layout(lines: list[Line], meta: list[bool]) -> str:
    """'dated' when dates sit only on entry lines, 'bare' when there are no dates, else 'mixed'."""
    dated = [bool(find_dates(line.text)) for line in lines]
    if not any(dated):
        return "bare"
    if not any(d and m for d, m in zip(dated, meta, strict=True)):
        return "dated"
    return "mixed"


def _loose_gaps(lines: list[Line]) -> set[int] | None:
    """Indexes of lines that follow a clearly wider blank gap than the section's tightest one.

    When a PDF spaces entries apart, the gaps are what separate entries, whatever the text
    says. Gaps are measured between one line's bottom and the next one's top, so that smaller
    type on sub-lines does not read as spacing. None when spacing tells nothing (no geometry, or
    every gap alike).
    """
    gaps: dict[int, float] = {}
    sizes: list[float] = []
    for i in range(1, len(lines)):
        line = lines[i]
        if (space := gap(lines[i - 1], line)) is None:
            continue
        gaps[i] = space
        sizes.append(line.font_size or (line.bottom - line.top))  # type: ignore[operator]
    if len(gaps) < 2:
        return None
    tight = max(0.0, min(gaps.values()))
    threshold = tight + max(1.5, 0.25 * sorted(sizes)[len(sizes) // 2])
    loose = {i for i, gap in gaps.items() if gap > threshold}
    if not loose:
        return None
    # A line with no measured gap (page or column change) opens an entry only if it must.
    return loose | {i for i in range(1, len(lines)) if i not in gaps and not _is_meta(lines[i])}


def _name_then_details(lines: list[Line], texty: list[int]) -> set[int]:
    """Indexes of detail lines in a Name / "Issuer · ID · dates" layout.

    When the text lines alternate, a line without a date then one with a date that starts with
    an organisation rather than a credential, each second line details the name above it.
    Elsewhere a dated line right under an undated one details it only if it starts with an
    organisation's name ("Boiler Operator License" / "Marrowgate County Licensing Office · ...").
    """
    dated = [i for i in texty if find_dates(lines[i].text)]
    undated = [i for i in texty if i not in dated]

    def lead(i: int) -> str:
        return _lead_part(_residue(lines[i]))

    alternating = len(dated) >= 2 and len(dated) == len(undated)
    for name, detail in zip(undated, dated, strict=False) if alternating else ():
        first = lead(detail)
        if detail != name + 1 or not first or (_credential_like(first) and not _org_like(first)):
            alternating = False
            break
    if alternating:
        return set(dated)
    undated_set = set(undated)
    return {i for i in dated if i - 1 in undated_set and _organisation_only(lead(i))}


def _organisation_only(text: str) -> bool:
    """Names an organisation and nothing else: no credential words, nothing in parentheses (an
    organisation word, a known issuer, or a bare acronym that is no known credential: "QTB")."""
    if "(" in text or _credential_like(text):
        return False
    return _org_like(text) or bool(re.fullmatch(r"[A-Z]{2,6}", text))


def _lead_part(text: str) -> str:
    """The first field of a line ("Scaled Agile, Inc." whole: a company suffix stays)."""
    parts = _split_parts(text)
    if not parts:
        return ""
    lead = parts[0][1]
    for separator, part in parts[1:]:
        if not _ORG_SUFFIX.match(part):
            break
        lead += separator + part
    return _tidy(lead)


def _stacked_pairs(lines: list[Line], meta: list[bool]) -> set[int]:
    """Indexes of issuer lines in a Name / Issuer / Date layout.

    Runs of non-meta lines between meta lines tell the layout: when runs before a meta line are
    mostly two lines long, the second line of each run is the issuer of the first. A line with
    its own date closes an entry, so a run counts only from the line after it.
    """
    runs: list[list[int]] = []
    run: list[int] = []
    for i, is_meta in enumerate(meta):
        if is_meta:
            if run:
                runs.append(run)
            run = []
        elif find_dates(lines[i].text):
            run = []
        else:
            run.append(i)
    closed = runs  # a trailing run without meta after it says nothing about the layout
    if not closed or not any(len(r) == 2 for r in closed):
        return set()
    if sum(len(r) == 2 for r in closed) < sum(len(r) == 1 for r in closed):
        return set()
    return {r[-1] for r in closed if len(r) >= 2}


# --------------------------------------------------------------------------- reading


_LAST_BY = re.compile(r"\s+(?:(?:issued|awarded|offered|certified)\s+)?by\s+(?P<org>[^–—|·•,;]+)$")
_LAST_AT = re.compile(
    r"\s+(?:at|from|by|von|bei|chez|par|por|pela|pelo|presso|bij|door)\s+(?P<org>[^–—|·•,;()]+)$"
)
"""A preposition before the organisation that closes a one-field line, in our languages."""
_FIELD_LABEL = re.compile(
    r"^(?:certification|certificate|credential|licen[sc]e|course|name|title|issued\s+by|issuer|"
    r"issuing\s+(?:organi[sz]ation|body|authority)|awarded\s+by|provider|certifying\s+body)\s*:\s*",
    re.IGNORECASE,
)
"""A field's label inside a line of labelled fields ("Certification: X | Issuing body: Y")."""
_ISSUER_WORDING = re.compile(rf"^(?:{ISSUED_BY}|by|from|von|pela|pelo|door)\s+|\s+(?:in|on)$", re.IGNORECASE)
"""The words around an issuer whose date was read off ("awarded by Total Safety Training in")."""
_SUFFIX_AFTER = re.compile(r"(?:inc|llc|ltd|corp|gmbh|plc)\.?(?=\s*(?:$|[-–—|·•,;(]))", re.IGNORECASE)
"""A company suffix right after a comma ("Rockwell Automation, Inc. — 2019"): the comma is the name's."""
_ORG_SUFFIX = re.compile(r"^(?:inc|llc|ltd|corp|co|gmbh|plc|s\.?a|ag|pty\.? ltd|l\.?p)\.?$", re.IGNORECASE)


def _split_parts(text: str) -> list[tuple[str, str]]:
    """(separator before, part) for each part between separators outside parentheses.

    Only the loosest separator present splits: pipes and dots before commas, commas before
    em dashes, em dashes before en dashes and hyphens, so that "SQF Practitioner – Implementing
    SQF Systems, SQFI" keeps its dash.
    """
    found = [
        m
        for m in _SEPARATORS.finditer(text)
        if not _inside_parens(text, m.start())
        and not (m.group(0).startswith(",") and _SUFFIX_AFTER.match(text, m.end()))
    ]
    for rank in _SEPARATOR_RANKS:
        ranked = [m for m in found if rank.search(m.group(0))]
        if ranked:
            found = ranked
            break
    parts: list[tuple[str, str]] = []
    position = 0
    separator = ""
    for match in found:
        parts.append((separator, text[position : match.start()]))
        separator, position = match.group(0), match.end()
    parts.append((separator, text[position:]))
    return [(sep, part.strip()) for sep, part in parts if part.strip()]


def _split_name_issuer(text: str) -> tuple[str, str | None]:
    """'Name, Issuer', 'Name - Issuer', 'Name | Issuer', 'Name (Issuer)', 'Name by Issuer',
    'Issuer: Name' (but 'Microsoft Certified: Azure Fundamentals' is one name)."""
    text = " ".join(text.split())
    head, colon, tail = text.partition(": ")
    short = bool(colon and tail) and len(head.split()) <= 3
    # "IOSH: IOSH Managing Safely" repeats the issuer before its name.
    if short and (tail.startswith(head + " ") or _issuer_first(head, _split_parts(tail)[0][1])):
        name, issuer = _split_name_issuer(tail)
        return name, issuer or _tidy(head)
    parts = [(sep, _FIELD_LABEL.sub("", part)) for sep, part in _split_parts(text)]
    if not parts:
        return "", None
    by = _LAST_BY.search(text)
    if by and len(parts) >= 2 and len(_split_parts(by.group("org"))) == 1 and _issuer_like(by.group("org")):
        # "LinkedIn Certified Professional – Recruiter by LinkedIn": the issuer closes the line.
        return _tidy(text[: by.start()]), _tidy(_ISSUER_WORDING.sub("", by.group("org")))
    at = _LAST_AT.search(text) if len(parts) == 1 else None
    org = at.group("org") if at else ""
    if at and _organisation_only(org) and (_credential_like(text[: at.start()]) or _org_like(org)):
        # "CELTA at Cambridge English", "CEN from BCEN", "Zertifikat von TÜV Süd": a name, then
        # a preposition and an organisation, and nothing else ("First Aid at Work" is one name).
        return _tidy(text[: at.start()]), _tidy(org)
    if (
        len(parts) >= 3
        and all(_continues_name(part, sep) for sep, part in parts[2:])  # cheap first
        and _organisation_only(parts[0][1])
        and _credential_like(parts[1][1])
    ):
        # "Amazon Web Services – AWS Certified Security – Specialty": the organisation first,
        # then a name whose level follows a dash.
        return _tidy(parts[1][1] + "".join(sep + part for sep, part in parts[2:])), _tidy(parts[0][1])
    alone = colon and tail and len(_split_parts(tail)) == 1
    if alone and _organisation_only(tail) and not _organisation_only(head):
        return _tidy(head), _tidy(tail)  # "Palo Alto PCNSA: Palo Alto Networks"
    name = parts[0][1]
    rest = parts[1:]
    while rest and _continues_name(rest[0][1], rest[0][0], name) and not _issuer_first(name, rest[0][1]):
        name += rest[0][0] + rest[0][1] if rest[0][0].strip() else " " + rest[0][1]
        rest = rest[1:]
    while len(rest) >= 2 and rest[0][1] in US_STATES:
        rest = rest[1:]  # "License, TX #123456, Texas Department of ...": a state code, not the issuer
    if len(rest) >= 2 and all(re.search(r"[-–—@]", sep) for sep, _ in rest):
        # "Name – Subtitle – Issuer" with dashes only: the issuer is the first part that reads
        # as an organisation, else the last; what comes before it is the name.
        first_org = next((k for k, (_, part) in enumerate(rest) if _org_like(part)), len(rest) - 1)
        for separator, part in rest[:first_org]:
            name += separator + part
        rest = rest[first_org:]
    if rest:
        issuer = rest[0][1]
        for separator, part in rest[1:]:
            if not _ORG_SUFFIX.match(part):
                break
            issuer += separator + part  # "Scaled Agile, Inc."
        inner = [part for _, part in _split_parts(issuer)] if re.search(r"\s[–—-]\s", issuer) else []
        if len(inner) >= 2 and _org_like(inner[-1]) and not any(_org_like(part) for part in inner[:-1]):
            # "Name, Java SE 11 Developer — Oracle": the field after the comma ends with the issuer.
            name = f"{name}, {' – '.join(inner[:-1])}"
            issuer = inner[-1]
        qualified = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", issuer)
        if (
            qualified
            and _org_like(qualified.group(2))
            and not _org_like(qualified.group(1))
            and len(qualified.group(1).split()) <= 3
        ):
            # "Court Interpreter Certification – French (Judicial Council of California)": the
            # part before the organisation in parentheses qualifies the name.
            name, issuer = f"{name}{rest[0][0]}{qualified.group(1)}", qualified.group(2)
        if _issuer_first(name, issuer):
            name, issuer = issuer, name  # "Issuer - Name", "Udemy — The Complete Python Bootcamp"
        name, issuer = _tidy(name), _tidy(_ISSUER_WORDING.sub("", issuer))
        repeated = re.search(r"\s[–—-]\s([^–—-]+)$", name)
        if repeated and normalise(repeated.group(1)) == normalise(issuer):
            name = _tidy(name[: repeated.start()])  # "KBP® — Kestrel Board, 2020; Kestrel Board ID 730512"
        return name, issuer or None
    by = _INLINE_ISSUER.search(name)
    if by and _issuer_like(name[by.end() :]):
        return _tidy(name[: by.start()]), _tidy(name[by.end() :]) or None
    paren = re.search(r"(?<!\w)\(([^()]+)\)\s*$", name)  # "SBB(ASCP)" glued to its word is the name's
    if paren and _paren_issuer(name[: paren.start()], paren.group(1)):
        return _tidy(name[: paren.start()]), _tidy(paren.group(1))
    bracket = re.search(r"\s\[([^\[\]]+)\]\s*$", name)
    if bracket and _issuer_like(bracket.group(1)):
        return _tidy(name[: bracket.start()]), _tidy(bracket.group(1))  # "Name [Issuer]"
    return _tidy(name), None


@lru_cache(maxsize=1)
def _known_issuers() -> frozenset[str]:
    """Issuers of the certification catalogue, normalised, to tell an organisation by its name."""
    return frozenset(normalise(entry.issuer) for entry in catalogue_entries() if entry.issuer)


def _org_like(text: str) -> bool:
    return bool(ORG_WORDS.search(text)) or normalise(text) in _known_issuers()


def _own_acronym(name: str, acronym: str) -> bool:
    """Whether "(CISSP)" abbreviates the name before it (its capitals in order, words whole)."""
    letters = "".join(c for c in acronym if c.isupper())
    name = re.sub(r"\([^()]*\)", " ", name)  # "Interpreter (CHI)" does not spell "(CCHI)"
    source = "".join(w if w.isupper() else w[:1].upper() for w in re.findall(r"[A-Za-z]+", name))
    it = iter(source)
    return bool(letters) and all(c in it for c in letters)


@lru_cache(maxsize=4096)
def _credential_like(text: str) -> bool:
    """Names a credential: a credential word, its own acronym in parentheses, or a catalogue entry.
    Cached: the rules and the line model's features ask it of the same texts, and the catalogue
    lookup is fuzzy."""
    if _CREDENTIAL_WORDS.search(text):
        return True
    paren = re.search(r"\(([^()]+)\)\s*$", text)
    if paren and _own_acronym(text[: paren.start()], paren.group(1)):
        return True
    match = catalogue_lookup(text)
    return match is not None and match.score >= 95


def _issuer_first(first: str, second: str) -> bool:
    """Whether "A – B" is "Issuer – Name": A an organisation, or a short name that names no
    credential ("QTB", "Harbor Peak Systems"), and B a credential; not the other way round."""
    if _org_like(second) or _credential_like(first):
        return False
    if _org_like(first):
        return _credential_like(second) or len(first.split()) <= 2
    return len(first.split()) <= 3 and _credential_like(second)  # "Quillon — QX 3 ... Professional"


def _paren_issuer(name: str, inside: str) -> bool:
    """Whether "Name (X)" puts the issuer in parentheses: an organisation, or an acronym that
    does not abbreviate the name ("(GrPA)" after "Hydroponic Crop Management Certificate")."""
    if re.fullmatch(r"[A-Z0-9+\-/ ]{2,10}", inside):
        if re.search(rf"(?<![\w-]){re.escape(inside)}(?![\w-])", name):
            return True  # "NCARB Certificate (NCARB)": no name abbreviates itself with its own word
        # "(LQSA)" after "Specialist (CLQS)": the name has its acronym, so this one is the issuer's;
        # three letters or more that do not abbreviate the name are an issuer's ("(ITEC)"), two
        # may be a level or edition ("(CE)").
        named = bool(re.search(r"\([A-Z][A-Za-z0-9+-]{1,9}\)\s*$", name))
        return (
            bool(re.fullmatch(r"[A-Z&]{2,8}", inside))
            and not _own_acronym(name, inside)
            and not _catalogue_acronym(name, inside)
            and (named or _org_like(inside) or len(inside) >= 3)
        )
    if re.fullmatch(r"[A-Za-z&]{2,8}", inside) and sum(c.isupper() for c in inside) >= 2:
        return not _own_acronym(name, inside)
    return _org_like(inside)


def _catalogue_acronym(name: str, inside: str) -> bool:
    """Whether the catalogue knows "(X)" as this credential's own acronym, though its letters do
    not spell the name ("C2 Proficiency (CPE)": Certificate of Proficiency in English)."""
    whole, alone = catalogue_lookup(name), catalogue_lookup(inside)
    return whole is not None and alone is not None and whole.id == alone.id and alone.score >= 95


def _inside_parens(text: str, index: int) -> bool:
    return text.count("(", 0, index) > text.count(")", 0, index)


def _continues_name(part: str, separator: str, name: str = "") -> bool:
    """A part after a separator that still belongs to the name: a level ("– Associate"), maybe
    followed by its issuer in parentheses ("– Associate (Amazon Web Services)"); after a slash,
    any part but an organisation's name; after a dash,
    also a rating, band or edition that carries a number ("– Band 8.0", "– Airbus A320",
    "– Grades 7-12", "– Module II") and a part the name's acronym needs ("Flight Instructor –
    Instrument (CFII)"): organisations are not written that way, so it is no issuer."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", part)
    if ORG_WORDS.search(bare):
        return False
    if LEVEL_WORDS.match(bare):
        return True
    if separator.strip() == "/" and not _org_like(bare):
        return True  # "Top Secret / SCI Security Clearance": a slash joins, unless an organisation follows
    if separator.strip() not in ("-", "–", "—") or _org_like(bare):
        return False
    acronym = re.search(r"\(([A-Z][A-Za-z0-9+-]{1,9})\)\s*$", part)
    if acronym and name and not _own_acronym(name, acronym.group(1)):
        return _own_acronym(f"{name} {bare}", acronym.group(1))
    return bool(re.search(r"\d|\b[IVX]{2,4}\b", bare))


def _kind(name: str, text: str, section: Section, links: list[FoundLink]) -> CredentialKind:
    """What sort of credential an entry is, from its name first, then its whole text and section."""
    title = section.title or ""
    if _CLEARANCE.search(name) or _CLEARANCE.search(title):
        return CredentialKind.CLEARANCE
    if _MICRO.search(name):
        return CredentialKind.MICRO_CREDENTIAL
    if _BADGE.search(name) or any(link.platform and link.platform.machine_readable for link in links):
        return CredentialKind.BADGE
    if _LICENSE.search(name) or (_LICENSE.search(text) and not _CERTIFICATE.search(name)):
        return CredentialKind.LICENSE
    if _CERTIFICATE.search(name):
        return CredentialKind.CERTIFICATE
    if _COURSE.search(name) or (_COURSE.search(title) and not re.search(r"certif", title, re.I)):
        return CredentialKind.COURSE
    if _DEGREE.search(name):
        return CredentialKind.DEGREE
    return CredentialKind.CERTIFICATION


def read_entry(entry: Entry, section: Section, file: str | None) -> Credential | None:
    """Read one entry into a Credential, or None when it names nothing."""
    logical = [(line, strip_bullet(line.text)) for line in entry.logical_lines()]
    joined = "\n".join(text for _, text in logical)
    issuer: str | None = None
    skills: list[str] = []
    name_lines: list[str] = []
    for line, text in logical:
        labelled = _ISSUER_LABEL.match(text)
        skill_label = _SKILLS_LABEL.match(text)
        if labelled:
            issuer = issuer or _tidy(_ISSUER_WORDING.sub("", _lead_part(
                _residue(line.model_copy(update={"text": labelled.group("issuer")}))
            )))  # "Issued by BCEN on 12 March 2021"
        elif skill_label:
            skills += [s.strip() for s in re.split(r"[,·•|;]", skill_label.group("skills")) if s.strip()]
        elif not _is_meta(line):
            name_lines.append(_residue(line))
    links = [link for ln, _ in logical for link in line_links(ln)]
    credential_links = [link for link in links if link.is_credential]
    if not name_lines:
        if not credential_links:
            return None
        name_lines = [credential_links[0].meaningful_anchor or ""]
    name_text = name_lines[0]
    extra = name_lines[1:]
    lead = _lead_part(extra[0]) if extra else ""
    head = _tidy(name_text)
    if issuer is None and lead and (
        named_after(lead, head)
        or (
            (_org_like(head) or re.fullmatch(r"[A-Z]{2,6}", head))  # cheap first: most names fail here
            and _organisation_only(head)
            and _credential_like(lead)
            and not _organisation_only(lead)
        )
    ):
        # Issuer / Name stacked ("Google Cloud" over "Google Cloud Professional Cloud Architect").
        name, issuer = _split_name_issuer(extra[0])[0], head
    elif issuer is None and lead and _issuer_like(lead) and len(lead.split()) <= 8:
        # Name / Issuer stacked: the name line is all name, commas and all.
        name, issuer = _tidy(name_text), lead
    else:
        name, inline_issuer = _split_name_issuer(name_text)
        if issuer is not None and inline_issuer and normalise(inline_issuer) not in normalise(issuer):
            # "CSCS Gold Card – Supervisor" over "Issued by Construction Skills ...": with its
            # issuer labelled, what follows the name's dash is the name's own.
            name = _tidy(name_text)
        issuer = issuer or inline_issuer or (extra[0] if extra else None)
    if not name or not re.search(r"[A-Za-z]", name):
        if not credential_links:
            return None
        name = link_credential(credential_links[0], entry.lines[0], file, section.title).name
    dates = read_dates(joined)
    ids = _id_spans(joined)
    main = next(iter(credential_links or links), None)
    platform = main.platform if main else None
    credential_id = ids[0][2] if ids else None
    first = entry.lines[0]
    return Credential(
        kind=_kind(name, joined, section, links),
        name=name,
        issuer=Issuer(name=issuer),
        issued=dates.issued,
        expires=dates.expires,
        no_expiry=dates.no_expiry and dates.expires is None,
        credential_id=credential_id,
        url=main.url if main else None,
        urls=[link.url for link in links if main is None or link.url != main.url],
        platform=platform.platform if platform else None,
        skills=skills,
        tags=["in_progress"] if _pending(joined) else [],
        source=Source(file=file, page=first.page, line=first.index, text=entry.text, section=section.title),
    )


def _pending(text: str) -> bool:
    """The entry says the credential is not earned yet ("In progress:", "expected Q3 2024")."""
    return bool(
        _IN_PROGRESS.search(text) or re.search(r"\b(?:in\s+progress|expected|pursuing)\b", text, re.I)
    )


def read_section(
    section: Section, file: str | None, edges: Mapping[int, float] | None = None
) -> list[Credential]:
    """Every credential of a credentials section, in order."""
    credentials = []
    for entry in split_entries(section, edges):
        logical = entry.logical_lines()
        pieces = (split_shared_line(logical[0]) or [logical[0]]) if len(logical) == 1 else []
        pieces = split_listed(pieces[0]) if len(pieces) == 1 and section.listed else pieces
        for part in [Entry([piece]) for piece in pieces] if len(pieces) > 1 else [entry]:
            credential = read_entry(part, section, file)
            if credential is not None:
                credentials.append(credential)
    return credentials


_SHARED_CUT = re.compile(r"\s*;\s+|\s+[|•·]\s+")
_DATE_TAIL = re.compile(r"[\s).,–—-]*$")


def _dated_piece(text: str) -> bool:
    """A piece that could be one credential: it has a date and words besides its dates."""
    reading = read_dates(text)
    if not reading.spans:
        return False
    rest, position = [], 0
    for start, end in reading.spans:
        rest.append(text[position:start])
        position = max(position, end)
    rest.append(text[position:])
    return bool(re.search(r"[A-Za-z]{2}", "".join(rest)))


def split_shared_line(line: Line) -> list[Line]:
    """A line holding two credentials, cut in two ("BLS, AHA, 03/2025; ACLS, AHA, 04/2025",
    "PMP (PMI), 2020 | PMI-ACP (PMI), 2022"): at a ";", " | ", " • " or " · " outside parentheses where the
    text before ends with a date and both sides are dated pieces with words of their own. A
    pipe between fields ("Name | Issuer | Issued 2021 | Expires 2024") leaves no words beside
    the dates after it, so it stays one line."""
    text = line.text
    cuts: list[tuple[int, int]] = []
    start = 0
    for match in _SHARED_CUT.finditer(text):
        if _inside_parens(text, match.start()):
            continue
        before = text[start : match.start()]
        mentions = find_dates(before)
        if not mentions or _DATE_TAIL.fullmatch(before, mentions[-1].end) is None:
            continue
        if _dated_piece(strip_bullet(before)) and _dated_piece(text[match.end() :]):
            cuts.append((match.start(), match.end()))
            start = match.end()
    if not cuts:
        return [line]
    pieces, position = [], 0
    for end, resume in [*cuts, (len(text), len(text))]:
        moved = [
            link.model_copy(
                update={"start": link.start - position, "end": (link.end or link.start) - position}
            )
            for link in line.links
            if link.start is not None and position <= link.start < end
        ]
        pieces.append(line.model_copy(update={"text": text[position:end], "links": moved}))
        position = resume
    unplaced = [link for link in line.links if link.start is None]
    pieces[0] = pieces[0].model_copy(update={"links": [*pieces[0].links, *unplaced]})
    return pieces


def _not_issuer(text: str) -> bool:
    """A list piece that is no issuer: no organisation word, or a credential named outright."""
    return not _org_like(text) or bool(_NAMED.search(text) or catalogue_lookup(text))


_NAMED = re.compile(r"\b(?:certif\w*|licen[cs]\w*|badge|diploma)", re.IGNORECASE)
_LIST_CUT = re.compile(r"\s*[,;]\s+|\s+[|•·]\s+")


def split_listed(line: Line) -> list[Line]:
    """A line that lists credentials and nothing else ("PMP, CISSP, CCSP", "AWS Certified Developer
    – Associate; CKA"), one piece per credential: undated, cut at commas, semicolons or pipes
    outside parentheses, and every piece names a credential by itself (_credential_like) and
    none is an issuer, so "Name, Issuer" and "Name, City, State" stay whole."""
    text = strip_bullet(line.text)
    offset = len(line.text) - len(text)
    cuts = [m for m in _LIST_CUT.finditer(text) if not _inside_parens(text, m.start())]
    if not cuts or find_dates(text) or _id_spans_of(text):
        return [line]
    bounds = [0, *[p for m in cuts for p in (m.start(), m.end())], len(text)]
    spans = list(zip(bounds[::2], bounds[1::2], strict=True))
    parts = [text[a:b].strip() for a, b in spans]
    if not all(p and len(p.split()) <= 8 and _credential_like(p) and _not_issuer(p) for p in parts):
        return [line]
    return [
        line.model_copy(
            update={
                "text": text[a:b],
                "links": [
                    link.model_copy(update={"start": link.start - offset - a, "end": link.end - offset - a})
                    for link in line.links
                    if link.start is not None
                    and link.end is not None
                    and offset + a <= link.start
                    and link.end <= offset + b
                ],
            }
        )
        for a, b in spans
    ]
