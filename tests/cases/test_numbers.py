"""Case and application numbers are normalised for lookup and malformed ones are refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from vestnik.cases.numbers import lookup_key, normalise_number


@pytest.mark.parametrize(
    "raw",
    ["No. 12345/06", "no 12345/06", "№ 12345/06", "12345 / 06", "Application no. 12345/06",
     "  NO.12345/06 ", "N° 12345⁄06"],
)  # fmt: skip
def test_spellings_of_one_number_share_a_key(raw):
    assert normalise_number(raw) == "12345/06"


def test_domestic_and_un_numbers():
    assert normalise_number("Дело № 2-1234/2019") == "2-1234/2019"
    assert normalise_number("Communication No. 2345/2014") == "2345/2014"
    assert normalise_number("1–45/2020") == "1-45/2020"


@pytest.mark.parametrize(
    "raw", ["No. ", "abc", "<script>", "12345/06; DROP TABLE", "№ //", "x" * 61, "12 345 06 ??"]
)
def test_malformed_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_number(raw)


def test_european_court_numbers_are_strict():
    assert normalise_number("No. 1/99", strict_ecthr=True) == "1/99"
    with pytest.raises(ValidationError, match="12345/06"):
        normalise_number("2-1234/2019", strict_ecthr=True)


def test_lookup_key_of_junk_is_empty():
    assert lookup_key("hello") == ""
    assert lookup_key("№12345/06") == "12345/06"


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_any_text_is_a_key_or_a_validation_error(raw):
    try:
        key = normalise_number(raw)
    except ValidationError:
        return
    assert key == "" or (len(key) <= 60 and key == key.strip() and any(c.isdigit() for c in key))
