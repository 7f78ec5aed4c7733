"""Characters XML 1.0 forbids never reach storage, and never make a feed or sitemap fail."""

from __future__ import annotations

import pytest
from django.utils import timezone
from lxml import etree

from tests.factories import ArticleFactory, SectionFactory, SiteNewsItemFactory
from vestnik.content.models import Article, Contact, Section
from vestnik.content.sanitize import clean_html, plain_text, strip_control_references
from vestnik.content.services import get_or_create_source

CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\ufffe\uffff"


def test_the_sanitiser_drops_controls_without_joining_a_forbidden_scheme():
    assert clean_html('<a href="java&#1;script:alert(1)">x</a>') == (
        '<a rel="noopener noreferrer">x</a>'
    )
    assert clean_html('<a href="java\x01script:alert(1)">x</a>') == (
        '<a rel="noopener noreferrer">x</a>'
    )
    assert clean_html('<a href="&#x1f;javascript:alert(1)">y</a>') == (
        '<a rel="noopener noreferrer">y</a>'
    )
    assert clean_html("<p>a&#1;b\x02c&#x0B;d\te\nf</p>") == "<p>abcd\te\nf</p>"
    assert plain_text("<b>a&#27;b</b>") == "ab"
    assert strip_control_references("a&#1;b&#x1F;c&#65;&#9;&#99999999999;") == (
        "abc&#65;&#9;&#99999999999;"
    )


@pytest.mark.django_db
def test_every_text_field_loses_controls_when_saved(en):
    dirty = "Bad\x01 title\x1f" + CONTROLS
    section = SectionFactory(edition=en, slug="news", title=dirty, description=dirty)
    article = ArticleFactory(
        section=section, title=dirty, subtitle=dirty, dateline_place=dirty,
        body=f"<p>{dirty}</p>", source=get_or_create_source(dirty),
    )  # fmt: skip
    Contact.objects.create(article=article, name=dirty, phones="1\x002\n3")
    article.refresh_from_db()
    section.refresh_from_db()
    stored = [section.title, section.description, article.title, article.subtitle]
    stored += [article.dateline_place, article.body, article.source.name]
    contact = article.contacts.get()
    stored += [contact.name, contact.phones]
    assert not any(c in value for value in stored for c in CONTROLS)
    assert article.title == "Bad title" and contact.phones == "12\n3"
    # the same organisation written with a control character is the same source
    assert get_or_create_source("Bad title\x02" + CONTROLS).pk == article.source.pk


@pytest.mark.django_db
def test_feeds_and_sitemaps_survive_rows_written_around_the_save_path(en, client):
    section = SectionFactory(edition=en, slug="news", title="News")
    article = ArticleFactory(section=section, title="Fine", added=timezone.now())
    SiteNewsItemFactory(edition=en, article=article)
    # an old import or a raw UPDATE, from before control characters were stripped on save
    dirty = "Old\x01 row\x0b" + CONTROLS.replace("\x00", "")
    Article.objects.filter(pk=article.pk).update(title=dirty, summary=dirty, body=f"<p>{dirty}")
    Section.objects.filter(pk=section.pk).update(title=dirty)
    for path in (
        "/en/feeds/atom.xml", "/en/feeds/rss.xml", "/en/feeds/sections/news/atom.xml",
        "/en/feeds/sections/news/rss.xml", "/en/feeds/site-news/atom.xml",
        "/en/feeds/site-news/rss.xml",
    ):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path
        text = etree.tostring(etree.fromstring(response.content), encoding="unicode")
        assert "Old row" in text or "site-news" in path
    for path in ("/sitemap.xml", "/sitemap-en-articles.xml", "/sitemap-news.xml"):
        response = client.get(path)
        assert response.status_code == 200, path
        etree.fromstring(response.content)  # well-formed
