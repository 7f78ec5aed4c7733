"""/api/v1/editions/{code}/search and the case-file endpoints."""

from __future__ import annotations

import pytest

from tests.cases.conftest import HIDDEN, case_site, echr  # noqa: F401 - fixtures
from tests.factories import ArticleFactory
from vestnik.content import services as content_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def defenders(en):
    section = content_services.create_section(en, "News", slug="news")
    return ArticleFactory(
        section=section, title="Court hears human rights defenders", body="<p>Appeal heard.</p>"
    )


def test_search_finds_inflected_words(client, defenders):
    body = client.get("/api/v1/editions/en/search", {"q": "defender"}).json()
    assert body["total"] == 1
    hit = body["results"][0]
    assert hit["id"] == defenders.pk and hit["kind"] == "article"
    assert "<mark>" in hit["title_html"]


@pytest.mark.parametrize(
    "params, status",
    [
        ({}, 400),  # q is required
        ({"q": "x" * 501}, 400),
        ({"q": "a", "page": "0"}, 400),
        ({"q": "a", "page": "abc"}, 400),
        ({"q": "a", "per_page": "1000"}, 400),
        ({"q": "a", "date_from": "yesterday"}, 400),
        ({"q": "a", "bogus": "1"}, 400),
    ],
)
def test_search_bad_parameters_get_json_errors(client, defenders, params, status):
    response = client.get("/api/v1/editions/en/search", params)
    assert response.status_code == status
    assert response.json()["error"]["status"] == status


def test_search_hostile_queries_answer_normally(client, defenders):
    for q in ['"unbalanced', "-", "*", 'NEAR("a" OR', "\x00defender", "правозащ*"]:
        response = client.get("/api/v1/editions/en/search", {"q": q})
        assert response.status_code == 200, q
        assert isinstance(response.json()["results"], list)


def test_search_unknown_edition_is_404(client, defenders):
    assert client.get("/api/v1/editions/xx/search", {"q": "a"}).status_code == 404


def test_cases_list_and_detail_hide_names(client, case_site):  # noqa: F811
    listed = client.get("/api/v1/editions/en/cases")
    assert listed.status_code == 200
    [case] = listed.json()
    assert case["number"] == "No. 12345/06" and case["court"]["slug"] == "echr"
    hidden = [p for p in case["parties"] if p["name_hidden"]]
    assert hidden and all(p["name"] is None for p in hidden)
    assert HIDDEN not in listed.content.decode()
    detail = client.get("/api/v1/editions/ru/cases/petrova-v-russia")
    assert detail.status_code == 200 and detail.json()["title"] == "П. против России"
    assert [d["sha256"] for d in detail.json()["documents"]] == [case_site["document"].sha256]
    assert client.get("/api/v1/editions/en/cases/nope").status_code == 404
