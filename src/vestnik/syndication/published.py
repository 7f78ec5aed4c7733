"""Feeds, sitemaps and robots.txt in the static tree (vestnik publish)."""

from __future__ import annotations

from collections.abc import Iterator

from vestnik.content.models import Article, Edition, Section, Tag


def static_urls() -> Iterator[str]:
    from vestnik.syndication.sitemaps import sitemaps_for_index

    yield "/robots.txt"
    yield "/sitemap.xml"
    yield "/sitemap-news.xml"
    for key, sitemap in sitemaps_for_index().items():
        if sitemap.paginator.count:
            yield f"/sitemap-{key}.xml"
            for page in sitemap.paginator.page_range[1:]:
                yield f"/sitemap-{key}-p{page}.xml"
    for edition in Edition.objects.all():
        for kind in ("atom", "rss"):
            yield f"/{edition.code}/feeds/{kind}.xml"
            yield f"/{edition.code}/feeds/site-news/{kind}.xml"
    for code, path in Section.objects.values_list("edition__code", "path"):
        for kind in ("atom", "rss"):
            yield f"/{code}/feeds/sections/{path}/{kind}.xml"
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    tags = Tag.objects.filter(articles__in=published).distinct()
    for code, slug in tags.values_list("edition__code", "slug"):
        for kind in ("atom", "rss"):
            yield f"/{code}/feeds/tags/{slug}/{kind}.xml"
