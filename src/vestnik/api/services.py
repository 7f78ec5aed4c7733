"""Read-side rules of the JSON API: filters, cursors, serialisation of the content model."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from vestnik.content.models import Article, Attachment, Edition, Section, SiteNewsItem, Tag
from vestnik.content.services import translations_of
from vestnik.site import queries

MAX_LIMIT = 100


class ApiError(Exception):
    """A client error with its HTTP status and a machine-readable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class Cursor:
    """Position after the last item of a page: newest first by (added, id)."""

    added: dt.datetime
    pk: int

    def encode(self) -> str:
        raw = f"{self.added.isoformat()}|{self.pk}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str) -> Cursor:
        bad = ApiError(400, "bad_cursor", "The cursor is not one this API handed out.")
        if not value or len(value) > 200 or not value.isascii():
            raise bad
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
            added_text, _, pk_text = raw.partition("|")
            added = parse_datetime(added_text)
            pk = int(pk_text)
        except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
            raise bad from exc
        if added is None or timezone.is_naive(added) or pk < 1 or not pk_text.isdigit():
            raise bad
        return cls(added, pk)

    def after(self, qs: QuerySet) -> QuerySet:
        return qs.filter(Q(added__lt=self.added) | Q(added=self.added, pk__lt=self.pk))


def page_of(qs: QuerySet, cursor: str | None, limit: int) -> tuple[list, str | None]:
    if cursor:
        qs = Cursor.decode(cursor).after(qs)
    rows = list(qs.order_by("-added", "-id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = Cursor(rows[-1].added, rows[-1].pk).encode() if more and rows else None
    return rows, next_cursor


def edition_by_code(code: str) -> Edition:
    edition = Edition.objects.filter(code=code).first()
    if edition is None:
        raise ApiError(404, "not_found", f"No edition {code!r}.")
    return edition


def edition_out(edition: Edition) -> dict:
    return {
        "code": edition.code, "name": edition.name, "language": edition.language,
        "site_title": edition.site_title, "tagline": edition.tagline,
        "url": edition.get_absolute_url(),
    }  # fmt: skip


def section_tree(edition: Edition) -> list[dict]:
    tree = queries.SectionTree.load(edition)

    def node(section: Section) -> dict:
        return {
            "id": section.pk, "title": section.title, "slug": section.slug,
            "path": section.path, "description": section.description,
            "url": section.get_absolute_url(),
            "children": [node(child) for child in tree.children(section)],
        }  # fmt: skip

    return [node(s) for s in tree.top]


@dataclass
class ArticleFilters:
    edition: str | None = None
    section: str | None = None
    tag: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    updated_since: dt.datetime | None = None


def filtered_articles(f: ArticleFilters) -> QuerySet[Article]:
    qs = Article.objects.published()
    if (f.section or f.tag) and not f.edition:
        raise ApiError(400, "bad_filter", "`section` and `tag` need `edition` as well.")
    if f.edition:
        edition = edition_by_code(f.edition)
        qs = qs.filter(edition=edition)
        if f.section:
            tree = queries.SectionTree.load(edition)
            section = tree.get(f.section.strip("/"))
            if section is None:
                raise ApiError(404, "not_found", f"No section {f.section!r} in {f.edition}.")
            qs = qs.filter(section_id__in=tree.subtree_ids(section))
        if f.tag:
            tag = Tag.objects.filter(edition=edition, slug=f.tag).first()
            if tag is None:
                raise ApiError(404, "not_found", f"No tag {f.tag!r} in {f.edition}.")
            qs = qs.filter(tags=tag)
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise ApiError(400, "bad_filter", "`date_from` is after `date_to`.")
    if f.date_from:
        qs = qs.filter(added__date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(added__date__lte=f.date_to)
    if f.updated_since:
        since = f.updated_since
        if timezone.is_naive(since):
            since = timezone.make_aware(since, dt.UTC)
        qs = qs.filter(updated__gte=since)
    return qs.select_related("edition", "section", "source").prefetch_related("tags")


def article_summary(article: Article) -> dict:
    return {
        "id": article.pk,
        "edition": article.edition.code,
        "section": article.section.path,
        "title": article.title,
        "subtitle": article.subtitle,
        "slug": article.slug,
        "url": article.get_absolute_url(),
        "summary": article.summary,
        "added": article.added,
        "updated": article.updated,
        "source": {"name": article.source.name, "url": article.source.url}
        if article.source
        else None,
        "tags": [t.slug for t in article.tags.all()],
    }


def article_detail(pk: int) -> dict:
    article = (
        Article.objects.published()
        .filter(pk=pk)
        .select_related("edition", "section", "source")
        .prefetch_related(
            "tags",
            "contacts",
            "events",
            "links",
            Prefetch("attachments", queryset=Attachment.objects.order_by("order", "id")),
        )  # fmt: skip
        .first()
    )
    if article is None:
        raise ApiError(404, "not_found", f"No published article {pk}.")
    data = article_summary(article)
    data.update(
        body=article.body,
        dateline={"place": article.dateline_place, "date": article.dateline_date},
        contacts=[
            {
                "name": c.name,
                "city": c.city,
                "languages": c.languages,
                "phones": c.phone_list,
                "email": c.email,
                "note": c.note,
            }  # fmt: skip
            for c in article.contacts.all()
        ],
        events=[
            {
                "title": e.title,
                "start": e.start,
                "time_zone": e.time_zone,
                "venue": e.venue,
                "address": e.address,
            }  # fmt: skip
            for e in article.events.all()
        ],
        links=[{"title": link.title, "url": link.url} for link in article.links.all()],
        attachments=[
            {"title": a.title, "url": a.file.url, "size": a.size, "mime": a.mime}
            for a in article.attachments.all()
            if a.file
        ],
        translations=[
            {
                "id": t.pk,
                "edition": t.edition.code,
                "language": t.edition.language,
                "title": t.title,
                "url": t.get_absolute_url(),
            }  # fmt: skip
            for t in translations_of(article)
        ],
    )
    return data


def site_news_items(edition: Edition) -> QuerySet[SiteNewsItem]:
    return queries.site_news(edition)


def site_news_out(item: SiteNewsItem) -> dict:
    return {
        "id": item.pk,
        "title": item.display_title,
        "url": item.url,
        "added": item.added,
        "article_id": item.article_id,
    }
