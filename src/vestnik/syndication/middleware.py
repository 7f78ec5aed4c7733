"""HTTP caching of public responses: ETag, Last-Modified, 304, Cache-Control, response cache.

Validators come from the content version (one primary-key read), so a conditional request
is answered before any page is built.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from vestnik.accounts.clientip import client_ip
from vestnik.syndication import services

# First path segments that are never public content (or are per-user).
PRIVATE_PREFIXES = frozenset(
    {"admin", "static", "media", "editorial", "ops", "importers", "publishing", "accounts"}
)
# Machine-readable resources: also kept whole in the server-side cache.
CACHED_PREFIXES = ("/api/", "/sitemap", "/robots.txt", "/news-sitemap")
SESSION_COOKIE = "sessionid"


def _is_public(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or SESSION_COOKIE in request.COOKIES:
        return False
    first = request.path_info.lstrip("/").split("/", 1)[0]
    return bool(first) and first not in PRIVATE_PREFIXES and len(first) <= 64


def _is_cached_kind(request: HttpRequest) -> bool:
    path = request.path_info
    return path.startswith(CACHED_PREFIXES) or "/feeds/" in path


def json_error(status: int, code: str, message: str) -> HttpResponse:
    body = {"error": {"status": status, "code": code, "message": message, "details": None}}
    return HttpResponse(json.dumps(body), status=status, content_type="application/json")


def too_many_requests(retry_after: int) -> HttpResponse:
    response = json_error(429, "rate_limited", f"Too many requests; retry after {retry_after} s.")
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def as_json_error(response: HttpResponse) -> HttpResponse:
    """API clients get JSON errors even from layers outside the API (404 of odd paths, 405)."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    reason = response.reason_phrase or "Error"
    replaced = json_error(response.status_code, reason.lower().replace(" ", "_"), reason + ".")
    for header in ("Allow", "Retry-After"):
        if response.has_header(header):
            replaced[header] = response[header]
    return replaced


class ContentCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/api/"):
            return self.respond(request)
        if request.method != "OPTIONS":
            decision = services.check_rate(client_ip(request) or "unknown")
            if not decision.allowed:
                return too_many_requests(decision.retry_after)
        return as_json_error(self.respond(request))

    def respond(self, request: HttpRequest) -> HttpResponse:
        if not _is_public(request):
            return self.get_response(request)
        version = services.content_version()
        accept = request.headers.get("Accept", "") if request.path_info.startswith("/api/") else ""
        etag = services.make_etag(version, request.get_full_path(), accept)
        not_modified = get_conditional_response(request, etag=etag, last_modified=version.timestamp)
        if not_modified is not None:
            return self._finish(not_modified, etag, version)
        key = ""
        if _is_cached_kind(request):
            key = services.response_cache_key(version, request.get_full_path(), accept)
            hit = services.cached_body(key)
            if hit is not None:
                response = HttpResponse(
                    hit["content"], status=hit["status"], content_type=hit["content_type"]
                )
                response["X-Cache"] = "hit"
                return self._finish(response, etag, version)
        response = self.get_response(request)
        if response.status_code != 200 or not self._cacheable(response):
            return response
        if key and request.method == "GET" and not response.streaming:
            services.store_body(key, 200, response.content, response["Content-Type"])
            response["X-Cache"] = "miss"
        return self._finish(response, etag, version)

    @staticmethod
    def _cacheable(response: HttpResponse) -> bool:
        if response.cookies or response.has_header("Set-Cookie"):
            return False
        control = response.get("Cache-Control", "")
        return "private" not in control and "no-store" not in control

    @staticmethod
    def _finish(
        response: HttpResponse, etag: str, version: services.ContentVersion
    ) -> HttpResponse:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(version.timestamp)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = services.cache_control()
        patch_vary_headers(response, ["Accept-Encoding"])
        return response
