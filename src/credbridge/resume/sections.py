"""Section headings and the sections they open.

A heading is recognised two ways. By keyword: a short line that reads (fuzzily, rapidfuzz) as
one of the headings resumes use ("Licenses & Certifications", "CERTIFICATIONS:", "Digital
Badges") names its section's kind. By style: once the keyword headings show what a heading
looks like in this document (font size, weight, capitals, heading role and level), any other
short line styled the same way is a heading too, of a kind we do not care about, and it closes
the section before it. Bold credential names inside a section are therefore not headings unless
the document's headings are styled exactly like them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from credbridge.model import Line

CREDENTIALS = "credentials"
SKILLS = "skills"
HEADER = "header"

HEADINGS: dict[str, tuple[str, ...]] = {
    CREDENTIALS: (
        "certifications", "certification", "certificates", "certificate", "certs",
        "licenses and certifications", "licences and certifications", "certifications and licenses",
        "certifications and licences", "licenses", "licences", "licensure", "licenses and credentials",
        "credentials", "professional credentials", "accreditations", "accreditation", "badges",
        "digital badges", "badges and certifications", "certifications and badges",
        "training and certifications", "certifications and training", "courses and certifications",
        "certifications and courses", "professional development", "professional certifications",
        "technical certifications", "industry certifications", "security clearance",
        "clearance", "clearances", "licenses and clearances", "certifications and clearances",
        "micro credentials", "microcredentials", "continuing education", "training",
        "courses", "online courses", "certificates and courses", "awards and certifications",
        "certifications and awards", "honors and certifications", "certifications and achievements",
        "qualifications", "professional qualifications", "registrations", "memberships and certifications",
        "designations", "professional designations", "certifications and designations",
        "licenses and designations",
    ),
    SKILLS: (
        "skills", "technical skills", "core skills", "key skills", "top skills", "core competencies",
        "competencies", "areas of expertise", "expertise", "technologies", "tools", "tech stack",
        "technical proficiencies", "skills and tools", "tools and technologies", "skills and technologies",
        "skills and expertise", "technical expertise", "professional skills", "skill set", "skillset",
        "programming languages", "software", "technical summary", "core strengths", "strengths",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "relevant experience", "career", "positions",
    ),
    "education": ("education", "academic background", "education and training", "academics", "degrees"),
    "summary": (
        "summary", "profile", "professional summary", "about", "about me", "objective",
        "career objective", "personal statement", "overview", "career summary", "executive summary",
    ),
    "contact": (
        "contact", "contact information", "contact details", "personal details", "personal information",
    ),
    "projects": ("projects", "selected projects", "personal projects", "key projects"),
    "publications": ("publications", "papers", "research"),
    "awards": ("awards", "honors", "honours", "awards and honors", "achievements", "recognition"),
    "volunteering": ("volunteer", "volunteering", "volunteer experience", "community"),
    "languages": ("languages", "language skills"),
    "interests": ("interests", "hobbies", "hobbies and interests"),
    "references": ("references",),
    "memberships": ("memberships", "professional memberships", "affiliations", "professional affiliations"),
}  # fmt: skip

_CREDENTIAL_WORD = re.compile(
    r"certifications|certificates|licen[cs]es|licensure|credentials|badges|accreditations|clearances|registrations"
)
_CREDENTIALISH = re.compile(
    r"\b(?:certif\w*|licen[cs]\w*|credentials?|badges?|accredit\w*|clearances?|registrations?|"
    r"training|courses?|qualifications?)\b"
)
"""Words that make a heading styled like the others, but not one we list, a credentials heading
("Permits & Qualifications", "Rigging Training")."""
_HEADING_WORDS_TEXT = """
    certifications certificates certification certificate licenses licences license licence licensure
    credentials badges accreditations accreditation clearances clearance registrations registration
    and professional training courses awards honors honours education memberships digital security
    technical industry other additional key relevant selected continuing development achievements
    state board current active designations designation
