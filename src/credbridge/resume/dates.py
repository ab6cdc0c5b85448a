"""Dates as resumes write them, read into ISO 8601 partial dates.

Resumes say "Mar 2023", "03/2023", "2023", "March 5, 2023", "Issued Mar 2023 · Expires Mar 2026",
"(2021 - Present)" or "No Expiration Date". We keep exactly the precision the text gives (a
month stays a month) and read the words around a date to know whether it is an issue or an
expiry date.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_SEASON = r"(?:spring|summer|fall|autumn|winter|q[1-4]|h[12])"

# Most specific first: the scanner takes the leftmost, longest match at each position.
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b{_YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b",
        rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b",
        rf"\b{_DAY}\s+{_MON},?\s+{_YEAR}\b",
        rf"\b(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/{_YEAR}\b",
        rf"\b(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.{_YEAR}\b",
        rf"\b{_MON}(?:,?\s*|-)(?:'|’)?{_YEAR}\b",
        rf"\b{_MON},?\s*['’](?P<yy>\d{{2}})\b",
        rf"\b{_YEAR}[-/.](?P<m>0[1-9]|1[0-2])\b(?![-/.]\d)",
        rf"\b(?P<m>0?[1-9]|1[0-2])[-/.]{_YEAR}\b",
        rf"\b{_SEASON}\s+{_YEAR}\b",
        rf"(?<![\w#/.:-]){_YEAR}(?![\w/-]|\.\d)",
    )
)

_SHORT_EXPIRY = re.compile(
    r"\b(?:exp(?:ires|iry|iration)?|valid\s+(?:through|until|thru|to)|renew(?:s|al)?(?:\s+by)?)\.?\s*:?\s*"
    r"(?P<short>(?P<m>0?[1-9]|1[0-2])/(?P<yy>\d{2}))(?![\d/])",
    re.IGNORECASE,
)
"""A two-digit year read as a date only right after an expiry label ("exp 06/27"), where it
cannot be a fraction, a score or part of an ID."""
_YEAR_RANGE = re.compile(r"(?<![\w#/.-])((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?![\w/-])")
_PRESENT = re.compile(r"\b(?:present|current(?:ly)?|now|ongoing|to date|active)\b", re.IGNORECASE)
NO_EXPIRY = re.compile(
    r"\b(?:no\s+expir\w*(?:\s+date)?|does\s+not\s+expire|doesn'?t\s+expire|never\s+expires?|"
    r"non[- ]?expiring|lifetime(?:\s+(?:certification|credential|validity))?|no\s+expiry)\b",
    re.IGNORECASE,
)
_ISSUED_LABEL = re.compile(
    r"\b(?:date\s+(?:earned|obtained|awarded|completed|of\s+issue)|issued(?:\s+on)?|issue\s+date|date\s+issued|earned|obtained|awarded|achieved|received|"
    r"completed|certified(?:\s+since)?|passed|granted|date|since|valid\s+from|acquired|renewed|registered|"
    r"recertified|re-certified|admitted|added)\s*:?\s*$",
    re.IGNORECASE,
)
_EXPIRES_LABEL = re.compile(
    r"\b(?:expires?(?:\s+on)?|expiration(?:\s+date)?|expiry(?:\s+date)?|exp\.?|expired|expiring|"
    r"valid\s+(?:until|through|thru|till|to)|good\s+(?:through|until)|renew(?:al)?\s+(?:due|by)|"
    r"renews(?:\s+(?:on|in|by))?|"
    r"until|through)\s*:?\s*$",
    re.IGNORECASE,
)
PENDING_LABEL = re.compile(
    r"\b(?:expected|anticipated|target(?:ed)?|est\.?|estimated|in\s+progress|pursuing|due)\s*:?\s*$",
    re.IGNORECASE,
)
"""Words before the date of a credential not yet earned."""
_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|to|until|through|thru|~|→)\s*$", re.IGNORECASE)


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


def _iso(match: re.Match[str]) -> str:
    groups = match.groupdict()
    year = groups.get("year") or f"20{groups['yy']}"  # "Sept '19": resumes are this century's
    month = MONTHS[groups["mon"].lower()] if groups.get("mon") else groups.get("m")
    if month is None:
        return year
    day = groups.get("day") or groups.get("d")
    iso = f"{year}-{int(month):02d}"
    if day and 1 <= int(day) <= monthrange(int(year), int(month))[1]:
        return f"{iso}-{int(day):02d}"
    return iso  # no day, or one the month does not have: keep the precision we can trust


def find_dates(text: str) -> list[DateMention]:
    """Every date and "Present" in text, left to right, never overlapping."""
    return list(_find_dates(text))


@lru_cache(maxsize=4096)
def _find_dates(text: str) -> tuple[DateMention, ...]:
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
            if free(match.start(), match.end()):
                found.append(DateMention(_iso(match), match.start(), match.end()))
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


@lru_cache(maxsize=4096)
def read_dates(text: str) -> DateReading:
    """Read the issue and expiry dates of one credential entry.

    Labels decide first ("Issued", "Expires", "Valid until"); a range "A - B" is issued-expires
    ("Present" leaves the expiry open); otherwise the first unlabelled date is the issue date and
    a second one the expiry.
    """
    mentions = _without_name_years(text, find_dates(text))
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
