"""Datelines in the forms NGO press releases use."""

from __future__ import annotations

import datetime as dt

import pytest

from vestnik.importers.datelines import find_dateline
from vestnik.importers.htmlsite import split_heading

CASES = [
    ("(Moscow, May 26, 2009) – The Russian authorities", "Moscow", dt.date(2009, 5, 26)),
    ("Geneva, Sept. 3, 2012 - The court", "Geneva", dt.date(2012, 9, 3)),
    ("(New York, December 1, 2015) — Text", "New York", dt.date(2015, 12, 1)),
    ("Екатеринбург, 26 мая 2009 г. – Власти России", "Екатеринбург", dt.date(2009, 5, 26)),
    ("(Москва, 3 марта 2012 года) — Суд", "Москва", dt.date(2012, 3, 3)),
    ("Нижний Новгород, 1 сентября 2010 – Текст", "Нижний Новгород", dt.date(2010, 9, 1)),
]


@pytest.mark.parametrize(("text", "place", "date"), CASES)
def test_datelines_are_found(text, place, date):
    found = find_dateline(text)
    assert found is not None and (found.place, found.date) == (place, date)
    assert text.startswith(found.matched)


@pytest.mark.parametrize(
    "text",
    ["In Moscow, Allison Gill (English, Russian): +7-916", "(Moscow, Smarch 40, 2009) – x",
     "Москва, 31 февраля 2009 г. – x", "", "Just a sentence, nothing else."],
)  # fmt: skip
def test_other_openings_are_not_datelines(text):
    assert find_dateline(text) is None


def test_heading_splits_into_title_and_subtitle():
    assert split_heading("Russia: Free Defender. Activist Targeted for Exposing Abuse") == (
        "Russia: Free Defender",
        "Activist Targeted for Exposing Abuse",
    )
    assert split_heading("Mr. Smith goes to Strasbourg") == ("Mr. Smith goes to Strasbourg", "")
    assert split_heading("One sentence only.") == ("One sentence only.", "")
