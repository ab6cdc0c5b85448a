"""Dates as resumes write them, read into ISO 8601 partial dates.

Resumes say "Mar 2023", "03/2023", "2023", "March 5, 2023", "Issued Mar 2023 · Expires Mar 2026",
"(2021 - Present)" or "No Expiration Date", the same in German, French, Spanish, Portuguese,
Italian and Dutch ("Ausgestellt: März 2021", "15 de marzo de 2021", "Valable jusqu'en mars 2024"),
and East Asian forms ("2021年11月"). We keep exactly the precision the text gives (a month stays
a month) and read the words around a date to know whether it is an issue or an expiry date.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from credbridge.taxonomy.normalise import strip_accents

_MONTH_NAMES: dict[str, tuple[str, ...]] = {
    # January to December: each month's full names, then its usual abbreviations (CLDR's
    # abbreviated forms and the variants resumes print). Unaccented spellings are derived below.
    "en": ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
           "august aug", "september sep sept", "october oct", "november nov", "december dec"),
    "de": ("januar jänner jän", "februar feber feb", "märz mär mrz", "april apr", "mai", "juni jun",
           "juli jul", "august aug", "september sep sept", "oktober okt", "november nov",
           "dezember dez"),
    "fr": ("janvier janv", "février févr fév", "mars", "avril avr", "mai", "juin", "juillet juil",
           "août", "septembre sept", "octobre oct", "novembre nov", "décembre déc"),
    "es": ("enero ene", "febrero feb", "marzo mar", "abril abr", "mayo may", "junio jun", "julio jul",
           "agosto ago", "septiembre setiembre sep sept set", "octubre oct", "noviembre nov",
           "diciembre dic"),
    "pt": ("janeiro jan", "fevereiro fev", "março mar", "abril abr", "maio mai", "junho jun",
           "julho jul", "agosto ago", "setembro set", "outubro out", "novembro nov", "dezembro dez"),
    "it": ("gennaio gen", "febbraio feb", "marzo mar", "aprile apr", "maggio mag", "giugno giu",
           "luglio lug", "agosto ago", "settembre set", "ottobre ott", "novembre nov", "dicembre dic"),
    "nl": ("januari jan", "februari feb", "maart mrt", "april apr", "mei", "juni jun", "juli jul",
           "augustus aug", "september sep sept", "oktober okt", "november nov", "december dec"),
}  # fmt: skip


def _spellings(word: str) -> set[str]:
    """How a month is written with and without accents: "märz", "marz", "maerz" (the umlaut
    written out only in names, not in three-letter abbreviations)."""
    spellings = {word, strip_accents(word)}
    if len(word) > 3:
        spellings.add(word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    return spellings


MONTHS: dict[str, int] = {
    spelling: number
    for months in _MONTH_NAMES.values()
    for number, names in enumerate(months, start=1)
    for name in names.split()
    for spelling in _spellings(name)
}
"""Every month name and abbreviation, lower case, in every language read, to its number."""
AMBIGUOUS_MONTHS = frozenset({"gen", "set", "out", "ago", "marco"})
"""Month abbreviations that are also words or names ("Next Gen 2023", "Data Set 2021", "Marco"):
a month only with a dot ("set. 2021"), before "de" ("marco de 2021") or after a date label
("Conseguito: set 2021"); the words also where no word comes right before ("gen 2021 - dic 2023")."""


def _phrases(*phrases: str) -> str:
    """A regex alternation of plain phrases, longest first, where an accented letter also matches
    its plain letter ("gültig" or "gultig", umlauts also "gueltig"), an apostrophe either
    apostrophe and a space any run of spaces."""

    def letter(char: str) -> str:
        plain = strip_accents(char)
        if plain == char:
            return {"'": "['’]", " ": r"\s+", ".": r"\."}.get(char, re.escape(char))
        return f"(?:{char}|{plain}e)" if char in "äöü" else f"[{char}{plain}]"

    return "|".join("".join(map(letter, p)) for p in sorted(set(phrases), key=len, reverse=True))


# Labels before a date in the languages read, beside the English ones in the patterns below
# (LinkedIn's localized "Issued" / "Expires" / "No expiration date", and what resumes write).
_ISSUED_WORDS = _phrases(
    # de
    "ausgestellt", "ausgestellt am", "ausgestellt im", "ausstellungsdatum", "erworben", "erworben am",
    "erworben im", "erteilt", "erteilt am", "abgeschlossen", "abgeschlossen am", "bestanden", "seit",
    "zertifiziert seit", "datum",
    # fr
    "délivré", "délivrée", "délivré le", "délivrée le", "délivré en", "délivrée en", "date de délivrance",
    "obtenu", "obtenue", "obtenu le", "obtenue le", "obtenu en", "obtenue en", "date d'obtention",
    "émis le", "émise le", "émis en", "date d'émission", "depuis", "certifié depuis", "certifiée depuis",
    # es
    "expedición", "fecha de expedición", "expedido", "expedida", "expedido el", "expedida el",
    "emitido", "emitida", "emitido el", "emitida el", "fecha de emisión", "obtenido", "obtenida",
    "obtenido en", "obtenida en", "obtenido el", "obtenida el", "fecha de obtención", "otorgado",
    "otorgada", "desde", "fecha",
    # pt
    "emitido em", "emitida em", "emissão", "data de emissão", "obtido", "obtida", "obtido em",
    "obtida em", "concluído em", "concluída em", "data de conclusão", "certificado desde",
    # it
    "data di rilascio", "rilasciato", "rilasciata", "rilasciato il", "rilasciata il", "rilasciato a",
    "rilasciata a", "rilasciato nel", "rilasciata nel", "conseguito", "conseguita", "conseguito il",
    "conseguita il", "conseguito nel", "conseguita nel", "data di conseguimento", "ottenuto",
    "ottenuta", "ottenuto il", "ottenuta il", "data di emissione", "emesso", "emessa", "emesso il",
    "emessa il", "dal",
    # nl
    "uitgegeven", "uitgegeven op", "uitgegeven in", "uitgiftedatum", "datum van uitgifte", "afgegeven",
    "afgegeven op", "behaald", "behaald op", "behaald in", "gecertificeerd sinds", "sinds", "datum",
)  # fmt: skip
_EXPIRES_WORDS = _phrases(
    # de
    "gültig bis", "läuft ab", "läuft ab am", "läuft ab im", "ablaufdatum", "ablauf", "abgelaufen",
    "gültigkeit bis", "verlängerung bis", "bis",
    # fr
    "expire", "expire le", "expire en", "expiré", "expirée", "date d'expiration", "valable jusqu'en",
    "valable jusqu'au", "valable jusqu'à", "valide jusqu'en", "valide jusqu'au", "valide jusqu'à",
    "jusqu'en", "jusqu'au", "jusqu'à",
    # es
    "vencimiento", "fecha de vencimiento", "vence", "vence el", "vence en", "caduca", "caduca el",
    "caduca en", "caducidad", "fecha de caducidad", "válido hasta", "válida hasta", "expira",
    "expira el", "expira en", "hasta",
    # pt
    "expira em", "expirou", "expiração", "data de expiração", "válido até", "válida até", "vence em",
    "validade", "data de validade", "até",
    # it
    "data di scadenza", "scadenza", "scade", "scade il", "scade a", "scade nel", "scaduto", "scaduta",
    "valido fino a", "valida fino a", "valido fino al", "valida fino al", "fino a", "fino al",
    # nl
    "verloopt", "verloopt op", "verloopt in", "vervaldatum", "verlopen", "geldig tot", "geldig t/m",
    "geldig tot en met", "tot",
)  # fmt: skip
_NO_EXPIRY_WORDS = _phrases(
    "kein ablaufdatum", "ohne ablaufdatum", "läuft nicht ab", "unbefristet",
    "aucune date d'expiration", "pas de date d'expiration", "sans date d'expiration", "n'expire pas",
    "sans expiration",
    "sin fecha de vencimiento", "sin fecha de caducidad", "sin vencimiento", "sin caducidad",
    "no caduca", "no vence", "no expira",
    "sem data de expiração", "sem data de validade", "sem expiração", "sem validade", "não expira",
    "nessuna data di scadenza", "senza data di scadenza", "senza scadenza", "non scade",
    "geen vervaldatum", "zonder vervaldatum", "verloopt niet",
)  # fmt: skip
_PRESENT_WORDS = _phrases("heute", "aujourd'hui", "présent", "actualidad", "presente", "o momento", "heden")

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?P<dot>\.)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º|°|ª)?"
_OF = r"\s+(?P<of>del?)\s+"  # "marzo de 2021", "15 de marzo de 2021", "março de 2021"
_SEASON = r"(?:spring|summer|fall|autumn|winter|q[1-4]|h[12])"
_M = r"(?P<m>0?[1-9]|1[0-2])"
_D = r"(?P<d>0?[1-9]|[12]\d|3[01])"

# Most specific first: the scanner takes the leftmost, longest match at each position.
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b{_YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b",
        rf"(?<!\d){_YEAR}\s*[年년]\s*{_M}\s*[月월](?:\s*{_D}\s*[日일])?",  # "2021年11月30日", "2021년 11월"
        rf"\b{_YEAR}(?:\.\s?|/){_M}(?:\.\s?|/){_D}\b(?![./]\d)",  # "2021.11.30", "2021/11/30"
        rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b",
        rf"\b{_DAY}\s+(?:de\s+)?{_MON}(?:,?\s+|{_OF}){_YEAR}\b",
        rf"\b(?P<a>0?[1-9]|[12]\d|3[01])(?P<sep>[/-])(?P<b>0?[1-9]|[12]\d|3[01])(?P=sep){_YEAR}\b",
        rf"\b{_D}\.{_M}\.{_YEAR}\b",
        rf"\b{_MON}(?:{_OF}|,?\s*|-)(?:'|’)?{_YEAR}\b",
        rf"\b{_MON},?\s*['’](?P<yy>\d{{2}})\b",
        rf"\b{_YEAR}[-/.]{_MON}\b(?![-/.]?\d)",  # "2016-Jun", as some web templates print it
        rf"\b{_YEAR}[-/.](?P<m>0[1-9]|1[0-2])\b(?![-/.]\d)",
        rf"\b{_M}[-/.]{_YEAR}\b",
        rf"\b{_SEASON}\s+{_YEAR}\b",
        rf"(?<!\d){_YEAR}\s*[年년](?!\s*\d)",
        rf"(?<![\w#/.:-]){_YEAR}(?![\w/-]|\.\d)",
    )
)
_NUMERIC_DATE = _DATE_PATTERNS[5]
""""30/11/2021" or "11/30/2021": which number is the day is read from the document."""
_DAY_MONTH_NAMED, _MONTH_DAY_NAMED, _DOTTED_DATE = _DATE_PATTERNS[4], _DATE_PATTERNS[3], _DATE_PATTERNS[6]

_SHORT_EXPIRY = re.compile(
    r"\b(?:exp(?:ires|iry|iration)?|valid\s+(?:through|until|thru|to)|renew(?:s|al)?(?:\s+by)?)\.?\s*:?\s*"
    r"(?P<short>(?P<m>0?[1-9]|1[0-2])/(?P<yy>\d{2}))(?![\d/])",
    re.IGNORECASE,
)
"""A two-digit year read as a date only right after an expiry label ("exp 06/27"), where it
cannot be a fraction, a score or part of an ID."""
_YEAR_RANGE = re.compile(r"(?<![\w#/.-])((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?![\w/-])")
_PRESENT = re.compile(
    r"\b(?:present|current(?:ly)?|now|ongoing|to date|active|" + _PRESENT_WORDS + r")(?!\w)", re.IGNORECASE
)
NO_EXPIRY = re.compile(
    r"\b(?:no\s+expir\w*(?:\s+date)?|does\s+not\s+expire|doesn'?t\s+expire|never\s+expires?|"
    r"non[- ]?expiring|lifetime(?:\s+(?:certification|credential|validity))?|no\s+expiry|"
    + _NO_EXPIRY_WORDS
    + r")(?!\w)",
    re.IGNORECASE,
)
_ISSUED_LABEL = re.compile(
    r"\b(?:date\s+(?:earned|obtained|awarded|completed|of\s+issue)|issued(?:\s+on)?|issue\s+date|date\s+issued|"
    r"(?:earned|obtained|awarded|achieved|received)(?:\s+(?:on|in))?|"
    r"completed|certified(?:\s+since)?|passed|granted|date|since|valid\s+from|acquired|renewed|registered|"
    r"recertified|re-certified|admitted|added|" + _ISSUED_WORDS + r")\s*:?\s*$",
    re.IGNORECASE,
)
_EXPIRES_LABEL = re.compile(
    r"\b(?:expires?(?:\s+on)?|expiration(?:\s+date)?|expiry(?:\s+date)?|exp\.?|expired|expiring|"
    r"valid\s+(?:until|through|thru|till|to)|good\s+(?:through|until)|renew(?:al)?\s+(?:due|by)|"
    r"renews(?:\s+(?:on|in|by))?|"
    r"until|through|" + _EXPIRES_WORDS + r")\s*:?\s*$",
    re.IGNORECASE,
)
PENDING_LABEL = re.compile(
    r"\b(?:expected|anticipated|target(?:ed)?|est\.?|estimated|in\s+progress|pursuing|due)\s*:?\s*$",
    re.IGNORECASE,
)
"""Words before the date of a credential not yet earned."""
_RANGE_SEP = re.compile(
    r"^\s*(?:-|–|—|to|until|through|thru|~|～|〜|→|bis|à|au|a|al|hasta|até|tot|t/m)\s*$", re.IGNORECASE
)
LABEL_AT_END = re.compile(r"\b(?:" + _ISSUED_WORDS + "|" + _EXPIRES_WORDS + r")\s*:?\s*$", re.IGNORECASE)
"""A label of the other languages that waits for its date on the next line ("Gültig bis:")."""
_WORD_BEFORE = re.compile(r"[^\W\d_]\s*$")

_DAY_FIRST: ContextVar[bool | None] = ContextVar("day_first", default=None)
"""Whether the document being read writes "05/11/2021" day first (None: judge each text alone)."""


def day_first(texts: Iterable[str]) -> bool:
    """Whether texts write numeric dates day first: some date says so ("30/11/2021", "30.11.2021",
    "15 March 2021") and none says month first ("11/30/2021", "March 15, 2021")."""
    day_first = month_first = False
    for text in texts:
        for match in _NUMERIC_DATE.finditer(text):
            a, b = int(match.group("a")), int(match.group("b"))
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
        day_first |= bool(_DOTTED_DATE.search(text) or _DAY_MONTH_NAMED.search(text))
        month_first |= bool(_MONTH_DAY_NAMED.search(text))
    return day_first and not month_first


@contextmanager
def numeric_dates_day_first(flag: bool) -> Iterator[None]:
    """Read "05/11/2021" as 5 November (True) or May 11 (False) while inside, for one document."""
    token = _DAY_FIRST.set(flag)
    try:
        yield
    finally:
        _DAY_FIRST.reset(token)


@lru_cache(maxsize=4096)
def _text_day_first(text: str) -> bool:
    return day_first((text,))


def _day_first_for(text: str) -> bool:
    """The document's reading when one is set, else what the text itself says."""
    flag = _DAY_FIRST.get()
    return _text_day_first(text) if flag is None else flag


