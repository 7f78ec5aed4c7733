"""schema.org JSON-LD and OpenGraph/Twitter metadata of public pages, built from view context."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from vestnik.content.models import Article, Edition, Section

OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "uk": "uk_UA", "de": "de_DE", "fr": "fr_FR"}
HEADLINE_MAX = 110  # what search engines show of a NewsArticle headline

Absolute = Callable[[str], str]


def absolute_builder(request) -> Absolute:
    """Absolute URLs: VESTNIK_SITE_URL when set (static copies, proxies), else the request."""
    base = str(settings.VESTNIK_SITE_URL or "").rstrip("/")
    if base:
        return lambda path: path if "://" in path else f"{base}{path}"
    if request is not None:
        return request.build_absolute_uri
    return lambda path: path


def json_ld(data: dict) -> SafeString:
    """A JSON-LD script element; `<`, `>` and `&` escaped so text cannot close the script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def organization(edition: Edition, absolute: Absolute) -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": edition.site_title or "vestnik",
        "url": absolute(edition.get_absolute_url()),
    }


def plain_text(html: str, words: int = 50) -> str:
    return Truncator(" ".join(strip_tags(html or "").split())).words(words)


def article_images(article: Article, absolute: Absolute) -> list[str]:
    return [
        absolute(a.file.url)
        for a in article.attachments.all()
        if a.file and a.mime.startswith("image/")
    ]


def news_article(article: Article, absolute: Absolute, url: str) -> dict:
    publisher = organization(article.edition, absolute)
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": Truncator(article.title).chars(HEADLINE_MAX),
        "datePublished": article.added.isoformat(),
        "dateModified": max(article.updated or article.added, article.added).isoformat(),
        "inLanguage": article.edition.language,
        "url": url,
        "mainEntityOfPage": url,
        "publisher": publisher,
        "articleSection": article.section.title,
    }
    if article.subtitle:
        data["alternativeHeadline"] = article.subtitle
    description = plain_text(article.summary) or plain_text(article.body, 40)
    if description:
        data["description"] = description
    if article.source is not None:
        source: dict = {"@type": "Organization", "name": article.source.name}
        if article.source.url:
            source["url"] = article.source.url
        data["author"] = source
        data["sourceOrganization"] = source
        original: dict = {"@type": "CreativeWork", "publisher": source}
        if article.dateline_date:
            original["datePublished"] = article.dateline_date.isoformat()
        if article.source.url:
            original["url"] = article.source.url
        data["isBasedOn"] = original
    else:
        data["author"] = publisher
    images = article_images(article, absolute)
    if images:
        data["image"] = images
    keywords = [t.name for t in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    return data


def breadcrumb_list(
    edition: Edition,
    sections: Iterable[Section],
    absolute: Absolute,
    home_title: str,
    last: tuple[str, str] | None = None,
) -> dict:
    """Main page, the sections, and the page itself (`last`: title and path) when given."""
    crumbs = [(home_title, edition.get_absolute_url())]
    crumbs += [(s.title, f"/{edition.code}/{s.path}/") for s in sections]
    if last is not None:
        crumbs.append(last)
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(path)}
            for i, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def home_organization(edition: Edition, absolute: Absolute) -> dict:
    data = {"@context": "https://schema.org", **organization(edition, absolute)}
    if edition.tagline:
        data["description"] = edition.tagline
    return data


def open_graph(context, absolute: Absolute) -> list[tuple[str, str, str]]:
    """(attribute, name, content) triples of OpenGraph and Twitter card <meta> tags."""
    edition: Edition = context["edition"]
    article: Article | None = context.get("article")
    site = edition.site_title or "vestnik"
    canonical = context.get("canonical") or ""
    title = context.get("title") or site
    tags: list[tuple[str, str, str]] = [
        ("property", "og:site_name", site),
        ("property", "og:title", title),
        ("property", "og:type", "article" if article is not None else "website"),
        ("property", "og:locale", OG_LOCALES.get(edition.language, edition.language)),
    ]
    if canonical:
        tags.append(("property", "og:url", absolute(canonical)))
    for alt in context.get("alternates") or ():
        language = alt["edition"].language
        tags.append(("property", "og:locale:alternate", OG_LOCALES.get(language, language)))
    description = edition.tagline
    image = ""
    if article is not None:
        description = plain_text(article.summary, 40) or plain_text(article.body, 40)
        images = article_images(article, absolute)
        image = images[0] if images else ""
        tags += [
            ("property", "article:published_time", article.added.isoformat()),
            ("property", "article:modified_time", article.updated.isoformat()),
            ("property", "article:section", article.section.title),
        ]
        tags += [("property", "article:tag", t.name) for t in article.tags.all()]
    if description:
        tags.append(("property", "og:description", description))
        tags.append(("name", "twitter:description", description))
    if image:
        tags.append(("property", "og:image", image))
        tags.append(("name", "twitter:image", image))
    tags.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
    tags.append(("name", "twitter:title", title))
    return tags
