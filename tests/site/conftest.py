from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, SiteNewsItemFactory, TagFactory
from vestnik.content import services


@pytest.fixture
def site(en, ru):
    """A small bilingual site: nested sections, articles, a translation, tags, site news."""
    news = services.create_section(en, "News", slug="news")
    regions = services.create_section(en, "Regions", slug="regions", parent=news)
    press = services.create_section(en, "Press releases", slug="press")
    novosti = services.create_section(ru, "Новости", slug="novosti")
    tag = TagFactory(edition=en, name="prisons", slug="prisons")
    now = timezone.now()
    articles = [
        ArticleFactory(section=regions if i % 2 else news, added=now - dt.timedelta(days=i))
        for i in range(25)
    ]
    articles[0].tags.add(tag)
    ru_article = services.create_article(
        services.ArticleData(
            edition=ru, section=novosti, title="Свободу правозащитнику", body="<p>Текст.</p>",
            translation_of=articles[0], added=now - dt.timedelta(hours=1),
        ),
        publish=True,
    )  # fmt: skip
    for i in range(12):
        SiteNewsItemFactory(edition=en, added=now - dt.timedelta(hours=i + 1))
    services.publish_article(articles[1])
    return {
        "news": news, "regions": regions, "press": press, "novosti": novosti, "tag": tag,
        "articles": articles, "ru_article": ru_article,
    }  # fmt: skip
