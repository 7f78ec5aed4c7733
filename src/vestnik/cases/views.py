"""Public case pages: index with filters, case page, document download, hearing .ics."""

from __future__ import annotations

import json
import mimetypes
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vestnik.cases import calendar, services
from vestnik.cases.models import Case, CaseDocument, Court, Subject, TimelineEvent
from vestnik.cases.numbers import lookup_key
from vestnik.content.models import Edition
from vestnik.site.views import _edition, _page_context

PER_PAGE = 20
MAX_FILTER = 100
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


class BadFilter(Exception):
    pass


def _filters(request: HttpRequest, edition: Edition) -> tuple[dict, dict]:
    """Read ?court=&status=&subject=&year=; BadFilter names what is wrong."""
    raw = {
        k: request.GET.get(k, "").strip() for k in ("court", "status", "subject", "year", "number")
    }
    if any(len(v) > MAX_FILTER for v in raw.values()):
        raise BadFilter(_("The filter is too long."))
    lookups: dict = {}
    if raw["court"]:
        court = Court.objects.filter(slug=raw["court"]).first()
        if court is None:
            raise BadFilter(_("There is no court “%(v)s”.") % {"v": raw["court"]})
        lookups["court"] = court
    if raw["status"]:
        if raw["status"] not in Case.Status.values:
            raise BadFilter(_("There is no case status “%(v)s”.") % {"v": raw["status"]})
        lookups["status"] = raw["status"]
    if raw["subject"]:
        subject = Subject.objects.filter(slug=raw["subject"]).first()
        if subject is None:
            raise BadFilter(_("There is no subject “%(v)s”.") % {"v": raw["subject"]})
        lookups["subjects"] = subject
    if raw["year"]:
        year = raw["year"]
        if not (year.isascii() and year.isdigit() and len(year) == 4 and 1950 <= int(year) <= 2200):
            raise BadFilter(_("“%(v)s” is not a year.") % {"v": year})
        lookups["filed__year"] = int(year)
    if raw["number"]:
        key = lookup_key(raw["number"])
        if not key:
            raise BadFilter(_("“%(v)s” is not a case number.") % {"v": raw["number"]})
        lookups["number_key"] = key
    return raw, lookups


def case_index(request: HttpRequest, edition: str) -> HttpResponse:
    ed = _edition(request, edition)
    context = _page_context(ed)
    used_courts = Court.objects.filter(cases__isnull=False).distinct()
    used_subjects = Subject.objects.filter(cases__isnull=False).distinct()
    context.update(
        title=_("Cases"),
        canonical=request.path,
        courts=[(c.slug, c.name_in(ed.code)) for c in used_courts],
        statuses=Case.Status.choices,
        subjects=[(s.slug, s.name_in(ed.code)) for s in used_subjects],
        years=sorted(
            {d.year for d in Case.objects.filter(is_public=True).dates("filed", "year")},
            reverse=True,
        ),
        alternates=[
            {"edition": e, "url": f"/{e.code}/cases/"}
            for e in getattr(request, "editions", []) if e.pk != ed.pk
        ],
    )  # fmt: skip
    try:
        chosen, lookups = _filters(request, ed)
    except BadFilter as exc:
        context.update(error=str(exc), chosen={}, page_obj=None)
        return render(request, "vestnik_cases/index.html", context, status=404)
    qs = services.public_cases(ed).filter(**lookups)
    paginator = Paginator(qs, PER_PAGE, allow_empty_first_page=True)
    raw_page = request.GET.get("page", "1")
    if (
        not (raw_page.isascii() and raw_page.isdigit())
        or not 1 <= int(raw_page) <= paginator.num_pages
    ):
        context.update(error=_("There is no such page."), chosen=chosen, page_obj=None)
        return render(request, "vestnik_cases/index.html", context, status=404)
    page_obj = paginator.page(int(raw_page))
    query = urlencode({k: v for k, v in chosen.items() if v})
    rows = []
    for case in page_obj.object_list:
        text = services.case_text(case, ed)
        rows.append({"case": case, "text": text, "court": case.court.name_in(ed.code),
                     "subjects": [s.name_in(ed.code) for s in case.subjects.all()]})  # fmt: skip
    context.update(
        chosen=chosen, page_obj=page_obj, rows=rows, query=query,
        prev_url=f"?{query}&page={page_obj.number - 1}" if page_obj.has_previous() else "",
        next_url=f"?{query}&page={page_obj.number + 1}" if page_obj.has_next() else "",
    )  # fmt: skip
    return render(request, "vestnik_cases/index.html", context)


def _public_case(ed: Edition, slug: str) -> tuple[Case, services.CaseTranslation]:
    case = Case.objects.filter(slug=slug, is_public=True).select_related("court").first()
    if case is None:
        raise Http404("No such case")
    text = case.translations.filter(edition=ed).first()
    if text is None:
        raise Http404("The case has no page in this edition")
    return case, text


