"""WordPress's query-string addresses (/?p=123, /?page_id=7) → the imported content (301)."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect
from django.utils.encoding import iri_to_uri

from vestnik.content.models import Redirect

QUERY_KEYS = ("p", "page_id", "attachment_id")
ROOTS = frozenset({"/", "/index.php"})


class WordPressQueryRedirectMiddleware:
    """`/?p=N` is the site root to Django, which answers it itself; catch it before that."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in ROOTS and request.GET:
            for key in QUERY_KEYS:
                value = request.GET.get(key, "")
                if value.isascii() and value.isdigit() and len(value) < 20:
                    redirect = (
                        Redirect.objects.filter(old_path=f"/?{key}={int(value)}")
                        .select_related("article__edition", "article__section")
                        .first()
                    )
                    if redirect is not None and redirect.target:
                        return HttpResponsePermanentRedirect(iri_to_uri(redirect.target))
        return self.get_response(request)
