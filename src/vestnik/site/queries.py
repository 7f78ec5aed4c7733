"""Read-side queries of the public site; each page costs a fixed number of SQL queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from vestnik.content.models import (
    Article,
    Attachment,
    Contact,
    Edition,
    Event,
    Page,
    RelatedLink,
    Section,
    SiteNewsItem,
    Tag,
)

SITE_NEWS_SIDEBAR = 10
HOME_PER_SECTION = 5
PER_PAGE = 20

LIST_FIELDS = (
    "id", "title", "subtitle", "slug", "summary", "added", "dateline_date", "edition_id",
    "section_id", "source__name", "source__url",
)  # fmt: skip


@dataclass
class SectionTree:
    """All sections of an edition, loaded in one query; sections are few, articles many."""

    edition: Edition
    sections: list[Section]
    by_path: dict[str, Section] = field(init=False)

    def __post_init__(self) -> None:
        self.by_path = {s.path: s for s in self.sections}
        self.by_id = {s.pk: s for s in self.sections}

    @classmethod
    def load(cls, edition: Edition) -> SectionTree:
        sections = list(
            Section.objects.filter(edition=edition).only(
                "id", "title", "slug", "path", "parent_id", "description", "order", "edition_id"
            )
        )
        for s in sections:
            s.edition = edition
        return cls(edition, sections)

    @property
    def top(self) -> list[Section]:
        return [s for s in self.sections if s.parent_id is None]

    def get(self, path: str) -> Section | None:
        return self.by_path.get(path)

    def ancestors(self, section: Section) -> list[Section]:
        """The section and its parents, outermost first."""
        parts = section.path.split("/")
        paths = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return [self.by_path[p] for p in paths if p in self.by_path]

    def children(self, section: Section) -> list[Section]:
        return [s for s in self.sections if s.parent_id == section.pk]

    def subtree_ids(self, section: Section) -> list[int]:
        prefix = section.path + "/"
        return [s.pk for s in self.sections if s.pk == section.pk or s.path.startswith(prefix)]

    def attach(self, articles):
        """Give listed articles their edition and section objects without joining them in SQL."""
        for article in articles:
            article.edition = self.edition
            article.section = self.by_id[article.section_id]
        return articles


def listed_articles(edition: Edition | None) -> QuerySet[Article]:
    """Published articles (of an edition) with what a list item shows, newest added first."""
    qs = Article.objects.published()
    if edition is not None:
        qs = qs.filter(edition=edition)
    return qs.select_related("source").only(*LIST_FIELDS).order_by("-added", "-id")


def site_news(edition: Edition) -> QuerySet[SiteNewsItem]:
    visible_article = Q(article__isnull=True) | Q(article__status=Article.Status.PUBLISHED)
    return (
        SiteNewsItem.objects.filter(visible_article, edition=edition)
        .select_related("edition", "article__edition", "article__section")
        .only(
            "id",
            "title",
            "link_url",
            "added",
            "edition__code",
            "article__title",
            "article__slug",
            "article__edition__code",
            "article__section__path",
        )  # fmt: skip
        .order_by("-added", "-id")
    )


@dataclass(frozen=True)
class SiteNewsEntry:
    """One line of the site-news sidebar: what it links to and when it was added."""

    pk: int
    display_title: str
    url: str
    added: datetime


def sidebar(edition: Edition, limit: int = SITE_NEWS_SIDEBAR) -> list[SiteNewsEntry]:
    """The latest site news of an edition, as the sidebar on every page shows it.

    Hand-written SQL on purpose: this runs on every page, and compiling the equivalent
    ORM query (three joins) costs twenty times more than running it.
    """
    item, article = SiteNewsItem._meta.db_table, Article._meta.db_table
    section = Section._meta.db_table
    sql = (
        f"SELECT n.id, n.title, n.link_url, n.added, a.title, a.slug, s.path "  # noqa: S608
        f"FROM {item} n LEFT JOIN {article} a ON a.id = n.article_id "
        f"LEFT JOIN {section} s ON s.id = a.section_id "
        f"WHERE n.edition_id = %s AND (n.article_id IS NULL OR a.status = %s) "
        f"ORDER BY n.added DESC, n.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [edition.pk, Article.Status.PUBLISHED, limit])
        rows = cursor.fetchall()
    entries = []
    for pk, title, link_url, added, a_title, a_slug, s_path in rows:
        if isinstance(added, str):  # SQLite hands back text
            added = parse_datetime(added)
        if timezone.is_naive(added):  # stored in UTC (USE_TZ)
            added = timezone.make_aware(added, UTC)
        if a_slug is not None:
            url = f"/{edition.code}/{s_path}/{a_slug}/"
        else:
            url = link_url or f"/{edition.code}/site-news/#item-{pk}"
        entries.append(SiteNewsEntry(pk, title or a_title or "", url, added))
    return entries


def menu_pages(edition: Edition) -> list[Page]:
    return list(
        Page.objects.filter(edition=edition, show_in_menu=True).only(
            "id", "title", "slug", "edition_id"
        )
    )


def home_blocks(tree: SectionTree) -> list[dict]:
    """Each top-level section with its latest articles from its whole subtree (two queries).

    The newest few of each section come from one UNION ALL of small index scans, so the
    cost follows the number of sections, not the number of articles.
    """
    ids = latest_ids_per_section([s.pk for s in tree.sections], HOME_PER_SECTION)
    by_top: dict[str, list[Article]] = {s.path: [] for s in tree.top}
    for article in tree.attach(listed_articles(None).filter(pk__in=ids)):
        by_top.setdefault(article.section.path.split("/", 1)[0], []).append(article)
    blocks = []
    for section in tree.top:
        items = by_top.get(section.path, [])[:HOME_PER_SECTION]
        if items:
            blocks.append({"section": section, "articles": items})
    return blocks


def latest_ids_per_section(section_ids: list[int], limit: int) -> list[int]:
    """Ids of the `limit` newest published articles of each section, in one query."""
    if not section_ids:
        return []
    # Only the model's table name and integers are formatted in; values are parameters.
    table = Article._meta.db_table
    one = (
        f"SELECT id FROM (SELECT id FROM {table} WHERE section_id = %s AND status = %s "  # noqa: S608
        f"AND added <= %s ORDER BY added DESC, id DESC LIMIT {int(limit)}) AS s{{n}}"
    )
    sql = " UNION ALL ".join(one.format(n=n) for n in range(len(section_ids)))
    now = timezone.now()
    params: list = []
    for section_id in section_ids:
        params += [section_id, Article.Status.PUBLISHED, now]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def section_articles(tree: SectionTree, section: Section) -> QuerySet[Article]:
    """The section's articles and its subsections' (by section id: an index range each)."""
    return listed_articles(None).filter(section_id__in=tree.subtree_ids(section))


def article_at(tree: SectionTree, section_path: str, slug: str) -> Article | None:
    section = tree.get(section_path)
    if section is None:
        return None
    article = (
        Article.objects.published().filter(section=section, slug=slug).select_related("source")
    ).first()
    if article is not None:
        article.edition = tree.edition
        article.section = section
        load_blocks(article)
    return article


BLOCKS = (
    ("contacts", Contact, '"order", id'),
    ("events", Event, "start, id"),
    ("links", RelatedLink, '"order", id'),
    ("attachments", Attachment, '"order", id'),
)


def load_blocks(article: Article) -> None:
    """Fill `article.contacts.all()` & co. with raw queries (no ORM compile per block).

    What prefetch_related would do, for a fraction of its cost on the hottest page.
    """
    cache = getattr(article, "_prefetched_objects_cache", {})
    for name, model, order in BLOCKS:
        table = model._meta.db_table
        cache[name] = list(
            model.objects.raw(
                f"SELECT * FROM {table} WHERE article_id = %s ORDER BY {order}",  # noqa: S608
                [article.pk],
            )
        )
    through = Article.tags.through._meta.db_table
    tag_table = Tag._meta.db_table
    cache["tags"] = list(
        Tag.objects.raw(
            f"SELECT t.id, t.name, t.slug, t.edition_id FROM {tag_table} t "  # noqa: S608
            f"JOIN {through} x ON x.tag_id = t.id WHERE x.article_id = %s ORDER BY t.name",
            [article.pk],
        )
    )
    article._prefetched_objects_cache = cache  # type: ignore[attr-defined]


def tag_articles(tag: Tag) -> QuerySet[Article]:
    return listed_articles(tag.edition).filter(tags=tag)


def archive_articles(edition: Edition, year: int, month: int | None) -> QuerySet[Article]:
    qs = listed_articles(edition).filter(added__year=year)
    if month:
        qs = qs.filter(added__month=month)
    return qs
