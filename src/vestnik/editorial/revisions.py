"""Snapshots of an article with its blocks, readable diffs, and restoring one."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vestnik.content.models import Article, Contact, Event, RelatedLink, Tag
from vestnik.content.sanitize import plain_text
from vestnik.editorial.models import Revision

ARTICLE_FIELDS = [
    "title", "subtitle", "slug", "edition_id", "section_id", "source_id", "dateline_place",
    "dateline_date", "added", "body", "summary", "show_in_site_news", "translation_group",
]  # fmt: skip
BLOCK_FIELDS: dict[str, tuple[Any, list[str]]] = {
    "contacts": (Contact, ["name", "city", "languages", "phones", "email", "note", "order"]),
    "events": (Event, ["title", "start", "venue", "address", "time_zone"]),
    "links": (RelatedLink, ["title", "url", "order"]),
}
LABELS = {
    "edition_id": "edition", "section_id": "section", "source_id": "source",
    "dateline_place": "dateline place", "dateline_date": "dateline date",
    "show_in_site_news": "show in site news", "translation_group": "translation group",
}  # fmt: skip
HTML_FIELDS = frozenset({"body", "summary"})


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def snapshot(article: Article) -> dict:
    """Everything the editor can change, as JSON-ready data."""
    data: dict[str, Any] = {name: _plain(getattr(article, name)) for name in ARTICLE_FIELDS}
    data["status"] = article.status
    data["tags"] = sorted(article.tags.values_list("name", flat=True))
    for block, (model, fields) in BLOCK_FIELDS.items():
        rows = model.objects.filter(article=article).order_by(*(model._meta.ordering or ["id"]))
        data[block] = [{f: _plain(getattr(row, f)) for f in fields} for row in rows]
    data["attachments"] = [
        {"title": a.title, "file": a.file.name, "order": a.order}
        for a in article.attachments.order_by("order", "id")
    ]
    return data


def save_revision(article: Article, author=None, comment: str = "") -> Revision:
    """Keep a revision of the article as it is in the database now."""
    article.refresh_from_db()
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        article=article, number=last + 1, version=article.version, author=author,
        comment=comment[:300], data=snapshot(article),
    )  # fmt: skip


@dataclass
class Change:
    field: str
    old: str
    new: str
    html: SafeString


def as_text(value: Any, field: str, html_fields: frozenset[str] = HTML_FIELDS) -> str:
    """A snapshot value as lines of text to diff; row keys starting with "_" are not shown."""
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "\n".join(
                " · ".join(str(v) for k, v in row.items() if v not in ("", None) and k[:1] != "_")
                for row in value
            )
        return ", ".join(str(v) for v in value)
    if field in html_fields:
        # Diff the text a reader sees, one paragraph a line.
        return "\n".join(
            plain_text(p) for p in str(value or "").replace("</p>", "</p>\n").splitlines()
        ).strip()
    return "" if value is None else str(value)


def inline_diff(old: str, new: str) -> SafeString:
    """Word-level diff as <del>/<ins>; every piece of user text is escaped."""
    a, b = old.split(" "), new.split(" ")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(out).replace("\n", "<br>"))  # noqa: S308 - parts escaped above


def diff(old: dict, new: dict) -> list[Change]:
    """What changed from one snapshot to another, field by field, in reading order."""
    changes = []
    keys = [*ARTICLE_FIELDS, "status", "tags", *BLOCK_FIELDS, "attachments"]
    for key in keys:
        a, b = as_text(old.get(key), key), as_text(new.get(key), key)
        if a != b:
            label = LABELS.get(key, key)
            changes.append(Change(label, a, b, inline_diff(a, b)))
    return changes


def current_changes_since(article: Article, version: int) -> list[Change]:
    """What others changed since the editor loaded `version` (for the conflict message)."""
    base = article.revisions.filter(version__lte=version).order_by("-number").first()
    return diff(base.data if base else {}, snapshot(article))


@transaction.atomic
def restore(revision: Revision, author=None) -> Revision:
    """Put the article back as it was in `revision`; that makes a new revision."""
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    data = revision.data
    for name in ARTICLE_FIELDS:
        value = data.get(name)
        if name == "added" and value:
            value = parse_datetime(value)
        elif name == "dateline_date" and value:
            value = parse_date(value)
        setattr(article, name, value)
    article.version = F("version") + 1
    article.save()
    article.refresh_from_db()
    article.tags.set(
        Tag.objects.filter(edition_id=article.edition_id, name__in=data.get("tags", []))
    )
    for block, (model, _fields) in BLOCK_FIELDS.items():
        model.objects.filter(article=article).delete()
        for row in data.get(block, []):
            values = dict(row)
            if model is Event and values.get("start"):
                values["start"] = parse_datetime(values["start"])
            model.objects.create(article=article, **values)
    new = save_revision(article, author, comment=f"Restored revision #{revision.number}")
    from vestnik.editorial import audit

    audit.record("revision.restore", actor=author, obj=article, details={"from": revision.number})
    return new
