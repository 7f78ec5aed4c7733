"""Query counts of the main pages are fixed: they do not grow with articles or site news."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, ContactFactory, EventFactory, SiteNewsItemFactory

pytestmark = pytest.mark.django_db

# content version (HTTP validators, issue 6), edition(s), sections, menu pages, site news
# + the page's own queries; article: +1 for the cases the article belongs to (issue 9)
EXPECTED = {"home": 7, "section": 7, "article": 13}


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def grow(site, n: int) -> None:
    for _ in range(n):
        article = ArticleFactory(section=site["regions"])
        SiteNewsItemFactory(edition=site["news"].edition, article=article)


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_query_count_is_fixed(client, site, page):
    article = site["articles"][0]
    ContactFactory(article=article)
    EventFactory(article=article)
    urls = {"home": "/en/", "section": "/en/news/page/2/", "article": article.get_absolute_url()}
    before = count(client, urls[page])
    grow(site, 30)
    after = count(client, urls[page])
    assert before == after == EXPECTED[page]