@dataclass(frozen=True)
class DateMention:
    """A date found in text: its ISO partial value (None for "Present") and where it sits."""

    value: str | None
    start: int
    end: int


@dataclass(frozen=True)
class DateReading:
    """What the dates of one credential entry say."""

    issued: str | None = None
    expires: str | None = None
    no_expiry: bool = False
    spans: tuple[tuple[int, int], ...] = ()
    """Character spans of the dates, their labels and range separators (to cut from names)."""


def _iso(match: re.Match[str], day_first: bool) -> str | None:
    groups = match.groupdict()
    year = groups.get("year") or f"20{groups['yy']}"  # "Sept '19": resumes are this century's
    if groups.get("a"):  # "05/11/2021": a day over 12 tells which is which, else the document
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 and b > 12:
            return None
        month: int | str | None
        day: int | str | None
        month, day = (b, a) if a > 12 or (day_first and b <= 12) else (a, b)
    else:
        month = MONTHS[groups["mon"].lower()] if groups.get("mon") else groups.get("m")
        day = groups.get("day") or groups.get("d")
    if month is None:
        return year
    iso = f"{year}-{int(month):02d}"
    if day and 1 <= int(day) <= monthrange(int(year), int(month))[1]:
        return f"{iso}-{int(day):02d}"
    return iso  # no day, or one the month does not have: keep the precision we can trust


