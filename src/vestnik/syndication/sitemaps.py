"""Sitemaps: per-edition pages and articles (50,000 a file), hreflang alternates, Google News."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import timezone

from vestnik.content.models import Article, Edition, Page, Section

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap


def edition_languages() -> dict[int, str]:
    return dict(Edition.objects.values_list("id", "language"))


def section_paths() -> dict[int, tuple[str, str]]:
    """Section id → (edition code, section path), for building article URLs without joins."""
    return {
        pk: (code, path)
        for pk, code, path in Section.objects.values_list("id", "edition__code", "path")
    }


class EditionPagesSitemap(Sitemap):
    """The edition's home, sections and plain pages."""

    changefreq = "daily"

    def __init__(self, edition: Edition) -> None:
        self.edition = edition

    def items(self) -> list:
        home = [("home", self.edition.get_absolute_url(), None)]
        sections = [
            ("section", f"/{self.edition.code}/{path}/", None)
            for path in Section.objects.filter(edition=self.edition)
            .order_by("path")
            .values_list("path", flat=True)
        ]
        pages = [
            ("page", f"/{self.edition.code}/{slug}/", updated)
            for slug, updated in Page.objects.filter(edition=self.edition)
            .order_by("slug")
            .values_list("slug", "updated")
        ]
        return home + sections + pages

    def location(self, item) -> str:
        return item[1]

    def lastmod(self, item):
        return item[2]

    def get_latest_lastmod(self):
        return None


class EditionArticlesSitemap(Sitemap):
    """Every published article of an edition, split into files of 50,000 by Django."""

    changefreq = "weekly"

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self._paths: dict[int, tuple[str, str]] | None = None

    def items(self):
        return (
            Article.objects.published()
            .filter(edition=self.edition)
            .only("id", "slug", "section_id", "updated", "translation_group", "edition_id")
            .order_by("id")
        )

    def paths(self) -> dict[int, tuple[str, str]]:
        if self._paths is None:
            self._paths = section_paths()
        return self._paths

    def location(self, item: Article) -> str:
        code, path = self.paths()[item.section_id]
        return f"/{code}/{path}/{item.slug}/"

    def lastmod(self, item: Article):
        return item.updated

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        add_translation_alternates(urls, self.paths(), self.edition, f"{protocol or 'https'}")
        return urls


def add_translation_alternates(
    urls: list[dict], paths: dict[int, tuple[str, str]], edition: Edition, protocol: str
) -> None:
    """Give each article its hreflang alternates (itself included), one query per file."""
    groups = {u["item"].translation_group for u in urls if u["item"].translation_group}
    if not groups:
        return
    languages = edition_languages()
    by_group: dict = {}
    for pk, group, section_id, slug, edition_id in (
        Article.objects.published()
        .filter(translation_group__in=groups)
        .values_list("id", "translation_group", "section_id", "slug", "edition_id")
    ):
        by_group.setdefault(group, []).append((pk, section_id, slug, edition_id))
    for url in urls:
        members = by_group.get(url["item"].translation_group, [])
        if len(members) < 2:
            continue
        origin = url["location"].split("/", 3)
        root = f"{origin[0]}//{origin[2]}"
        url["alternates"] = [
            {
                "lang_code": languages.get(edition_id, ""),
                "location": f"{root}/{paths[section_id][0]}/{paths[section_id][1]}/{slug}/",
            }
            for _pk, section_id, slug, edition_id in sorted(members, key=lambda m: m[3])
            if section_id in paths
        ]


class NewsSitemap(Sitemap):
    """Google News: articles added in the last 48 hours, every edition."""

    limit = NEWS_LIMIT

    def items(self) -> list[Article]:
        now = timezone.now()
        return list(
            Article.objects.published()
            .filter(added__gte=now - NEWS_WINDOW)
            .select_related("edition", "section")
            .only(
                "id",
                "title",
                "slug",
                "added",
                "updated",
                "edition__code",
                "edition__language",
                "edition__site_title",
                "section__path",
            )  # fmt: skip
            .order_by("-added", "-id")[:NEWS_LIMIT]
        )

    def location(self, item: Article) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Article):
        return item.updated


def sitemaps_for_index() -> dict[str, Any]:
    result: dict[str, Any] = {}
    for edition in Edition.objects.all():
        result[f"{edition.code}-pages"] = EditionPagesSitemap(edition)
        result[f"{edition.code}-articles"] = EditionArticlesSitemap(edition)
    return result
