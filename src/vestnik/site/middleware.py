"""Find the edition named by the first path segment and speak its language."""

from __future__ import annotations

import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.encoding import iri_to_uri

from vestnik.content.models import Edition

NON_EDITION_PREFIXES = frozenset({"admin", "static", "media", "api", "favicon.ico"})
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def has_control_chars(path: str) -> bool:
    """NUL and other control characters never belong in a path (PostgreSQL rejects NUL)."""
    return bool(CONTROL_CHARS.search(path))


class EditionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.edition = None
        request.editions = []
        first = request.path_info.lstrip("/").split("/", 1)[0]
        if first and first not in NON_EDITION_PREFIXES and len(first) <= 10:
            # All editions in one query: the language switcher needs the others anyway.
            request.editions = list(Edition.objects.all())
            request.edition = next((e for e in request.editions if e.code == first), None)
        if request.edition is not None:
            translation.activate(request.edition.language)
            request.LANGUAGE_CODE = request.edition.language
        if has_control_chars(request.path_info):
            raise Http404("No such page")
        response = self.get_response(request)
        if request.edition is not None:
            response.headers.setdefault("Content-Language", request.edition.language)
        else:
            patch_vary_headers(response, ["Accept-Language"])
        translation.deactivate()
        return response


class RedirectFallbackMiddleware:
    """On a 404, send the reader on if the path is a known old address (301)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        full_path = request.get_full_path()
        if response.status_code != 404 or len(full_path) > 1000 or has_control_chars(full_path):
            return response
        from vestnik.content.models import Redirect

        candidates = [request.get_full_path(), request.path]
        redirect = (
            Redirect.objects.filter(old_path__in=candidates)
            .select_related("article__edition", "article__section")
            .first()
        )
        target = redirect.target if redirect is not None else ""
        if target and target not in candidates:
            return HttpResponsePermanentRedirect(iri_to_uri(target))
        return response
