"""Keep old article URLs alive when an edit moves the article; keep stored text XML-safe."""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from vestnik.content.models import Article
from vestnik.content.sanitize import clean_text_fields


@receiver(pre_save, sender=Article)
def _remember_url_before_save(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if raw or not instance.pk or kwargs.get("update_fields"):
        instance._old_url = None  # type: ignore[attr-defined]
        return
    old = (
        Article.objects.filter(pk=instance.pk)
        .select_related("edition", "section")
        .only("slug", "edition__code", "section__path")
        .first()
    )
    instance._old_url = old.get_absolute_url() if old else None  # type: ignore[attr-defined]


@receiver(post_save, sender=Article)
def _redirect_moved_article(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    old_url = getattr(instance, "_old_url", None)
    if old_url:
        from vestnik.content.services import remember_old_url

        remember_old_url(instance, old_url)


@receiver(pre_save)
def _strip_control_characters(sender, instance, raw: bool = False, **kwargs) -> None:
    """Every vestnik model, whoever saves it (admin, services, importers): see sanitize.py.

    Bulk writers (bulk_create, QuerySet.update) send no signal and call clean_text_fields.
    """
    if sender._meta.app_config is not None and sender._meta.app_config.name.startswith("vestnik."):
        clean_text_fields(instance)
