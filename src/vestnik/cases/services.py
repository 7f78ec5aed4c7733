"""Business rules of case files; views, admin, demo, search and tests call these."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from vestnik.cases.documents import check_document
from vestnik.cases.models import (
    Case,
    CaseArticle,
    CaseDocument,
    CaseTranslation,
    Court,
    Party,
    Subject,
    TimelineEvent,
)
from vestnik.content import services as content_services
from vestnik.content.models import Article, Edition, SiteNewsItem


@dataclass
class CaseText:
    edition: Edition
    title: str
    short_name: str = ""
    summary: str = ""


@dataclass
class PartyData:
    role: str
    name: str
    kind: str = Party.Kind.PERSON
    hide_name: bool = False
    translations: dict = field(default_factory=dict)


@dataclass
class CaseData:
    slug: str
    court: Court
    texts: Sequence[CaseText]
    number: str = ""
    status: str = Case.Status.PENDING
    filed: dt.date | None = None
    subjects: Sequence[Subject] = ()
    parties: Sequence[PartyData] = ()
    follows: Case | None = None


@transaction.atomic
def create_case(data: CaseData) -> Case:
    """Create a case with its text in each edition and its parties; all or nothing."""
    if not data.texts:
        raise ValidationError(_("A case needs a title in at least one edition."))
    case = Case(
        slug=data.slug, court=data.court, number=data.number.strip(), status=data.status,
        filed=data.filed, follows=data.follows,
    )  # fmt: skip
    case.full_clean()
    _check_number_free(case)
    case.save()
    case.subjects.set(data.subjects)
    for text in data.texts:
        translation_obj = CaseTranslation(
            case=case, edition=text.edition, title=text.title.strip(),
            short_name=text.short_name.strip(), summary=text.summary,
        )  # fmt: skip
        translation_obj.full_clean(exclude=["case"])
        translation_obj.save()
    for order, p in enumerate(data.parties):
        party = Party(
            case=case, role=p.role, kind=p.kind, name=p.name.strip(), hide_name=p.hide_name,
            name_translations=p.translations, order=order,
        )  # fmt: skip
        party.full_clean()
        party.save()
    check_hidden_names(case, [t.title for t in data.texts] + [t.summary for t in data.texts])
    return case


def check_hidden_names(case: Case, texts: Iterable[str], message: str = "") -> None:
    """Refuse public text that spells out the name of a party whose name is hidden."""
    names = [n.casefold() for n in hidden_names([case]) if len(n.strip()) >= 3]
    for text in texts:
        folded = " ".join((text or "").split()).casefold()
        if any(name in folded for name in names):
            raise ValidationError(
                message or _("The text names a party whose name is hidden; leave the name out.")
            )


HIDDEN_DOCUMENT = gettext_noop(
    "The document names a party whose name is hidden; upload an anonymised copy."
)


def _check_number_free(case: Case) -> None:
    if not case.number_key:
        return
    clash = Case.objects.filter(court_id=case.court_id, number_key=case.number_key)
    if case.pk:
        clash = clash.exclude(pk=case.pk)
    if clash.exists():
        raise ValidationError(
            {"number": _("This court already has a case numbered %(n)s.") % {"n": case.number}}
        )


@transaction.atomic
def add_event(
    case: Case,
    kind: str,
    date: dt.date,
    text: str,
    translations: dict | None = None,
    time: dt.time | None = None,
    time_zone: str = "Europe/Moscow",
    venue: str = "",
) -> TimelineEvent:
    event = TimelineEvent(
        case=case, kind=kind, date=date, text=text.strip(), text_translations=translations or {},
        time=time, time_zone=time_zone, venue=venue,
    )  # fmt: skip
    event.full_clean()
    check_hidden_names(case, [event.text, *map(str, event.text_translations.values())])
    event.save()
    return event


def add_document(
    case: Case,
    name: str,
    data: bytes,
    title: str,
    doc_type: str = CaseDocument.Type.OTHER,
    date: dt.date | None = None,
    language: str = "",
    official_id: str = "",
    event: TimelineEvent | None = None,
) -> CaseDocument:
    """Attach a document checked by its content; nothing is stored when it is bad."""
    checked = check_document(name, data)
    check_hidden_names(case, [title, checked.text], _(HIDDEN_DOCUMENT))
    if CaseDocument.objects.filter(case=case, sha256=checked.sha256).exists():
        raise ValidationError(_("This document is attached to the case already."))
    document = CaseDocument(
        case=case, event=event, title=title.strip(), doc_type=doc_type, date=date,
        language=language, official_id=official_id.strip(), original_name=checked.safe_name,
        file_format=checked.file_format, size=checked.size, sha256=checked.sha256,
        text=checked.text,
    )  # fmt: skip
    document.full_clean(exclude=["file"])
    document.file.save(checked.safe_name, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as exc:
        document.file.delete(save=False)
        raise ValidationError(_("This document is attached to the case already.")) from exc
    return document


def link_article(case: Case, article: Article) -> CaseArticle:
    """Put an article on a case's page; linking twice is an error, not a duplicate."""
    if CaseArticle.objects.filter(case=case, article=article).exists():
        raise ValidationError(_("The article is linked to this case already."))
    return CaseArticle.objects.create(case=case, article=article)


