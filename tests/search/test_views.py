"""The search pages as a reader sees them, and what hostile input does to them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.search.corpus import load_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(editions):
    return load_corpus(editions)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_russian_search_page_shows_title_section_date_and_marked_snippet(client, corpus):
    page = soup(client.get("/ru/search/", {"q": "правозащитникам Петровым"}))
    first = page.select("li.search-result")[0]
    assert first.h2.a["href"] == corpus["r-petrov"].get_absolute_url()
    assert "Петров" in first.h2.get_text()
    assert first.select_one(".section").get_text() == "Новости"
    assert first.time["datetime"].startswith("2025-03-02")
    assert [m.get_text() for m in first.select(".snippet mark")][:2] == [
        "правозащитника",
        "Ивана Петрова".split()[1],
    ]
    assert [m.get_text() for m in first.select("h2 mark")] == ["Правозащитник", "Петров"]
    assert "результат" in page.select_one(".search-count").get_text()
    assert page.select_one("form.search-box input[name=q]")["value"] == "правозащитникам Петровым"


def test_every_page_has_a_search_box(client, corpus):
    page = soup(client.get("/en/"))
    form = page.select_one("form.search-box")
    assert form["action"] == "/en/search/"
    assert form.select_one("input[name=q]") is not None


def test_json_endpoint(client, corpus):
    data = client.get("/en/search.json", {"q": "defenders", "per_page": "1"}).json()
    assert data["total"] == 2
    assert data["num_pages"] == 2
    assert data["results"][0]["url"] in {
        corpus["e-petrov"].get_absolute_url(),
        corpus["e-school"].get_absolute_url(),
    }
    assert "<mark>Defender" in data["results"][0]["title_html"].replace("defender", "Defender")


def test_filters_and_pagination(client, corpus):
    data = client.get("/en/search.json", {"q": "prisoners", "section": "regions"}).json()
    assert [r["title"] for r in data["results"]] == [
        "Hunger strike in colony: prisoner demands treatment"
    ]
    data = client.get("/en/search.json", {"q": "prisoners", "tag": "prisons"}).json()
    assert data["total"] == 2
    data = client.get(
        "/en/search.json", {"q": "prisoners", "from": "2025-01-01", "to": "2025-12-31"}
    ).json()
    assert {r["title"] for r in data["results"]} == {
        "Hunger strike in colony: prisoner demands treatment",
        "Volunteers collect aid for families of political prisoners",
    }
    page1 = client.get("/en/search.json", {"q": "prisoners", "per_page": "2"}).json()
    page2 = client.get("/en/search.json", {"q": "prisoners", "per_page": "2", "page": "2"}).json()
    assert page1["total"] == page2["total"] == 3
    assert len(page1["results"]) == 2 and len(page2["results"]) == 1
    html = soup(client.get("/en/search/", {"q": "prisoners", "per_page": "2"}))
    assert html.select_one("a[rel=next]")["href"].endswith("page=2")
    # other editions' articles never show
    assert client.get("/ru/search.json", {"q": "prisoners"}).json()["total"] == 0


HOSTILE = [
    "",
    "   ",
    '"',
    '"a" OR NEAR(',
    "NEAR(a b, 2)",
    "title_terms:court",
    "^court",
    "court AND OR NOT",
    "((((",
    "*",
    "-",
    "-court",
    "a* * ** -*",
    "'; DROP TABLE vestnik_search_searchentry; --",
    "' OR 1=1 --",
    "court\x00police",
    "\x00\x01\x02\x1b[31m",
    "<script>alert(1)</script>",
    "правозащитник\u202e\u200bcourt",
    "Ｃｏｕｒｔ ﬁne",
    "x" * 10_000,
    "court " * 2_000,
    '"unbalanced quote court',
    "!'a' & 'b' <-> :*",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_get_a_normal_page(client, corpus, q):
    for url in ("/en/search/", "/ru/search/"):
        response = client.get(url, {"q": q})
        assert response.status_code == 200
        body = response.content.decode()
        assert "<script>alert" not in body
        assert "Traceback" not in body and "OperationalError" not in body
    response = client.get("/en/search.json", {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_overlong_query_is_cut_with_a_note(client, corpus):
    page = soup(client.get("/en/search/", {"q": "torture " + "x" * 10_000}))
    assert "too long" in page.select_one(".search-note").get_text()
    assert page.select(".search-result")


def test_only_exclusions_say_what_to_do(client, corpus):
    data = client.get("/en/search.json", {"q": "-police"}).json()
    assert data["total"] == 0
    assert "Add a word" in data["notes"][0]


def test_echoed_query_is_escaped(client, corpus):
    body = client.get("/en/search/", {"q": '<b onmouseover="x">torture</b>'}).content.decode()
    assert "<b onmouseover" not in body
    assert "&lt;b onmouseover=" in body


@pytest.mark.parametrize(
    "params",
    [
        {"q": "court", "page": "abc"},
        {"q": "court", "page": "99999999999999"},
        {"q": "court", "page": "-3"},
        {"q": "court", "per_page": "0"},
        {"q": "court", "per_page": "100000"},
        {"q": "court", "from": "2024-13-45"},
        {"q": "court", "to": "yesterday\x00"},
        {"q": "court", "section": "../../etc"},
        {"q": "court", "tag": "x" * 5000},
        {"q": "court", "page": "500"},
        {"q": "court", "section": "news\x00", "tag": "pri\x00sons"},
        {"q": "court", "section": "", "tag": ""},
    ],
)
def test_bad_filters_never_fail(client, corpus, params):
    assert client.get("/en/search/", params).status_code == 200
    assert client.get("/en/search.json", params).status_code == 200


def test_unknown_edition_is_404(client, corpus):
    assert client.get("/xx/search/", {"q": "court"}).status_code == 404
