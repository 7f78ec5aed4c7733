"""`vestnik generate`: synthetic content for benchmarks, deterministic per seed."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from vestnik.content.models import Article, Edition, Section, SiteNewsItem
from vestnik.demo.generate import generate

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    return list(
        Article.objects.order_by("id").values_list(
            "edition__code", "section__path", "title", "slug", "added", "body"
        )
    )


def test_generate_on_empty_site_creates_editions_sections_and_articles():
    assert generate(250, seed=7, progress=False) == 250
    assert set(Edition.objects.values_list("code", flat=True)) == {"en", "ru"}
    assert Section.objects.filter(parent__isnull=False).exists()
    by_edition = {e.code: e.articles.count() for e in Edition.objects.all()}
    assert by_edition == {"en": 125, "ru": 125}
    ru_titles = " ".join(Article.objects.filter(edition__code="ru").values_list("title", flat=True))
    assert any("а" <= ch <= "я" for ch in ru_titles.lower())
    years = {d.year for d in Article.objects.values_list("added", flat=True)}
    assert len(years) >= 10
    assert SiteNewsItem.objects.count() > 0
    assert Section.objects.filter(articles__isnull=True).count() == 0


def test_same_seed_gives_same_articles(django_db_blocker):
    generate(60, seed=3, progress=False)
    first = snapshot()
    Article.objects.all().delete()
    Section.objects.filter(parent__isnull=False).delete()
    Section.objects.all().delete()
    generate(60, seed=3, progress=False)
    second = snapshot()
    assert [row[1:] for row in first] == [row[1:] for row in second]


def test_generate_command_checks_its_argument(capsys):
    with pytest.raises(CommandError):
        call_command("generate", "--articles", "0")
    call_command("generate", "--articles", "5", "--no-progress")
    assert "Added 5 articles" in capsys.readouterr().out
    assert Article.objects.count() == 5
