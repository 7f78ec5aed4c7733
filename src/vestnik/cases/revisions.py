"""Snapshots of a case with everything edited with it, readable diffs, and restoring one.

Documents are kept by metadata and checksum only: a restore puts back the metadata of the
documents that still exist and never deletes or brings back a file.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from vestnik.cases import services
from vestnik.cases.models import (
    Case,
    CaseArticle,
    CaseRevision,
    CaseTranslation,
    Court,
    Party,
    Subject,
    TimelineEvent,
)
from vestnik.cases.numbers import normalise_number
from vestnik.content.models import Article, Edition
from vestnik.editorial.revisions import Change, as_text, inline_diff

PARTY_FIELDS = ["role", "kind", "name", "name_translations", "hide_name", "order"]
EVENT_FIELDS = [
    "kind", "date", "time", "time_zone", "duration_minutes", "venue", "text", "text_translations",
]  # fmt: skip
DOCUMENT_FIELDS = ["title", "doc_type", "date", "language", "official_id"]
DOCUMENT_FILE_FIELDS = ["original_name", "file_format", "size", "sha256"]
TEXT_FIELDS = ["title", "short_name", "summary"]
CASE_FIELDS = ["slug", "court", "number", "status", "status_changed", "filed", "follows"]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | dict | list):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def snapshot(case: Case) -> dict:
    """Everything an editor can change in the case form, as JSON-ready data."""
    follows = case.follows.slug if case.follows_id and case.follows else None
    data: dict[str, Any] = {
        "slug": case.slug,
        "court": Court.objects.filter(pk=case.court_id).values_list("slug", flat=True).first(),
        "number": case.number,
        "status": case.status,
        # to the second, as the admin form keeps it
        "status_changed": case.status_changed.replace(microsecond=0).isoformat(),
        "filed": _plain(case.filed),
        "follows": follows,
        "is_public": case.is_public,
        "subjects": sorted(case.subjects.values_list("slug", flat=True)),
    }
    data["translations"] = [
        {"edition": t.edition.code, **{f: getattr(t, f) for f in TEXT_FIELDS}}
        for t in case.translations.select_related("edition")
    ]
    data["parties"] = [
        {"_id": p.pk, **{f: _plain(getattr(p, f)) for f in PARTY_FIELDS}}
        for p in case.parties.all()
    ]
    data["events"] = [
        {"_id": e.pk, **{f: _plain(getattr(e, f)) for f in EVENT_FIELDS}} for e in case.events.all()
    ]
    data["documents"] = [
        {
            "_id": d.pk,
            "_event": d.event_id,
            **{f: _plain(getattr(d, f)) for f in DOCUMENT_FIELDS + DOCUMENT_FILE_FIELDS},
        }
        for d in case.documents.all()
    ]
    data["articles"] = [
        {"_id": link.article_id, "title": link.article.title, "edition": link.article.edition.code}
        for link in case.article_links.select_related("article__edition").order_by("article_id")
    ]
    return data


def save_revision(case: Case, author=None, comment: str = "") -> CaseRevision:
    """Keep a revision of the case as it is in the database now."""
    case = Case.objects.get(pk=case.pk)
    last = case.revisions.aggregate(n=Max("number"))["n"] or 0
    return CaseRevision.objects.create(
        case=case, number=last + 1, author=author, comment=comment[:300], data=snapshot(case)
    )


# --- diff ------------------------------------------------------------------------------------


def _row_text(row: dict, fields: list[str]) -> str:
    parts = []
    for f in fields:
        value = row.get(f)
        if f == "hide_name":
            value = "name hidden" if value else ""
        elif isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in sorted(value.items()) if v)
        elif isinstance(value, bool):
            value = f if value else ""
        if value not in ("", None):
            parts.append(str(value))
    return " · ".join(parts)


def _lines(data: dict) -> dict[str, str]:
    """A snapshot as labelled texts, in reading order."""
    out: dict[str, str] = {}
    for name in [*CASE_FIELDS, "is_public"]:
        value = data.get(name)
        out[name.replace("_", " ")] = "" if value is None else str(value)
    out["subjects"] = ", ".join(data.get("subjects") or [])
    for text in data.get("translations") or []:
        code = text.get("edition", "?")
        for f in TEXT_FIELDS:
            out[f"{f.replace('_', ' ')} ({code})"] = as_text(text.get(f) or "", f)
    blocks = [
        ("parties", PARTY_FIELDS),
        ("events", EVENT_FIELDS),
        ("documents", DOCUMENT_FIELDS + DOCUMENT_FILE_FIELDS),
        ("articles", ["title", "edition"]),
    ]
    for block, fields in blocks:
        out[block] = "\n".join(_row_text(row, fields) for row in data.get(block) or [])
    return out


def diff(old: dict, new: dict) -> list[Change]:
    """What changed from one case snapshot to another, every piece of text escaped."""
    a, b = _lines(old), _lines(new)
    labels = list(a) + [k for k in b if k not in a]
    changes = []
    for label in labels:
        before, after = a.get(label, ""), b.get(label, "")
        if before != after:
            changes.append(Change(label, before, after, inline_diff(before, after)))
    return changes


# --- restore ---------------------------------------------------------------------------------


def _parse(field: str, value: Any) -> Any:
    if value in (None, ""):
        return value
    if field == "date":
        return parse_date(value)
    if field == "time":
        return parse_time(value)
    return value


def touched_editions(case: Case, revision: CaseRevision) -> set[str]:
    """Edition codes whose case text a restore of `revision` would add, change or remove."""
    now = {t["edition"]: t for t in snapshot(case)["translations"]}
    then = {t["edition"]: t for t in revision.data.get("translations", [])}
    return {code for code in now.keys() | then.keys() if now.get(code) != then.get(code)}


@transaction.atomic
def restore(revision: CaseRevision, author=None) -> CaseRevision:
    """Put the case back as it was in `revision`; that makes a new revision and an audit entry.

    Documents: the metadata of those that still exist comes back; no file is deleted, and a
    document removed since cannot come back this way. Raises ValidationError (and changes
    nothing) when the restored case would name a party whose name is hidden.
    """
    case = Case.objects.select_for_update().get(pk=revision.case_id)
    data = revision.data
    others = Case.objects.exclude(pk=case.pk)
    if data.get("slug") and not others.filter(slug=data["slug"]).exists():
        case.slug = data["slug"]  # unless another case has taken that address since
    court = Court.objects.filter(slug=data.get("court")).first()
    if court is not None:
        case.court = court
    number = data.get("number") or ""
    try:
        key = normalise_number(number) if number else ""
    except ValidationError:
        key = ""
    if not key or not others.filter(court_id=case.court_id, number_key=key).exists():
        case.number, case.number_key = number, key
    case.status = data.get("status") or case.status
    if data.get("status_changed"):
        case.status_changed = parse_datetime(data["status_changed"]) or case.status_changed
    case.filed = parse_date(data["filed"]) if data.get("filed") else None
    follows = data.get("follows")
    case.follows = (
        Case.objects.filter(slug=follows).exclude(pk=case.pk).first() if follows else None
    )
    case.is_public = bool(data.get("is_public", True))
    case.save()
    case.subjects.set(Subject.objects.filter(slug__in=data.get("subjects") or []))

    editions = {e.code: e for e in Edition.objects.all()}
    texts = {t["edition"]: t for t in data.get("translations") or [] if t["edition"] in editions}
    case.translations.exclude(edition__code__in=list(texts)).delete()
    for code, text in texts.items():
        CaseTranslation.objects.update_or_create(
            case=case, edition=editions[code], defaults={f: text.get(f, "") for f in TEXT_FIELDS}
        )

    case.parties.all().delete()
    for row in data.get("parties") or []:
        Party.objects.create(case=case, **{f: row[f] for f in PARTY_FIELDS if f in row})

    kept: dict[int, int] = {}  # event id in the revision → event id now
    existing = {e.pk: e for e in case.events.all()}
    for row in data.get("events") or []:
        values = {f: _parse(f, row[f]) for f in EVENT_FIELDS if f in row}
        event = existing.get(row.get("_id"))
        if event is None:
            event = TimelineEvent.objects.create(case=case, **values)
        else:
            for f, v in values.items():
                setattr(event, f, v)
            event.save()
        kept[row.get("_id") or 0] = event.pk
    case.events.exclude(pk__in=list(kept.values())).delete()

    documents = {d.pk: d for d in case.documents.all()}
    for row in data.get("documents") or []:
        document = documents.get(row.get("_id"))
        if document is None:
            continue
        for f in DOCUMENT_FIELDS:
            setattr(document, f, _parse(f, row.get(f)) if f in row else getattr(document, f))
        document.event_id = kept.get(row.get("_event") or 0)
        document.save()

    wanted = set(
        Article.objects.filter(
            pk__in=[row["_id"] for row in data.get("articles") or []]
        ).values_list("pk", flat=True)
    )
    case.article_links.exclude(article_id__in=wanted).delete()
    have = set(case.article_links.values_list("article_id", flat=True))
    CaseArticle.objects.bulk_create(
        [CaseArticle(case=case, article_id=pk) for pk in sorted(wanted - have)]
    )

    # Documents added since stay: none of the restored texts may name a now hidden party.
    kept_texts: list[Any] = []
    for t in case.translations.all():
        kept_texts += [t.title, t.short_name, t.summary]
    for e in case.events.all():
        kept_texts += [e.text, e.venue, *dict(e.text_translations or {}).values()]
    for d in case.documents.all():
        kept_texts += [d.title, d.official_id, d.text]
    services.check_hidden_names(case, [str(t) for t in kept_texts])

    new = save_revision(case, author, comment=f"Restored revision #{revision.number}")
    from vestnik.editorial import audit

    audit.record(
        "case.revision.restore", actor=author, obj=case,
        details={"from": revision.number, "to": new.number},
    )  # fmt: skip
    return new
