"""Dates as resumes write them, read into ISO partial dates with their issued/expires roles."""

from __future__ import annotations

import pytest

from credbridge.resume.dates import day_first, find_dates, numeric_dates_day_first, read_dates


@pytest.mark.parametrize(
    ("text", "issued", "expires", "no_expiry"),
    [
        ("Issued Mar 2023 · Expires Mar 2026", "2023-03", "2026-03", False),
        ("Name - Issuer (Mar 2023 - Mar 2026)", "2023-03", "2026-03", False),
        ("2023  Name, Issuer", "2023", None, False),
        ("March, 2021: Name", "2021-03", None, False),
        ("Sept. 2022 – Present", "2022-09", None, False),
        ("Issued Jan 2020 · No Expiration Date", "2020-01", None, True),
        ("Valid until December 2025", None, "2025-12", False),
        ("Expires: 12/2025", None, "2025-12", False),
        ("Earned 5 June 2021", "2021-06-05", None, False),
        ("completed 2019-06-15", "2019-06-15", None, False),
        ("Jun 2021, expires 2024-06", "2021-06", "2024-06", False),
        ("Watergate Master Plumber, Lic. #2445", None, None, False),
        ("Does not expire", None, None, True),
        ("expires 02/31/2025", None, "2025-02", False),
        ("Sep 2022 – Apr", "2022-09", None, False),
    ],
)
def test_read_dates(text: str, issued: str | None, expires: str | None, no_expiry: bool) -> None:
    reading = read_dates(text)
    assert (reading.issued, reading.expires, reading.no_expiry) == (issued, expires, no_expiry)


def test_spans_cover_labels_and_ranges() -> None:
    text = "AWS SAA (Issued Mar 2023 – Mar 2026)"
    reading = read_dates(text)
    covered = "".join(" " if any(s <= i < e for s, e in reading.spans) else c for i, c in enumerate(text))
    assert covered.split() == ["AWS", "SAA", "(", ")"]


def test_identifiers_and_numbers_are_not_years() -> None:
    assert find_dates("Credential ID AB2019X, order #2020, SKU-2021") == []
    assert [d.value for d in find_dates("from 2019 to 2021")] == ["2019", "2021"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # month names and abbreviations, any case, with and without dot or accents, at the precision printed
        ("März 2021", ["2021-03"]),
        ("MÄRZ 2021", ["2021-03"]),
        ("Mär. 2023", ["2023-03"]),
        ("Maerz 2021", ["2021-03"]),
        ("Marz 2021", ["2021-03"]),
        ("Dez. 2020 – Jan. 2023", ["2020-12", "2023-01"]),
        ("mars 2021", ["2021-03"]),
        ("févr. 2022", ["2022-02"]),
        ("fevrier 2022", ["2022-02"]),
        ("août 2019", ["2019-08"]),
        ("juil. 2020", ["2020-07"]),
        ("novembre 2021", ["2021-11"]),
        ("marzo de 2021", ["2021-03"]),
        ("15 de marzo de 2021", ["2021-03-15"]),
        ("ene. 2022", ["2022-01"]),
        ("março de 2021", ["2021-03"]),
        ("set. de 2021", ["2021-09"]),
        ("out 2018", ["2018-10"]),
        ("15. März 2021", ["2021-03-15"]),
        ("1er mars 2021", ["2021-03-01"]),
        ("maart 2021", ["2021-03"]),
        ("15 maart 2021", ["2021-03-15"]),
        ("mrt. 2024", ["2024-03"]),
        ("gennaio 2020", ["2020-01"]),
        ("giu 2021 - dic 2023", ["2021-06", "2023-12"]),
        ("sept. 2019", ["2019-09"]),
        ("Sept 2019", ["2019-09"]),
        # numeric forms
        ("30.11.2021", ["2021-11-30"]),
        ("30/11/2021", ["2021-11-30"]),
        ("11/30/2021", ["2021-11-30"]),
        ("04/11/2021", ["2021-04-11"]),  # nothing says day first: today's month-first rule
        ("04/11/2021 and 30/11/2021", ["2021-11-04", "2021-11-30"]),  # the text's other date does
        ("11.2021", ["2021-11"]),
        ("2021/11", ["2021-11"]),
        ("2021.11.30", ["2021-11-30"]),
        ("2021/11/30", ["2021-11-30"]),
        # East Asian forms
        ("2021年11月", ["2021-11"]),
        ("2021年11月30日", ["2021-11-30"]),
        ("2021년 11월", ["2021-11"]),
        ("2021년 11월 30일", ["2021-11-30"]),
        ("2021年", ["2021"]),
        # partial dates stay partial
        ("2021", ["2021"]),
        ("Juni 2021", ["2021-06"]),
    ],
)
def test_dates_in_every_form(text: str, values: list[str]) -> None:
    assert [d.value for d in find_dates(text)] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Marco 2021", ["2021"]),  # a name, not "marco" (março without its cedilla)
        ("Marco Bianchi, 2019", ["2019"]),
        ("Mai Tai Mixology", []),
        ("Juni Chen", []),
        ("Marcoux Training", []),
        ("Next Gen 2023", ["2023"]),
        ("Data Set 2021", ["2021"]),
        ("Sold Out 2020", ["2020"]),
        ("Dezentral", []),
        ("Maintenance Level 2", []),
        ("Conseguito: set 2021", ["2021-09"]),  # after a label the abbreviation is a month
        ("gen 2021 - ago 2022", ["2021-01", "2022-08"]),  # and where no word comes before it
    ],
)
def test_words_like_months_are_not_over_read(text: str, values: list[str]) -> None:
    assert [d.value for d in find_dates(text)] == values


