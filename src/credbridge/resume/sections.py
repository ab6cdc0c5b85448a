"""Section headings and the sections they open.

A heading is recognised two ways. By keyword: a short line that reads (fuzzily, rapidfuzz) as
one of the headings resumes use names its section's kind. The wordings are data
(headings.csv beside this module, described in HEADINGS.md): English, German, French,
Spanish, Portuguese, Italian and Dutch, LinkedIn's own section names among them. Matching
ignores case, accents, letter-spacing ("C E R T I F I C A T I O N S"), numbering, trailing
colons, the word for "and" in each language and plural "s"; a heading made of a credential word
and words that only qualify it ("Certifications Held", "Training & Certs", "Erworbene
Zertifikate") is a credentials heading too. By style: once the keyword headings show what a
heading looks like in this document (font size, weight, capitals, heading role and level,
markdown marks), any other short line styled the same way is a heading too, of a kind we do not
care about, and it closes the section before it. Bold credential names inside a section are
therefore not headings unless the document's headings are styled exactly like them; and even
then, inside a credentials or awards section, a styled line that reads as a credential's name
(names_credential: an acronym, a level, a catalogue match, a credential word beside words no
heading uses) stays in the section's body with the issuer and date lines below it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from statistics import median_high

from rapidfuzz import fuzz, process

from credbridge.model import Line
from credbridge.resume.geometry import gap
from credbridge.taxonomy.catalogue import lookup as catalogue_lookup
from credbridge.taxonomy.normalise import normalise, strip_accents

CREDENTIALS = "credentials"
SKILLS = "skills"
HEADER = "header"
AWARDS = "awards"
"""Awards and honours: read for the entries that are credentials (see reads_as_credential)."""

_MODIFIER = "modifier"
"""Lexicon rows of this kind are words that only qualify a credentials heading ("Held")."""
_COMBINING_KINDS = (AWARDS, "education", "memberships")
"""Kinds whose one-word headings may join a credential word in one heading ("Awards &
Certifications", "Ausbildung und Zertifikate"): the heading is then a credentials heading."""
_CONNECTORS_TEXT = """
    and und et y e en of de d di del della delle des du da do dos das der die the van het my mes mis
    meus minhas le la les el los las l
"""
_CONNECTORS = frozenset(_CONNECTORS_TEXT.split())
"""'And' in each language and the little words between heading words: left out when matching."""
_CORE = re.compile(
    r"(?:certif|zertifi|licen[cs]|lizenz|credential|badge|accredit|akkredit|acredit|clearance|"
    r"registration|ticket|habilita|abilitazion|attestat|bescheinigung|diplomad|patentin)"
    r"(?!\w*(?:nummer|nr|number|id)$)\w*|certs?"
)
"""A word that makes a heading a credentials heading, folded and without its plural "s"; not a
compound that labels a number ("Zertifikatsnummer", "Lizenznummer": a field, not a heading)."""
_CREDENTIAL_WORD = re.compile(
    r"certifications|certificates|licen[cs]es|licensure|credentials|badges|accreditations|clearances|"
    r"registrations|zertifikate|zertifizierungen|lizenzen|certificats|certificados|certificaciones|"
    r"licencias|certificacoes|licencas|certificazioni|certificati|licenze|certificaten|certificeringen|"
    r"licenties|tickets"
)
"""A plural credential word that, last in a short capitalised heading, makes it a credentials
heading ("Brewing Credentials", "Nursing Licenses")."""
_CREDENTIALISH = re.compile(
    r"\b(?:certif\w*|zertifi\w*|licen[cs]\w*|lizenz\w*|credentials?|badges?|accredit\w*|akkredit\w*|"
    r"acredit\w*|clearances?|registrations?|training|courses?|kurse|cursos|corsi|cursussen|trainingen|"
    r"qualifications?|qualifikation\w*|weiterbildung\w*|fortbildung\w*|schulung\w*|habilitation\w*|"
    r"abilitazion\w*|attestat\w*|tickets?)\b"
)
"""Words that make a heading styled like the others, but not one we list, a credentials heading
("Permits & Qualifications", "Rigging Training")."""
_MAX_HEADING_WORDS = 6
_HEADER_HEADINGS = 3
"""At most this many distinct headings set above the section headings can be the header's."""
_NAME_LIKE = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,3}")
"""Two to four words of letters and nothing else: a person's name, as far as a heading tells."""
_KEYWORD_SCORE = 90.0
_STYLED_KEYWORD_SCORE = 84.0


