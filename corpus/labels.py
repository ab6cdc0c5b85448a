"""Labels for a rendered file: the source truth, kept only where the file really shows it.

A renderer may drop a field (a theme that prints no issuer, no link, only the year), so each
field of each credential is looked up in the file's own text and links, read with the raw
libraries (pypdfium2, pdfplumber, the DOCX XML, BeautifulSoup) and never with credbridge, whose
parser is what the labels measure. A credential whose name is not printed at all is dropped;
a field that is not printed is null and listed in ``not_visible``; a date is labelled at the
precision the file prints (a theme printing "2021" for 2021-03-15 gives "2021").
"""

from __future__ import annotations

import datetime as dt
import html
import re
import threading
import unicodedata
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from corpus import vocab
from corpus.content import DATE_STYLES, format_date, partial

LABEL_KEYS = ("name", "issuer", "issued", "expires", "url", "credential_id")
"""The six fields a label holds for each credential (the scorer's vocabulary)."""

_WINDOW_BEFORE = 70
_WINDOW_AFTER = 200
"""How far before and after a credential's name (in folded characters, spaces removed) its
issuer, dates and ID are looked for; never past a neighbouring credential's name."""
_EXTRA_FORMATS = {
    # How JSON Resume themes and templates print dates (moment/dayjs/strftime formats), by precision.
    "day": [
        "%b %d, %Y",
        "%d %b %Y",
        "%B %d, %Y",
        "%m/%d/%Y",
        "%d/%m/%Y",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%-m/%-d/%Y",
        "%b %-d, %Y",
        "%B %-d, %Y",
        "%-d %B %Y",
        "%-d %b %Y",
        "%d.%m.%Y",
        "%Y-%m-%d",
    ],
    "month": [
        "%b %Y",
        "%B %Y",
        "%m/%Y",
        "%-m/%Y",
        "%Y-%m",
        "%m.%Y",
        "%b. %Y",
        "%Y/%m",
        "%m-%Y",
        "%b '%y",
        "%B, %Y",
        "%b, %Y",
        "%Y-%b",
        "%b-%Y",
    ],
}


_PDFIUM = threading.Lock()
"""pdfium is not thread-safe, and the build labels two renderers' files at once in threads (a
crash inside libpdfium ended one build)."""


def document_text_and_links(path: Path) -> tuple[str, list[str]]:
    """The text a reader sees and the link targets, read with the raw libraries (not credbridge),
    so a label can be checked against its document independently of the parser under test."""
    import pdfplumber  # the reader libraries are only needed when labelling or checking labels
    import pypdfium2
    from bs4 import BeautifulSoup

    suffix = path.suffix
    if suffix == ".pdf":
        with _PDFIUM:
            pdf = pypdfium2.PdfDocument(path)
            try:
                text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
            finally:
                pdf.close()
        with pdfplumber.open(path) as doc:
            links = [link["uri"] for page in doc.pages for link in page.hyperlinks if link.get("uri")]
    elif suffix == ".docx":
        with zipfile.ZipFile(path) as z:  # the body, and page headers/footers with their links
            parts = [n for n in z.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
            xml = "".join(z.read(n).decode("utf-8") for n in parts)
            rels = "".join(
                z.read(f"word/_rels/{n[5:]}.rels").decode("utf-8")
                for n in parts
                if f"word/_rels/{n[5:]}.rels" in z.namelist()
            )
        text = re.sub(r"<w:p[ >]", "\n\\g<0>", xml)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        links = [html.unescape(t) for t in re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels)]
    elif suffix == ".html":
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for hidden in soup(["script", "style", "noscript", "template"]):
            hidden.decompose()
        text, links = soup.get_text(" "), [a["href"] for a in soup.find_all("a", href=True)]
    else:
        text = path.read_text(encoding="utf-8")
        links = re.findall(r"https?://[^\s<>()\]]+", text)
    return " ".join(text.split()), links


def without_query(url: str) -> str:
    """A link compared without its query, fragment or trailing slash (tracking parameters)."""
    return urlsplit(url)._replace(query="", fragment="").geturl().rstrip("/")


