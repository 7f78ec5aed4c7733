"""Editorial views outside the admin: the signed preview of a draft."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from vestnik.content.models import Edition
from vestnik.editorial.preview import article_from_token
from vestnik.site import queries
from vestnik.site import views as site_views


def preview(request: HttpRequest, token: str) -> HttpResponse:
    article = article_from_token(token)
    if article is None:
        raise Http404("This preview link is invalid or has expired.")
    tree = queries.SectionTree.load(article.edition)
    section = tree.by_id.get(article.section_id)
    if section is None:
        raise Http404("No such section")
    article.section = section
    queries.load_blocks(article)
    request.edition = article.edition  # type: ignore[attr-defined]
    request.editions = list(Edition.objects.all())  # type: ignore[attr-defined]
    with translation.override(article.edition.language):
        response = site_views.article_page(request, tree, article)
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    response.headers["Cache-Control"] += ", private"
    return response
