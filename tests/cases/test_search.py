"""Case files and the text inside their documents are found by the site search."""

from __future__ import annotations

import pytest

from tests.cases.conftest import HIDDEN
from tests.cases.files import docx_bytes
from vestnik.cases import services
from vestnik.search import services as search

pytestmark = pytest.mark.django_db(transaction=False)


def urls(edition, q: str) -> list[str]:
    return [r.url for r in search.search(edition, q).results]


def test_case_found_by_number_and_title_in_both_editions(case_site, en, ru):
    case = case_site["case"]
    assert case.get_absolute_url("en") in urls(en, "12345/06")
    assert case.get_absolute_url("ru") in urls(ru, "против России")


def test_text_inside_a_judgment_is_searchable(case_site, en, ru):
    case = case_site["case"]
    doc = services.add_document(
        case, "judgment.docx", docx_bytes("The Court found a violation of correspondence secrecy"),
        "Judgment", doc_type="judgment", language="en",
    )  # fmt: skip
    assert doc.get_absolute_url("en") in urls(en, "correspondence secrecy")
    # a Russian reader searching the English judgment finds it too
    assert doc.get_absolute_url("ru") in urls(ru, "correspondence")
    doc.delete()
    assert doc.get_absolute_url("en") not in urls(en, "correspondence secrecy")


def test_hidden_names_are_not_searchable(case_site, en):
    assert urls(en, HIDDEN.split()[1]) == []


def test_deleted_case_leaves_the_index_and_reindex_agrees(case_site, en):
    case = case_site["case"]
    before = urls(en, "12345/06")
    search.reindex()
    assert urls(en, "12345/06") == before
    case.delete()
    assert urls(en, "12345/06") == []
