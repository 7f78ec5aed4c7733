"""Every change of public content bumps the content version (caches, ETags follow it)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from vestnik.content import models as content
from vestnik.syndication.services import bump_content_version

WATCHED = (
    content.Edition,
    content.Section,
    content.Source,
    content.Tag,
    content.Article,
    content.RelatedLink,
    content.Contact,
    content.Event,
    content.Attachment,
    content.SiteNewsItem,
    content.Page,
    content.Redirect,
)


def _changed(sender, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures: the state row may not exist yet; the next read creates it
        return
    bump_content_version()


def _tags_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump_content_version()


for _model in WATCHED:
    post_save.connect(_changed, sender=_model, dispatch_uid=f"vestnik-version-save-{_model}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"vestnik-version-del-{_model}")
m2m_changed.connect(
    _tags_changed, sender=content.Article.tags.through, dispatch_uid="vestnik-version-tags"
)