def fold(text: str) -> str:
    """Lower case without accents: 'Expérience' -> 'experience', 'Über' -> 'uber'."""
    return strip_accents(text).casefold()


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _key(norm: str) -> str:
    """A normalised heading as the lexicon is keyed: no connectors, no plural "s"."""
    return " ".join(_stem(w) for w in norm.split() if w not in _CONNECTORS)


@dataclass(frozen=True)
class _Lexicon:
    phrases: dict[str, str]
    """Key -> kind of every heading wording."""
    combining: frozenset[str]
    """Stemmed words that may stand beside a credential word in a credentials heading."""
    vocabulary: frozenset[str]
    """Every folded word of the lexicon, to cut letter-spaced headings back into words."""


def _lexicon_rows() -> list[dict[str, str]]:
    """The rows of headings.csv (kind, lang, wording, source), comment lines skipped."""
    text = resources.files("credbridge.resume").joinpath("headings.csv").read_text("utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


@cache
def _lexicon() -> _Lexicon:
    rows = _lexicon_rows()
    phrases: dict[str, str] = {}
    combining: set[str] = set()
    vocabulary: set[str] = set()
    for row in rows:
        norm = normalise_heading(row["wording"])
        vocabulary.update(w for w in norm.split() if len(w) > 1)
        key = _key(norm)
        if row["kind"] == _MODIFIER:
            combining.update(key.split())
            continue
        phrases.setdefault(key, row["kind"])
        if row["kind"] == CREDENTIALS or (row["kind"] in _COMBINING_KINDS and " " not in key):
            combining.update(key.split())
    return _Lexicon(phrases, frozenset(combining), frozenset(vocabulary))


def lexicon_conflicts() -> list[tuple[str, str, str]]:
    """Wordings that two rows of the lexicon give different kinds (key, first kind, other kind)."""
    rows = _lexicon_rows()
    seen: dict[str, str] = {}
    conflicts = []
    for row in rows:
        key = _key(normalise_heading(row["wording"]))
        if row["kind"] != _MODIFIER and seen.setdefault(key, row["kind"]) != row["kind"]:
            conflicts.append((key, seen[key], row["kind"]))
    return conflicts


def _segment(word: str, vocabulary: frozenset[str]) -> str:
    """'licensesandcertifications' -> 'licenses and certifications', in the fewest known words."""
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 24), end):
            before = best[start]
            piece = word[start:end]
            known = piece in vocabulary or piece in ("and", "und", "et", "en")
            if before is not None and known and (best[end] is None or len(before) + 1 < len(best[end] or ())):
                best[end] = [*before, piece]
    return " ".join(best[-1]) if best[-1] else word


def _unspace(text: str) -> str:
    """A letter-spaced heading ("C E R T I F I C A T I O N S", "L I C E N S E S  &  C E R T S")
    with its letters joined; words are told apart by wider gaps, symbols or, failing those, by
    the lexicon's words."""
    tokens = text.split()
    if len(tokens) < 4 or sum(len(t) == 1 for t in tokens) < 0.8 * len(tokens):
        return text
    words: list[str] = []
    for group in re.split(r"\s{2,}", text.strip()):
        run = ""
        for token in group.split():
            if len(token) == 1 and token.isalpha():
                run += token
                continue
            words += [run, token] if run else [token]
            run = ""
        words += [run] if run else []
    return " ".join(words)