def json_ld(data: dict) -> SafeString:
    """JSON for a <script> element: nothing in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


def case_page(request: HttpRequest, edition: str, slug: str) -> HttpResponse:
    ed = _edition(request, edition)
    case, text = _public_case(ed, slug)
    code = ed.code
    others = [
        {"edition": t.edition, "url": case.get_absolute_url(t.edition.code)}
        for t in case.translations.exclude(edition=ed).select_related("edition")
    ]
    parties = services.public_parties(case, code)
    entries = services.timeline(case, ed)
    documents = list(case.documents.all())
    subjects = [(s.slug, s.name_in(code)) for s in case.subjects.all()]
    context = _page_context(ed)
    context.update(
        case=case, text=text, title=text.title, court=case.court.name_in(code), subjects=subjects,
        parties=parties, entries=entries, documents=documents, alternates=others,
        canonical=case.get_absolute_url(code),
        feed_url=f"{case.get_absolute_url(code)}atom.xml",
        ld=json_ld(
            _structured_data(request, case, text, parties, entries, documents, subjects, code)
        ),
    )  # fmt: skip
    return render(request, "vestnik_cases/case.html", context)


def _structured_data(request, case, text, parties, entries, documents, subjects, code) -> dict:
    # schema.org has no LegalCase type; a case page is described as a CreativeWork about
    # the case, with the case number as identifier, documents as DigitalDocument and
    # hearings as Event. Hidden parties are left out entirely.
    base = request.build_absolute_uri("/").rstrip("/")
    data: dict = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": text.title,
        "alternateName": text.short_name or None,
        "url": base + case.get_absolute_url(code),
        "inLanguage": code,
        "dateModified": case.updated.isoformat(timespec="seconds"),
        "creativeWorkStatus": str(Case.Status(case.status).label),
        "about": {"@type": "Thing", "name": case.court.name_in(code)},
        "keywords": [name for _slug, name in subjects],
        "mentions": [
            {"@type": "Person" if p["kind"] == "person" else "Organization", "name": p["name"]}
            for p in parties if not p["hidden"]
        ],
        "hasPart": [
            {
                "@type": "DigitalDocument", "name": d.title,
                "url": base + d.get_absolute_url(code),
                "encodingFormat": CONTENT_TYPES.get(d.file_format, ""),
                "identifier": d.official_id or None,
                "dateCreated": d.date.isoformat() if d.date else None,
                "inLanguage": d.language or None,
                "sha256": d.sha256,
            }
            for d in documents
        ],
        "subjectOf": [
            {
                "@type": "Event", "name": e.text,
                "startDate": (e.event.start or e.date).isoformat(),
                "location": e.event.venue or None,
            }
            for e in entries if e.event is not None and e.kind == TimelineEvent.Kind.HEARING
        ],
    }  # fmt: skip
    if case.number:
        data["identifier"] = {"@type": "PropertyValue", "name": "case number", "value": case.number}
    if case.filed:
        data["dateCreated"] = case.filed.isoformat()
    return _drop_empty(data)


def _drop_empty(value):
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v not in (None, "", [])}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def document(request: HttpRequest, edition: str, pk: int, name: str) -> HttpResponseBase:
    ed = _edition(request, edition)
    doc = (
        CaseDocument.objects.filter(pk=pk, case__is_public=True, case__translations__edition=ed)
        .select_related("case")
        .first()
    )
    if doc is None:
        raise Http404("No such document")
    if name != doc.download_name:
        return HttpResponsePermanentRedirect(doc.get_absolute_url(ed.code))
    try:
        handle = doc.file.open("rb")
    except (OSError, ValueError) as exc:
        raise Http404("The file is missing") from exc
    content_type = CONTENT_TYPES.get(doc.file_format) or mimetypes.guess_type(name)[0]
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = f'inline; filename="{doc.download_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    # An uploaded file never runs script in the site's origin, whatever it contains.
    response["Content-Security-Policy"] = "sandbox"
    response["Digest"] = f"sha-256={doc.sha256}"
    return response


def hearing_ics(request: HttpRequest, edition: str, slug: str, pk: int) -> HttpResponse:
    ed = _edition(request, edition)
    case, text = _public_case(ed, slug)
    event = case.events.filter(pk=pk, kind=TimelineEvent.Kind.HEARING).first()
    if event is None:
        raise Http404("No such hearing")
    url = request.build_absolute_uri(case.get_absolute_url(ed.code))
    body = calendar.hearing_calendar(event, text, ed.code, url, request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{case.slug}-hearing-{event.pk}.ics"'
    return response
