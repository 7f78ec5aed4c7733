"""Sitemaps and robots.txt, validated against the Sitemaps protocol schema."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output in tests
from pathlib import Path

import pytest
import xmlschema
from django.utils import timezone

from tests.factories import ArticleFactory
from vestnik.syndication import sitemaps

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
EXTENSIONS = [(NS["xhtml"], str(DATA / "xhtml-link.xsd")), (NS["news"], str(DATA / "news.xsd"))]


@pytest.fixture(scope="module")
def urlset_schema():
    return xmlschema.XMLSchema(str(DATA / "sitemap.xsd"), locations=EXTENSIONS)


@pytest.fixture(scope="module")
def index_schema():
    return xmlschema.XMLSchema(str(DATA / "siteindex.xsd"))


def fetch(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return response.content


def test_schemas_reject_what_the_protocol_forbids(urlset_schema):
    bad = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
        b"<loc>/relative/</loc><priority>2</priority></url></urlset>"
    )
    assert not urlset_schema.is_valid(bad)
    bad_alternate = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>https://example.org/</loc>'
        b'<xhtml:link rel="next" hreflang="en" href="https://example.org/"/></url></urlset>'
    )
    assert not urlset_schema.is_valid(bad_alternate)
    assert urlset_schema.is_valid(bad_alternate.replace(b"next", b"alternate"))


def test_index_lists_per_edition_and_news_sitemaps(client, site, index_schema):
    body = fetch(client, "/sitemap.xml")
    index_schema.validate(body.decode())
    root = ET.fromstring(body)  # noqa: S314 - our own output
    locs = [e.text for e in root.findall("sm:sitemap/sm:loc", NS)]
    assert locs == [
        "http://testserver/sitemap-en-pages.xml",
        "http://testserver/sitemap-en-articles.xml",
        "http://testserver/sitemap-ru-pages.xml",
        "http://testserver/sitemap-ru-articles.xml",
        "http://testserver/sitemap-news.xml",
    ]
    assert root.find("sm:sitemap[2]/sm:lastmod", NS) is not None


def test_every_sitemap_is_valid_and_cacheable(client, site, index_schema, urlset_schema):
    root = ET.fromstring(fetch(client, "/sitemap.xml"))  # noqa: S314
    for loc in root.findall("sm:sitemap/sm:loc", NS):
        path = loc.text.replace("http://testserver", "")
        response = client.get(path)
        urlset_schema.validate(response.content.decode())
        assert response.has_header("ETag") and response.has_header("Last-Modified")
        assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_article_sitemap_lists_published_articles_with_lastmod(client, site):
    ArticleFactory(section=site["news"], status="draft", slug="draft-one")
    root = ET.fromstring(fetch(client, "/sitemap-en-articles.xml"))  # noqa: S314
    locs = {u.findtext("sm:loc", namespaces=NS): u for u in root.findall("sm:url", NS)}
    assert len(locs) == 25
    article = site["articles"][3]
    url = locs[f"http://testserver{article.get_absolute_url()}"]
    assert url.findtext("sm:lastmod", namespaces=NS) == f"{article.updated:%Y-%m-%d}"
    assert not any("draft-one" in loc for loc in locs)


def test_translations_are_hreflang_alternates(client, site):
    article, ru_article = site["articles"][0], site["ru_article"]
    for path, loc in (
        ("/sitemap-en-articles.xml", article.get_absolute_url()),
        ("/sitemap-ru-articles.xml", ru_article.get_absolute_url()),
    ):
        root = ET.fromstring(fetch(client, path))  # noqa: S314
        url = next(
            u
            for u in root.findall("sm:url", NS)
            if u.findtext("sm:loc", namespaces=NS).endswith(loc)
        )
        links = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        assert links == {
            "en": f"http://testserver{article.get_absolute_url()}",
            "ru": f"http://testserver{ru_article.get_absolute_url()}",
        }


def test_pages_sitemap_has_home_and_sections(client, site):
    root = ET.fromstring(fetch(client, "/sitemap-en-pages.xml"))  # noqa: S314
    locs = [u.findtext("sm:loc", namespaces=NS) for u in root.findall("sm:url", NS)]
    assert locs[:4] == [
        "http://testserver/en/",
        "http://testserver/en/news/",
        "http://testserver/en/news/regions/",
        "http://testserver/en/press/",
    ]


def test_article_sitemaps_split_at_the_limit(client, site, monkeypatch, index_schema):
    monkeypatch.setattr(sitemaps.EditionArticlesSitemap, "limit", 10)
    root = ET.fromstring(fetch(client, "/sitemap.xml"))  # noqa: S314
    locs = [e.text for e in root.findall("sm:sitemap/sm:loc", NS)]
    assert "http://testserver/sitemap-en-articles.xml" in locs
    assert "http://testserver/sitemap-en-articles-p3.xml" in locs  # a file name, not ?p=3
    assert "http://testserver/sitemap-en-articles-p4.xml" not in locs
    third = ET.fromstring(fetch(client, "/sitemap-en-articles-p3.xml"))  # noqa: S314
    assert len(third.findall("sm:url", NS)) == 5
    assert fetch(client, "/sitemap-en-articles.xml?p=3") == fetch(
        client, "/sitemap-en-articles-p3.xml"
    )
    for missing in ("/sitemap-en-articles-p4.xml", "/sitemap-en-articles-p1.xml",
                    "/sitemap-en-articles.xml?p=4", "/sitemap-nope-p2.xml"):  # fmt: skip
        assert client.get(missing).status_code == 404, missing
    assert sitemaps.EditionArticlesSitemap.__mro__[1].limit == 50000


def test_news_sitemap_has_the_last_48_hours(client, site, urlset_schema):
    old = ArticleFactory(section=site["news"], added=timezone.now() - dt.timedelta(hours=49))
    body = fetch(client, "/sitemap-news.xml")
    urlset_schema.validate(body.decode())
    root = ET.fromstring(body)  # noqa: S314
    urls = root.findall("sm:url", NS)
    locs = [u.findtext("sm:loc", namespaces=NS) for u in urls]
    assert f"http://testserver{site['ru_article'].get_absolute_url()}" in locs
    assert f"http://testserver{site['articles'][0].get_absolute_url()}" in locs
    assert not any(loc.endswith(old.get_absolute_url()) for loc in locs)
    ru = next(u for u in urls if "/ru/" in u.findtext("sm:loc", namespaces=NS))
    assert ru.findtext("news:news/news:title", namespaces=NS) == "Свободу правозащитнику"
    assert ru.findtext("news:news/news:publication/news:language", namespaces=NS) == "ru"


@pytest.mark.parametrize(
    "url",
    ["/sitemap-xx-articles.xml", "/sitemap-en-articles.xml?p=0",
     "/sitemap-en-articles.xml?p=-1", "/sitemap-en-articles.xml?p=abc",
     "/sitemap-en-articles.xml?p=99999999999"],
)  # fmt: skip
def test_bad_sitemap_requests_are_404(client, site, url):
    assert client.get(url).status_code == 404


def test_robots_txt_points_to_the_sitemaps(client, site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines
