"""Business rules of the content app; views, admin, CLI, importers and tests call these."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vestnik.content.models import (
    Article,
    Contact,
    Edition,
    Event,
    Redirect,
    RelatedLink,
    Section,
    SiteNewsItem,
    Source,
    Tag,
)
from vestnik.content.sanitize import clean_text_fields, strip_controls
from vestnik.content.slugs import make_slug

LANGUAGE_DEFAULTS = {
    "en": {"site_title": "vestnik", "date_format": "d.m.Y"},
    "ru": {"site_title": "вестник", "date_format": "d.m.Y"},
}


def ensure_editions(pairs: Sequence[tuple[str, str]] | None = None) -> list[Edition]:
    """Create the configured editions (VESTNIK_EDITIONS) that do not exist yet."""
    pairs = pairs if pairs is not None else settings.VESTNIK_EDITIONS
    result = []
    for order, (code, name) in enumerate(pairs):
        defaults = {"name": name, "language": code, "order": order}
        defaults.update(LANGUAGE_DEFAULTS.get(code, {}))
        edition, _ = Edition.objects.get_or_create(code=code, defaults=defaults)
        result.append(edition)
    return result


def default_edition() -> Edition | None:
    return Edition.objects.order_by("order", "code").first()


def create_section(
    edition: Edition, title: str, slug: str = "", parent: Section | None = None, order: int = 0
) -> Section:
    section = Section(
        edition=edition, title=title, slug=slug or make_slug(title), parent=parent, order=order
    )
    section.full_clean(exclude=["path"])
    section.save()
    return section


def get_or_create_source(name: str, url: str = "") -> Source:
    # cleaned as saving would clean it, so the lookup finds the row a save would collide with
    name = strip_controls(name).strip()
    source, created = Source.objects.get_or_create(name=name, defaults={"url": url})
    if not created and url and not source.url:
        source.url = url
        source.save(update_fields=["url"])
    return source


def get_or_create_tag(edition: Edition, name: str) -> Tag:
    slug = make_slug(name, fallback="tag")
    tag, _ = Tag.objects.get_or_create(edition=edition, slug=slug, defaults={"name": name.strip()})
    return tag


def unique_article_slug(section: Section, title: str, exclude_pk: int | None = None) -> str:
    base = make_slug(title, fallback="article")
    slug, n = base, 2
    existing = Article.objects.filter(section=section)
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    taken = set(existing.filter(slug__startswith=base).values_list("slug", flat=True))
    while slug in taken:
        suffix = f"-{n}"
        slug = base[: 80 - len(suffix)] + suffix
        n += 1
    return slug


@dataclass
class ContactData:
    name: str
    city: str = ""
    languages: str = ""
    phones: Sequence[str] = ()
    email: str = ""
    note: str = ""


@dataclass
class EventData:
    title: str
    start: datetime
    venue: str = ""
    address: str = ""
    time_zone: str = ""


@dataclass
class ArticleData:
    """Everything an article is made of; the one input of `create_article`."""

    edition: Edition
    section: Section
    title: str
    subtitle: str = ""
    body: str = ""
    summary: str = ""
    slug: str = ""
    source: Source | None = None
    dateline_place: str = ""
    dateline_date: date | None = None
    added: datetime | None = None
    tags: Sequence[str] = ()
    links: Sequence[tuple[str, str]] = ()
    contacts: Sequence[ContactData] = ()
    events: Sequence[EventData] = ()
    show_in_site_news: bool = True
    translation_of: Article | None = None
    extra: dict = field(default_factory=dict)


@transaction.atomic
def create_article(data: ArticleData, publish: bool = False) -> Article:
    """Create an article with its structured blocks; optionally publish it."""
    article = Article(
        edition=data.edition,
        section=data.section,
        title=data.title.strip(),
        subtitle=data.subtitle.strip(),
        slug=data.slug or unique_article_slug(data.section, data.title),
        source=data.source,
        dateline_place=data.dateline_place,
        dateline_date=data.dateline_date,
        added=data.added or timezone.now(),
        body=data.body,
        summary=data.summary,
        show_in_site_news=data.show_in_site_news,
        **data.extra,
    )
    article.full_clean(exclude=["translation_group"])
    article.save()
    if data.tags:
        article.tags.set(get_or_create_tag(data.edition, name) for name in data.tags)
    RelatedLink.objects.bulk_create(
        clean_text_fields(RelatedLink(article=article, title=title, url=url, order=i))
        for i, (title, url) in enumerate(data.links)
    )
    for i, c in enumerate(data.contacts):
        contact = Contact(
            article=article, name=c.name, city=c.city, languages=c.languages,
            phones="\n".join(c.phones), email=c.email, note=c.note, order=i,
        )  # fmt: skip
        contact.full_clean()
        contact.save()
    for e in data.events:
        event = Event(
            article=article, title=e.title, start=e.start, venue=e.venue, address=e.address,
            time_zone=e.time_zone,
        )  # fmt: skip
        event.full_clean()
        event.save()
    if data.translation_of is not None:
        link_translations(data.translation_of, article)
    if publish:
        publish_article(article)
    return article


def link_translations(*articles: Article) -> uuid.UUID:
    """Mark articles of different editions as translations of one another."""
    codes = [a.edition_id for a in articles]
    if len(set(codes)) != len(codes):
        raise ValueError("Translations must be in different editions.")
    group = next((a.translation_group for a in articles if a.translation_group), None)
    group = group or uuid.uuid4()
    for article in articles:
        if article.translation_group != group:
            article.translation_group = group
            Article.objects.filter(pk=article.pk).update(translation_group=group)
    return group


@transaction.atomic
def publish_article(article: Article, when: datetime | None = None) -> Article:
    """Make an article public; announce it in site news when it asks for that."""
    article.status = Article.Status.PUBLISHED
    article.published_at = article.published_at or when or timezone.now()
    article.save(update_fields=["status", "published_at", "updated"])
    if article.show_in_site_news and not article.site_news.exists():
        SiteNewsItem.objects.create(edition=article.edition, article=article, added=article.added)
    return article


@transaction.atomic
def unpublish_article(article: Article) -> Article:
    """Take an article off the public site and out of site news."""
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated"])
    article.site_news.all().delete()
    return article


def add_site_news(
    edition: Edition,
    title: str = "",
    article: Article | None = None,
    link_url: str = "",
    added: datetime | None = None,
) -> SiteNewsItem:
    return SiteNewsItem.objects.create(
        edition=edition, title=title, article=article, link_url=link_url,
        added=added or timezone.now(),
    )  # fmt: skip


def remember_old_url(article: Article, old_url: str) -> None:
    """Keep a moved article's old address working (slug or section changed)."""
    new_url = article.get_absolute_url()
    if old_url == new_url:
        return
    Redirect.objects.filter(old_path=new_url).delete()
    Redirect.objects.update_or_create(old_path=old_url, defaults={"article": article})


def translations_of(article: Article) -> list[Article]:
    if not article.translation_group:
        return []
    return list(
        Article.objects.published()
        .filter(translation_group=article.translation_group)
        .exclude(pk=article.pk)
        .select_related("edition", "section")
    )


def site_is_empty() -> bool:
    return not Article.objects.exists()


def tags_from_names(edition: Edition, names: Iterable[str]) -> list[Tag]:
    return [get_or_create_tag(edition, n) for n in names if n.strip()]
