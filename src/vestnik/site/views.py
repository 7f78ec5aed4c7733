"""Public pages. Thin: find the objects (queries.py), paginate, render."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from vestnik.content.models import Edition, Page, Tag
from vestnik.content.services import default_edition, translations_of
from vestnik.site import queries

MAX_PATH = 600


def root(request: HttpRequest) -> HttpResponse:
    """`/`: send the reader to the edition of their browser's language."""
    editions = list(Edition.objects.all())
    if not editions:
        raise Http404("No edition yet")
    chosen = editions[0]
    by_lang = {e.language.lower(): e for e in editions}
    for lang, _q in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        lang = lang.lower()
        match = by_lang.get(lang) or by_lang.get(lang.split("-")[0])
        if match:
            chosen = match
            break
    response = HttpResponseRedirect(chosen.get_absolute_url())
    patch_vary_headers(response, ["Accept-Language"])
    return response


def _edition(request: HttpRequest, code: str) -> Edition:
    edition = getattr(request, "edition", None)
    if edition is None or edition.code != code:
        raise Http404("Unknown edition")
    return edition


def _page_context(edition: Edition, tree: queries.SectionTree | None = None) -> dict:
    """What every page shows: menu (sections, pages) and the site-news sidebar."""
    tree = tree or queries.SectionTree.load(edition)
    return {
        "edition": edition,
        "tree": tree,
        "sections": tree.top,
        "pages": queries.menu_pages(edition),
        "site_news": queries.sidebar(edition),
    }


def _other_editions(request: HttpRequest, edition: Edition) -> list[dict]:
    editions = getattr(request, "editions", None) or list(Edition.objects.all())
    return [{"edition": e, "url": e.get_absolute_url()} for e in editions if e.pk != edition.pk]


def _paginate(
    request: HttpRequest, qs: QuerySet, page: int | None, base_url: str
) -> PaginatorPage | HttpResponse:
    """A page of `qs` by clean URL (`…/page/2/`); `?page=N` moves there, junk is a 404."""
    paginator = Paginator(qs, queries.PER_PAGE, allow_empty_first_page=True)
    if "page" in request.GET:
        raw = request.GET["page"]
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= paginator.num_pages:
            raise Http404("Bad page number")
        page = int(raw)
        target = base_url if page == 1 else f"{base_url}page/{page}/"
        return HttpResponsePermanentRedirect(target)
    if page == 1:
        return HttpResponsePermanentRedirect(base_url)
    number = page or 1
    if number > paginator.num_pages:
        raise Http404("No such page")
    return paginator.page(number)


def _page_links(
    page_obj: PaginatorPage, base_url: str, tree: queries.SectionTree | None = None
) -> dict:
    if tree is not None:
        tree.attach(page_obj.object_list)

    def url(n: int) -> str:
        return base_url if n == 1 else f"{base_url}page/{n}/"

    return {
        "page_obj": page_obj,
        "prev_url": url(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_url": url(page_obj.next_page_number()) if page_obj.has_next() else "",
        "page_numbers": [
            {"n": n, "url": url(n), "current": n == page_obj.number}
            for n in page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2)
            if isinstance(n, int)
        ],
    }


def home(request: HttpRequest, edition: str) -> HttpResponse:
    ed = _edition(request, edition)
    context = _page_context(ed)
    context.update(
        blocks=queries.home_blocks(context["tree"]),
        alternates=_other_editions(request, ed),
        canonical=ed.get_absolute_url(),
        is_home=True,
    )
    return render(request, "vestnik_site/home.html", context)


def site_news(request: HttpRequest, edition: str, page: int | None = None) -> HttpResponse:
    ed = _edition(request, edition)
    base = f"/{ed.code}/site-news/"
    page_obj = _paginate(request, queries.site_news(ed), page, base)
    if isinstance(page_obj, HttpResponse):
        return page_obj
    context = _page_context(ed)
    context.update(_page_links(page_obj, base), title=_("News of site"), canonical=request.path)
    return render(request, "vestnik_site/site_news.html", context)


def tag(request: HttpRequest, edition: str, slug: str, page: int | None = None) -> HttpResponse:
    ed = _edition(request, edition)
    tag_obj = Tag.objects.filter(edition=ed, slug=slug).first()
    if tag_obj is None:
        raise Http404("No such tag")
    tag_obj.edition = ed
    base = tag_obj.get_absolute_url()
    page_obj = _paginate(request, queries.tag_articles(tag_obj), page, base)
    if isinstance(page_obj, HttpResponse):
        return page_obj
    context = _page_context(ed)
    context.update(
        _page_links(page_obj, base, context["tree"]),
        title=_("Tag: %(name)s") % {"name": tag_obj.name},
        tag=tag_obj,
        canonical=request.path,
    )
    return render(request, "vestnik_site/list.html", context)


