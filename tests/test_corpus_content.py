"""The corpus generator and its labeller (corpus/content.py, corpus/labels.py), without any
third-party renderer: the content must be varied and reproducible, and the labels must say
exactly what a rendered file shows."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from corpus.content import DATE_STYLES, as_awards, as_skills, format_date, make_resume
from corpus.labels import LABEL_KEYS, fold, label_file, spaced, visible_date

PEOPLE = [make_resume(7, f"renderer-{i % 9}", i) for i in range(450)]


def test_the_same_seed_renderer_and_index_give_the_same_person_and_others_differ():
    assert make_resume(7, "renderer-1", 1) == make_resume(7, "renderer-1", 1)
    names = {make_resume(7, r, 0)["basics"]["name"] for r in ("a", "b", "c", "d", "e", "f")}
    assert len(names) >= 5
    assert make_resume(8, "renderer-1", 1) != make_resume(7, "renderer-1", 1)


def test_content_spans_fields_languages_headings_and_shapes():
    truth = [p["x-credbridge"] for p in PEOPLE]
    assert {t["lang"] for t in truth} == {"en", "de", "fr", "es", "pt", "it", "nl"}
    assert len({t["field"] for t in truth}) >= 12
    assert len({t["headings"]["certificates"] for t in truth}) >= 35
    assert len({t["date_style"] for t in truth}) == len(DATE_STYLES)
    creds = [c for t in truth for c in t["credentials"]]
    where = Counter(c["where"] for c in creds)
    assert where["summary"] >= 10 and where["certificates"] >= 800
    assert sum(not t["credentials"] for t in truth) >= 10  # negatives: degrees and awards only
    assert all(t["negatives"] for t in truth)
    shapes = Counter()
    for c in creds:
        line = c["line"]
        shapes["issuer first"] += bool(c["issuer"]) and line.startswith(c["issuer"])
        shapes["date first"] += bool(c["issued_text"]) and line.startswith(c["issued_text"])
        shapes["range"] += bool(c["expires_text"])
        shapes["id"] += bool(c["id_text"])
        shapes["link label"] += bool(c["link_label"])
        shapes["url printed"] += c["url_printed"]
        shapes["name only"] += line == c["name"]
    assert min(shapes.values()) >= 10, shapes
    postnominal = [p for p in PEOPLE if p["basics"]["name"] != p["x-credbridge"]["person"]["name"]]
    assert len(postnominal) >= 10


@pytest.mark.parametrize("person", PEOPLE[:120], ids=lambda p: p["basics"]["name"])
def test_each_line_prints_exactly_its_pieces_and_the_truth_matches_their_precision(person):
    truth = person["x-credbridge"]
    for c in truth["credentials"]:
        assert c["line"].startswith(c["name"]) or c["name"] in c["line"]
        for piece in ("issuer", "issued_text", "expires_text", "id_text"):
            if c[piece]:
                assert c[piece] in c["line"], (piece, c)
        if c["issued"]:
            day = dt.date.fromisoformat(c["issued_iso"])
            assert format_date(day, truth["date_style"], truth["lang"]) == c["issued_text"]
            assert visible_date(c["issued_iso"], truth["lang"], spaced(c["line"])) == c["issued"]
        if c["credential_id"]:
            assert c["credential_id"] in c["id_text"]


def test_theme_fallbacks_keep_the_credentials_in_a_section_the_theme_prints():
    person = next(p for p in PEOPLE if len(p["certificates"]) >= 2)
    moved = as_awards(person)
    assert moved["certificates"] == []
    assert [a["title"] for a in moved["awards"][: len(person["certificates"])]] == [
        c["name"] for c in person["certificates"]]
    grouped = as_skills(person)
    assert grouped["skills"][-1]["keywords"] == [c["name"] for c in person["certificates"]]


@pytest.mark.parametrize(
    ("window", "lang", "want"),
    [
        ("issued 15.03.2021 · expires 2024", "de", "2021-03-15"),
        ("ausgestellt märz 2021", "de", "2021-03"),
        ("obtenu en mars 2021", "fr", "2021-03"),
        ("since 2021", "en", "2021"),
        ("mar. '21", "en", "2021-03"),
        ("id 120219", "en", None),  # 2021 inside a longer number is not a date
        ("expires 2027 2021", "en", "2021"),  # dates side by side in table cells stay two dates
        ("2 0 2 1 - 0 3", "en", "2021-03"),  # letter-spaced
        ("2021-Mar", "en", "2021-03"),  # year first, as some web templates print it
        ("nothing here", "en", None),
    ],
)
def test_a_date_is_labelled_at_the_precision_printed(window, lang, want):
    assert visible_date("2021-03-15", lang, spaced(window)) == want


def test_folding_finds_letter_spaced_upper_cased_and_wrapped_text():
    assert fold("Certified Kubernetes Administrator") in fold("C E RT I F I E D  Kubernetes\nAdmini strator")
    assert fold("Top Secret – SCI") == fold("TOP SECRET - SCI")
    # pdfium's line-end hyphen: a dash inside an ID, a hyphenation point inside a word
    assert fold("ID RQN\ufffe\r\n381015 Li\ufffe\r\ncense") == fold("id rqn-381015 license")


def _person(credentials):
    return {"x-credbridge": {"lang": "en", "field": "cloud", "negatives": ["Dean's List"],
                             "person": {"name": "Ada Quill", "emails": ["ada.quill@example.com"]},
                             "credentials": credentials}}


def _cred(name, issuer=None, issued=None, expires=None, cid=None, url=None):
    return {"name": name, "issuer": issuer, "issued_iso": issued, "expires_iso": expires,
            "credential_id": cid, "url": url}


def test_an_undated_credential_printed_with_the_renderers_pinned_day_is_labelled_with_it(tmp_path):
    # A theme that prints "now" for a certificate with no date: the file shows a date, and a
    # reader that takes it is right, so the label has it; a dated one keeps its own date.
    html = """<html><body><h2>Certifications</h2>
      <p>Undated Cloud Credential · Feb 2026</p><p>Dated Cloud Credential · Jan 2021</p>
    </body></html>"""
    doc = tmp_path / "r" / "x.html"
    doc.parent.mkdir()
    doc.write_text(html, encoding="utf-8")
    person = _person([_cred("Undated Cloud Credential"), _cred("Dated Cloud Credential", None, "2021-01-05")])
    pinned, dated = label_file(
        person, doc, root=tmp_path, renderer="r", family="handmade", variant="html", today="2026-02-19"
    )["credentials"]
    assert (pinned["issued"], pinned["not_visible"]) == ("2026-02", [])
    assert dated["issued"] == "2021-01"
    unpinned = label_file(person, doc, root=tmp_path, renderer="r", family="handmade", variant="html")
    assert unpinned["credentials"][0]["issued"] is None


def test_a_label_keeps_only_what_the_file_shows(tmp_path):
    html = """<html><head><style>.x{}</style><script>var s="Hidden Cert 2019";</script></head><body>
      <h1>ADA QUILL</h1><p>ada.quill@example.com</p>
      <h2>Certifications</h2>
      <p><a href="https://www.credly.com/badges/abc/public_url?utm_source=x">Cloud Thing Associate</a>
         Northwind Institute, March 2022</p>
      <p>Second Credential Pro · 2020</p>
      <p>Stated Issuer Org</p>
    </body></html>"""
    doc = tmp_path / "r" / "x.html"
    doc.parent.mkdir()
    doc.write_text(html, encoding="utf-8")
    person = _person([
        _cred("Cloud Thing Associate", "Northwind Institute", "2022-03-09", "2025-03-09", "NW-1",
              "https://www.credly.com/badges/abc/public_url"),
        _cred("Second Credential Pro", "Other Body", "2020-06-01"),
        _cred("Hidden Cert", "Nobody", "2019-01-01"),
    ])
    label = label_file(person, doc, root=tmp_path, renderer="r", family="handmade", variant="html")
    assert label["file"] == "r/x.html" and label["format"] == "html"
    assert label["person"] == {"name": "Ada Quill", "emails": ["ada.quill@example.com"]}
    assert label["dropped"] == ["Hidden Cert"]  # only in a script: not shown
    first, second = label["credentials"]
    assert {k: first[k] for k in LABEL_KEYS} == {
        "name": "Cloud Thing Associate", "issuer": "Northwind Institute", "issued": "2022-03",
        "expires": None, "url": "https://www.credly.com/badges/abc/public_url", "credential_id": None}
    assert first["not_visible"] == ["expires", "credential_id"]
    assert second["issuer"] is None and second["issued"] == "2020"  # "Other Body" is never printed
    json.dumps(label)  # a label is plain JSON
