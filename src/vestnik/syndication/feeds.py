"""Atom 1.0 and RSS 2.0 feeds of editions, sections (with subsections), tags and site news."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import override

from vestnik.content.models import Article, Attachment, Edition, SiteNewsItem, Tag
from vestnik.content.sanitize import strip_controls
from vestnik.site import queries

FIRST_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>.*?</p>", re.IGNORECASE | re.DOTALL)


def _xml_safe(value: Any) -> Any:
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_safe(v) for v in value)
    return value


class XmlSafeFeed:
    """Text without the characters XML 1.0 forbids: saving strips them, but a row written
    another way (an old import, a raw update) must not turn a feed into a 500."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        args = tuple(_xml_safe(a) for a in args)
        super().__init__(*args, **{k: _xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args: Any, **kwargs: Any) -> None:
        args = tuple(_xml_safe(a) for a in args)
        super().add_item(*args, **{k: _xml_safe(v) for k, v in kwargs.items()})  # type: ignore[misc]


class Rss(XmlSafeFeed, Rss201rev2Feed):
    pass


class AtomWithContent(XmlSafeFeed, Atom1Feed):
    """Atom that carries the full article in <content> beside the <summary>."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


@dataclass
class FeedScope:
    """What one feed covers: its edition, title, the page it mirrors and its items."""

    edition: Edition
    title: str
    link: str
    description: str
    items: list
    authority: str
    absolute: Callable[[str], str]  # request.build_absolute_uri


def entry_id(authority: str, kind: str, pk: int) -> str:
    """A tag: URI (RFC 4151) by database id: it survives slug and section changes."""
    return f"tag:{authority},{settings.VESTNIK_FEED_ID_DATE}:{kind}:{pk}"


def feed_authority(request: HttpRequest) -> str:
    configured = settings.VESTNIK_FEED_ID_AUTHORITY
    return configured or request.get_host().rsplit(":", 1)[0].strip("[]") or "localhost"


def summary_of(article: Article) -> str:
    if article.summary:
        return article.summary
    match = FIRST_PARAGRAPH.search(article.body or "")
    return match.group(0) if match else ""


def scope_of(item) -> FeedScope:
    return item.feed_scope


def _edition(request: HttpRequest, code: str) -> Edition:
    edition = getattr(request, "edition", None)
    if edition is None or edition.code != code:
        raise Http404("Unknown edition")
    return edition


def feed_articles(tree: queries.SectionTree, qs: QuerySet[Article]) -> list[Article]:
    limit = int(settings.VESTNIK_FEED_ITEMS)
    articles = list(
        qs.defer(None)  # list queries load only teaser fields; feeds need body and dates
        .select_related("source")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("order", "id")),
            "tags",
        )
        .order_by("-added", "-id")[:limit]
    )
    return tree.attach(articles)


class ArticleFeed(Feed):
    """The common rules of every article feed; subclasses say which articles."""

    feed_type: type = AtomWithContent

    def scope(self, request: HttpRequest, edition: Edition, **kwargs) -> FeedScope:
        raise NotImplementedError

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedScope:
        edition = _edition(request, kwargs.pop("edition"))
        with override(edition.language):
            return self.scope(request, edition, **kwargs)

    def _scope(
        self, request: HttpRequest, edition: Edition, title: str, link: str, items: list
    ) -> FeedScope:
        site = edition.site_title or "vestnik"
        return FeedScope(
            edition=edition,
            title=f"{title} — {site}" if title != site else site,
            link=link,
            description=edition.tagline or site,
            items=items,
            authority=feed_authority(request),
            absolute=request.build_absolute_uri,
        )

    def title(self, obj: FeedScope) -> str:
        return obj.title

    def link(self, obj: FeedScope) -> str:
        return obj.link

    def description(self, obj: FeedScope) -> str:
        return obj.description

    def subtitle(self, obj: FeedScope) -> str:
        return obj.description

    def author_name(self, obj: FeedScope) -> str:
        return obj.edition.site_title or "vestnik"

    def get_feed(self, obj: FeedScope, request: HttpRequest):
        # Django reads the feed's language from the active language (`language` is a plain
        # attribute there, not a per-object method): the edition's language while it builds.
        with override(obj.edition.language):
            return super().get_feed(obj, request)

    def items(self, obj: FeedScope) -> list:
        for item in obj.items:
            item.feed_scope = obj  # the item methods need the request's host
        return obj.items

    def item_title(self, item: Article) -> str:
        return item.title

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Article) -> str:
        return entry_id(scope_of(item).authority, "article", item.pk)

    item_guid_is_permalink = False

    def item_description(self, item: Article) -> str:
        full = settings.VESTNIK_FEED_CONTENT == "full"
        if full and self.feed_type is not AtomWithContent:  # RSS: the body is the description
            return item.body
        return summary_of(item) or item.subtitle

    def item_extra_kwargs(self, item: Article) -> dict:
        if settings.VESTNIK_FEED_CONTENT == "full":
            return {"content": item.body}
        return {}

    def item_pubdate(self, item: Article) -> datetime:
        return item.added

    def item_updateddate(self, item: Article) -> datetime:
        return max(item.updated, item.added) if item.updated else item.added

    def item_author_name(self, item: Article) -> str | None:
        return item.source.name if item.source else None

    def item_author_link(self, item: Article) -> str | None:
        return (item.source.url or None) if item.source else None

    def item_categories(self, item: Article) -> list[str]:
        return [t.name for t in item.tags.all()]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        files = [
            Enclosure(
                scope_of(item).absolute(a.file.url),
                str(a.size),
                a.mime or "application/octet-stream",
            )
            for a in item.attachments.all()
            if a.file
        ]
        # RSS 2.0 allows one enclosure per item; Atom any number.
        return files if self.feed_type is AtomWithContent else files[:1]


class EditionFeed(ArticleFeed):
    def scope(self, request: HttpRequest, edition: Edition, **kwargs) -> FeedScope:
        tree = queries.SectionTree.load(edition)
        items = feed_articles(tree, queries.listed_articles(edition))
        site = edition.site_title or "vestnik"
        return self._scope(request, edition, site, edition.get_absolute_url(), items)


class SectionFeed(ArticleFeed):
    def scope(self, request: HttpRequest, edition: Edition, **kwargs) -> FeedScope:
        tree = queries.SectionTree.load(edition)
        section = tree.get(kwargs["section"].strip("/"))
        if section is None:
            raise Http404("No such section")
        items = feed_articles(tree, queries.section_articles(tree, section))
        title = " / ".join(s.title for s in tree.ancestors(section))
        return self._scope(request, edition, title, section.get_absolute_url(), items)


class TagFeed(ArticleFeed):
    def scope(self, request: HttpRequest, edition: Edition, **kwargs) -> FeedScope:
        tag = Tag.objects.filter(edition=edition, slug=kwargs["slug"]).first()
        if tag is None:
            raise Http404("No such tag")
        tag.edition = edition
        tree = queries.SectionTree.load(edition)
        items = feed_articles(tree, queries.tag_articles(tag))
        title = _("Tag: %(name)s") % {"name": tag.name}
        return self._scope(request, edition, title, tag.get_absolute_url(), items)


class SiteNewsFeed(ArticleFeed):
    """What was added to the site, newest first (articles and plain announcements)."""

    def scope(self, request: HttpRequest, edition: Edition, **kwargs) -> FeedScope:
        limit = int(settings.VESTNIK_FEED_ITEMS)
        items = list(queries.site_news(edition)[:limit])
        title = _("News of site")
        return self._scope(request, edition, title, f"/{edition.code}/site-news/", items)

    def item_title(self, item: SiteNewsItem) -> str:  # type: ignore[override]
        return item.display_title

    def item_link(self, item: SiteNewsItem) -> str:  # type: ignore[override]
        return item.url

    def item_guid(self, item: SiteNewsItem) -> str:  # type: ignore[override]
        return entry_id(scope_of(item).authority, "site-news", item.pk)

    def item_description(self, item: SiteNewsItem) -> str:  # type: ignore[override]
        return ""

    def item_extra_kwargs(self, item: SiteNewsItem) -> dict:  # type: ignore[override]
        return {}

    def item_pubdate(self, item: SiteNewsItem) -> datetime:  # type: ignore[override]
        return item.added

    def item_updateddate(self, item: SiteNewsItem) -> datetime:  # type: ignore[override]
        return item.added

    def item_author_name(self, item: SiteNewsItem) -> None:  # type: ignore[override]
        return None

    def item_categories(self, item: SiteNewsItem) -> list[str]:  # type: ignore[override]
        return []

    def item_enclosures(self, item: SiteNewsItem) -> list[Enclosure]:  # type: ignore[override]
        return []


class EditionRss(EditionFeed):
    feed_type = Rss


class SectionRss(SectionFeed):
    feed_type = Rss


class TagRss(TagFeed):
    feed_type = Rss


class SiteNewsRss(SiteNewsFeed):
    feed_type = Rss


def feed_links(edition: Edition, section=None, tag=None) -> list[dict]:
    """The feeds a page offers in <link rel="alternate">: its own, then the edition's."""
    base = f"/{edition.code}/feeds/"
    site = edition.site_title or "vestnik"
    own: list[tuple[str, str]] = []
    if section is not None:
        own.append((f"{base}sections/{section.path}/", f"{section.title} — {site}"))
    if tag is not None:
        own.append((f"{base}tags/{tag.slug}/", f"{tag.name} — {site}"))
    own.append((base, site))
    links = []
    for prefix, title in own:
        links.append({"href": f"{prefix}atom.xml", "type": "application/atom+xml", "title": title})
        links.append({"href": f"{prefix}rss.xml", "type": "application/rss+xml", "title": title})
    return links
