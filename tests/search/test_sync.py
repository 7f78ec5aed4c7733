"""The index follows every content change in the same transaction."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory, SectionFactory, TagFactory
from vestnik.content import services as content
from vestnik.content.models import Article
from vestnik.search import services
from vestnik.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def titles(edition, q, **kw):
    return [r.title for r in services.search(edition, q, **kw).results]


@pytest.fixture
def section(en):
    return SectionFactory(edition=en, title="News", slug="news")


def test_published_article_is_found_by_inflected_form(en, section):
    ArticleFactory(section=section, title="A defender detained", body="<p>Police came.</p>")
    assert titles(en, "defenders") == ["A defender detained"]
    assert titles(en, "police") == ["A defender detained"]


def test_draft_is_not_found_and_publish_makes_it_found(en, section):
    a = ArticleFactory(section=section, title="Court hearing", status=Article.Status.DRAFT)
    assert titles(en, "court") == []
    content.publish_article(a)
    assert titles(en, "court") == ["Court hearing"]
    content.unpublish_article(a)
    assert titles(en, "court") == []


def test_edit_replaces_old_words(en, section):
    a = ArticleFactory(section=section, title="Court hearing")
    a.title = "Prison visit"
    a.save()
    assert titles(en, "court") == []
    assert titles(en, "prison") == ["Prison visit"]
    assert SearchEntry.objects.count() == 1


def test_delete_removes_entry(en, section):
    a = ArticleFactory(section=section, title="Court hearing")
    a.delete()
    assert titles(en, "court") == []
    assert SearchEntry.objects.count() == 0


def test_scheduled_article_appears_only_when_its_time_comes(en, section):
    from datetime import timedelta

    from django.utils import timezone

    ArticleFactory(section=section, title="Embargoed report", added=timezone.now() + timedelta(1))
    assert titles(en, "report") == []
    assert titles(en, "report", now=timezone.now() + timedelta(days=2)) == ["Embargoed report"]


def test_tags_sections_and_sources_follow_edits(en, section):
    tag = TagFactory(edition=en, name="Prisons", slug="prisons")
    a = ArticleFactory(section=section, title="Colony report")
    assert titles(en, "colony", tag="prisons") == []
    a.tags.add(tag)
    assert titles(en, "colony", tag="prisons") == ["Colony report"]
    tag.articles.remove(a)
    assert titles(en, "colony", tag="prisons") == []
    tag.articles.add(a)
    tag.articles.clear()
    assert titles(en, "colony", tag="prisons") == []
    section.title = "Latest"
    section.slug = "latest"
    section.save()
    result = services.search(en, "colony").results[0]
    assert (result.section, result.url) == ("Latest", f"/en/latest/{a.slug}/")
    src = content.get_or_create_source("Memorial")
    a.source = src
    a.save()
    src.name = "Civic Assistance"
    src.save()
    assert titles(en, "civic assistance") == ["Colony report"]
    assert titles(en, "memorial") == []


def test_create_article_with_tags_is_indexed_with_them(en, section):
    content.create_article(
        content.ArticleData(edition=en, section=section, title="Torture inquiry", tags=["Torture"]),
        publish=True,
    )
    assert titles(en, "inquiry", tag="torture") == ["Torture inquiry"]


def test_failed_transaction_leaves_index_untouched(en, section):
    from django.db import transaction

    a = ArticleFactory(section=section, title="Court hearing")
    with pytest.raises(RuntimeError), transaction.atomic():
        a.title = "Prison visit"
        a.save()
        raise RuntimeError
    assert titles(en, "court") == ["Court hearing"]
    assert titles(en, "prison") == []


def test_reindex_rebuilds_from_scratch(en, section):
    ArticleFactory(section=section, title="Court hearing")
    ArticleFactory(section=section, title="Draft", status=Article.Status.DRAFT)
    SearchEntry.objects.all().delete()
    assert titles(en, "court") == []
    assert services.reindex() == 1
    assert titles(en, "court") == ["Court hearing"]


def test_generate_leaves_index_complete(en):
    from vestnik.demo.generate import generate

    generate(30, seed=3, progress=False)
    assert SearchEntry.objects.count() == Article.objects.count()
    assert services.search(en, "court").total > 0


def test_registered_provider_entries_are_rebuilt_by_reindex(en):
    from django.utils import timezone

    from vestnik.search import registry

    doc = registry.EntryData(
        kind="case-document", object_id=7, edition_id=en.pk, url="/en/cases/7/",
        title="Application No. 12345/06", added=timezone.now(), text="Complaint lodged.",
    )  # fmt: skip
    registry.register("case-document", lambda: [doc])
    try:
        services.index_entries([doc])
        assert titles(en, "12345/06") == ["Application No. 12345/06"]
        services.reindex()
        assert titles(en, "complaint") == ["Application No. 12345/06"]
        services.remove_entries("case-document", [7])
        assert titles(en, "complaint") == []
    finally:
        registry.unregister("case-document")


def test_reindex_command_reports_what_it_did(en, section):
    from io import StringIO

    from django.core.management import call_command

    ArticleFactory(section=section, title="Court hearing")
    out = StringIO()
    call_command("reindex", "--no-progress", stdout=out)
    assert "Indexed 1 entries" in out.getvalue()


def test_no_missing_trigger_error_on_a_migrated_database():
    from vestnik.search.checks import fts_triggers

    assert fts_triggers() == []
