"""Republish when the back office changes public content (if VESTNIK_PUBLISH_DIR is set).

Any save or delete of content schedules one incremental publish for when the transaction
commits; many changes in one transaction cost one publish. A failing publish is logged,
never raised: the editor's change is already committed and the next publish catches up.
It keeps the previous static search index (re-indexing the site takes Pagefind tens of
seconds on a large site); run `vestnik publish` from a timer to refresh it.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from vestnik import conf

log = logging.getLogger(__name__)


def publish_dir() -> str:
    return conf.env("VESTNIK_PUBLISH_DIR").strip()


class _Publish:
    """The on-commit callback; `done` once it ran (tests keep run callbacks in the list)."""

    def __init__(self) -> None:
        self.done = False

    def __call__(self) -> None:
        self.done = True
        from vestnik.publishing.services import publish

        try:
            # the static search index is brought up to date by the next `vestnik publish`
            publish(publish_dir(), keep_search_index=True)
        except Exception:
            log.exception("automatic publish to %s failed", publish_dir())


def content_changed(sender=None, raw: bool = False, **kwargs) -> None:
    if raw or not publish_dir():
        return
    connection = transaction.get_connection()
    # one publish per transaction; a rollback drops the callback with the transaction
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _Publish) and not entry[1].done:
            return
    transaction.on_commit(_Publish())


def connect() -> None:
    from vestnik.content import models

    for model in (
        models.Edition, models.Section, models.Source, models.Tag, models.Article,
        models.RelatedLink, models.Contact, models.Event, models.Attachment,
        models.SiteNewsItem, models.Page,
    ):  # fmt: skip
        post_save.connect(content_changed, sender=model, dispatch_uid=f"publish-{model.__name__}")
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"publish-del-{model.__name__}"
        )
    m2m_changed.connect(
        content_changed, sender=models.Article.tags.through, dispatch_uid="publish-tags"
    )
