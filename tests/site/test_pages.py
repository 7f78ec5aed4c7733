"""What a reader sees on each kind of public page."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory, PageFactory, SiteNewsItemFactory
from tests.html import html5_errors, soup, text
from vestnik.content import services
from vestnik.content.models import Article

pytestmark = pytest.mark.django_db


def test_root_redirects_by_accept_language(client, site):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9,en;q=0.5")["Location"] == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de, en;q=0.5")["Location"] == "/en/"
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/en/"
    assert "Accept-Language" in response["Vary"]


def test_home_lists_latest_articles_by_top_section(client, site):
    page = soup(client.get("/en/"))
    blocks = page.select("section.home-block")
    assert [text(b.find("h2")) for b in blocks] == ["News"]
    links = [a["href"] for a in blocks[0].select(".teaser h3 a")]
    expected = [a.get_absolute_url() for a in site["articles"][:5]]
    assert links == expected  # the subsection's articles count towards its parent


def test_every_page_has_the_site_news_sidebar_with_ten_items(client, site):
    for url in ["/en/", "/en/news/", "/en/news/page/2/", site["articles"][3].get_absolute_url(),
                "/en/site-news/", "/en/tags/prisons/"]:  # fmt: skip
        page = soup(client.get(url))
        items = page.select("aside.site-news li")
        assert len(items) == 10, url
        assert all(li.find("a") and li.find("time", datetime=True) for li in items)


def test_section_paginates_twenty_per_page_with_clean_urls(client, site):
    first = soup(client.get("/en/news/"))
    assert len(first.select(".teasers .teaser")) == 20
    assert first.select_one('a[rel="next"]')["href"] == "/en/news/page/2/"
    second = soup(client.get("/en/news/page/2/"))
    assert len(second.select(".teasers .teaser")) == 5
    assert second.select_one('a[rel="prev"]')["href"] == "/en/news/"
    sub = soup(client.get("/en/news/regions/"))
    assert [text(li) for li in sub.select('nav[aria-label="Breadcrumb"] li')] == [
        "Main page",
        "News",
    ]
    assert len(sub.select(".teaser")) == 12


def test_page_one_and_query_page_move_to_the_clean_url(client, site):
    assert client.get("/en/news/page/1/")["Location"] == "/en/news/"
    response = client.get("/en/news/?page=2")
    assert response.status_code == 301 and response["Location"] == "/en/news/page/2/"


def test_article_links_its_translation_both_ways(client, site):
    en_article, ru_article = site["articles"][0], site["ru_article"]
    page = soup(client.get(en_article.get_absolute_url()))
    alt = page.find("link", rel="alternate", hreflang="ru")
    assert alt["href"] == ru_article.get_absolute_url()
    assert page.select_one('.editions a[hreflang="ru"]')["href"] == ru_article.get_absolute_url()
    back = soup(client.get(ru_article.get_absolute_url()))
    assert (
        back.find("link", rel="alternate", hreflang="en")["href"] == en_article.get_absolute_url()
    )
    assert back.html["lang"] == "ru"
    assert text(back.select_one('nav[aria-label="Breadcrumb"] li')) == "Главная"


def test_russian_edition_speaks_russian(client, site):
    services.add_site_news(site["novosti"].edition, title="Новое на сайте")
    response = client.get("/ru/")
    page = soup(response)
    assert response["Content-Language"] == "ru"
    assert text(page.select_one("aside.site-news h2")) == "Новости сайта"
    assert text(page.select_one("aside.site-news .added")).startswith("Добавлено:")


def test_cyrillic_title_gets_transliterated_slug(site):
    assert site["ru_article"].slug == "svobodu-pravozashchitniku"


def test_tag_and_archive_pages(client, site):
    article = site["articles"][0]
    tag_page = soup(client.get("/en/tags/prisons/"))
    assert [a["href"] for a in tag_page.select(".teaser h3 a")] == [article.get_absolute_url()]
    year = article.added.year
    month = article.added.month
    archive = client.get(f"/en/archive/{year}/{month:02d}/")
    assert archive.status_code == 200
    assert article.get_absolute_url() in archive.content.decode()
    assert client.get(f"/en/archive/{year}/").status_code == 200


def test_plain_page_and_site_news_archive(client, site, en):
    PageFactory(edition=en, slug="about", title="About us", body="<p>Who we are.</p>")
    page = soup(client.get("/en/about/"))
    assert text(page.find("h1")) == "About us"
    assert page.select_one('.menu a[href="/en/about/"]')
    archive = soup(client.get("/en/site-news/"))
    # 12 items + the one article published through the service (factories skip it)
    assert len(archive.select(".site-news-archive li")) == 13


def test_draft_is_not_public(client, site):
    draft = ArticleFactory(section=site["news"], status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.get_absolute_url() not in client.get("/en/news/").content.decode()


def test_unpublish_removes_article_and_its_site_news(client, site):
    article = site["articles"][1]
    assert article.get_absolute_url() in client.get("/en/site-news/").content.decode()
    services.unpublish_article(article)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.get_absolute_url() not in client.get("/en/site-news/").content.decode()


def test_changed_slug_keeps_old_url_as_redirect(client, site):
    article = site["articles"][2]
    old = article.get_absolute_url()
    article.slug = "renamed"
    article.save()
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == article.get_absolute_url()


def test_pages_are_valid_html5_and_small(client, site):
    for url in ["/en/", "/en/news/", site["articles"][0].get_absolute_url(), "/ru/", "/en/nope/"]:
        response = client.get(url)
        markup = response.content.decode()
        assert html5_errors(markup) == [], url
        assert markup.startswith("<!DOCTYPE html>")
        assert len(response.content) < 100 * 1024


def test_site_news_item_without_title_uses_article_title(client, site, en):
    article = site["articles"][4]
    SiteNewsItemFactory(edition=en, title="", article=article, added=site["articles"][0].added)
    page = soup(client.get("/en/"))
    assert article.title in [text(a) for a in page.select("aside.site-news li a")]


def test_body_is_sanitised_on_save(site):
    article = site["articles"][0]
    article.body = '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:x">l</a></p>'
    article.save()
    article.refresh_from_db()
    assert "script" not in article.body and "onclick" not in article.body
    assert "javascript" not in article.body