def _month_word(text: str, match: re.Match[str]) -> bool:
    """Whether a month that is also a word ("set", "gen", "Marco") is a month here."""
    groups = match.groupdict()
    mon = (groups.get("mon") or "").lower()
    if mon not in AMBIGUOUS_MONTHS or groups.get("dot") or groups.get("of"):
        return True
    if match.start("mon") > match.start():
        return True  # the day before it: "15 set 2021"
    before = text[: match.start()]
    if any(label.search(before) for label in (_ISSUED_LABEL, _EXPIRES_LABEL, PENDING_LABEL)):
        return True
    return mon != "marco" and not _WORD_BEFORE.search(before)


def find_dates(text: str) -> list[DateMention]:
    """Every date and "Present" in text, left to right, never overlapping."""
    return list(_find_dates(text, _day_first_for(text)))


@lru_cache(maxsize=4096)
def _find_dates(text: str, day_first: bool = False) -> tuple[DateMention, ...]:
    # Cached: the grammar asks about the same line several times (meta? wrapped? dates?).
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _YEAR_RANGE.finditer(text):  # "2023-2025": two years, one range
        for group in (1, 2):
            found.append(DateMention(match.group(group), match.start(group), match.end(group)))
            taken.append((match.start(group), match.end(group)))
    for match in _SHORT_EXPIRY.finditer(text):
        start, end = match.span("short")
        found.append(DateMention(f"20{match.group('yy')}-{int(match.group('m')):02d}", start, end))
        taken.append((start, end))
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if free(match.start(), match.end()) and _month_word(text, match):
                value = _iso(match, day_first)
                if value is not None:
                    found.append(DateMention(value, match.start(), match.end()))
                    taken.append((match.start(), match.end()))
    for match in _PRESENT.finditer(text):
        if free(match.start(), match.end()):
            found.append(DateMention(None, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    return tuple(sorted(found, key=lambda d: d.start))


def _label_before(text: str, mention: DateMention, floor: int) -> tuple[str | None, int]:
    """Whether an issued/expires label sits right before a date, and where the label starts."""
    before = text[floor : mention.start]
    for role, pattern in (("expires", _EXPIRES_LABEL), ("issued", _ISSUED_LABEL), ("pending", PENDING_LABEL)):
        label = pattern.search(before)
        if label:
            return role, floor + label.start()
    return None, mention.start


def _without_name_years(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Drop years that are part of a name ("Spreadsheet Associate (Suite 2016)", "Ledgerly Payroll 2021")
    when the entry has another date: a bare year right after a word, outside any range."""

    def in_range(i: int) -> bool:
        before = i > 0 and _RANGE_SEP.match(text[mentions[i - 1].end : mentions[i].start])
        after = i + 1 < len(mentions) and _RANGE_SEP.match(text[mentions[i].end : mentions[i + 1].start])
        return bool(before or after)

    named = {
        i
        for i, m in enumerate(mentions)
        if m.value
        and len(m.value) == 4
        and text[m.start : m.end].isdigit()
        and re.search(r"[A-Za-z] $", text[: m.start])
        and not in_range(i)
    }
    if not named or len(named) == len(mentions):
        return mentions
    return [m for i, m in enumerate(mentions) if i not in named]


def read_dates(text: str) -> DateReading:
    """Read the issue and expiry dates of one credential entry.

    Labels decide first ("Issued", "Expires", "Valid until", "Gültig bis"); a range "A - B" is
    issued-expires ("Present" leaves the expiry open); otherwise the first unlabelled date is the
    issue date and a second one the expiry.
    """
    return _read_dates(text, _day_first_for(text))


@lru_cache(maxsize=4096)
def _read_dates(text: str, day_first: bool) -> DateReading:
    mentions = _without_name_years(text, list(_find_dates(text, day_first)))
    no_expiry_match = NO_EXPIRY.search(text)
    spans: list[tuple[int, int]] = []
    if no_expiry_match:
        label = _EXPIRES_LABEL.search(text[: no_expiry_match.start()])
        start = label.start() if label and not text[label.end() : no_expiry_match.start()].strip() else None
        spans.append((start if start is not None else no_expiry_match.start(), no_expiry_match.end()))
    issued = expires = None
    floor = 0
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        role, label_start = _label_before(text, mention, floor)
        spans.append((label_start, mention.end))
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if following and _RANGE_SEP.match(text[mention.end : following.start]):
            spans.append((mention.end, following.end))
            issued = issued or mention.value
            expires = expires or following.value
            floor = following.end
            index += 2
            continue
        if mention.value is None:
            index += 1
            floor = mention.end
            continue
        if role == "pending":
            pass  # "expected Q3 2024": not earned yet, so neither issued nor expiring
        elif role == "expires" or (role is None and issued is not None):
            expires = expires or mention.value
        else:
            issued = issued or mention.value
        floor = mention.end
        index += 1
    return DateReading(issued, expires, bool(no_expiry_match), tuple(sorted(spans)))