def normalise_heading(text: str) -> str:
    """Lower case without accents, '&' as 'and', no markdown marks, bullets, numbering, count of
    entries, trailing colon or punctuation, letter-spacing closed up."""
    text = _NUMBERING.sub("", _unspace(text).strip("#=*_ \t"))  # "4. Certifications", "05.", "III."
    text = _COUNT.sub("", text)  # "Certificates (4)": a web template's count of entries
    text = text.replace("&", " and ").replace("+", " and ").replace("/", " and ")
    text = re.sub(r"[^\w\s-]", " ", fold(text)).replace("-", " ").replace("_", " ")
    return re.sub(r"\s+", " ", text).strip()


_NUMBERING = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.):]\s+")
_COUNT = re.compile(r"\s*[(\[]\d{1,3}[)\]]\s*$")


@lru_cache(maxsize=4096)
def heading_kind(text: str, *, styled: bool = False) -> str | None:
    """The section kind a heading text names, or None if it names none we know."""
    norm = normalise_heading(text)
    if not norm or len(norm.split()) > _MAX_HEADING_WORDS or re.search(r"\d", norm):
        return None
    lexicon = _lexicon()
    if " " not in norm and len(norm) > 12 and _key(norm) not in lexicon.phrases:
        norm = _segment(norm, lexicon.vocabulary)  # letter-spaced words run together
    key = _key(norm)
    if not key:
        return None
    if key in lexicon.phrases:
        return lexicon.phrases[key]
    threshold = _STYLED_KEYWORD_SCORE if styled else _KEYWORD_SCORE
    best = process.extractOne(key, lexicon.phrases.keys(), scorer=fuzz.ratio, score_cutoff=threshold)
    if best is not None:
        return lexicon.phrases[best[0]]
    words = key.split()
    if any(_CORE.fullmatch(w) for w in words) and all(
        w in lexicon.combining or _CORE.fullmatch(w) for w in words
    ):
        return CREDENTIALS  # "Certifications Held", "Other Licenses & Credentials", "Training & Certs"
    last = norm.split()[-1]
    written = [w for w in text.split() if fold(w) not in _CONNECTORS and w not in ("&", "+", "/")]
    if len(words) <= 3 and _CREDENTIAL_WORD.fullmatch(last) and all(w[:1].isupper() for w in written):
        return CREDENTIALS  # "Brewing Credentials", "Nursing Licenses"
    return None


_AWARD_TERMS = re.compile(
    r"\b(?:awards?|awarded\s+(?:for|as)|winners?|won|prizes?|prix|preis\w*|premi\w*|scholarships?|"
    r"fellowships?|bursary|grants?|dean\W?s\s+list|honou?r\s+roll|of\s+the\s+(?:year|month|quarter)|"
    r"best|finalists?|runner\W?up|medal\w*|medaill\w*|medall\w*|recognition|appreciation|excellence|"
    r"achievement|nominee|nominated|ranked|top\s+\d+|hackathon|competition|contest|champion\w*|"
    r"olympiad|cum\s+laude|valedictorian|laureat\w*|auszeichnung\w*|stipendi\w*|becas?|bolsas?|"
    r"borsa|beurs|vencedor\w*|ganador\w*|vincitor\w*|gewinner\w*|reconocimiento|reconhecimento|"
    r"riconoscimento|erkenning|distinction|onderscheiding)\b"
)
"""What an award or honour says of itself ("Employee of the Year", "Dean's List", "Best Paper
Award", "Scholarship recipient", "Hackathon Winner", "Certificate of Appreciation")."""
_CREDENTIAL_TERMS = re.compile(
    r"\b(?:certif\w*|zertifi\w*|licen[cs]\w*|lizenz\w*|diplom\w*|accredit\w*|akkredit\w*|acredit\w*|"
    r"credentials?|habilitation\w*|abilitazion\w*|attestat\w*|gecertificeerd|chartered|registered|"
    r"registration|clearance|specializ\w*|specialis\w*|qualification|level\s+(?:\d|[ivx]{1,4}\b))"
)
"""What a credential says of itself, in the seven languages (folded: no accents): a credential
word, a registration or clearance, a specialization, a level."""


