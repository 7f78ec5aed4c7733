"""Sitemaps and robots.txt; thin wrappers around django.contrib.sitemaps."""

from __future__ import annotations

import re

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpRequest, HttpResponse

from vestnik.syndication.sitemaps import NewsSitemap, sitemaps_for_index

MAX_SITEMAP_PAGE = 100_000


def _all_sitemaps() -> dict:
    sitemaps = sitemaps_for_index()
    sitemaps["news"] = NewsSitemap()
    return sitemaps


PAGE_QUERY = re.compile(r"^(?P<base>.+)\.xml\?p=(?P<page>[0-9]+)$")


def sitemap_index(request: HttpRequest) -> HttpResponse:
    response = sitemap_views.index(
        request, _all_sitemaps(), sitemap_url_name="syndication:sitemap_section"
    )
    # Later pages as file names (sitemap-en-articles-p2.xml), not ?p=2: a static copy of
    # the site can serve a file, not a query string.
    context = getattr(response, "context_data", None) or {}
    for item in context.get("sitemaps", []):
        match = PAGE_QUERY.match(item.location)
        if match:
            item.location = f"{match['base']}-p{match['page']}.xml"
    return response


def sitemap_page(request: HttpRequest, section: str, page: str) -> HttpResponse:
    """Page 2, 3 … of a sitemap, at a path of its own (page 1 is sitemap-<section>.xml)."""
    if int(page) < 2 or page.startswith("0"):
        raise Http404("No such sitemap page")
    query = request.GET.copy()
    query["p"] = str(page)
    request.GET = query  # type: ignore[assignment]
    return sitemap_section(request, section)


def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    page = request.GET.get("p", "1")
    if not (page.isascii() and page.isdigit()) or not 1 <= int(page) <= MAX_SITEMAP_PAGE:
        raise Http404("No such sitemap page")
    sitemaps = sitemaps_for_index()
    if section not in sitemaps:
        raise Http404("No such sitemap")
    return sitemap_views.sitemap(request, sitemaps, section=section)


def news_sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(
        request,
        {"news": NewsSitemap()},
        section="news",
        template_name="vestnik_syndication/news_sitemap.xml",
    )


def robots_txt(request: HttpRequest) -> HttpResponse:
    root = request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        "",
        f"Sitemap: {root}/sitemap.xml",
        f"Sitemap: {root}/sitemap-news.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
