"""The search page and its JSON twin. Thin: read the form, call services.search, render."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from vestnik.content.models import Edition, Section
from vestnik.search import services
from vestnik.site.views import _other_editions, _page_context


def _edition(request: HttpRequest, code: str) -> Edition:
    edition = getattr(request, "edition", None)
    if edition is None or edition.code != code:
        raise Http404("Unknown edition")
    return edition


def _date(raw: str, notes: list[str], label: str) -> dt.date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        notes.append(_("“%(label)s” is not a date like 2024-05-31; ignored.") % {"label": label})
        return None


def _int(raw: str, default: int) -> int:
    raw = raw.strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else default


def _run(request: HttpRequest, edition: Edition) -> tuple[services.SearchResults, dict]:
    get = request.GET
    notes: list[str] = []
    form = {
        "q": get.get("q", ""),
        "section": get.get("section", "")[:400],
        "tag": get.get("tag", "")[:100],
        "from": get.get("from", "")[:20],
        "to": get.get("to", "")[:20],
    }
    results = services.search(
        edition,
        form["q"],
        section=form["section"] or None,
        tag=form["tag"] or None,
        date_from=_date(form["from"], notes, _("From")),
        date_to=_date(form["to"], notes, _("To")),
        page=_int(get.get("page", ""), 1),
        per_page=_int(get.get("per_page", ""), 20),
    )
    results.notes += notes
    form["q"] = results.q
    return results, form


def search_page(request: HttpRequest, edition: str) -> HttpResponse:
    ed = _edition(request, edition)
    results, form = _run(request, ed)

    def url(n: int) -> str:
        params = request.GET.copy()
        params["page"] = str(n)
        return f"{request.path}?{params.urlencode()}"

    context = _page_context(ed)
    context.update(
        title=_("Search"),
        results=results,
        form=form,
        search_q=results.q,
        start=(results.page - 1) * results.per_page + 1,
        all_sections=Section.objects.filter(edition=ed).order_by("path"),
        alternates=_other_editions(request, ed),
        prev_url=url(results.page - 1) if results.has_previous else "",
        next_url=url(results.page + 1) if results.has_next else "",
    )
    response = render(request, "vestnik_search/search.html", context)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def search_json(request: HttpRequest, edition: str) -> JsonResponse:
    ed = _edition(request, edition)
    results, _form = _run(request, ed)
    return JsonResponse(results.as_dict(), json_dumps_params={"ensure_ascii": False})