def reads_as_credential(
    text: str, name: str | None = None, *, issuer: str | None = None, badge: bool = False
) -> bool:
    """Whether an entry of an awards or honours section is a credential rather than an award.

    Templates without a certifications section put credentials under "Awards" or "Honors &
    Awards": an entry with a badge platform link, or one that names a credential (a credential
    word in any of our languages, its acronym in parentheses, a catalogue certification, or a
    product certification named after the brand that issued it) and says nothing of winning or
    being honoured, is read as a credential.
    """
    if badge:
        return True
    folded = fold(text)
    if _AWARD_TERMS.search(folded):
        return False
    if _CREDENTIAL_TERMS.search(folded) or _ACRONYM.search(name or text):
        return True
    if name and issuer and named_after(name, issuer):
        return True
    match = catalogue_lookup(name or text)
    return match is not None and match.score >= 95


def named_after(name: str, issuer: str) -> bool:
    """Whether `name` is a credential named after `issuer`: it begins with all of the issuer's
    words and goes on ("Workday Pro HCM" by "Workday", "Salesforce Certified Administrator" by
    "Salesforce"), as product certifications are."""
    head, whole = normalise(issuer), normalise(name)
    return bool(head) and len(head.split()) <= 4 and whole.startswith(head + " ")


_ACRONYM = re.compile(r"\(\s*[A-Z][A-Za-z0-9&+./-]*[A-Z0-9](?:\s\d[\d.-]*)?\s*\)")
"""A parenthesised acronym ("(CISM)", "(PMP)", "(CKA)"): a credential's name, not a heading."""
_LEVEL = re.compile(r"\b(?:level|lvl|tier|stufe|niveau|nivel|livello)\s*(?:\d|[ivx]{1,3}\b)")


def names_credential(text: str) -> bool:
    """Whether a styled line inside a credentials or awards section reads as a credential's name
    rather than a section title.

    Some templates set each credential's name in the style of the section headings, with its
    issuer and date on the lines below. A name carries a parenthesised acronym, a level, a
    catalogue match, or a credential word beside other words that no heading uses ("Certified
    Translator"); a heading is made of heading words only ("Certifications Held", "Licenses &
    Certifications") or ends in a plural credential word ("Nursing Licenses").
    """
    norm = normalise_heading(text)
    if not norm:
        return False
    lexicon = _lexicon()
    words = _key(norm).split()
    if not words or " ".join(words) in lexicon.phrases:
        return False
    if all(w in lexicon.combining or _CORE.fullmatch(w) for w in words):
        return False
    if _ACRONYM.search(text) or _LEVEL.search(norm):
        return True
    if _CREDENTIAL_WORD.fullmatch(norm.split()[-1]):
        return False
    if _CREDENTIAL_TERMS.search(norm) and any(
        len(w) > 1 and w not in lexicon.vocabulary and not _CREDENTIAL_TERMS.fullmatch(w) for w in words
    ):
        return True
    match = catalogue_lookup(text)
    return match is not None and match.score >= 95


@dataclass
class Section:
    """A run of lines under one heading (or before the first heading: kind "header")."""

    kind: str | None
    title: str | None
    heading: Line | None = None
    lines: list[Line] = field(default_factory=list)
    inline: str | None = None
    """Content written on the heading line itself ("Certifications: PMP, CISSP")."""
    listed: bool = False
    """A credentials group inside a skills section ("Skills" ... "Certifications" / "PMP, CKA"):
    its lines list credentials the way skills are listed, one per comma."""


