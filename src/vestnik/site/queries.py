"""Read-side queries of the public site; each returns in a fixed number of SQL queries."""

from __future__ import annotations

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from vestnik.content.models import Article, Edition, Page, Section, SiteNewsItem, Tag

SITE_NEWS_SIDEBAR = 10
HOME_PER_SECTION = 5
PER_PAGE = 20


def listed_articles(edition: Edition | None) -> QuerySet[Article]:
    """Published articles (of an edition) with what a list item shows, newest added first."""
    qs = Article.objects.published()
    if edition is not None:
        qs = qs.filter(edition=edition)
    return (
        qs.select_related("edition", "section", "source")
        .only(
            "id",
            "title",
            "subtitle",
            "slug",
            "summary",
            "added",
            "dateline_date",
            "edition__code",
            "edition__language",
            "section__path",
            "section__title",
            "source__name",
        )  # fmt: skip
        .order_by("-added", "-id")
    )


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


def sidebar(edition: Edition) -> list[SiteNewsItem]:
    return list(site_news(edition)[:SITE_NEWS_SIDEBAR])


def menu(edition: Edition) -> dict:
    """Top-level sections and plain pages of the edition's navigation (two queries)."""
    return {
        "sections": list(
            Section.objects.filter(edition=edition, parent__isnull=True).only(
                "id", "title", "path", "edition_id"
            )
        ),
        "pages": list(
            Page.objects.filter(edition=edition, show_in_menu=True).only(
                "id", "title", "slug", "edition_id"
            )
        ),
    }


def home_blocks(edition: Edition) -> list[dict]:
    """Each top-level section with its latest articles from its whole subtree (three queries).

    The newest few of each section come from one UNION ALL of small index scans, so the
    cost follows the number of sections, not the number of articles.
    """
    sections = list(
        Section.objects.filter(edition=edition).only("id", "title", "path", "parent", "edition_id")
    )
    top = [s for s in sections if s.parent_id is None]
    ids = latest_ids_per_section([s.pk for s in sections], HOME_PER_SECTION)
    by_top: dict[str, list[Article]] = {s.path: [] for s in top}
    for article in listed_articles(edition).filter(pk__in=ids):
        by_top.setdefault(article.section.path.split("/", 1)[0], []).append(article)
    blocks = []
    for section in top:
        items = by_top.get(section.path, [])[:HOME_PER_SECTION]
        if items:
            blocks.append({"section": section, "articles": items})
    return blocks


def latest_ids_per_section(section_ids: list[int], limit: int) -> list[int]:
    """Ids of the `limit` newest published articles of each section, in one query."""
    if not section_ids:
        return []
    table = Article._meta.db_table
    one = (
        f"SELECT id FROM (SELECT id FROM {table} WHERE section_id = %s AND status = %s "
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


def subtree_ids(section: Section) -> list[int]:
    in_subtree = Q(pk=section.pk) | Q(path__startswith=section.path + "/")
    return list(
        Section.objects.filter(in_subtree, edition_id=section.edition_id).values_list(
            "pk", flat=True
        )
    )


def section_articles(section: Section) -> QuerySet[Article]:
    """The section's articles and its subsections' (by section id: an index range each)."""
    return listed_articles(None).filter(section_id__in=subtree_ids(section))


def section_by_path(edition: Edition, path: str) -> Section | None:
    return Section.objects.filter(edition=edition, path=path).select_related("edition").first()


def ancestors(section: Section) -> list[Section]:
    """The section and its parents, outermost first (one query)."""
    parts = section.path.split("/")
    paths = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    found = {
        s.path: s
        for s in Section.objects.filter(edition_id=section.edition_id, path__in=paths).only(
            "id", "title", "path", "edition_id"
        )
    }
    return [found[p] for p in paths if p in found]


def subsections(section: Section) -> list[Section]:
    return list(section.children.only("id", "title", "path", "edition_id", "parent_id"))


def article_at(edition: Edition, section_path: str, slug: str) -> Article | None:
    return (
        Article.objects.published()
        .filter(edition=edition, section__path=section_path, slug=slug)
        .select_related("edition", "section", "source")
        .prefetch_related(
            "contacts",
            "events",
            "links",
            "attachments",
            Prefetch("tags", queryset=Tag.objects.select_related("edition")),
        )  # fmt: skip
        .first()
    )


def tag_articles(tag: Tag) -> QuerySet[Article]:
    return listed_articles(tag.edition).filter(tags=tag)


def archive_articles(edition: Edition, year: int, month: int | None) -> QuerySet[Article]:
    qs = listed_articles(edition).filter(added__year=year)
    if month:
        qs = qs.filter(added__month=month)
    return qs
