"""The importers' memory (ImportedItem): find, save, and fingerprint what was written."""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypeVar

from django.db import models

from vestnik.content.models import Article, Page, Section
from vestnik.importers.models import ImportedItem

M = TypeVar("M", bound=models.Model)


def digest(*parts: Any) -> str:
    raw = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def article_state(article: Article) -> str:
    """Fingerprint of what an editor may change; differs from the stored one after a local edit."""
    return digest(
        "article", article.title, article.subtitle, article.body, article.summary, article.slug,
        article.section_id, article.status,
    )  # fmt: skip


def page_state(page: Page) -> str:
    return digest("page", page.title, page.body, page.slug)


def section_state(section: Section) -> str:
    return digest("section", section.title, section.slug, section.description, section.parent_id)


def target(record: ImportedItem, model: type[M]) -> M | None:
    """The object an item became, if it still exists."""
    if record.target_id is None:
        return None
    return model._default_manager.filter(pk=record.target_id).first()


def find(source: str, kind: str, key: str) -> ImportedItem | None:
    return ImportedItem.objects.filter(source=source, kind=kind, key=key[:500]).first()


def save(
    record: ImportedItem | None,
    source: str,
    kind: str,
    key: str,
    target: models.Model | None,
    content_hash: str,
    written_hash: str,
    guid: str = "",
    url: str = "",
    sticky: bool = False,
) -> ImportedItem:
    record = record or ImportedItem(source=source, kind=kind, key=key[:500])
    record.guid = guid[:1000]
    record.url = url[:2000]
    record.sticky = sticky
    if target is not None:
        record.target_model = target._meta.label_lower
        record.target_id = target.pk
    record.content_hash = content_hash
    record.written_hash = written_hash
    record.conflict = False
    record.pending_hash = ""
    record.save()
    return record


def update(record: ImportedItem, content_hash: str, written_hash: str) -> None:
    record.content_hash = content_hash
    record.written_hash = written_hash
    record.conflict = False
    record.pending_hash = ""
    record.save(
        update_fields=["content_hash", "written_hash", "conflict", "pending_hash", "updated"]
    )


def mark_conflict(record: ImportedItem, content_hash: str) -> None:
    """The source changed but so did our copy: keep the local edit and say so."""
    if record.conflict and record.pending_hash == content_hash:
        return
    record.conflict = True
    record.pending_hash = content_hash
    record.save(update_fields=["conflict", "pending_hash", "updated"])
