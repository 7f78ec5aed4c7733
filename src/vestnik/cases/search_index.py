"""Case files in the site search: one entry per case and per case document in each edition.

Entries are refreshed in the transaction of the change (signals below) and rebuilt by
`vestnik reindex` through the provider registered in `CasesConfig.ready()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from vestnik.search import registry, services

from .models import Case, CaseDocument, CaseTranslation, Party, TimelineEvent
from .services import document_text, searchable_text

CASE = "case"
DOCUMENT = "casedoc"


def _kind(base: str, code: str) -> str:
    # one kind per edition: a case has one entry per edition it has a text in
    return f"{base}:{code}"


def _at(day: dt.date | None, fallback: dt.datetime) -> dt.datetime:
    if day is None:
        return fallback
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _cases() -> QuerySet[Case]:
    return (
        Case.objects.filter(is_public=True)
        .select_related("court")
        .prefetch_related("translations__edition", "subjects", "parties", "events", "documents")
    )


def entries_for(case: Case) -> Iterator[registry.EntryData]:
    if not case.is_public:
        return
    text = searchable_text(case)
    for tr in case.translations.all():
        edition = tr.edition
        yield registry.EntryData(
            kind=_kind(CASE, edition.code),
            object_id=case.pk,
            edition_id=edition.pk,
            language=edition.language,
            url=case.get_absolute_url(edition.code),
            title=tr.title,
            subtitle=tr.short_name,
            text=text,
            extra_text=case.number,
            added=case.status_changed,
        )
        for doc in case.documents.all():
            yield registry.EntryData(
                kind=_kind(DOCUMENT, edition.code),
                object_id=doc.pk,
                edition_id=edition.pk,
                language=edition.language,
                url=doc.get_absolute_url(edition.code),
                title=doc.title,
                subtitle=tr.title,
                text=document_text(doc),
                extra_text=doc.official_id,
                added=_at(doc.date, doc.added),
            )


def all_entries() -> Iterator[registry.EntryData]:
    for case in _cases():
        yield from entries_for(case)


def _forget(case_id: int, doc_ids: Iterable[int]) -> None:
    from vestnik.content.models import Edition

    doc_ids = list(doc_ids)
    for code in Edition.objects.values_list("code", flat=True):
        services.remove_entries(_kind(CASE, code), [case_id])
        services.remove_entries(_kind(DOCUMENT, code), doc_ids)


def refresh(case_id: int) -> None:
    """Bring one case's entries (and its documents') up to date, in the caller's transaction."""
    case = _cases().filter(pk=case_id).first()
    doc_ids = CaseDocument.objects.filter(case_id=case_id).values_list("pk", flat=True)
    _forget(case_id, doc_ids)
    if case is not None:
        services.index_entries(entries_for(case))


def _on_change(sender, instance, **kwargs) -> None:
    case_id = instance.pk if isinstance(instance, Case) else instance.case_id
    if isinstance(instance, CaseDocument) and kwargs.get("signal") is post_delete:
        _forget(case_id, [instance.pk])
    if isinstance(instance, Case) and kwargs.get("signal") is post_delete:
        _forget(case_id, [])
        return
    if Case.objects.filter(pk=case_id).exists():
        refresh(case_id)


def connect() -> None:
    registry.register(CASE, all_entries)
    for model in (Case, CaseTranslation, Party, TimelineEvent, CaseDocument):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"cases-search-{model.__name__}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"cases-search-del-{model.__name__}"
        )