def _signature(line: Line) -> tuple[object, ...]:
    letters = re.sub(r"[^A-Za-z]", "", line.text)
    marks = re.match(r"^\s*(#{1,6})\s", line.text)
    return (
        round(line.font_size) if line.font_size else None,
        line.bold,
        bool(letters) and letters.isupper(),
        line.role == "heading",
        line.heading_level if line.heading_level is not None else (len(marks.group(1)) if marks else None),
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

    When some keyword headings are styled (bold, larger, capitals, a heading role), one set in
    the body's own style and run on with the lines above it is a word inside an entry
    ("License" wrapped off "Journeyman Electrician License" in a narrow column), not a
    heading; one with space above it is a heading in plain type. A bold "Certificate" that is
    the wrapped end of "TensorFlow Developer Certificate" reads as a heading keyword too; it is
    dropped when its style (size, weight, capitals) is shared by no other keyword heading, is
    not strong on its own (larger type, capitals, heading role) and is not set apart by space
    or by opening a column (the side of a grid of sections that the layout found by the
    headings atop it).
    """
    leading = _leading(lines)
    apart = {position: _set_apart(lines, position, leading) for position in keyword}
    if any(inline is None and _looks_styled(lines[p], body) for p, (_, _, inline) in keyword.items()):
        keyword = {
            position: found
            for position, found in keyword.items()
            if found[2] is not None or _looks_styled(lines[position], body) or apart[position] is not False
        }
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
        or apart[position] is True
    }


def _leading(lines: list[Line]) -> float | None:
    """The usual space between a line and the one above it in a run of text (the median gap
    between stacked lines), or None without geometry."""
    gaps = [
        space for above, line in pairwise(lines) if (space := gap(above, line)) is not None and space >= 0
    ]
    return median_high(gaps) if gaps else None


def _set_apart(lines: list[Line], position: int, leading: float | None) -> bool | None:
    """Whether a line stands apart from the line above it as a heading does: more space than
    the text's leading, or no line stacked above it (the top of a page or column); the second
    half of a wrapped heading ("Licences and" / "Certificates") stands apart with its first.
    False for a line run on with the one above; None without geometry (nothing to tell)."""
    line = lines[position]
    if line.top is None or line.bottom is None or leading is None:
        return None
    space = gap(lines[position - 1], line) if position else None
    if space is None or space > leading + 0.5 * (line.bottom - line.top):
        return True
    above = lines[position - 1].text
    return bool(
        _OPEN_HEADING.search(above) and len(above.split()) <= 3 and _set_apart(lines, position - 1, leading)
    )


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
    that x (or whose first words end where the others end, for headings set flush right in the
    margin) that begins with heading words is split in two: the heading, and the text.
    """
    margins = {round(x0) for p in keyword if (x0 := lines[p].x0) is not None}
    body = [round(ln.x0) for i, ln in enumerate(lines) if i not in keyword and ln.x0 is not None]
    if not margins or not body:
        return lines
    body_x0 = max(set(body), key=body.count)
    if any(abs(m - body_x0) < 20 for m in margins):
        return lines
    template = lines[min(keyword)]
    ends = [x1 for p in keyword if (x1 := lines[p].x1) is not None]
    # Headings set flush right in a left margin end where the others do, wherever they start.
    flush_right = median_high(ends) if ends and max(ends) < body_x0 else None
    split: list[Line] = []
    for i, line in enumerate(lines):
        words = line.text.split()
        at_margin = line.x0 is not None and any(abs(line.x0 - m) <= 2 for m in margins)
        cut = next(
            (
                k
                for k in range(1, min(4, len(words) - 1) + 1)
                if (at_margin or _ends_at(line, k, flush_right)) and i not in keyword and _heads(words, k)
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


def _ends_at(line: Line, cut: int, edge: float | None) -> bool:
    """Whether the first `cut` words of a line end near `edge` (their width estimated from the
    line's, by characters): a heading set flush right in the margin, merged with its text."""
    if edge is None or line.x0 is None or line.x1 is None or not line.text:
        return False
    head = len(" ".join(line.text.split()[:cut]))
    return abs(line.x0 + (line.x1 - line.x0) * head / len(line.text) - edge) <= 12


def _heads(words: list[str], cut: int) -> bool:
    """Whether the first `cut` words are a heading and the rest starts new text."""
    head = " ".join(words[:cut])
    if not words[cut][:1].isupper() or re.search(r"\d", head):
        return False  # a date set in the margin beside its entry is no heading
    return heading_kind(head, styled=True) is not None or bool(
        _CREDENTIALISH.fullmatch(normalise_heading(words[cut - 1]))
    )


_OPEN_HEADING = re.compile(r"(?:&|\b(?:and|und|et|y|e|en)|,|(?<=\w)-)\s*$", re.IGNORECASE)
"""A heading line that ends in "and" (in our languages), or in a hyphen that broke its word
("Certifica-" / "ciones"), goes on on the next line."""


def _wrapped_title(first: str, second: str) -> str:
    """The two halves of a wrapped heading as one ("Certifica-" + "ciones": no space)."""
    first, second = first.strip(), second.strip()
    return first[:-1] + second if re.search(r"\w-$", first) else f"{first} {second}"


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
    return Section(kind=kind, title=_wrapped_title(first, heading.title or ""), heading=heading.heading)


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

    keyword_levels = [level for p in keyword if (level := lines[p].heading_level) is not None]
    first_keyword = min(keyword, default=len(lines))
    # Headings set above the section headings: the header's (a name, a headline, "Personal
    # Info"), or, when there are many, a template's (or a converter's) level for entries.
    above = {ln.text for ln in lines if keyword_levels and (ln.heading_level or 99) < min(keyword_levels)}
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
        inside = sections[-1].kind in (CREDENTIALS, AWARDS) and sections[-1].heading is not None
        if position in keyword:
            kind, title, inline = keyword[position]
            enclosing = sections[-1]
            if inline is None and kind == CREDENTIALS and inside and names_credential(line.text):
                sections[-1].lines.append(line)  # a credential's name styled like the headings
                continue
            if inline is None:
                opened = _joined_heading(enclosing, Section(kind=kind, title=title, heading=line))
                opened.listed = kind == CREDENTIALS and enclosing.kind == SKILLS and bool(enclosing.lines)
                sections.append(opened)
                continue
            if kind in (CREDENTIALS, AWARDS) or (kind == SKILLS and enclosing.kind != SKILLS):
                # "Certifications: PMP, CISSP" is a section of one line; what follows it still
                # belongs to the section around it.
                sections.append(Section(kind=kind, title=title, heading=line, inline=inline))
                sections.append(
                    Section(kind=enclosing.kind, title=enclosing.title, heading=enclosing.heading)
                )
                continue
        if (
            keyword_levels
            and line.heading_level is not None
            and line.heading_level < min(keyword_levels)
            and (
                position < first_keyword
                or (len(above) <= _HEADER_HEADINGS and _NAME_LIKE.fullmatch(line.text.strip()))
            )
        ):
            # A heading above the section headings opens a new header: before the first
            # section, or a name's among a few such headings (the name heading of a
            # sidebar-first HTML resume).
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
            and not (inside and names_credential(line.text))
        ):
            before = sections[-1]
            if before.heading is not None and not before.lines and _OPEN_HEADING.search(before.title or ""):
                # The second line of a wrapped heading ("certifica-" / "ciones").
                before.title = _wrapped_title(before.title or "", line.text)
                before.kind = heading_kind(before.title, styled=True) or before.kind
                continue
            styled_kind = CREDENTIALS if _CREDENTIALISH.search(normalise_heading(line.text)) else None
            sections.append(Section(kind=styled_kind, title=line.text.strip(), heading=line))
            continue
        sections[-1].lines.append(line)
    return [s for s in sections if s.lines or s.inline or s.kind not in (HEADER, None)]