def spaced(text: str) -> str:
    """Compatibility forms (ligatures), case (CSS upper-casing), dash and quote variants
    folded, whitespace collapsed to single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("\u2019", "'")
    # pdfium reports a hyphen it broke a line at as U+FFFE: a dash before a digit ("RQN-" /
    # "381015"), a hyphenation point inside a word ("Li-" / "cense") otherwise.
    text = re.sub("\ufffe(?=\\s*\\d)", "-", text).replace("\ufffe", "")
    return " ".join(text.split())


def fold(text: str) -> str:
    """Text as the labeller finds names, issuers and IDs in it: :func:`spaced` with every space
    removed, so a field is found however a renderer spaced it (letter-spaced text, a name
    wrapped over two lines)."""
    return spaced(text).replace(" ", "")


def date_renderings(iso: str, lang: str) -> dict[str, list[str]]:
    """Every way we know a date may be printed, by precision (:func:`spaced`)."""
    day = dt.date.fromisoformat(iso)
    out: dict[str, set[str]] = {"day": set(), "month": set(), "year": {str(day.year)}}
    for language in {"en", lang}:
        for style, precision in DATE_STYLES.items():
            if precision != "year":
                out[precision].add(format_date(day, style, language))
        out["month"].add(f"{vocab.MONTHS[language][day.month - 1]} {day.year}")
    for months in vocab.MONTHS_ABBR.values():  # printed by themes whatever the resume's language
        out["month"].add(f"{months[day.month - 1]} {day.year}")
    for precision, formats in _EXTRA_FORMATS.items():
        for fmt in formats:
            out[precision].add(day.strftime(fmt))
    if day.month == 9:  # "Sept 2021"
        out["month"].add(f"Sept {day.year}")
    return {k: sorted(spaced(v) for v in values) for k, values in out.items()}


def visible_date(iso: str | None, lang: str, window: str) -> str | None:
    """The label for a date: the ISO partial date at the most precise form printed in the
    window (:func:`spaced` text, so two dates side by side stay two: "2019-02 2021-02"); a
    letter-spaced date ("2 0 2 1") is found with the spaces removed from both."""
    if not iso:
        return None
    forms = date_renderings(iso, lang)
    squashed = window.replace(" ", "")
    for precision in ("day", "month", "year"):
        for form in forms[precision]:
            if re.search(rf"(?<!\d){re.escape(form)}(?!\d)", window):
                return partial(dt.date.fromisoformat(iso), precision)
        for form in forms[precision]:
            if re.search(rf"(?<!\d){re.escape(form.replace(' ', ''))}(?!\d)", squashed):
                return partial(dt.date.fromisoformat(iso), precision)
    return None


def _locate(names: list[str], text: str) -> dict[str, int]:
    """Where each name is printed (folded offsets), longest first, so a name printed inside a
    longer one ("Registered Nurse" in "Critical Care Registered Nurse") finds its own place."""
    claimed: list[tuple[int, int]] = []
    where: dict[str, int] = {}
    for name in sorted(set(names), key=len, reverse=True):
        needle, start = fold(name), 0
        while (at := text.find(needle, start)) >= 0:
            if not any(a <= at < b for a, b in claimed):
                claimed.append((at, at + len(needle)))
                where[name] = at
                break
            start = at + 1
    return where


def label_file(
    resume: dict[str, Any],
    path: Path,
    *,
    root: Path,
    renderer: str,
    family: str,
    variant: str,
    today: str | None = None,
) -> dict[str, Any]:
    """The label of one rendered file (see the module docstring for the rules). `today` is the
    day the renderer's clock was pinned to: a template that prints "now" where a credential's
    date is missing (or in a field it does not read) printed that day, which a reader rightly
    takes as the date."""
    truth = resume["x-credbridge"]
    raw_text, links = document_text_and_links(path)
    readable = spaced(raw_text)
    text = readable.replace(" ", "")
    at_spaced = [i for i, ch in enumerate(readable) if ch != " "]  # folded offset -> spaced offset
    link_set = {without_query(u) for u in links}
    where = _locate([c["name"] for c in truth["credentials"]], text)
    # A window stops at the next printed name, a credential's or an award's or degree's.
    printed = _locate([c["name"] for c in truth["credentials"]] + list(truth["negatives"]), text)
    positions = sorted(set(where.values()) | set(printed.values()))
    credentials, dropped = [], []
    for cred in truth["credentials"]:
        at = where.get(cred["name"], -1)
        if at < 0:
            dropped.append(cred["name"])
            continue
        end = at + len(fold(cred["name"]))
        before = max([p for p in positions if p < at], default=-1)
        after = min([p for p in positions if p > at], default=len(text))
        start, stop = max(before + 1, at - _WINDOW_BEFORE), min(after, end + _WINDOW_AFTER)
        window = text[start:at] + " " * (end - at) + text[end:stop]
        # The same window in spaced text, for dates; the name itself blanked in both.
        date_window = (
            readable[at_spaced[start] : at_spaced[at]]
            + " " * (at_spaced[end - 1] + 1 - at_spaced[at])
            + readable[
                at_spaced[end - 1] + 1 : at_spaced[stop - 1] + 1 if stop > end else at_spaced[end - 1] + 1
            ]
        )
        label = {
            "name": cred["name"],
            "issuer": cred["issuer"] if cred["issuer"] and fold(cred["issuer"]) in window else None,
            "issued": visible_date(cred.get("issued_iso"), truth["lang"], date_window)
            or visible_date(today, truth["lang"], date_window),
            "expires": visible_date(cred.get("expires_iso"), truth["lang"], date_window),
            "url": cred["url"]
            if cred["url"] and (without_query(cred["url"]) in link_set or fold(cred["url"]) in text)
            else None,
            "credential_id": cred["credential_id"]
            if cred["credential_id"] and fold(cred["credential_id"]) in window
            else None,
        }
        label["not_visible"] = [k for k in LABEL_KEYS if label[k] is None and _truth(cred, k)]
        credentials.append(label)
    person = truth["person"]
    return {
        "file": str(path.relative_to(root)),
        "renderer": renderer,
        "family": family,
        "variant": variant,
        "format": path.suffix.lstrip("."),
        "lang": truth["lang"],
        "field": truth["field"],
        "person": {
            "name": person["name"] if fold(person["name"]) in text else None,
            "emails": [e for e in person["emails"] if fold(e) in text],
        },
        "credentials": credentials,
        "dropped": dropped,
        "negatives": truth["negatives"],
    }


def _truth(cred: dict[str, Any], key: str) -> bool:
    """Whether the source had this field (so its absence in the file is the renderer's doing)."""
    return bool(cred.get({"issued": "issued_iso", "expires": "expires_iso"}.get(key, key)))