@pytest.mark.parametrize(
    ("text", "issued", "expires", "no_expiry"),
    [
        ("Ausgestellt: März 2021 · Gültig bis: März 2024", "2021-03", "2024-03", False),
        ("Erworben Jan. 2022 · Läuft ab Jan. 2025", "2022-01", "2025-01", False),
        ("Ausgestellt: Okt. 2020 · Kein Ablaufdatum", "2020-10", None, True),
        ("Gueltig bis 12.2026", None, "2026-12", False),
        ("Délivrée le 1er mars 2021 · Expire le 1er mars 2024", "2021-03-01", "2024-03-01", False),
        ("Obtenu en juin 2020 · Valable jusqu’en juin 2023", "2020-06", "2023-06", False),
        ("Délivré le : avr. 2022 · Aucune date d'expiration", "2022-04", None, True),
        ("Expedición: ago. 2021 · Vencimiento: ago. 2024", "2021-08", "2024-08", False),
        ("Obtenido 15 de marzo de 2021 · Válido hasta marzo de 2024", "2021-03-15", "2024-03", False),
        ("Expedicion: dic. 2019 · Sin fecha de vencimiento", "2019-12", None, True),
        ("Emitido em set. de 2021 · Expira em set. de 2024", "2021-09", "2024-09", False),
        ("Obtido em março de 2020 · Válido até março de 2023", "2020-03", "2023-03", False),
        ("Emitido em out. de 2022 · Sem data de expiração", "2022-10", None, True),
        ("Data di rilascio: giu 2021 · Data di scadenza: giu 2024", "2021-06", "2024-06", False),
        ("Conseguito set 2021 · Valido fino a set 2023", "2021-09", "2023-09", False),
        ("Data di rilascio: gen 2022 · Nessuna data di scadenza", "2022-01", None, True),
        ("Uitgegeven: mrt. 2021 · Verloopt: mrt. 2024", "2021-03", "2024-03", False),
        ("Behaald 15 maart 2021 · Geldig tot 15 maart 2026", "2021-03-15", "2026-03-15", False),
        ("Uitgegeven: mei 2023 · Geen vervaldatum", "2023-05", None, True),
        ("März 2021 – heute", "2021-03", None, False),
        ("mar. de 2021 - o momento", "2021-03", None, False),
        ("2021年11月～2024年11月", "2021-11", "2024-11", False),
    ],
)
def test_labels_in_every_language(
    text: str, issued: str | None, expires: str | None, no_expiry: bool
) -> None:
    reading = read_dates(text)
    assert (reading.issued, reading.expires, reading.no_expiry) == (issued, expires, no_expiry)


@pytest.mark.parametrize(
    ("text", "issued", "expires"),
    [("Issued 2016-Jun", "2016-06", None), ("2019-Feb - 2022/Mär.", "2019-02", "2022-03")],
)
def test_year_then_month_name(text: str, issued: str | None, expires: str | None) -> None:
    reading = read_dates(text)
    assert (reading.issued, reading.expires) == (issued, expires)


@pytest.mark.parametrize("label", ["Awarded on", "Earned in", "Received on", "Obtained on", "Achieved in"])
def test_a_past_participle_with_on_or_in_labels_the_issue_date_and_is_cut_with_it(label: str) -> None:
    text = f"Certified Kiln Operator {label} 12 March 2021"
    reading = read_dates(text)
    assert reading.issued == "2021-03-12"
    covered = "".join(" " if any(s <= i < e for s, e in reading.spans) else c for i, c in enumerate(text))
    assert covered.split() == ["Certified", "Kiln", "Operator"]


def test_localized_labels_are_cut_with_their_dates() -> None:
    text = "Scrum Master (Ausgestellt: März 2021 · Kein Ablaufdatum)"
    reading = read_dates(text)
    covered = "".join(" " if any(s <= i < e for s, e in reading.spans) else c for i, c in enumerate(text))
    assert covered.replace("·", " ").split() == ["Scrum", "Master", "(", ")"]


def test_the_document_decides_whether_numeric_dates_are_day_first() -> None:
    assert day_first(["Issued 30/11/2021", "Expires 04/11/2024"])
    assert day_first(["Ausgestellt 15.03.2021"])
    assert not day_first(["Issued 11/30/2021", "Expires 30/11/2024"])  # both orders: keep today's rule
    assert not day_first(["Issued 04/11/2021"])
    with numeric_dates_day_first(True):
        assert read_dates("Expires 04/11/2024").expires == "2024-11-04"
        assert read_dates("Expires 11/30/2024").expires == "2024-11-30"  # a day over 12 still decides
    with numeric_dates_day_first(False):
        assert read_dates("Expires 04/11/2024").expires == "2024-04-11"
    assert read_dates("Expires 04/11/2024").expires == "2024-04-11"
