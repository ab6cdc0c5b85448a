"""Contact details: name, emails, phones, location and profile links.

The name is the most prominent short line of the header (largest type, or the first line when
there is no type to compare), with post-nominals ("Jane Doe, PMP, CISSP") cut off and returned
separately for the mentions module. Contact lines are split on the separators templates use
("jane@x.com | +1 555 123 4567 | Austin, TX") and each piece is classified.

Phones are normalised to E.164 when the country is clear (a leading + or 00, or a location in a
country whose numbering we know), else to their digits with a + only if one was written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from credbridge.model import Line, Link, Person, Source
from credbridge.resume.grammar import join_wrapped
from credbridge.resume.links import line_links
from credbridge.resume.places import US_STATES

EMAIL = re.compile(r"(?<![\w.+'-])[\w.+-]+(?:'[\w.+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w/.-])(?:\+|00)?\(?\d[\d\s().-]{6,22}\d(?:\s*(?:x|ext\.?)\s*\d{1,5})?(?![\w/-])")
_PIECES = re.compile(r"\s*(?:\||•|·|⋅|◆|♦|●|▪|\t|\s{3,}|\s[-–—]\s)\s*")
_LOCATION = re.compile(
    r"^(?:[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3})(?:,\s*[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}){1,2}$"
    r"|^[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}\s+(?:Area|Metropolitan Area|Bay Area|Region)$"
    r"|^(?:Remote|Hybrid)(?:\s*[(,-].*)?$"
)
_URLISH = re.compile(r"://|www\.|\.(?:com|org|io|net|edu)/")
_LOCATION_LABEL = re.compile(r"^\s*(?:location|address|based in|city)\s*[:\-]\s*", re.IGNORECASE)
_COUNTRY_CODES: tuple[tuple[re.Pattern[str], str, int], ...] = (
    # (location pattern, calling code, national number length without trunk 0)
    (re.compile(r"\b(?:USA?|United States|America)\b|,\s*(?:" + "|".join(US_STATES) + r")\b"), "1", 10),
    (re.compile(r"\bCanada\b|,\s*(?:ON|QC|BC|AB|MB|SK|NS|NB|NL|PE)\b"), "1", 10),
    (re.compile(r"\b(?:UK|United Kingdom|England|Scotland|Wales|London)\b"), "44", 10),
    (re.compile(r"\b(?:Germany|Deutschland|Berlin|Munich|München|Hamburg)\b"), "49", 0),
    (re.compile(r"\b(?:France|Paris)\b"), "33", 9),
    (re.compile(r"\b(?:India|Bengaluru|Bangalore|Mumbai|Delhi|Hyderabad|Pune|Chennai)\b"), "91", 10),
    (re.compile(r"\b(?:Australia|Sydney|Melbourne|Brisbane)\b"), "61", 9),
    (re.compile(r"\b(?:Ireland|Dublin)\b"), "353", 0),
    (re.compile(r"\b(?:Netherlands|Amsterdam)\b"), "31", 9),
)
_PROFILE_KINDS = (
    ("linkedin", r"(?:^|\.)linkedin\.com$", r"^/(?:in|pub)/"),
    ("github", r"(?:^|\.)github\.com$", r"^/[^/]+/?$"),
    ("gitlab", r"(?:^|\.)gitlab\.com$", r""),
    ("credly", r"(?:^|\.)credly\.com$", r"^/users/"),
    ("twitter", r"(?:^|\.)(?:twitter|x)\.com$", r""),
    ("stackoverflow", r"(?:^|\.)stackoverflow\.com$", r""),
    ("kaggle", r"(?:^|\.)kaggle\.com$", r""),
    ("medium", r"(?:^|\.)medium\.com$", r""),
    ("orcid", r"(?:^|\.)orcid\.org$", r""),
    ("trailhead", r"(?:^|\.)trailblazer\.me$|(?:^|\.)salesforce\.com$", r"/id/|/profile/|/trailblazer/"),
)
POST_NOMINAL = re.compile(r"^[A-Z][A-Za-z0-9+&./-]{1,10}$")
_PARTICLES = frozenset({"de", "van", "der", "von", "da", "la", "le", "del", "bin", "al", "di", "du", "dos"})
_NOT_NAMES = frozenset({"resume", "résumé", "curriculum", "vitae", "cv", "profile", "portfolio", "contact"})
_JOB_TITLE_HEAD = re.compile(
    r"(?:manager|engineer|specialist|analyst|officer|developer|designer|consultant|director|assistant|"
    r"technician|technologist|nurse|teacher|instructor|lecturer|administrator|architect|coordinator|"
    r"supervisor|operator|lead|tester|generalist|accountant|auditor|controller|pilot|interpreter|"
    r"translator|therapist|paramedic|electrician|welder|fabricator|dispatcher|practitioner|scientist|"
    r"recruiter|planner|strategist|executive|representative|associate|intern|trainee|apprentice|"
    r"ingenieur|ingénieur|ingeniero|engenheiro|ingegnere|berater|leiter|leiterin|entwickler|entwicklerin|"
    r"fachkraft|pflegefachkraft|responsable|développeur|développeuse|infirmier|infirmière|gerente|jefe|"
    r"analista|técnico|técnica|tecnico|enfermera|enfermero|enfermeiro|enfermeira|infermiere|infermiera|"
    r"responsabile|medewerker|adviseur|verpleegkundige)",
    re.IGNORECASE,
)
"""The last word of a job title in the languages we read ("Localization Specialist", "Pflege-
fachkraft"): a line in large type that ends with one is the title under the name, not the name.
Occupational surnames (Baker, Mason, Taylor) are deliberately not in the list."""
_DECORATION = frozenset({"So", "Sk", "Co", "Cn"})
"""Unicode categories of symbols, emoji and private-use glyphs a template sets beside a name."""


@dataclass(frozen=True)
class NameLine:
    """The candidate's name, where it was read, and the post-nominals written after it."""

    name: str
    line: Line
    post_nominals: tuple[str, ...]


def _name_word(word: str) -> bool:
    """A capitalised word of letters (any script; inner ' ’ - .), an initial, or a particle."""
    if word.lower() in _PARTICLES:
        return True
    core = word.rstrip(".")
    return bool(core) and core[0].isupper() and all(c.isalpha() or c in "'’-." for c in core)


def _looks_like_name(text: str) -> bool:
    """Two to five capitalised words with no digits or contact marks, not ending in a job title's
    head word: "Jane Roe", "José Álvarez", but not "Localization Specialist"."""
    words = text.split()
    if not 2 <= len(words) <= 5 or re.search(r"\d|@|://|[|:]", text):
        return False
    if any(w.lower().strip(".,") in _NOT_NAMES for w in words):
        return False
    if _JOB_TITLE_HEAD.fullmatch(words[-1].strip(".,")):
        return False
    if text.isupper():
        words = [w.capitalize() for w in words]
    return all(_name_word(w) for w in words)


def split_post_nominals(text: str) -> tuple[str, tuple[str, ...]]:
    """'Jane Doe, PMP, CISSP' -> ('Jane Doe', ('PMP', 'CISSP'))."""
    head, *rest = [part.strip() for part in re.split(r",\s*", text.strip())]
    letters = [p for p in rest if p]
    if letters and all(POST_NOMINAL.match(p) and sum(c.isupper() for c in p) >= 2 for p in letters):
        return head, tuple(letters)
    return text.strip(), ()


def find_name(header: list[Line]) -> NameLine | None:
    """The candidate's name among the header lines: largest type first, then first in order;
    emoji and icons beside it dropped, a job title after a comma, bar or dash cut off."""
    candidates = []
    for order, line in enumerate(header):
        text = "".join(ch for ch in line.text if unicodedata.category(ch) not in _DECORATION)
        text = " ".join(text.strip().lstrip("#").split())
        name, post = split_post_nominals(text)
        if not _looks_like_name(name):
            # "Jane Roe, Site Supervisor" / "Jane Roe | Welder": the name, then the job title
            head = re.split(r",\s+|\s+[|–—]\s+", text, maxsplit=1)[0]
            name, post = (head, ()) if head != text and _looks_like_name(head) else (name, post)
        if _looks_like_name(name):
            candidates.append((-(line.font_size or 0.0), order, name, line, post))
    if not candidates:
        return None
    _, _, name, line, post = min(candidates, key=lambda c: (c[0], c[1]))
    if name.isupper():
        name = " ".join(w.capitalize() for w in name.split())
    return NameLine(name, line, post)


def _country(location: str | None) -> tuple[str, int] | None:
    if not location:
        return None
    for pattern, code, length in _COUNTRY_CODES:
        if pattern.search(location):
            return code, length
    return None


def normalise_phone(raw: str, location: str | None = None) -> str | None:
    """E.164 when the country is clear, else digits (with + if one was written); None if too short."""
    main = re.split(r"\s*(?:x|ext\.?)\s*\d", raw, maxsplit=1)[0]
    main = main.replace("(0)", "")  # "+49 (0)30 ...": the trunk zero is not dialled from abroad
    digits = re.sub(r"\D", "", main)
    international = main.strip().startswith(("+", "00"))
    if main.strip().startswith("00"):
        digits = digits[2:]
    if len(digits) < 7 or len(digits) > 15:
        return None
    if international:
        return "+" + digits
    country = _country(location)
    if country is None:
        if len(digits) == 10 and re.match(r"^\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}$", main.strip()):
            return "+1" + digits  # the North American (NNN) NNN-NNNN shape is unambiguous enough
        return digits
    code, length = country
    national = digits[1:] if digits.startswith("0") and code != "1" else digits
    if code == "1" and len(national) == 11 and national.startswith("1"):
        national = national[1:]
    if length and len(national) != length:
        return digits
    return "+" + code + national


def _link_kind(url: str) -> str:
    match = re.match(r"^https?://([^/]+)(/[^?#]*)?", url)
    host, path = (match.group(1), match.group(2) or "/") if match else ("", "/")
    for kind, host_pattern, path_pattern in _PROFILE_KINDS:
        if re.search(host_pattern, host) and re.search(path_pattern, path):
            return kind
    return "portfolio"


def profile_link(url: str, text: str | None = None) -> Link:
    return Link(url=url, text=text, kind=_link_kind(url))


def find_location(lines: list[Line], taken: set[str]) -> tuple[str, Line] | None:
    """The first piece of a header line that reads as a place ("Austin, TX", "Greater X Area").

    Lines that carry an email or phone come first: a headline ("Program Manager, Digital
    Transformation") has the shape of a place too.
    """
    contact_first = sorted(lines, key=lambda ln: not (EMAIL.search(ln.text) or PHONE.search(ln.text)))
    for line in contact_first:
        for piece in _PIECES.split(line.text):
            piece = _LOCATION_LABEL.sub("", piece).strip().strip(",;")
            if not piece or piece in taken or EMAIL.search(piece) or re.search(r"\d{3}|://|www\.", piece):
                continue
            if _LOCATION.match(piece) and len(piece) <= 60:
                return piece, line
    return None


def read_contact(
    header: list[Line], contact_lines: list[Line], file: str | None, edges: Mapping[int, float] | None = None
) -> tuple[Person, NameLine | None]:
    """The Person from the header and any contact section, and the name line found."""
    name_line = find_name(header)
    pool = join_wrapped(header + [ln for ln in contact_lines if ln not in header], edges or {}, _atomic)
    taken = {name_line.name} if name_line else set()
    location_found = find_location(
        [ln for ln in pool if name_line is None or ln.index != name_line.line.index], taken
    )
    location = location_found[0] if location_found else None
    emails: list[str] = []
    phones: list[str] = []
    links: list[Link] = []
    for line in pool:
        for hyperlink in line.links:
            if hyperlink.url.lower().startswith("mailto:"):
                address = hyperlink.url[7:].split("?")[0]
                if EMAIL.fullmatch(address) and address.lower() not in (e.lower() for e in emails):
                    emails.append(address)
        for email in EMAIL.findall(line.text):
            if email.lower() not in (e.lower() for e in emails):
                emails.append(email)
        text = EMAIL.sub(" ", line.text)
        for link in line_links(line):
            if link.platform is None and link.url not in (lnk.url for lnk in links):
                links.append(profile_link(link.url, link.meaningful_anchor))
        for raw in PHONE.findall(_strip_urls(text)):
            phone = normalise_phone(raw, location)
            if phone and phone not in phones and not find_year_range(raw):
                phones.append(phone)
    source = None
    if name_line is not None:
        line = name_line.line
        source = Source(file=file, page=line.page, line=line.index, text=line.text)
    person = Person(
        name=name_line.name if name_line else None,
        emails=emails,
        phones=phones,
        location=location,
        links=links,
        source=source,
    )
    return person, name_line


def _atomic(text: str) -> bool:
    """Contact items that stand on their own line: e-mails, phones, URLs."""
    return bool(EMAIL.search(text) or re.search(r"\d{3}|://|www\.|\.com\b|/", text))


def _strip_urls(text: str) -> str:
    """The text without URL-like tokens, whose digits are no phone numbers (token by token:
    a pattern over the whole text would backtrack quadratically on long runs)."""
    return " ".join(t for t in text.split() if not _URLISH.search(t))


def find_year_range(text: str) -> bool:
    """'2019 - 2023' is a date range, not a phone number."""
    return bool(re.fullmatch(r"\s*(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\s*", text))
