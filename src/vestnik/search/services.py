"""Search business rules: keep the index in step with content, and answer queries.

Views, the JSON endpoint, the CLI, other apps and tests all come through here.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from tqdm import tqdm

from vestnik.content.models import Article, Edition, Section, Tag
from vestnik.search import analysis, registry
from vestnik.search.backends import Filters, get_backend
from vestnik.search.models import SearchEntry
from vestnik.search.query import CONTROL_RE, ParsedQuery, parse
from vestnik.search.registry import ARTICLE, EntryData

MAX_PER_PAGE = 100
MAX_PAGE = 1000
# Text beyond this is neither indexed nor scanned for snippets: far past any reader's need.
MAX_TEXT = 200_000
SNIPPET_WORDS = 32
SNIPPET_SCAN = 2000
BATCH = 500

TAG_RE = re.compile(r"<[^>]*>")
SPACE_RE = re.compile(r"\s+")


# --- writing the index -----------------------------------------------------------------


def plain_text(markup: str) -> str:
    """Readable text of stored (already sanitised) HTML."""
    return SPACE_RE.sub(" ", html.unescape(TAG_RE.sub(" ", markup or ""))).strip()


def _day(moment: dt.datetime) -> int:
    return (
        timezone.localtime(moment).date().toordinal()
        if timezone.is_aware(moment)
        else (moment.date().toordinal())
    )


def _terms(text: str, language: str) -> str:
    return " ".join(analysis.analyse(text[:MAX_TEXT], language))


def build_entry(data: EntryData) -> SearchEntry:
    text = data.text[:MAX_TEXT]
    return SearchEntry(
        kind=data.kind,
        object_id=data.object_id,
        edition_id=data.edition_id,
        section_id=data.section_id,
        added=data.added,
        day=_day(data.added),
        url=data.url[:1000],
        section_title=data.section_title[:200],
        title=data.title[:500],
        subtitle=data.subtitle[:500],
        text=text,
        title_terms=_terms(data.title, data.language),
        subtitle_terms=_terms(data.subtitle, data.language),
        body_terms=_terms(f"{text} {data.extra_text}", data.language),
    )


@transaction.atomic
def index_entries(items: Iterable[EntryData]) -> int:
    """Add or replace entries (in the caller's transaction); return how many were written."""
    datas = list(items)
    if not datas:
        return 0
    by_kind: dict[str, list[int]] = defaultdict(list)
    for d in datas:
        by_kind[d.kind].append(d.object_id)
    for kind, ids in by_kind.items():
        _delete(kind, ids)
    entries = SearchEntry.objects.bulk_create([build_entry(d) for d in datas])
    Through = SearchEntry.tags.through
    Through.objects.bulk_create(
        Through(searchentry_id=e.pk, tag_id=tag_id)
        for e, d in zip(entries, datas, strict=True)
        for tag_id in dict.fromkeys(d.tag_ids)
    )
    get_backend().store(entries)
    return len(entries)


def _delete(kind: str, object_ids: Sequence[int]) -> None:
    for i in range(0, len(object_ids), BATCH):
        chunk = object_ids[i : i + BATCH]
        ids = list(
            SearchEntry.objects.filter(kind=kind, object_id__in=chunk).values_list("pk", flat=True)
        )
        if ids:
            SearchEntry.tags.through.objects.filter(searchentry_id__in=ids).delete()
            SearchEntry.objects.filter(pk__in=ids)._raw_delete(SearchEntry.objects.db)


@transaction.atomic
def remove_entries(kind: str, object_ids: Iterable[int]) -> None:
    """Take things out of the index (deleted, unpublished)."""
    _delete(kind, list(object_ids))


def article_entry(article: Article) -> EntryData | None:
    """What the index holds for an article; None when it is not public."""
    if article.status != Article.Status.PUBLISHED:
        return None
    section = article.section
    text = " ".join(p for p in (plain_text(article.summary), plain_text(article.body)) if p)
    extra = " ".join(
        p for p in (article.dateline_place, article.source.name if article.source else "") if p
    )
    return EntryData(
        kind=ARTICLE,
        object_id=article.pk,
        edition_id=article.edition_id,
        language=article.edition.language,
        url=f"/{article.edition.code}/{section.path}/{article.slug}/",
        title=article.title,
        subtitle=article.subtitle,
        text=text,
        extra_text=extra,
        added=article.added,
        section_id=section.pk,
        section_title=section.title,
        tag_ids=[t.pk for t in article.tags.all()],
    )


def index_article(article: Article) -> None:
    """Bring one article's entry up to date (in the caller's transaction)."""
    data = article_entry(article)
    if data is None:
        remove_entries(ARTICLE, [article.pk])
    else:
        index_entries([data])


def _articles() -> QuerySet[Article]:
    return Article.objects.select_related("edition", "section", "source").prefetch_related("tags")


def index_articles(ids: Iterable[int]) -> int:
    """Bring many articles' entries up to date, a batch at a time; return entries written."""
    ids = list(ids)
    written = 0
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        articles = list(_articles().filter(pk__in=chunk))
        datas = [d for d in map(article_entry, articles) if d is not None]
        public = {d.object_id for d in datas}
        remove_entries(ARTICLE, [pk for pk in chunk if pk not in public])
        written += index_entries(datas)
    return written


@transaction.atomic
def reindex(progress: bool | None = False) -> int:
    """Rebuild the whole index from the content (and registered providers); return entries."""
    SearchEntry.tags.through.objects.all()._raw_delete(SearchEntry.objects.db)
    SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
    ids = list(
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    written = 0
    with tqdm(total=len(ids), disable=not progress, unit="article") as bar:
        for i in range(0, len(ids), BATCH):
            chunk = ids[i : i + BATCH]
            articles = _articles().filter(pk__in=chunk)
            written += index_entries(d for d in map(article_entry, articles) if d is not None)
            bar.update(len(chunk))
    for provider in registry.providers().values():
        batch: list[EntryData] = []
        for data in provider():
            batch.append(data)
            if len(batch) >= BATCH:
                written += index_entries(batch)
                batch = []
        written += index_entries(batch)
    return written


# --- answering queries ------------------------------------------------------------------


@dataclass
class SearchResult:
    kind: str
    object_id: int
    url: str
    title: str
    title_html: SafeString
    section: str
    date: dt.datetime
    snippet_html: SafeString
    score: float

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "id": self.object_id,
            "url": self.url,
            "title": self.title,
            "title_html": str(self.title_html),
            "section": self.section,
            "date": self.date.isoformat(),
            "snippet_html": str(self.snippet_html),
            "score": round(self.score, 6),
        }


@dataclass
class SearchResults:
    q: str
    query: ParsedQuery
    results: list[SearchResult] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 20
    notes: list[str] = field(default_factory=list)
    backend: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    def as_dict(self) -> dict:
        return {
            "q": self.q,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "num_pages": self.num_pages,
            "notes": self.notes,
            "results": [r.as_dict() for r in self.results],
        }


def _clean(value: str) -> str:
    """Filter values from outside: PostgreSQL rejects NUL, nothing needs control characters."""
    return CONTROL_RE.sub("", str(value))[:400]


def _section_ids(edition: Edition, section: Section | str) -> list[int]:
    """The section and everything nested in it."""
    sections = Section.objects.filter(edition=edition)
    path = section.path if isinstance(section, Section) else _clean(section).strip("/")
    return list(
        sections.filter(Q(path=path) | Q(path__startswith=f"{path}/")).values_list("pk", flat=True)
    )


def search(
    edition: Edition,
    q: str,
    *,
    section: Section | str | None = None,
    tag: Tag | str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    page: int = 1,
    per_page: int = 20,
    now: dt.datetime | None = None,
) -> SearchResults:
    """Find an edition's public entries matching `q`, best first; never raises on bad input.

    `section` (a Section or its path) includes its subsections; `tag` is a Tag or its slug.
    """
    from vestnik.search.query import MAX_QUERY_CHARS

    now = now or timezone.now()
    per_page = min(max(int(per_page), 1), MAX_PER_PAGE)
    page = min(max(int(page), 1), MAX_PAGE)
    parsed = parse(q, edition.language)
    result = SearchResults(q=parsed.text, query=parsed, page=page, per_page=per_page)
    if parsed.truncated:
        result.notes.append(
            _("The query was too long; only its first %(n)d characters or words were used.")
            % {"n": MAX_QUERY_CHARS}
        )
    if parsed.is_empty:
        if parsed.exclude:
            result.notes.append(_("Add a word to look for, not only words to leave out."))
        return result
    filters = Filters(
        edition_id=edition.pk,
        now=now,
        today=timezone.localtime(now).date().toordinal(),
        day_from=date_from.toordinal() if date_from else None,
        day_to=date_to.toordinal() if date_to else None,
    )
    if section is not None:
        filters.section_ids = _section_ids(edition, section)
    if tag is not None:
        slug = tag.slug if isinstance(tag, Tag) else _clean(tag)
        tag_obj = Tag.objects.filter(edition=edition, slug=slug).first()
        filters.tag_id = tag_obj.pk if tag_obj else 0
    backend = get_backend()
    found = backend.search(parsed, filters, (page - 1) * per_page, per_page)
    result.backend = backend.name
    result.total = found.total
    entries = SearchEntry.objects.in_bulk([h.entry_id for h in found.hits])
    exact, prefixes = parsed.highlight_terms()

    def marks(term: str) -> bool:
        return bool(term) and (term in exact or term.startswith(prefixes))

    for hit in found.hits:
        entry = entries.get(hit.entry_id)
        if entry is None:
            continue
        result.results.append(
            SearchResult(
                kind=entry.kind,
                object_id=entry.object_id,
                url=entry.url,
                title=entry.title,
                title_html=highlight(entry.title, marks, edition.language),
                section=entry.section_title,
                date=entry.added,
                snippet_html=snippet(entry.text or entry.subtitle, marks, edition.language),
                score=hit.score,
            )
        )
    return result


def highlight(text: str, marks: Callable[[str], bool], language: str) -> SafeString:
    """`text` escaped, with the words the query matched in <mark>."""
    out: list[str] = []
    pos = 0
    for start, end, term in analysis.word_terms(text, language):
        if marks(term):
            out.append(escape(text[pos:start]))
            out.append(f"<mark>{escape(text[start:end])}</mark>")
            pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def snippet(text: str, marks: Callable[[str], bool], language: str) -> SafeString:
    """The stretch of `text` with the most distinct matched words, escaped and marked."""
    # The first few thousand words are enough to find a good stretch, and keep it cheap.
    words = list(islice(analysis.word_terms(text[:MAX_TEXT], language), SNIPPET_SCAN))
    if not words:
        return mark_safe(escape(text[:200]))  # noqa: S308
    hits = [i for i, (_s, _e, t) in enumerate(words) if marks(t)]
    best = 0
    if hits:
        best_count = -1
        for i in hits[:50]:
            first = max(0, i - 6)
            found = {words[j][2] for j in range(first, min(len(words), first + SNIPPET_WORDS))}
            count = sum(1 for t in found if marks(t))
            if count > best_count:
                best, best_count = first, count
    last = min(len(words), best + SNIPPET_WORDS) - 1
    start, end = words[best][0], words[last][1]
    inner = text[start:end]
    out: list[str] = []
    pos = 0
    for s, e, t in words[best : last + 1]:
        if marks(t):
            out.append(escape(inner[pos : s - start]))
            out.append(f"<mark>{escape(inner[s - start : e - start])}</mark>")
            pos = e - start
    out.append(escape(inner[pos:]))
    prefix = "… " if best > 0 else ""
    suffix = " …" if last < len(words) - 1 else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - pieces are escaped