"""
_HEADING_WORDS = frozenset(_HEADING_WORDS_TEXT.split())
"""Words a credentials heading may be made of, beyond the listed headings."""
_CHOICES = {phrase: kind for kind, phrases in HEADINGS.items() for phrase in phrases}
_MAX_HEADING_WORDS = 6
_KEYWORD_SCORE = 90.0
_STYLED_KEYWORD_SCORE = 84.0


def normalise_heading(text: str) -> str:
    """Lower case, '&' as 'and', no markdown marks, bullets, trailing colon or punctuation."""
    text = _NUMBERING.sub("", text.strip("#=*_ \t"))  # "4. Certifications", "05.", "III."
    text = text.replace("&", " and ").replace("+", " and ").replace("/", " and ")
    text = re.sub(r"[^\w\s-]", " ", text.lower()).replace("-", " ")
    return re.sub(r"\s+", " ", text).strip()


_NUMBERING = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.):]\s+")


@lru_cache(maxsize=4096)
def heading_kind(text: str, *, styled: bool = False) -> str | None:
    """The section kind a heading text names, or None if it names none we know."""
    norm = normalise_heading(text)
    if not norm or len(norm.split()) > _MAX_HEADING_WORDS or re.search(r"\d", norm):
        return None
    spaced = norm.replace(" ", "")
    if len(spaced) > 3 and re.fullmatch(r"(?:\w ){3,}\w", norm):
        norm = spaced  # letter-spaced "C E R T I F I C A T I O N S"
    best = process.extractOne(norm, _CHOICES.keys(), scorer=fuzz.ratio)
    if best is None:
        return None
    threshold = _STYLED_KEYWORD_SCORE if styled else _KEYWORD_SCORE
    if best[1] >= threshold:
        return _CHOICES[best[0]]
    words = norm.split()
    if any(_CREDENTIAL_WORD.fullmatch(w) for w in words) and all(w in _HEADING_WORDS for w in words):
        return CREDENTIALS  # "Certifications and Registrations", "Other Licenses & Credentials"
    written = [w for w in text.split() if w.lower() not in ("&", "and", "of", "+", "/")]
    if len(words) <= 3 and _CREDENTIAL_WORD.fullmatch(words[-1]) and all(w[:1].isupper() for w in written):
        return CREDENTIALS  # "Brewing Credentials", "Nursing Licenses"
    return None


@dataclass
class Section:
    """A run of lines under one heading (or before the first heading: kind "header")."""

    kind: str | None
    title: str | None
    heading: Line | None = None
    lines: list[Line] = field(default_factory=list)
    inline: str | None = None
    """Content written on the heading line itself ("Certifications: PMP, CISSP")."""


def _signature(line: Line) -> tuple[object, ...]:
    letters = re.sub(r"[^A-Za-z]", "", line.text)
    return (
        round(line.font_size) if line.font_size else None,
        line.bold,
        bool(letters) and letters.isupper(),
        line.role == "heading",
        line.heading_level,
        line.column,
    )


def _looks_styled(line: Line, body_size: float | None) -> bool:
    """Heading-like by style alone: a heading role, bold, larger than body, or capitals."""
    letters = re.sub(r"[^A-Za-z]", "", line.text)
    larger = bool(line.font_size and body_size and line.font_size >= body_size * 1.12)
    return (
        line.role == "heading"
        or line.heading_level is not None
        or line.bold
        or larger
        or (len(letters) >= 4 and letters.isupper())
        or bool(re.match(r"^\s*#{1,6}\s", line.text))
    )


def _split_inline(text: str) -> tuple[str, str | None]:
    """'Certifications: PMP, CISSP' -> ('Certifications', 'PMP, CISSP')."""
    head, sep, rest = text.partition(":")
    if sep and rest.strip() and heading_kind(head, styled=True) and not _MORE_FIELDS.search(rest):
        return head, rest.strip()  # not "Certification: X | Issuing body: Y | Date: 2018", one entry
    return text, None


_MORE_FIELDS = re.compile(r"[|;·•]\s*[A-Za-z][\w ]{0,25}:\s")


def body_font_size(lines: list[Line]) -> float | None:
    """The font size most of the text is set in: the median size, weighted by characters."""
    weights: dict[float, int] = {}
    for line in lines:
        if line.font_size:
            weights[line.font_size] = weights.get(line.font_size, 0) + len(line.text)
    total = sum(weights.values())
    seen = 0
    for size in sorted(weights):
        seen += weights[size]
        if seen * 2 >= total:
            return size
    return None


def _enters_new_column(previous: Line | None, line: Line) -> bool:
    return (
        previous is not None
        and line.column > 0
        and previous.column > 0
        and line.column != previous.column
        and line.page == previous.page
    )


def _strong(line: Line, body: float | None) -> bool:
    """Styled beyond doubt as a heading: a heading role, larger type, or capitals."""
    letters = re.sub(r"[^A-Za-z]", "", line.text)
    larger = bool(line.font_size and body and line.font_size >= body * 1.12)
    return (
        line.role == "heading"
        or line.heading_level is not None
        or larger
        or (len(letters) >= 4 and letters.isupper())
    )


def _consistent(
    keyword: dict[int, tuple[str, str, str | None]], lines: list[Line], body: float | None
) -> dict[int, tuple[str, str, str | None]]:
    """Keyword headings that look like the document's other headings.

    A bold "Certificate" that is the wrapped end of "TensorFlow Developer Certificate" reads as
    a heading keyword; it is dropped when its style (size, weight, capitals) is shared by no
    other keyword heading and is not strong on its own (larger type, capitals, heading role).
    """
    counts: dict[tuple[object, ...], int] = {}
    for position, (_, _, inline) in keyword.items():
        if inline is None:
            sig = _signature(lines[position])[:5]
            counts[sig] = counts.get(sig, 0) + 1
    if sum(counts.values()) < 2:
        return keyword
    return {
        position: found
        for position, found in keyword.items()
        if found[2] is not None
        or counts[_signature(lines[position])[:5]] >= 2
        or _strong(lines[position], body)
    }


def _keyword_headings(lines: list[Line]) -> dict[int, tuple[str, str, str | None]]:
    """Position -> (kind, title, inline text) of every line that reads as a known heading."""
    body = body_font_size(lines)
    keyword: dict[int, tuple[str, str, str | None]] = {}
    for position, line in enumerate(lines):
        if line.role in ("header", "footer"):
            continue
        head, inline = _split_inline(line.text)
        styled = _looks_styled(line, body)
        kind = heading_kind(head, styled=styled)
        if kind is not None and (styled or inline is not None or len(head.split()) <= 4):
            keyword[position] = (kind, head.strip().strip(":#*= ").strip(), inline)
    return keyword


def _margin_split(lines: list[Line], keyword: dict[int, tuple[str, str, str | None]]) -> list[Line]:
    """Lines with margin headings cut off the text they share a baseline with.

    Templates that set headings in a left margin beside their sections let a PDF reader merge
    a heading and the first line beside it ("Brewing Credentials Certified Cicerone Level 2").
    When the keyword headings all sit at a margin x apart from the body text, a line starting at
    that x that begins with heading words is split in two: the heading, and the text.
    """
    margins = {round(lines[p].x0) for p in keyword if lines[p].x0 is not None}
    body = [round(ln.x0) for i, ln in enumerate(lines) if i not in keyword and ln.x0 is not None]
    if not margins or not body:
        return lines
    body_x0 = max(set(body), key=body.count)
    if any(abs(m - body_x0) < 20 for m in margins):
        return lines
    template = lines[min(keyword)]
    split: list[Line] = []
    for i, line in enumerate(lines):
        words = line.text.split()
        at_margin = line.x0 is not None and any(abs(line.x0 - m) <= 2 for m in margins)
        cut = next(
            (
                k
                for k in range(1, min(4, len(words) - 1) + 1)
                if at_margin and i not in keyword and _heads(words, k)
            ),
            None,
        )
        if cut is None:
            split.append(line)
            continue
        head = " ".join(words[:cut])
        offset = line.text.index(words[cut], len(head))
        links = [
            link.model_copy(update={"start": link.start - offset, "end": link.end - offset})
            for link in line.links
            if link.start is not None and link.end is not None and link.start >= offset
        ]
        # The heading takes the style of the margin headings: it is one of them.
        style = {"bold": template.bold, "font_size": template.font_size}
        split.append(line.model_copy(update={"text": head, "x1": None, "links": [], **style}))
        split.append(
            line.model_copy(update={"text": line.text[offset:], "x0": float(body_x0), "links": links})
        )
    return split if len(split) != len(lines) else lines


def _heads(words: list[str], cut: int) -> bool:
    """Whether the first `cut` words are a heading and the rest starts new text."""
    head = " ".join(words[:cut])
    if not words[cut][:1].isupper():
        return False
    return heading_kind(head, styled=True) is not None or bool(
        _CREDENTIALISH.fullmatch(normalise_heading(words[cut - 1]))
    )


_OPEN_HEADING = re.compile(r"(?:&|\band|,)\s*$", re.IGNORECASE)


def _joined_heading(before: Section, heading: Section) -> Section:
    """A heading wrapped over two lines ("Permits &" / "Registrations") read as one.

    The first half is either an empty section of its own (both halves read as headings) or the
    last line of the section before, short and ending in "&" or "and"; it is taken out of there.
    """
    first: str | None = None
    if (
        before.heading is not None
        and not before.lines
        and before.title
        and _OPEN_HEADING.search(before.title)
    ):
        first = before.title
    elif (
        before.lines
        and _OPEN_HEADING.search(before.lines[-1].text)
        and len(before.lines[-1].text.split()) <= 3
    ):
        first = before.lines.pop().text.strip()
    if first is None:
        return heading
    if not before.lines and before.title == first:
        before.kind = None  # the empty first half is dropped with the other empty sections
    kind = CREDENTIALS if CREDENTIALS in (heading.kind, heading_kind(first, styled=True)) else heading.kind
    return Section(kind=kind, title=f"{first} {heading.title}", heading=heading.heading)


def split_sections(lines: list[Line]) -> list[Section]:
    """Cut lines into sections in reading order; lines before any heading form the header."""
    keyword = _keyword_headings(lines)
    split = _margin_split(lines, keyword)
    if split is not lines:
        lines, keyword = split, _keyword_headings(split)
    body = body_font_size(lines)
    keyword = _consistent(keyword, lines, body)
    signatures = {_signature(lines[p]) for p, (_, _, inline) in keyword.items() if inline is None}
    # A heading style that is the body's own (plain text at body size) tells headings from nothing.
    signatures = {
        sig
        for sig in signatures
        if any(sig[1:5]) or (isinstance(sig[0], int) and body is not None and sig[0] >= body * 1.12)
    }

    keyword_levels = [lines[p].heading_level for p in keyword if lines[p].heading_level is not None]
    sections = [Section(kind=HEADER, title=None)]
    previous: Line | None = None
    for position, line in enumerate(lines):
        if line.role == "header":
            sections[0].lines.append(line)  # a page header (DOCX) often holds name and contact
            continue
        if line.role == "footer":
            continue
        if _enters_new_column(previous, line) and position not in keyword:
            # The top of the next column (LinkedIn's main column: name, headline, location)
            # belongs to no section of the column before it.
            sections.append(Section(kind=HEADER if line.page == 1 else None, title=None))
        previous = line
        if position in keyword:
            kind, title, inline = keyword[position]
            enclosing = sections[-1]
            if inline is None:
                sections.append(_joined_heading(enclosing, Section(kind=kind, title=title, heading=line)))
                continue
            if kind == CREDENTIALS or (kind == SKILLS and enclosing.kind != SKILLS):
                # "Certifications: PMP, CISSP" is a section of one line; what follows it still
                # belongs to the section around it.
                sections.append(Section(kind=kind, title=title, heading=line, inline=inline))
                sections.append(
                    Section(kind=enclosing.kind, title=enclosing.title, heading=enclosing.heading)
                )
                continue
        if keyword_levels and line.heading_level is not None and line.heading_level < min(keyword_levels):
            # A heading above the section headings (the name heading of a sidebar-first HTML
            # resume) opens a new header.
            sections.append(Section(kind=HEADER, title=None, lines=[line]))
            continue
        words = line.text.split()
        if (
            len(sections) > 1  # before the first keyword heading sits the header: name, headline
            and signatures
            and _signature(line) in signatures
            and 0 < len(words) <= _MAX_HEADING_WORDS
            and not re.search(r"\d|[.,;]$|@|://|^\s*\(", line.text)
            and len(re.findall(r"[A-Za-z]", line.text)) >= 3
        ):
            kind = CREDENTIALS if _CREDENTIALISH.search(normalise_heading(line.text)) else None
            sections.append(Section(kind=kind, title=line.text.strip(), heading=line))
            continue
        sections[-1].lines.append(line)
    return [s for s in sections if s.lines or s.inline or s.kind not in (HEADER, None)]