@transaction.atomic
def set_status(case: Case, status: str, when: dt.datetime | None = None) -> list[SiteNewsItem]:
    """Change a case's status and announce it in the site news of its editions."""
    if status not in Case.Status.values:
        raise ValidationError(_("Unknown case status “%(s)s”.") % {"s": status})
    if status == case.status:
        return []
    case.status = status
    case.status_changed = when or timezone.now()
    case.save(update_fields=["status", "status_changed", "updated"])
    return announce_status(case)


def announce_status(case: Case) -> list[SiteNewsItem]:
    if not case.is_public:
        return []
    items = []
    for text in case.translations.select_related("edition"):
        edition = text.edition
        with translation.override(edition.language):
            title = _("Case “%(case)s”: %(status)s") % {
                "case": text.title,
                "status": Case.Status(case.status).label,
            }
        items.append(
            content_services.add_site_news(
                edition,
                title=title,
                link_url=case.get_absolute_url(edition.code),
                added=case.status_changed,
            )  # fmt: skip
        )
    return items


# --- reads ---------------------------------------------------------------


def public_cases(edition: Edition) -> QuerySet[Case]:
    """Cases readers of an edition can see, with what the index shows."""
    return (
        Case.objects.filter(is_public=True, translations__edition=edition)
        .select_related("court")
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=CaseTranslation.objects.filter(edition=edition),
                to_attr="edition_texts",
            ),
            "subjects",
        )
        .order_by("-status_changed", "-id")
    )


def case_text(case: Case, edition: Edition) -> CaseTranslation | None:
    texts = getattr(case, "edition_texts", None)
    if texts is not None:
        return texts[0] if texts else None
    return case.translations.filter(edition=edition).first()


def public_parties(case: Case, code: str) -> list[dict]:
    """Parties as a reader sees them: a hidden name never leaves this function."""
    result = []
    for party in case.parties.all():
        name = party.public_name(code)
        result.append(
            {
                "role": party.get_role_display(),
                "role_key": party.role,
                "kind": party.kind,
                "name": name,
                "hidden": name is None,
            }
        )
    return result


@dataclass
class TimelineEntry:
    date: dt.date
    kind: str  # an event kind, or "article"
    label: str
    text: str
    event: TimelineEvent | None = None
    article: Article | None = None
    documents: list[CaseDocument] = field(default_factory=list)


def linked_articles(case: Case, edition: Edition) -> list[Article]:
    return list(
        Article.objects.published()
        .filter(edition=edition, case_links__case=case)
        .select_related("edition", "section")
        .order_by("added", "id")
    )


def timeline(case: Case, edition: Edition) -> list[TimelineEntry]:
    """Events and the edition's linked articles, oldest first."""
    code = edition.code
    entries = [
        TimelineEntry(
            date=event.date,
            kind=event.kind,
            label=event.get_kind_display(),
            text=event.text_in(code),
            event=event,
            documents=list(event.documents.all()),
        )
        for event in case.events.prefetch_related("documents")
    ]
    for article in linked_articles(case, edition):
        entries.append(
            TimelineEntry(
                date=timezone.localtime(article.added).date(),
                kind="article",
                label=_("Article"),
                text=article.title,
                article=article,
            )
        )
    order = {"article": 1}
    entries.sort(key=lambda e: (e.date, order.get(e.kind, 0)))
    return entries


def cases_of_article(article: Article) -> list[CaseTranslation]:
    """The cases an article belongs to, in the article's edition (one query)."""
    texts = CaseTranslation.objects.filter(
        edition_id=article.edition_id,
        case__is_public=True,
        case__article_links__article=article,
    ).select_related("case")
    # sorted here, not by the database, so every database and article_case_box agree
    return sorted(texts, key=lambda t: (t.title, t.case_id))


def article_case_box(article: Article, keys: list[tuple] | None) -> list[dict]:
    """ "This article is part of the case …" entries; `keys` from article_case_keys, or
    None to read them from the database."""
    if keys is None:
        entries = [
            (t.title, t.case_id, t.case.slug, t.case.status) for t in cases_of_article(article)
        ]
    else:
        entries = [
            (title, case_id, slug, status)
            for case_id, slug, status, titles in keys
            for edition_id, title in titles
            if edition_id == article.edition_id
        ]
    code = article.edition.code
    return [
        {
            "title": title,
            "url": f"/{code}/cases/{slug}/",
            "status": Case.Status(status).label,
            "status_key": status,
        }
        for title, _case_id, slug, status in sorted(entries)
    ]


