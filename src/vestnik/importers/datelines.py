"""Datelines of press releases: `(Moscow, May 26, 2009) –`, `Екатеринбург, 26 мая 2009 г. –`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

EN_MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        1,
    )
    for m in names
}  # fmt: skip
RU_MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip
DASH = r"\s*(?:[–—-]+\s*)?"
ENGLISH = re.compile(
    r"^(?P<open>\()?\s*(?P<place>[A-Z][\w .'’-]{1,60}?),\s*"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\s*"
    r"(?(open)\))" + DASH
)
RUSSIAN = re.compile(
    r"^(?P<open>\()?\s*(?P<place>[А-ЯЁ][А-Яа-яЁё .-]{1,60}?),\s*(?P<day>\d{1,2})\s+"
    r"(?P<month>[а-яё]{3,9})\s+(?P<year>\d{4})(?:\s*(?:г\.|года|г\b))?\s*(?(open)\))" + DASH
)


@dataclass(frozen=True)
class Dateline:
    place: str
    date: dt.date | None
    matched: str


def _date(year: str, month: int | None, day: str) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a paragraph, in English or Russian form, or None."""
    text = text.strip()
    match = ENGLISH.match(text)
    if match is not None:
        month = EN_MONTHS.get(match["month"].lower())
        date = _date(match["year"], month, match["day"])
        if date is not None:
            return Dateline(match["place"].strip(), date, match[0].rstrip())
    match = RUSSIAN.match(text)
    if match is not None:
        month = RU_MONTHS.get(match["month"][:3].lower())
        date = _date(match["year"], month, match["day"])
        if date is not None:
            return Dateline(match["place"].strip(), date, match[0].rstrip())
    return None
