"""Feeds, sitemaps and API lists cost a fixed number of queries, however many items they hold."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/en/feeds/atom.xml",
    "/en/feeds/rss.xml",
    "/en/feeds/sections/news/atom.xml",
    "/en/feeds/site-news/atom.xml",
    "/sitemap-en-articles.xml",
    "/sitemap-news.xml",
    "/api/v1/articles?edition=en&limit=50",
]


def count(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_items(client, site, url):
    before = count(client, url)
    tag = TagFactory(edition=site["news"].edition)
    for _ in range(20):
        article = ArticleFactory(section=site["regions"])
        article.tags.add(tag)
    assert count(client, url) == before <= 8