def article_case_keys(article_ids: list[int]) -> dict[int, list[tuple]]:
    """What each article's "part of the case" box shows, for the static publisher (2 queries)."""
    links = list(
        CaseArticle.objects.filter(article_id__in=article_ids, case__is_public=True)
        .order_by("article_id", "case_id")
        .values_list("article_id", "case_id", "case__slug", "case__status")
    )
    titles: dict[int, list[tuple]] = defaultdict(list)
    for case_id, edition_id, title in (
        CaseTranslation.objects.filter(case_id__in={link[1] for link in links})
        .order_by("case_id", "edition_id")
        .values_list("case_id", "edition_id", "title")
    ):
        titles[case_id].append((edition_id, title))
    keys: dict[int, list[tuple]] = defaultdict(list)
    for article_id, case_id, slug, status in links:
        keys[article_id].append((case_id, slug, status, titles[case_id]))
    return dict(keys)


def find_by_number(query: str) -> QuerySet[Case]:
    from vestnik.cases.numbers import lookup_key

    key = lookup_key(query)
    return Case.objects.filter(number_key=key) if key else Case.objects.none()


# --- search hooks ----------------------------------------------------------


def searchable_text(case: Case) -> str:
    """Everything about a case a reader may search for; hidden names are left out."""
    parts: list[str] = []
    for text in case.translations.all():
        parts += [text.title, text.short_name, text.summary]
    parts += [case.number, case.number_key, case.court.name, *case.court.name_translations.values()]
    for subject in case.subjects.all():
        parts += [subject.name, *subject.name_translations.values()]
    for party in case.parties.all():
        if not party.hide_name:
            parts += [party.name, *party.name_translations.values()]
    for event in case.events.all():
        parts += [event.text, *event.text_translations.values()]
    for document in case.documents.all():
        parts += [document.title, document.official_id]
    return "\n".join(p for p in parts if isinstance(p, str) and p.strip())


def document_text(doc: CaseDocument) -> str:
    """A document's searchable text: title, identifier and the text extracted from the file.

    Names hidden after the upload are blanked out, so search snippets never show them.
    """
    text = "\n".join(p for p in (doc.title, doc.official_id, doc.text) if p)
    for name in hidden_names([doc.case]):
        if len(name.strip()) >= 3:
            pattern = r"\s+".join(re.escape(word) for word in name.split())
            text = re.sub(pattern, "[…]", text, flags=re.IGNORECASE)
    return text


def hidden_names(cases: Iterable[Case] | None = None) -> list[str]:
    """Every name that must never appear publicly (for tests and export checks)."""
    qs = Party.objects.filter(hide_name=True)
    if cases is not None:
        qs = qs.filter(case__in=list(cases))
    names: list[str] = []
    for party in qs:
        names += [party.name, *[v for v in party.name_translations.values() if isinstance(v, str)]]
    return [n for n in names if n.strip()]


# --- API -------------------------------------------------------------------


def case_data(case: Case, edition: Edition) -> dict:
    """A case as the JSON API shows it in one edition; hidden names are never included."""
    code = edition.code
    text = case.translations.filter(edition=edition).first()
    return {
        "slug": case.slug,
        "url": case.get_absolute_url(code),
        "title": text.title if text else "",
        "short_name": text.short_name if text else "",
        "court": {"slug": case.court.slug, "name": case.court.name_in(code),
                  "kind": case.court.kind},
        "number": case.number,
        "number_key": case.number_key,
        "status": case.status,
        "status_label": str(Case.Status(case.status).label),
        "status_changed": case.status_changed.isoformat(),
        "filed": case.filed.isoformat() if case.filed else None,
        "subjects": [{"slug": s.slug, "name": s.name_in(code)} for s in case.subjects.all()],
        "parties": [
            {"role": p["role_key"], "kind": p["kind"], "name": p["name"],
             "name_hidden": p["hidden"]}
            for p in public_parties(case, code)
        ],
        "timeline": [
            {"date": e.date.isoformat(), "kind": e.kind, "text": e.text,
             "url": e.article.get_absolute_url() if e.article else None}
            for e in timeline(case, edition)
        ],
        "documents": [
            {"title": d.title, "type": d.doc_type, "date": d.date.isoformat() if d.date else None,
             "language": d.language, "official_id": d.official_id, "format": d.file_format,
             "size": d.size, "sha256": d.sha256, "url": d.get_absolute_url(code)}
            for d in case.documents.all()
        ],
    }  # fmt: skip


def public_urls(edition: Edition) -> list[str]:
    """Every public case URL of an edition (static export, sitemaps, link checks)."""
    code = edition.code
    urls = [f"/{code}/cases/"]
    for case in Case.objects.filter(is_public=True, translations__edition=edition).prefetch_related(
        "documents", "events"
    ):
        base = case.get_absolute_url(code)
        urls += [base, f"{base}atom.xml"]
        urls += [
            f"{base}hearing-{e.pk}.ics"
            for e in case.events.all()
            if e.kind == TimelineEvent.Kind.HEARING
        ]
        urls += [d.get_absolute_url(code) for d in case.documents.all()]
    return urls
