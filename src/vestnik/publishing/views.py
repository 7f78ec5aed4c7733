"""The publishing key, served so readers and mirror operators can verify a tree."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from vestnik.publishing import signing


def public_key(request: HttpRequest) -> HttpResponse:
    return HttpResponse(signing.public_key_text(), content_type="text/plain; charset=utf-8")
