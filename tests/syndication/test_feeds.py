"""Feeds: Atom 1.0 and RSS 2.0 that feed readers parse without a single error."""

from __future__ import annotations

import feedparser
import pytest
from django.core.files.base import ContentFile

from tests.factories import ArticleFactory, SiteNewsItemFactory
from vestnik.content import services as content
from vestnik.content.models import Attachment

pytestmark = pytest.mark.django_db

KINDS = ("atom", "rss")


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return response, parsed


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "path",
    ["/en/feeds/", "/en/feeds/sections/news/", "/en/feeds/sections/news/regions/",
     "/en/feeds/tags/prisons/", "/en/feeds/site-news/", "/ru/feeds/",
     "/ru/feeds/sections/novosti/"],
)  # fmt: skip
def test_every_feed_parses_without_errors(client, site, path, kind):
    response, parsed = parse(client, f"{path}{kind}.xml")
    expected = "application/atom+xml" if kind == "atom" else "application/rss+xml"
    assert response["Content-Type"].startswith(expected)
    assert parsed.version == ("atom10" if kind == "atom" else "rss20")
    assert parsed.entries
    assert parsed.feed.language == path.split("/")[1]


def test_section_feed_includes_subsections(client, site):
    _, parsed = parse(client, "/en/feeds/sections/news/atom.xml")
    links = {e.link for e in parsed.entries}
    regions = [a for a in site["articles"] if a.section_id == site["regions"].pk]
    assert any(a.get_absolute_url() in link for a in regions for link in links)
    _, only_regions = parse(client, "/en/feeds/sections/news/regions/atom.xml")
    assert all("/news/regions/" in e.link for e in only_regions.entries)


def test_cyrillic_titles_survive_the_round_trip(client, site):
    for kind in KINDS:
        _, parsed = parse(client, f"/ru/feeds/{kind}.xml")
        assert parsed.entries[0].title == "Свободу правозащитнику"
        assert parsed.feed.title.startswith("вестник")


def test_entry_ids_are_tag_uris_that_survive_a_slug_change(client, site):
    article = site["articles"][0]
    _, before = parse(client, "/en/feeds/atom.xml")
    entry = next(e for e in before.entries if e.link.endswith(article.get_absolute_url()))
    assert entry.id.startswith("tag:testserver,") and entry.id.endswith(f":article:{article.pk}")
    article.slug = "renamed"
    article.save()
    _, after = parse(client, "/en/feeds/atom.xml")
    moved = next(e for e in after.entries if e.link.endswith("/renamed/"))
    assert moved.id == entry.id
    _, rss = parse(client, "/en/feeds/rss.xml")
    assert any(e.id == entry.id for e in rss.entries)


def test_published_and_updated_dates(client, site):
    article = site["articles"][0]
    _, parsed = parse(client, "/en/feeds/atom.xml")
    entry = next(e for e in parsed.entries if e.link.endswith(article.get_absolute_url()))
    assert entry.published_parsed[:5] == article.added.utctimetuple()[:5]
    assert entry.updated_parsed >= entry.published_parsed


def test_full_content_or_summary_by_setting(client, site, settings):
    article = site["articles"][0]
    article.body = "<p>Opening paragraph.</p><p>Second paragraph with detail.</p>"
    article.save()
    _, full = parse(client, "/en/feeds/atom.xml")
    entry = next(e for e in full.entries if e.link.endswith(article.get_absolute_url()))
    assert "Second paragraph with detail." in entry.content[0].value
    assert "Second paragraph" not in entry.summary
    _, rss = parse(client, "/en/feeds/rss.xml")
    item = next(e for e in rss.entries if e.link.endswith(article.get_absolute_url()))
    assert "Second paragraph with detail." in item.summary

    settings.VESTNIK_FEED_CONTENT = "summary"
    article.save()  # a new content version: the cached feed is not reused
    _, short = parse(client, "/en/feeds/atom.xml")
    entry = next(e for e in short.entries if e.link.endswith(article.get_absolute_url()))
    assert "content" not in entry
    assert "Opening paragraph." in entry.summary


def test_attachments_are_enclosures(client, site):
    article = site["articles"][0]
    for i, name in enumerate(("report.pdf", "photo.jpg")):
        attachment = Attachment(article=article, title=name, mime="application/pdf", order=i)
        attachment.file.save(name, ContentFile(b"%PDF-1.4 example"), save=True)
    _, atom = parse(client, "/en/feeds/atom.xml")
    entry = next(e for e in atom.entries if e.link.endswith(article.get_absolute_url()))
    assert len(entry.enclosures) == 2
    assert entry.enclosures[0].href.startswith("http://testserver/media/attachments/")
    assert entry.enclosures[0].length == str(len(b"%PDF-1.4 example"))
    _, rss = parse(client, "/en/feeds/rss.xml")
    item = next(e for e in rss.entries if e.link.endswith(article.get_absolute_url()))
    assert len(item.enclosures) == 1  # RSS 2.0 allows one


def test_site_news_feed_lists_what_was_added(client, site):
    from django.utils import timezone

    SiteNewsItemFactory(
        edition=site["news"].edition, title="Новое на сайте: решение суда", added=timezone.now()
    )
    _, parsed = parse(client, "/en/feeds/site-news/atom.xml")
    assert parsed.entries[0].title == "Новое на сайте: решение суда"
    assert all(":site-news:" in e.id for e in parsed.entries)


def test_drafts_and_scheduled_articles_stay_out(client, site):
    import datetime as dt

    from django.utils import timezone

    ArticleFactory(section=site["news"], title="Secret draft", status="draft")
    ArticleFactory(
        section=site["news"], title="Tomorrow", added=timezone.now() + dt.timedelta(days=1)
    )
    response, _ = parse(client, "/en/feeds/atom.xml")
    assert b"Secret draft" not in response.content and b"Tomorrow" not in response.content


@pytest.mark.parametrize(
    "url",
    ["/xx/feeds/atom.xml", "/en/feeds/sections/nope/atom.xml", "/en/feeds/tags/nope/rss.xml",
     "/en/feeds/sections/" + "a/" * 400 + "atom.xml", "/en/feeds/sections/%00/atom.xml"],
)  # fmt: skip
def test_unknown_feeds_are_404(client, site, url):
    assert client.get(url).status_code == 404


def test_pages_link_their_feeds(client, site):
    from bs4 import BeautifulSoup

    def alternates(url: str) -> dict[str, str]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return {
            link["href"]: link["type"] for link in soup.select('head link[rel="alternate"][type]')
        }

    home = alternates("/en/")
    assert home["/en/feeds/atom.xml"] == "application/atom+xml"
    assert home["/en/feeds/rss.xml"] == "application/rss+xml"
    assert "/en/feeds/sections/news/atom.xml" in alternates("/en/news/")
    assert "/en/feeds/tags/prisons/rss.xml" in alternates("/en/tags/prisons/")


def test_feed_follows_publishing(client, site):
    before = client.get("/en/feeds/atom.xml")
    article = ArticleFactory(section=site["press"], title="Just released", status="draft")
    content.publish_article(article)
    after = client.get("/en/feeds/atom.xml")
    assert b"Just released" not in before.content and b"Just released" in after.content
    assert after["X-Cache"] == "miss"
    assert client.get("/en/feeds/atom.xml")["X-Cache"] == "hit"


def test_feeds_are_open_to_other_sites_and_answer_head(client, site):
    response = client.get("/en/feeds/atom.xml", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    head = client.head("/en/feeds/rss.xml")
    assert head.status_code == 200 and head["ETag"] == client.get("/en/feeds/rss.xml")["ETag"]
