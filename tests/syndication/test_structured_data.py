"""JSON-LD, OpenGraph and Twitter card metadata, read the way crawlers read them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from vestnik.content import services as content
from vestnik.content.models import Attachment

pytestmark = pytest.mark.django_db


def head(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def ld(soup: BeautifulSoup) -> dict[str, dict]:
    items = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    return {item["@type"]: item for item in items}


def meta(soup: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in soup.select("head meta[content]"):
        key = tag.get("property") or tag.get("name")
        if key:
            found.setdefault(key, []).append(tag["content"])
    return found


@pytest.fixture
def reprint(site, en):
    """A reprinted press release with a source, dateline, subtitle, tag and an image."""
    source = content.get_or_create_source("Human Rights Watch", "https://www.hrw.org/")
    article = content.create_article(
        content.ArticleData(
            edition=en, section=site["news"], title="Russia: Free Human Rights Defender",
            subtitle="Authorities should drop charges", body="<p>Text of the release.</p>",
            summary="<p>Short summary.</p>", source=source, dateline_place="Moscow",
            dateline_date=dt.date(2009, 5, 26), tags=["prisons"],
        ),
        publish=True,
    )  # fmt: skip
    image = Attachment(article=article, title="Photo", mime="image/jpeg")
    image.file.save("photo.jpg", ContentFile(b"\xff\xd8\xff"), save=True)
    return article


def test_news_article_json_ld(client, reprint):
    data = ld(head(client, reprint.get_absolute_url()))["NewsArticle"]
    url = f"http://testserver{reprint.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Russia: Free Human Rights Defender"
    assert data["alternativeHeadline"] == "Authorities should drop charges"
    assert dt.datetime.fromisoformat(data["datePublished"]) == reprint.added
    assert dt.datetime.fromisoformat(data["dateModified"]) >= reprint.added
    assert data["inLanguage"] == "en"
    assert data["mainEntityOfPage"] == url
    assert data["author"] == {
        "@type": "Organization", "name": "Human Rights Watch", "url": "https://www.hrw.org/"
    }  # fmt: skip
    assert data["sourceOrganization"]["name"] == "Human Rights Watch"
    assert data["isBasedOn"]["publisher"]["name"] == "Human Rights Watch"
    assert data["isBasedOn"]["datePublished"] == "2009-05-26"
    assert data["publisher"]["name"] == "vestnik"
    assert data["publisher"]["url"] == "http://testserver/en/"
    assert data["image"][0].startswith("http://testserver/media/attachments/")
    assert data["description"] == "Short summary."


def test_article_without_source_is_by_the_publisher(client, site):
    article = site["articles"][0]
    data = ld(head(client, article.get_absolute_url()))["NewsArticle"]
    assert data["author"]["name"] == "vestnik"
    assert "isBasedOn" not in data and "alternativeHeadline" not in data


def test_cyrillic_article_json_ld(client, site):
    data = ld(head(client, site["ru_article"].get_absolute_url()))["NewsArticle"]
    assert data["headline"] == "Свободу правозащитнику"
    assert data["inLanguage"] == "ru"


def test_breadcrumb_list(client, site):
    article = site["articles"][1]  # in News > Regions
    crumbs = ld(head(client, article.get_absolute_url()))["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3, 4]
    assert [c["item"] for c in crumbs[:3]] == [
        "http://testserver/en/", "http://testserver/en/news/", "http://testserver/en/news/regions/"
    ]  # fmt: skip
    assert crumbs[0]["name"] == "Main page" and crumbs[3]["name"] == article.title
    section = ld(head(client, "/en/news/regions/"))["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in section] == ["Main page", "News", "Regions"]


def test_home_has_organization(client, site):
    data = ld(head(client, "/en/"))
    assert data["NewsMediaOrganization"]["name"] == "vestnik"
    assert data["NewsMediaOrganization"]["url"] == "http://testserver/en/"
    assert "NewsArticle" not in data


def test_open_graph_and_twitter_card(client, reprint, site):
    tags = meta(head(client, reprint.get_absolute_url()))
    assert tags["og:type"] == ["article"]
    assert tags["og:title"] == ["Russia: Free Human Rights Defender"]
    assert tags["og:url"] == [f"http://testserver{reprint.get_absolute_url()}"]
    assert tags["og:locale"] == ["en_GB"]
    assert tags["og:image"][0].startswith("http://testserver/media/")
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["article:tag"] == ["prisons"]
    home = meta(head(client, "/en/"))
    assert home["og:type"] == ["website"] and home["twitter:card"] == ["summary"]
    translated = meta(head(client, site["articles"][0].get_absolute_url()))
    assert translated["og:locale:alternate"] == ["ru_RU"]


def test_canonical_url(client, site):
    article = site["articles"][0]
    soup = head(client, article.get_absolute_url() + "?utm_source=feed")
    assert soup.select_one('link[rel="canonical"]')["href"] == article.get_absolute_url()


def test_hostile_text_cannot_break_out_of_json_ld(client, site, en):
    article = content.create_article(
        content.ArticleData(
            edition=en,
            section=site["news"],
            title="</script><script>alert(1)</script>",
        ),
        publish=True,
    )
    response = client.get(article.get_absolute_url())
    assert b"<script>alert(1)" not in response.content
    data = ld(BeautifulSoup(response.content, "html.parser"))["NewsArticle"]
    assert data["headline"] == "</script><script>alert(1)</script>"


def test_site_url_setting_makes_absolute_urls_public(client, site, settings):
    settings.VESTNIK_SITE_URL = "https://news.example.org/"
    article = site["articles"][0]
    data = ld(head(client, article.get_absolute_url()))["NewsArticle"]
    assert data["url"] == f"https://news.example.org{article.get_absolute_url()}"
