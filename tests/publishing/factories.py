"""A tiny site for publisher tests that run many builds."""

from __future__ import annotations

import datetime as dt

from tests.factories import ArticleFactory, PageFactory, SiteNewsItemFactory, TagFactory
from vestnik.content import services
from vestnik.content.models import Edition


def tiny_site(articles: int = 8) -> dict:
    en, ru = services.ensure_editions([("en", "English"), ("ru", "Русский")])
    news = services.create_section(en, "News", slug="news")
    regions = services.create_section(en, "Regions", slug="regions", parent=news)
    press = services.create_section(en, "Press", slug="press")
    novosti = services.create_section(ru, "Новости", slug="novosti")
    tag = TagFactory(edition=en, name="courts", slug="courts")
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    made = []
    for i in range(articles):
        section = [news, regions, press][i % 3]
        a = ArticleFactory(section=section, added=base + dt.timedelta(days=17 * i), slug=f"a{i}")
        services.add_site_news(en, article=a, added=a.added)
        made.append(a)
    made[0].tags.add(tag)
    ru_article = ArticleFactory(section=novosti, added=base, slug="r0")
    services.link_translations(made[0], ru_article)
    PageFactory(edition=en, slug="about", title="About")
    SiteNewsItemFactory(edition=ru, added=base)
    return {
        "en": en, "ru": ru, "sections": [news, regions, press], "novosti": novosti,
        "articles": made, "ru_article": ru_article, "tag": tag,
    }  # fmt: skip


def editions() -> list[Edition]:
    return list(Edition.objects.all())