def archive(
    request: HttpRequest, edition: str, year: int, month: int | None = None, page: int | None = None
) -> HttpResponse:
    ed = _edition(request, edition)
    if not 1990 <= year <= dt.date.today().year + 1:
        raise Http404("No archive for that year")
    base = f"/{ed.code}/archive/{year:04d}/" + (f"{month:02d}/" if month else "")
    page_obj = _paginate(request, queries.archive_articles(ed, year, month), page, base)
    if isinstance(page_obj, HttpResponse):
        return page_obj
    if not page_obj.object_list:
        raise Http404("Nothing in that period")
    context = _page_context(ed)
    period = dt.date(year, month or 1, 1)
    title = (
        _("Archive: %(period)s") % {"period": _month_year(period)}
        if month
        else _("Archive: %(year)s") % {"year": year}
    )
    context.update(
        _page_links(page_obj, base, context["tree"]), title=title, canonical=request.path
    )
    return render(request, "vestnik_site/list.html", context)


def _month_year(day: dt.date) -> str:
    from django.utils.dateformat import format as date_format

    return date_format(day, "F Y")


def resolve_path(request: HttpRequest, edition: str, rest: str) -> HttpResponse:
    """Everything under an edition that is not a fixed route: sections, articles, pages."""
    ed = _edition(request, edition)
    if len(rest) > MAX_PATH or "//" in rest:
        raise Http404("No such page")
    parts = [p for p in rest.strip("/").split("/") if p]
    if not parts:
        raise Http404("No such page")
    tree = queries.SectionTree.load(ed)
    # /<section-path>/page/<n>/
    if len(parts) >= 3 and parts[-2] == "page":
        number = parts[-1]
        if not (number.isascii() and number.isdigit()) or number[0] == "0" or len(number) > 6:
            raise Http404("Bad page number")
        section = tree.get("/".join(parts[:-2]))
        if section is not None:
            return section_page(request, tree, section, int(number))
        raise Http404("No such section")
    section = tree.get("/".join(parts))
    if section is not None:
        return section_page(request, tree, section, None)
    if len(parts) >= 2:
        article = queries.article_at(tree, "/".join(parts[:-1]), parts[-1])
        if article is not None:
            return article_page(request, tree, article)
    if len(parts) == 1:
        page_obj = Page.objects.filter(edition=ed, slug=parts[0]).first()
        if page_obj is not None:
            page_obj.edition = ed
            return plain_page(request, tree, page_obj)
    raise Http404("No such page")


def section_page(
    request: HttpRequest, tree: queries.SectionTree, section, page: int | None
) -> HttpResponse:
    ed = tree.edition
    base = section.get_absolute_url()
    page_obj = _paginate(request, queries.section_articles(tree, section), page, base)
    if isinstance(page_obj, HttpResponse):
        return page_obj
    context = _page_context(ed, tree)
    context.update(
        _page_links(page_obj, base, tree),
        section=section,
        title=section.title,
        breadcrumbs=tree.ancestors(section)[:-1],
        subsections=tree.children(section),
        canonical=request.path,
    )
    return render(request, "vestnik_site/section.html", context)


def article_page(request: HttpRequest, tree: queries.SectionTree, article) -> HttpResponse:
    ed = tree.edition
    translations = translations_of(article)
    alternates = [{"edition": t.edition, "url": t.get_absolute_url()} for t in translations]
    context = _page_context(ed, tree)
    context.update(
        article=article,
        title=article.title,
        breadcrumbs=tree.ancestors(article.section),
        translations=translations,
        alternates=alternates,
        canonical=article.get_absolute_url(),
    )
    return render(request, "vestnik_site/article.html", context)


def plain_page(request: HttpRequest, tree: queries.SectionTree, page_obj: Page) -> HttpResponse:
    context = _page_context(page_obj.edition, tree)
    context.update(page=page_obj, title=page_obj.title, canonical=page_obj.get_absolute_url())
    return render(request, "vestnik_site/page.html", context)


def _error_edition(request: HttpRequest) -> Edition | None:
    edition = getattr(request, "edition", None)
    if edition is not None:
        return edition
    try:
        return default_edition()
    except Exception:  # noqa: BLE001 - the database itself may be what failed
        return None


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    edition = _error_edition(request)
    context: dict = {"edition": edition, "title": None}
    if edition is not None:
        translation.activate(edition.language)
        context.update(_page_context(edition))
    context["title"] = _("Page not found")
    body = loader.render_to_string("vestnik_site/404.html", context, request)
    return HttpResponse(body, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Kept free of database queries: the database may be the thing that failed.
    edition = getattr(request, "edition", None)
    if edition is not None:
        translation.activate(edition.language)
    body = loader.render_to_string("vestnik_site/500.html", {"edition": edition})
    return HttpResponse(body, status=500)
