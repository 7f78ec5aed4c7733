"""Every public page of the site as a render job, from data loaded in a few bulk queries.

The live views (vestnik.site.views) find one page's objects per request; here the same
objects are loaded once for the whole site and handed to the same templates with the
same context, so each file's bytes equal the live response. Each job carries a
fingerprint of everything its page shows: an incremental build re-renders a page only
when its fingerprint changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.template import loader
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vestnik.content.models import (
    Article,
    Attachment,
    Contact,
    Edition,
    Event,
    Page,
    RelatedLink,
    Section,
    Tag,
)
from vestnik.publishing import origin, registry
from vestnik.site import queries, views

CODE_VERSION = "1"
ARTICLE_CHUNK = 500


def fingerprint(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def code_fingerprint() -> str:
    """Templates, translations and settings that shape every page."""
    parts: list[object] = [
        CODE_VERSION, settings.TIME_ZONE, settings.STATIC_URL, settings.MEDIA_URL,
        settings.LANGUAGE_CODE,
    ]  # fmt: skip
    site_dir = Path(views.__file__).resolve().parent
    roots = [site_dir / "templates", site_dir / "locale"]
    templates: list[dict[str, Any]] = settings.TEMPLATES
    for tpl in templates:
        roots += [Path(d) for d in tpl.get("DIRS", [])]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".mo", ".txt", ".xml"}:
                parts.append((str(path.relative_to(root)), path.read_bytes()))
    return fingerprint(*parts)


class Listed:
    """An article as list pages show it (teaser); light, unlike a model instance."""

    __slots__ = (
        "pk", "id", "title", "subtitle", "slug", "summary", "added", "dateline_date",
        "edition_id", "section_id", "source", "edition", "section", "translation_group",
    )  # fmt: skip
    pk: int
    id: int
    title: str
    subtitle: str
    slug: str
    summary: str
    added: dt.datetime
    dateline_date: dt.date | None
    edition_id: int
    section_id: int
    source: SourceRef | None
    edition: Edition
    section: Section
    translation_group: object

    def get_absolute_url(self) -> str:
        return f"/{self.edition.code}/{self.section.path}/{self.slug}/"

    def key(self) -> tuple:
        src = (self.source.name, self.source.url) if self.source else None
        return (self.pk, self.title, self.subtitle, self.slug, self.added, src, self.section_id)


class SourceRef:
    __slots__ = ("name", "url")

    def __init__(self, name: str, url: str) -> None:
        self.name, self.url = name, url


@dataclass
class Job:
    """One file of the tree: its URL path, fingerprint and how to render it.

    `sidebar` is the edition whose "News of site" block the page carries: when only that
    block changed, the previous file is reused with the new block spliced in (see
    `SIDEBAR_START`), instead of rendering the page again.
    """

    url: str
    fp: str
    render: Callable[[], bytes]
    sidebar: int | None = None


# The site-news block of every page sits between these markers (site/templates/base.html).
# Sanitised article bodies never hold HTML comments, so they cannot fake one.
SIDEBAR_START = b"<!--site-news-->"
SIDEBAR_END = b"<!--/site-news-->"
FP_SEPARATOR = "~"


def page_fp(base: str, sidebar_fp: str) -> str:
    """A page's fingerprint: its own inputs, then its site-news block's."""
    return f"{base}{FP_SEPARATOR}{sidebar_fp}"


def sidebar_only_changed(old_fp: str | None, new_fp: str) -> bool:
    if not old_fp or FP_SEPARATOR not in old_fp or FP_SEPARATOR not in new_fp:
        return False
    old_base, _, old_side = old_fp.partition(FP_SEPARATOR)
    new_base, _, new_side = new_fp.partition(FP_SEPARATOR)
    return old_base == new_base and old_side != new_side


def splice_sidebar(previous: bytes, block: bytes) -> bytes | None:
    """`previous` with its site-news block replaced by `block`; None if it has no one block."""
    if previous.count(SIDEBAR_START) != 1 or previous.count(SIDEBAR_END) != 1:
        return None
    start = previous.index(SIDEBAR_START)
    end = previous.index(SIDEBAR_END) + len(SIDEBAR_END)
    if end <= start:
        return None
    return previous[:start] + block + previous[end:]


@dataclass
class EditionData:
    edition: Edition
    tree: queries.SectionTree
    menu: list[Page]
    sidebar: list[queries.SiteNewsEntry]
    chrome_fp: str = ""
    sidebar_fp: str = ""
    articles: list[Listed] = field(default_factory=list)


class Site:
    """The whole public site in memory (teasers only; article bodies load in chunks)."""

    def __init__(self) -> None:
        self.now = timezone.now()
        self.code_fp = code_fingerprint()
        self.scheme, self.host = origin.site_origin()
        self.factory = RequestFactory(HTTP_HOST=self.host)
        self._site_news_cache: dict[int, SafeString] = {}  # edition id → rendered block
        self.editions = list(Edition.objects.all())
        self.data: dict[int, EditionData] = {}
        for ed in self.editions:
            self.data[ed.pk] = EditionData(
                ed, queries.SectionTree.load(ed), queries.menu_pages(ed), queries.sidebar(ed)
            )
        editions_fp = [tuple(vars_of(e)) for e in self.editions]
        for d in self.data.values():
            d.chrome_fp = fingerprint(
                self.code_fp, editions_fp, vars_of(d.edition),
                [vars_of(s) for s in d.tree.sections],
                [(p.pk, p.title, p.slug) for p in d.menu],
            )  # fmt: skip
            d.sidebar_fp = fingerprint(
                self.code_fp, vars_of(d.edition),
                [(e.pk, e.display_title, e.url, e.added) for e in d.sidebar],
            )  # fmt: skip
        self.by_id: dict[int, Listed] = {}
        self.groups: dict[object, list[Listed]] = defaultdict(list)
        self._load_articles()

    def _load_articles(self) -> None:
        rows = (
            Article.objects.published()
            .order_by("-added", "-id")
            .values_list(
                "id",
                "title",
                "subtitle",
                "slug",
                "summary",
                "added",
                "dateline_date",
                "edition_id",
                "section_id",
                "source__name",
                "source__url",
                "translation_group",
            )  # fmt: skip
        )
        for row in rows.iterator(chunk_size=5000):
            a = Listed()
            (a.id, a.title, a.subtitle, a.slug, a.summary, a.added, a.dateline_date,
             a.edition_id, a.section_id, name, url, a.translation_group) = row  # fmt: skip
            a.pk = a.id
            a.source = SourceRef(name, url) if name is not None else None
            d = self.data.get(a.edition_id)
            section = d.tree.by_id.get(a.section_id) if d else None
            if d is None or section is None:
                continue  # section of another edition: the live site cannot show it either
            a.edition, a.section = d.edition, section
            d.articles.append(a)
            self.by_id[a.id] = a
            if a.translation_group:
                self.groups[a.translation_group].append(a)

    def render(self, template: str, context: dict, url: str, edition: Edition | None) -> bytes:
        request = self.factory.get(url, secure=origin.is_secure(self.scheme))
        request.edition = edition  # type: ignore[attr-defined]
        request.editions = self.editions  # type: ignore[attr-defined]
        with translation.override(edition.language if edition else None):
            return loader.get_template(template).render(context, request).encode()

    def sidebar_block(self, edition_pk: int) -> bytes:
        """The edition's site-news block as every page of it carries it, markers included."""
        html = self._site_news_html(self.data[edition_pk])
        return SIDEBAR_START + html.encode() + SIDEBAR_END

    def page_context(self, d: EditionData) -> dict:
        return {
            "edition": d.edition,
            "tree": d.tree,
            "sections": d.tree.top,
            "pages": d.menu,
            "site_news": d.sidebar,
            # the same block on every page of the edition: rendered once, not per page
            "site_news_html": self._site_news_html(d),
        }

    def _site_news_html(self, d: EditionData) -> SafeString:
        cache = self._site_news_cache
        if d.edition.pk not in cache:
            context = {"edition": d.edition, "site_news": d.sidebar}
            with translation.override(d.edition.language):
                html = loader.get_template("vestnik_site/_site_news.html").render(context)
            cache[d.edition.pk] = mark_safe(html)  # noqa: S308 - a rendered template
        return cache[d.edition.pk]

    def alternates(self, edition: Edition) -> list[dict]:
        return [
            {"edition": e, "url": e.get_absolute_url()} for e in self.editions if e.pk != edition.pk
        ]

    # -- jobs ---------------------------------------------------------------------------

    def jobs(self) -> Iterator[Job]:
        """Every page but articles (see article_jobs), in the live site's routing order."""
        default = self.editions[0] if self.editions else None
        yield self._not_found_job("/404.html", default)
        for ed in self.editions:
            d = self.data[ed.pk]
            yield self._home_job(d)
            yield self._not_found_job(f"/{ed.code}/404.html", ed)
            yield from self._site_news_jobs(d)
            yield from self._tag_jobs(d)
            yield from self._archive_jobs(d)
            yield from self._section_jobs(d)

    def page_jobs(self, claimed: set[str]) -> Iterator[Job]:
        """Plain pages: after sections and articles, which win the same path on the live site."""
        for ed in self.editions:
            d = self.data[ed.pk]
            for page in Page.objects.filter(edition=ed):
                page.edition = ed
                url = page.get_absolute_url()
                if url in claimed:
                    continue
                yield self._plain_page_job(d, page, url)

    def _home_job(self, d: EditionData) -> Job:
        blocks: list[dict[str, Any]] = []
        by_top: dict[str, list[Listed]] = {s.path: [] for s in d.tree.top}
        for a in d.articles:
            items = by_top.get(a.section.path.split("/", 1)[0])
            if items is not None and len(items) < queries.HOME_PER_SECTION:
                items.append(a)
        for section in d.tree.top:
            if by_top[section.path]:
                blocks.append({"section": section, "articles": by_top[section.path]})
        url = d.edition.get_absolute_url()
        fp = page_fp(
            fingerprint(
                d.chrome_fp, "home", [[a.key() for a in by_top[s.path]] for s in d.tree.top]
            ),
            d.sidebar_fp,
        )

        def render() -> bytes:
            context = self.page_context(d)
            context.update(
                blocks=blocks, alternates=self.alternates(d.edition), canonical=url, is_home=True
            )
            return self.render("vestnik_site/home.html", context, url, d.edition)

        return Job(url, fp, render, d.edition.pk)

    def _not_found_job(self, url: str, edition: Edition | None) -> Job:
        d = self.data.get(edition.pk) if edition else None
        fp = fingerprint(d.chrome_fp if d else self.code_fp, "404")
        if d is not None:
            fp = page_fp(fp, d.sidebar_fp)

        def render() -> bytes:
            context: dict = {"edition": edition, "title": None}
            with translation.override(edition.language if edition else None):
                if d is not None:
                    context.update(self.page_context(d))
                context["title"] = _("Page not found")
            return self.render("vestnik_site/404.html", context, url, edition)

        return Job(url, fp, render, d.edition.pk if d else None)

    def _paged(
        self, d: EditionData, items: list, base: str, kind: str, extra: Callable[[], dict],
        template: str, item_key: Callable[[Any], object], empty_ok: bool = True,
    ) -> Iterator[Job]:  # fmt: skip
        paginator = Paginator(items, queries.PER_PAGE, allow_empty_first_page=True)
        for number in paginator.page_range:
            page_obj = paginator.page(number)
            if not empty_ok and not page_obj.object_list:
                continue
            url = base if number == 1 else f"{base}page/{number}/"
            fp = page_fp(
                fingerprint(
                    d.chrome_fp, kind, url, paginator.num_pages,
                    [item_key(x) for x in page_obj.object_list],
                ),
                d.sidebar_fp,
            )  # fmt: skip

            def render(page_obj=page_obj, url=url) -> bytes:
                context = self.page_context(d)
                with translation.override(d.edition.language):
                    context.update(views._page_links(page_obj, base), **extra(), canonical=url)
                return self.render(template, context, url, d.edition)

            yield Job(url, fp, render, d.edition.pk)

    def _site_news_jobs(self, d: EditionData) -> Iterator[Job]:
        items = list(queries.site_news(d.edition))
        base = f"/{d.edition.code}/site-news/"

        def extra() -> dict:
            return {"title": _("News of site")}

        def key(item) -> object:
            return (item.pk, item.display_title, item.url, item.added)

        template = "vestnik_site/site_news.html"
        yield from self._paged(d, items, base, "site-news", extra, template, key)

    def _tag_jobs(self, d: EditionData) -> Iterator[Job]:
        tags = list(Tag.objects.filter(edition=d.edition))
        through = Article.tags.through
        tag_ids = {t.pk for t in tags}
        members: dict[int, set[int]] = defaultdict(set)
        for article_id, tag_id in through.objects.filter(tag_id__in=tag_ids).values_list(
            "article_id", "tag_id"
        ):
            members[tag_id].add(article_id)
        for tag in tags:
            tag.edition = d.edition
            ids = members.get(tag.pk, set())
            items = [a for a in d.articles if a.id in ids]

            def extra(tag=tag) -> dict:
                return {"title": _("Tag: %(name)s") % {"name": tag.name}, "tag": tag}

            yield from self._paged(
                d, items, tag.get_absolute_url(), f"tag:{tag.name}", extra,
                "vestnik_site/list.html", Listed.key,
            )  # fmt: skip

    def _archive_jobs(self, d: EditionData) -> Iterator[Job]:
        years: dict[int, list[Listed]] = defaultdict(list)
        months: dict[tuple[int, int], list[Listed]] = defaultdict(list)
        last_year = dt.date.today().year + 1
        for a in d.articles:
            local = timezone.localtime(a.added)
            if 1990 <= local.year <= last_year:
                years[local.year].append(a)
                months[(local.year, local.month)].append(a)
        code = d.edition.code
        for year in sorted(years):

            def extra(year=year) -> dict:
                return {"title": _("Archive: %(year)s") % {"year": year}}

            yield from self._paged(
                d, years[year], f"/{code}/archive/{year:04d}/", "year", extra,
                "vestnik_site/list.html", Listed.key, empty_ok=False,
            )  # fmt: skip
        for year, month in sorted(months):

            def extra_m(year=year, month=month) -> dict:
                period = views._month_year(dt.date(year, month, 1))
                return {"title": _("Archive: %(period)s") % {"period": period}}

            yield from self._paged(
                d, months[(year, month)], f"/{code}/archive/{year:04d}/{month:02d}/", "month",
                extra_m, "vestnik_site/list.html", Listed.key, empty_ok=False,
            )  # fmt: skip

    def _section_jobs(self, d: EditionData) -> Iterator[Job]:
        tree = d.tree
        lists: dict[int, list[Listed]] = {s.pk: [] for s in tree.sections}
        chains = {s.pk: [x.pk for x in tree.ancestors(s)] for s in tree.sections}
        for a in d.articles:
            for pk in chains[a.section_id]:
                lists[pk].append(a)
        for section in tree.sections:

            def extra(section=section) -> dict:
                return {
                    "section": section,
                    "title": section.title,
                    "breadcrumbs": tree.ancestors(section)[:-1],
                    "subsections": tree.children(section),
                }

            yield from self._paged(
                d, lists[section.pk], section.get_absolute_url(), "section", extra,
                "vestnik_site/section.html", Listed.key,
            )  # fmt: skip

    def _plain_page_job(self, d: EditionData, page: Page, url: str) -> Job:
        fp = page_fp(fingerprint(d.chrome_fp, "page", vars_of(page)), d.sidebar_fp)

        def render() -> bytes:
            context = self.page_context(d)
            context.update(page=page, title=page.title, canonical=url)
            return self.render("vestnik_site/page.html", context, url, d.edition)

        return Job(url, fp, render, d.edition.pk)

    # -- articles -----------------------------------------------------------------------

    def article_ids(self) -> list[int]:
        return [a.id for d in self.data.values() for a in d.articles]

    def article_jobs(self, ids: list[int], claimed: set[str]) -> Iterator[Job]:
        """Article pages of `ids`, loading bodies and blocks a chunk at a time."""
        for start in range(0, len(ids), ARTICLE_CHUNK):
            yield from self._article_chunk(ids[start : start + ARTICLE_CHUNK], claimed)

    def _article_chunk(self, ids: list[int], claimed: set[str]) -> Iterator[Job]:
        articles = Article.objects.filter(pk__in=ids).select_related("source")
        blocks: dict[str, dict[int, list]] = {}
        for name, model, order in (
            ("contacts", Contact, ("order", "id")),
            ("events", Event, ("start", "id")),
            ("links", RelatedLink, ("order", "id")),
            ("attachments", Attachment, ("order", "id")),
        ):
            grouped: dict[int, list] = defaultdict(list)
            for obj in model.objects.filter(article_id__in=ids).order_by(*order):
                grouped[obj.article_id].append(obj)
            blocks[name] = grouped
        tags: dict[int, list[Tag]] = defaultdict(list)
        through = Article.tags.through._meta.db_table
        tag_table = Tag._meta.db_table
        marks = ",".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT x.article_id, t.id, t.name, t.slug, t.edition_id "  # noqa: S608
                f"FROM {tag_table} t JOIN {through} x ON x.tag_id = t.id "
                f"WHERE x.article_id IN ({marks}) ORDER BY t.name",
                ids,
            )
            for article_id, pk, name, slug, edition_id in cursor.fetchall():
                tags[article_id].append(Tag(id=pk, name=name, slug=slug, edition_id=edition_id))
        extras = {name: fn(ids) for name, fn in sorted(registry.article_inputs().items())}
        for article in articles:
            listed = self.by_id.get(article.pk)
            if listed is None:
                continue
            d = self.data[article.edition_id]
            article.edition = d.edition
            article.section = listed.section
            url = article.get_absolute_url()
            if url in claimed:
                continue
            cache = {name: grouped.get(article.pk, []) for name, grouped in blocks.items()}
            cache["tags"] = tags.get(article.pk, [])
            article._prefetched_objects_cache = cache  # type: ignore[attr-defined]
            translations = [
                t for t in self.groups.get(article.translation_group, []) if t.pk != article.pk
            ] if article.translation_group else []  # fmt: skip
            fp = fingerprint(
                d.chrome_fp, "article", vars_of(article),
                (article.source.name, article.source.url) if article.source else None,
                {k: [vars_of(o) for o in v] for k, v in cache.items()},
                [(t.pk, t.get_absolute_url(), t.edition_id) for t in translations],
                [extra.get(article.pk) for extra in extras.values()],
            )  # fmt: skip
            # the same inputs, for the apps' template tags: no query per page
            article.publishing_inputs = {  # type: ignore[attr-defined]
                name: extra.get(article.pk) for name, extra in extras.items()
            }
            fp = page_fp(fp, d.sidebar_fp)

            def render(article=article, translations=translations, url=url, d=d) -> bytes:
                context = self.page_context(d)
                context.update(
                    article=article,
                    title=article.title,
                    breadcrumbs=d.tree.ancestors(article.section),
                    translations=translations,
                    alternates=[
                        {"edition": t.edition, "url": t.get_absolute_url()} for t in translations
                    ],
                    canonical=url,
                )
                return self.render("vestnik_site/article.html", context, url, d.edition)

            yield Job(url, fp, render, d.edition.pk)


def vars_of(obj: object) -> list:
    """The stored field values of a model instance, for fingerprints."""
    meta = obj._meta  # type: ignore[attr-defined]
    return [getattr(obj, f.attname, None) for f in meta.concrete_fields]
