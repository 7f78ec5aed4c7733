"""Unknown or hostile addresses get the edition's 404 page, never a 500."""

from __future__ import annotations

import pytest

from tests.html import soup, text

pytestmark = pytest.mark.django_db

NOT_FOUND = [
    "/xx/",
    "/en/no-such-section/",
    "/en/news/no-such-article/",
    "/en/news/regions/deeper/still/",
    "/en/tags/no-such-tag/",
    "/en/tags/no-such-tag/page/2/",
    "/en/news/page/99999/",
    "/en/news/page/0/",
    "/en/news/page/abc/",
    "/en/news/page/-1/",
    "/en/news/page/0001/",
    "/en/site-news/page/500/",
    "/en/archive/1800/",
    "/en/archive/2020/13/",
    "/en/archive/1999/",
    "/en/" + "a/" * 400,
    "/en/" + "x" * 5000 + "/",
    "/en/%00/",
    "/en/%FF%FE/",
    "/en/%2e%2e/%2e%2e/etc/passwd/",
    "/en/новости/",
    "/ru/новости/статья/",
    "/en/news/%3Cscript%3E/",
    "/en/news//article/",
]


@pytest.mark.parametrize("url", NOT_FOUND)
def test_junk_paths_get_the_edition_404(client, site, url):
    response = client.get(url)
    assert response.status_code == 404, url
    page = soup(response)
    assert text(page.find("h1")) in {"Page not found", "Страница не найдена"}


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999", "1e3", "", "２"])
def test_bad_page_query_parameter_is_404(client, site, value):
    assert client.get("/en/news/", {"page": value}).status_code == 404


def test_russian_404_is_in_russian(client, site):
    page = soup(client.get("/ru/nichego-net/"))
    assert text(page.find("h1")) == "Страница не найдена"
    assert page.html["lang"] == "ru"
    assert len(page.select("aside.site-news")) == 1


def test_unknown_edition_uses_default_edition_404(client, site):
    response = client.get("/zz/whatever/")
    assert response.status_code == 404
    assert soup(response).html["lang"] == "en"


def test_server_error_page_is_plain_and_500(client, site, monkeypatch):
    from vestnik.site import views

    def boom(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(views.queries, "home_blocks", boom)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    assert "Server error" in response.content.decode()


def test_empty_site_has_no_500(client, db):
    assert client.get("/").status_code == 404
    assert client.get("/en/").status_code == 404


@pytest.mark.parametrize("url", ["/%00", "/old/page%00.html", "/en/news/?page=%00", "/x%1b/"])
def test_control_characters_anywhere_are_404(client, site, url):
    assert client.get(url, follow=True).status_code == 404
