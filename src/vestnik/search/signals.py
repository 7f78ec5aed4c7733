"""Keep the index in step with content changes, in the same transaction as the change.

Bulk writes that skip signals (QuerySet.update, bulk_create) must call
`services.index_articles(ids)` themselves, as `vestnik generate` does.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from vestnik.content.models import Article, Section, Source
from vestnik.search import services
from vestnik.search.models import SearchEntry
from vestnik.search.registry import ARTICLE


@receiver(post_save, sender=Article, dispatch_uid="search_article_saved")
def _article_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if not raw:
        services.index_article(instance)


@receiver(post_delete, sender=Article, dispatch_uid="search_article_deleted")
def _article_deleted(sender, instance: Article, **kwargs) -> None:
    services.remove_entries(ARTICLE, [instance.pk])


@receiver(m2m_changed, sender=Article.tags.through, dispatch_uid="search_article_tags")
def _article_tags_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        services.index_article(instance)
    elif pk_set:
        services.index_articles(pk_set)
    else:  # tag.articles.clear(): drop the tag from every entry that carried it
        SearchEntry.tags.through.objects.filter(tag_id=instance.pk).delete()


def _reindex_where(**lookup) -> None:
    ids = Article.objects.filter(status=Article.Status.PUBLISHED, **lookup).values_list(
        "pk", flat=True
    )
    services.index_articles(ids)


@receiver(post_save, sender=Section, dispatch_uid="search_section_saved")
def _section_saved(sender, instance: Section, raw: bool = False, created: bool = False, **kw):
    # Titles and paths show in results; a new section has no articles yet.
    if not raw and not created:
        _reindex_where(section=instance)


@receiver(post_save, sender=Source, dispatch_uid="search_source_saved")
def _source_saved(sender, instance: Source, raw: bool = False, created: bool = False, **kw):
    if not raw and not created:
        _reindex_where(source=instance)
