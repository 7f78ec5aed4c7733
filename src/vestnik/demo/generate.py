"""Synthetic articles for benchmarks and load tests (`vestnik generate`)."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.db import transaction
from tqdm import tqdm

from vestnik.content import services
from vestnik.content.models import Article, Edition, Section, SiteNewsItem
from vestnik.content.sanitize import clean_html
from vestnik.content.slugs import make_slug
from vestnik.search.services import index_articles
from vestnik.syndication.services import bump_content_version

BATCH = 1000

WORDS = {
    "en": (
        "court appeal rights defender detention prison lawyer hearing judgment complaint "
        "freedom assembly expression torture monitoring board region prosecutor evidence "
        "witness sentence release colony inmate conditions report press statement "
        "organisation activist journalist case application European committee inquiry "
        "police custody trial charges acquittal privacy correspondence legal aid school "
        "volunteers network observers decision ruling applicant government respondent"
    ).split(),
    "ru": (
        "суд жалоба права правозащитник задержание колония адвокат заседание решение "
        "обращение свобода собрание выражение пытки мониторинг комиссия область прокурор "
        "доказательства свидетель приговор освобождение заключённые условия доклад "
        "заявление организация активист журналист дело Европейский комитет проверка "
        "полиция следствие обвинение оправдание переписка юридическая помощь школа "
        "волонтёры наблюдатели постановление заявитель правительство ответчик"
    ).split(),
}
SECTIONS = {
    "en": [("News", None), ("Regions", "News"), ("Press releases", None), ("Court cases", None)],
    "ru": [
        ("Новости", None),
        ("Регионы", "Новости"),
        ("Пресс-релизы", None),
        ("Судебные дела", None),
    ],
}


def _sentence(rng: random.Random, words: list[str], lo: int = 8, hi: int = 22) -> str:
    text = " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi)))
    return text[0].upper() + text[1:] + "."


def _body(rng: random.Random, words: list[str]) -> str:
    paragraphs = [
        " ".join(_sentence(rng, words) for _ in range(rng.randint(2, 6)))
        for _ in range(rng.randint(3, 9))
    ]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def ensure_structure() -> dict[str, list[Section]]:
    """Editions and sections to put articles in: the site's own, or a default set."""
    editions = services.ensure_editions()
    result: dict[str, list[Section]] = {}
    for edition in editions:
        sections = list(Section.objects.filter(edition=edition))
        if not sections:
            created: dict[str, Section] = {}
            for order, (title, parent) in enumerate(SECTIONS.get(edition.language, SECTIONS["en"])):
                created[title] = services.create_section(
                    edition, title, parent=created.get(parent) if parent else None, order=order
                )
            sections = list(created.values())
        result[edition.code] = sections
    return result


def generate(
    count: int,
    seed: int = 1,
    progress: bool | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Add `count` published articles spread over all editions and sections; return count."""
    if count < 0:
        raise ValueError("count must be zero or more")
    rng = random.Random(seed)
    structure = ensure_structure()
    editions = {e.code: e for e in Edition.objects.filter(code__in=structure)}
    codes = sorted(structure)
    start = datetime(2005, 1, 1, tzinfo=UTC)
    span = (datetime(2026, 1, 1, tzinfo=UTC) - start).total_seconds()
    base_index = Article.objects.count()
    show = sys.stderr.isatty() if progress is None else progress
    done = 0
    with tqdm(total=count, disable=not show, unit="article") as bar:
        while done < count:
            size = min(BATCH, count - done)
            batch = []
            for i in range(size):
                n = base_index + done + i
                code = codes[n % len(codes)]
                edition = editions[code]
                words = WORDS.get(edition.language, WORDS["en"])
                section = rng.choice(structure[code])
                title = _sentence(rng, words, 4, 10).rstrip(".")
                added = start + timedelta(seconds=rng.random() * span)
                batch.append(
                    Article(
                        edition=edition,
                        section=section,
                        title=title,
                        subtitle=_sentence(rng, words, 6, 14) if rng.random() < 0.6 else "",
                        slug=f"{make_slug(title, 'article')[:60].rstrip('-')}-{n}",
                        dateline_place=rng.choice(["Moscow", "Yekaterinburg", "Perm", "Kazan"])
                        if rng.random() < 0.7
                        else "",
                        dateline_date=added.date() - timedelta(days=rng.randint(0, 400)),
                        added=added,
                        body=clean_html(_body(rng, words)),
                        summary=_sentence(rng, words),
                        status=Article.Status.PUBLISHED,
                        published_at=added,
                        show_in_site_news=rng.random() < 0.3,
                    )
                )
            with transaction.atomic():
                created = Article.objects.bulk_create(batch)
                if not all(a.pk for a in created):
                    created = list(
                        Article.objects.filter(slug__in=[a.slug for a in batch]).only(
                            "id", "edition_id", "added", "show_in_site_news"
                        )
                    )
                SiteNewsItem.objects.bulk_create(
                    SiteNewsItem(edition_id=a.edition_id, article_id=a.pk, added=a.added)
                    for a in created
                    if a.show_in_site_news
                )
                index_articles([a.pk for a in created])
            done += size
            bar.update(size)
            if on_batch:
                on_batch(done)
    bump_content_version()  # bulk inserts send no signals: new ETags for readers
    return done
