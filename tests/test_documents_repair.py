"""Text repairs shared by the readers: ligatures, soft hyphens, icon glyphs, page furniture."""

from __future__ import annotations

import pytest

from credbridge.documents.repair import clean, is_page_number, repair


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("Certi\ufb01ed", "Certified"),
        ("work\ufb02ow", "workflow"),
        ("e\ufb03cient", "efficient"),
        ("Certi\x00ed", "Certified"),  # a lost ligature, read by what follows it
        ("pro\x00le", "profile"),
        ("work\x00ow", "workflow"),
        ("\x00exible", "flexible"),
        ("in\x00uence", "influence"),
        ("a \x00 b", "a b"),  # a NUL between spaces is noise, not a ligature
        ("Name    2023", "Name 2023"),
        ("pro\u00adfessional", "professional"),
        ("\uf0e0 jane@example.com", " jane@example.com"),
        ("zero\u200bwidth", "zerowidth"),
        ("no\u00a0break", "no break"),
    ],
)
def test_repair(raw: str, fixed: str) -> None:
    text, source = repair(raw)
    assert text == fixed == clean(raw)
    if source is not None:
        assert len(source) == len(text) and source == sorted(source)
        assert all(0 <= i < len(raw) for i in source)


def test_source_map_points_back_to_the_ligature() -> None:
    text, source = repair("Certi\ufb01ed")
    assert source == [0, 1, 2, 3, 4, 5, 5, 6, 7]
    assert text[5:7] == "fi"


def test_plain_text_needs_no_map() -> None:
    assert repair("Certified – 2023") == ("Certified – 2023", None)


@pytest.mark.parametrize(
    "text", ["Page 2 of 3", "page 2", "2 / 3", "2 of 3", "- 2 -", "2", " Page 12 of 12 "]
)
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2023", "Page Smith", "CompTIA A+ 2019", "PMP"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)
