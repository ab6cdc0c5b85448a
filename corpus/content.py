"""Invented resumes with their credentials, as JSON Resume documents plus the corpus's own key.

One seeded random stream per (seed, renderer, index), so a document can be rebuilt alone and
no two renderers share a person (a renderer left out of training shares no resume with the
rest). The ``x-credbridge`` key holds what renderers other than JSON Resume themes print (the
localized headings and each credential's printed pieces) and the truth the labels start from;
corpus/labels.py then keeps only what the rendered file really shows.

Credential shapes are composed, not listed: which fields a person prints, in which order, with
which separators and words, in which date style, behind which heading, in which language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import unicodedata
import uuid
from typing import Any

from corpus import vocab
from corpus.renderers.base import Resume

LANGS = ["en"] * 11 + ["de", "fr", "es", "pt", "it", "nl"] * 2
NO_CREDENTIALS = 0.07
"""Share of people with no credential at all (negatives: degrees and awards only)."""

DATE_STYLES: dict[str, str] = {
    # style -> precision ("year", "month", "day")
    "Mon YYYY": "month",
    "Month YYYY": "month",
    "MM/YYYY": "month",
    "YYYY-MM": "month",
    "YYYY": "year",
    "DD.MM.YYYY": "day",
    "Month D, YYYY": "day",
    "D Month YYYY": "day",
    "MM.YYYY": "month",
    "YYYY-MM-DD": "day",
    "Mon. 'YY": "month",
}
SKILL_LEVELS = ["Advanced", "Expert", "Intermediate", "Master"]
"""JSON Resume skill levels; several themes draw a bar from them and fail without one."""
LOCAL_DATE_STYLES = ["Month YYYY", "MM/YYYY", "YYYY", "DD.MM.YYYY", "D Month YYYY", "MM.YYYY", "YYYY-MM"]


def rng_for(seed: int, renderer: str, index: int) -> random.Random:
    """A stream that depends only on the seed, the renderer and the person's index."""
    digest = hashlib.sha256(f"{seed}:{renderer}:{index}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def format_date(day: dt.date, style: str, lang: str) -> str:
    """A date as a person in ``lang`` would print it in ``style``."""
    month = vocab.MONTHS[lang][day.month - 1]
    if lang != "en" and style in ("Month D, YYYY", "Mon YYYY", "Mon. 'YY"):
        style = "D Month YYYY" if style == "Month D, YYYY" else "Month YYYY"
    if lang == "de" and style == "D Month YYYY":
        return f"{day.day}. {month} {day.year}"
    if lang in ("es", "pt") and style in ("D Month YYYY", "Month YYYY"):
        return (f"{day.day} de " if style == "D Month YYYY" else "") + f"{month} de {day.year}"
    return {
        "Mon YYYY": f"{month[:3]} {day.year}",
        "Month YYYY": f"{month} {day.year}",
        "MM/YYYY": f"{day.month:02d}/{day.year}",
        "YYYY-MM": f"{day.year}-{day.month:02d}",
        "YYYY": f"{day.year}",
        "DD.MM.YYYY": f"{day.day:02d}.{day.month:02d}.{day.year}",
        "Month D, YYYY": f"{month} {day.day}, {day.year}",
        "D Month YYYY": f"{day.day} {month} {day.year}",
        "MM.YYYY": f"{day.month:02d}.{day.year}",
        "YYYY-MM-DD": day.isoformat(),
        "Mon. 'YY": f"{month[:3]}. '{day.year % 100:02d}",
    }[style]


def partial(day: dt.date, precision: str) -> str:
    """The ISO partial date a label holds for a date printed at ``precision``."""
    return {"year": day.isoformat()[:4], "month": day.isoformat()[:7], "day": day.isoformat()}[precision]


def _fill(rng: random.Random, pattern: str) -> str:
    return re.sub("#", lambda _: str(rng.randrange(10)), pattern)


def _badge_url(rng: random.Random, host: str, person: str) -> str:
    ident = uuid.UUID(int=rng.getrandbits(128), version=4)
    code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
    return vocab.BADGE_HOSTS[host].format(
        uuid=ident, code=code, user=person.replace(" ", "") + f"-{rng.randrange(9999)}"
    )


def _issuer_url(rng: random.Random, issuer: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", issuer.lower()).strip("-")[:24] or "issuer"
    return f"https://verify.{slug}.example.org/c/{rng.randrange(10**6, 10**7)}"


def _random_date(rng: random.Random, start: int = 2012, end: int = 2025) -> dt.date:
    return dt.date(rng.randint(start, end), rng.randint(1, 12), rng.randint(1, 28))


def make_credential(
    rng: random.Random, cred: vocab.Cred, lang: str, style: str, person: str
) -> dict[str, Any]:
    """One credential as this person prints it: which fields, which words, one composed line."""
    name, issuer, years, id_style, host = cred
    words = vocab.WORDS[lang]
    issued_day = _random_date(rng)
    show_issuer = rng.random() < 0.78
    show_issued = rng.random() < 0.75
    show_expires = bool(years) and show_issued and rng.random() < 0.45
    show_id = rng.random() < (0.35 if id_style else 0.06)
    url = None
    if host and rng.random() < 0.5:
        url = _badge_url(rng, host, person)
    elif rng.random() < 0.08:
        url = _issuer_url(rng, issuer)
    expires_day = issued_day.replace(year=issued_day.year + years) if show_expires else None
    precision = DATE_STYLES[style]
    issued_text = format_date(issued_day, style, lang) if show_issued else None
    expires_text = format_date(expires_day, style, lang) if expires_day else None
    credential_id = (
        _fill(rng, id_style or "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + "-######")
        if show_id
        else None
    )
    id_word = rng.choice(words["id"])
    id_text = f"{id_word} {credential_id}" if credential_id else None
    line = _compose(rng, name, issuer if show_issuer else None, issued_text, expires_text, id_text, words)
    return {
        "name": name,
        "issuer": issuer if show_issuer else None,
        "issued": partial(issued_day, precision) if show_issued else None,
        "expires": partial(expires_day, precision) if expires_day else None,
        "issued_iso": issued_day.isoformat() if show_issued else None,
        "expires_iso": expires_day.isoformat() if expires_day else None,
        "credential_id": credential_id,
        "url": url,
        "link_label": rng.choice(words["verify"]) if url and rng.random() < 0.3 else None,
        "url_printed": bool(url) and rng.random() < 0.2,
        "issued_text": issued_text,
        "expires_text": expires_text,
        "id_text": id_text,
        "line": line,
        "where": "certificates",
    }


def _compose(
    rng: random.Random,
    name: str,
    issuer: str | None,
    issued: str | None,
    expires: str | None,
    id_text: str | None,
    words: dict[str, Any],
) -> str:
    """A credential's one-line text: issuer and dates placed and joined the many ways people do."""
    dates = ""
    if issued:
        form = rng.randrange(6)
        if expires:
            dates = [
                f"{issued} – {expires}",
                f"{rng.choice(words['issued'])} {issued} · {rng.choice(words['expires'])} {expires}",
                f"{issued}, {rng.choice(words['expires'])} {expires}",
                f"{issued} - {expires}",
                f"({issued} – {expires})",
                f"{rng.choice(words['issued'])}: {issued}; {rng.choice(words['expires'])}: {expires}",
            ][form]
        else:
            dates = [
                issued,
                f"{rng.choice(words['issued'])} {issued}",
                f"({issued})",
                issued,
                f"{issued} · {words['no_expiry']}",
                f"{rng.choice(words['issued'])}: {issued}",
            ][form]
    order = rng.randrange(5)
    if issuer and order == 0:
        head = f"{issuer}: {name}" if rng.random() < 0.5 else f"{issuer} — {name}"
    elif issuer:
        sep = rng.choice([", ", " – ", " | ", " · ", " - ", f", {words['from']} "])
        head = f"{name} ({issuer})" if order == 1 else f"{name}{sep}{issuer}"
    else:
        head = name
    if dates and order == 2 and not dates.startswith("("):
        text = f"{dates}  {head}" if rng.random() < 0.5 else f"{dates} – {head}"
    elif dates:
        text = head + rng.choice([", ", " · ", " | ", " ", " — "]) + dates
    else:
        text = head
    if id_text:
        text += rng.choice([f" · {id_text}", f", {id_text}", f" ({id_text})", f"; {id_text}"])
    return text


def _pick_field(rng: random.Random, lang: str) -> str:
    fields = list(vocab.FIELDS)
    return "languages" if lang != "en" and rng.random() < 0.2 else rng.choice(fields)


def make_resume(seed: int, renderer: str, index: int, sealed: bool = False) -> Resume:
    """The person at ``index`` for ``renderer``: content, headings and credential truth.

    A sealed renderer's people also hold the sealed credentials and headings (vocab.SEALED_*),
    which no other renderer's people hold, so its figures measure unseen wordings too."""
    rng = rng_for(seed, renderer, index)
    lang = rng.choice(LANGS)
    field = _pick_field(rng, lang)
    spec = vocab.FIELDS[field]
    first, last = rng.choice(vocab.FIRST), rng.choice(vocab.LAST)
    person = f"{first} {last}"
    email_user = f"{_ascii(first)}.{_ascii(last)}"
    email = f"{email_user}@example.{rng.choice(['com', 'org', 'net'])}"
    style = rng.choice(list(DATE_STYLES) if lang == "en" else LOCAL_DATE_STYLES)
    title = rng.choice(spec["titles"])
    city, region, country = rng.choice(vocab.CITIES[lang])

    credentials: list[dict[str, Any]] = []
    if rng.random() >= NO_CREDENTIALS:
        pool = list(spec["creds"])
        if field != "languages" and rng.random() < 0.25:
            pool.append(rng.choice(vocab.FIELDS["languages"]["creds"]))
        count = min(len(pool), rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6, 8]))
        picked = rng.sample(pool, count)
        if sealed:  # at least one, often two, of the field's sealed credentials
            extra = vocab.SEALED_CREDS[field]
            picked = rng.sample(extra, rng.randint(1, len(extra))) + picked[: max(0, count - 1)]
            rng.shuffle(picked)
        for cred in picked:
            credentials.append(make_credential(rng, cred, lang, style, person))
    summary = vocab.SUMMARY_OPENERS[lang].format(
        title=title, years=rng.randint(3, 18), skill1=spec["skills"][0], skill2=rng.choice(spec["skills"][1:])
    )
    if credentials and len(credentials) > 1 and rng.random() < 0.15:
        # A credential named only in the summary sentence: no dates, no ID, no link there.
        mention = credentials.pop()
        holds = rng.choice(vocab.WORDS[lang]["holds"]).format(name=mention["name"])
        issuer = mention["issuer"]
        summary += f" {holds}" + (f" ({issuer})." if issuer else ".")
        mention.update(
            issued=None,
            expires=None,
            credential_id=None,
            url=None,
            link_label=None,
            url_printed=False,
            issued_text=None,
            expires_text=None,
            id_text=None,
            issued_iso=None,
            expires_iso=None,
            where="summary",
            line=mention["name"] + (f" ({issuer})" if issuer else ""),
        )
        credentials.append(mention)
    display_name = person
    acronyms = [
        m.group(1) for c in credentials if (m := re.search(r"\(([A-Z][A-Za-z0-9+-]{1,7})\)$", c["name"]))
    ]
    if acronyms and rng.random() < 0.15:
        display_name = f"{person}, {acronyms[0]}"  # post-nominal; the credential stays labelled once

    headings = {key: rng.choice(options) for key, options in vocab.OTHER_HEADINGS[lang].items()}
    sealed_headings = vocab.SEALED_CERT_HEADINGS[lang] if sealed and rng.random() < 0.5 else []
    headings["certificates"] = rng.choice(sealed_headings or vocab.CERT_HEADINGS[lang])
    school = rng.choice(vocab.SCHOOLS)
    employers = rng.sample(spec["employers"], 2)
    degree, area = rng.choice(vocab.DEGREES)
    award_title, awarder = rng.choice(vocab.AWARDS)
    start = rng.randint(2008, 2016)
    resume: Resume = {
        "basics": {
            "name": display_name,
            "label": title,
            "email": email,
            "phone": f"+1 555 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            "url": f"https://{email_user.replace('.', '')}.example.org",
            "summary": summary,
            "location": {"city": city, "region": region, "countryCode": country},
            "profiles": [
                {
                    "network": "LinkedIn",
                    "username": email_user,
                    "url": f"https://www.linkedin.com/in/{email_user.replace('.', '-')}-example",
                }
            ],
        },
        "work": [
            {
                "name": employers[0],
                "position": title,
                "startDate": f"{start + 5}-0{rng.randint(1, 9)}-01",
                "summary": "",
                "highlights": [
                    f"{rng.choice(spec['skills'])} for a team of {rng.randint(3, 40)}",
                    f"Improved {rng.choice(spec['skills'])} processes",
                ],
            },
            {
                "name": employers[1],
                "position": rng.choice(spec["titles"]),
                "startDate": f"{start}-0{rng.randint(1, 9)}-01",
                "endDate": f"{start + 5}-0{rng.randint(1, 9)}-01",
                "summary": "",
                "highlights": [f"Worked with {rng.choice(spec['skills'])}"],
            },
        ],
        "education": [
            {
                "institution": school,
                "area": area,
                "studyType": degree,
                "startDate": f"{start - 4}-09-01",
                "endDate": f"{start}-06-30",
            }
        ],
        "awards": [
            {
                "title": award_title,
                "date": f"{rng.randint(2014, 2024)}-0{rng.randint(1, 9)}-15",
                "awarder": awarder.format(employer=employers[1], school=school),
                "summary": "",
            }
        ],
        "certificates": [
            {
                k: v
                for k, v in {
                    "name": c["name"] + (f" ({c['id_text']})" if c["id_text"] else ""),
                    "issuer": c["issuer"],
                    "date": c["issued_iso"],
                    "url": c["url"],
                }.items()
                if v
            }
            for c in credentials
            if c["where"] == "certificates"
        ],
        "skills": [
            {
                "name": headings["skills"],
                "level": SKILL_LEVELS[len(title) % len(SKILL_LEVELS)],  # no draw: the stream stays as built
                "keywords": rng.sample(spec["skills"], min(5, len(spec["skills"]))),
            }
        ],
        "languages": [{"language": vocab.LANGUAGE_NAMES[lang], "fluency": "Native"}]
        + ([{"language": "English", "fluency": "C1"}] if lang != "en" else []),
        "interests": [],
        "references": [],
        "projects": [],
        "publications": [],
        "volunteer": [],
        "meta": {"version": "v1.0.0"},
        "x-credbridge": {
            "lang": lang,
            "field": field,
            "date_style": style,
            "headings": headings,
            "person": {"name": person, "emails": [email]},
            "credentials": credentials,
            "negatives": [award_title, degree],
        },
    }
    return resume


def as_skills(resume: Resume) -> Resume:
    """The same resume for a theme that prints neither certificates nor awards: the
    credentials become one skills group named by the certificates heading, as people do."""
    names = [c["name"] for c in resume["certificates"]]
    group = {"name": resume["x-credbridge"]["headings"]["certificates"], "keywords": names}
    return {**resume, "certificates": [], "skills": resume["skills"] + ([group] if names else [])}


def as_awards(resume: Resume) -> Resume:
    """The same resume for a theme that prints no certificates section: the credentials move
    to awards, where many people list them anyway (title, awarder, date)."""
    out = {**resume, "certificates": []}
    moved = [
        {"title": c["name"], "awarder": c.get("issuer", ""), "date": c.get("date", ""), "summary": ""}
        for c in resume["certificates"]
    ]
    out["awards"] = moved + resume["awards"]
    return out


def _ascii(text: str) -> str:
    """Lower-case ASCII letters of a name, for an email address (Schäfer -> schafer)."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss").replace("ł", "l").replace("ø", "o"))
    return re.sub(r"[^a-z]", "", text)
