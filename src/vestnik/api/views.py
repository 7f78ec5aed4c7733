"""The read-only JSON API, version 1 (django-ninja: typed parameters, OpenAPI 3.1 for free)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from vestnik.api import schemas, services
from vestnik.api.services import ApiError, ArticleFilters

api = NinjaAPI(
    title="vestnik API",
    version="1",
    description=(
        "Read-only access to the published content of every edition. Lists are newest first "
        "and paginated by an opaque `cursor` (pass `next_cursor` back). Errors are JSON: "
        '`{"error": {"status", "code", "message", "details"}}`.'
    ),
    urls_namespace="api-v1",
    docs_url=None,
)

ERRORS: dict[int, type] = dict.fromkeys((400, 404, 406, 429), schemas.ErrorOut)
JSON_TYPES = ("application/json", "application/*", "*/*")


def error_response(
    request: HttpRequest, status: int, code: str, message: str, details: list | None = None
) -> HttpResponse:
    body = {"error": {"status": status, "code": code, "message": message, "details": details}}
    return api.create_response(request, body, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(request, exc.status, exc.code, exc.message)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    details = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return error_response(request, 400, "bad_request", "Invalid parameters.", details)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, exc.status_code, "error", str(exc))


def guard(request: HttpRequest, allowed: frozenset[str] = frozenset()) -> None:
    """Refuse what we cannot answer: other media types (406), unknown parameters (400)."""
    accept = request.headers.get("Accept", "")
    if accept.strip():
        ranges = [part.split(";", 1)[0].strip().lower() for part in accept.split(",")]
        if not any(r in JSON_TYPES for r in ranges):
            raise ApiError(406, "not_acceptable", "This API answers in application/json only.")
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ApiError(400, "unknown_parameter", f"Unknown parameters: {', '.join(unknown)}.")


Limit = Annotated[int, Query(ge=1, le=services.MAX_LIMIT, description="Items per page (1–100).")]
Cursor = Annotated[
    str | None, Query(max_length=200, description="`next_cursor` of the previous page.")
]


@api.get("/editions", response={200: list[schemas.EditionOut], **ERRORS}, tags=["editions"])
def list_editions(request: HttpRequest):
    """Every edition of the site (language versions)."""
    guard(request)
    from vestnik.content.models import Edition

    return [services.edition_out(e) for e in Edition.objects.all()]


@api.get(
    "/editions/{code}/sections",
    response={200: list[schemas.SectionOut], **ERRORS},
    tags=["editions"],
)
def list_sections(request: HttpRequest, code: str):
    """The edition's sections as a tree."""
    guard(request)
    return services.section_tree(services.edition_by_code(code))


ARTICLE_PARAMS = frozenset(
    {"edition", "section", "tag", "date_from", "date_to", "updated_since", "cursor", "limit"}
)


@api.get("/articles", response={200: schemas.ArticlePageOut, **ERRORS}, tags=["articles"])
def list_articles(
    request: HttpRequest,
    edition: Annotated[
        str | None, Query(max_length=10, description="Edition code, e.g. `en`.")
    ] = None,
    section: Annotated[
        str | None,
        Query(max_length=400, description="Section path (needs `edition`); subsections too."),
    ] = None,
    tag: Annotated[
        str | None, Query(max_length=100, description="Tag slug (needs `edition`).")
    ] = None,
    date_from: Annotated[
        dt.date | None, Query(description="Added on or after (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        dt.date | None, Query(description="Added on or before (YYYY-MM-DD).")
    ] = None,
    updated_since: Annotated[
        dt.datetime | None, Query(description="Changed at or after (ISO 8601).")
    ] = None,
    cursor: Cursor = None,
    limit: Limit = 20,
):
    """Published articles, newest added first."""
    guard(request, ARTICLE_PARAMS)
    filters = ArticleFilters(edition, section, tag, date_from, date_to, updated_since)
    rows, next_cursor = services.page_of(services.filtered_articles(filters), cursor, limit)
    return {"items": [services.article_summary(a) for a in rows], "next_cursor": next_cursor}


@api.get(
    "/articles/{article_id}",
    response={200: schemas.ArticleDetailOut, **ERRORS},
    tags=["articles"],
)
def get_article(request: HttpRequest, article_id: int):
    """One published article with its structured blocks and its translations."""
    guard(request)
    if not 1 <= article_id <= 2**63 - 1:
        raise ApiError(404, "not_found", f"No published article {article_id}.")
    return services.article_detail(article_id)


@api.get(
    "/editions/{code}/site-news",
    response={200: schemas.SiteNewsPageOut, **ERRORS},
    tags=["site news"],
)
def list_site_news(request: HttpRequest, code: str, cursor: Cursor = None, limit: Limit = 20):
    """What was added to the edition, newest first ("News of site")."""
    guard(request, frozenset({"cursor", "limit"}))
    edition = services.edition_by_code(code)
    rows, next_cursor = services.page_of(services.site_news_items(edition), cursor, limit)
    return {"items": [services.site_news_out(i) for i in rows], "next_cursor": next_cursor}


SEARCH_PARAMS = frozenset({"q", "section", "tag", "date_from", "date_to", "page", "per_page"})


@api.get(
    "/editions/{code}/search",
    response={200: schemas.SearchPageOut, **ERRORS},
    tags=["search"],
)
def search(
    request: HttpRequest,
    code: str,
    q: Annotated[
        str,
        Query(
            max_length=500,
            description='Words (Russian and English inflections match), `"phrases"`, '
            "`prefix*`, `-excluded`.",
        ),
    ],
    section: Annotated[
        str | None, Query(max_length=400, description="Section path; subsections too.")
    ] = None,
    tag: Annotated[str | None, Query(max_length=100, description="Tag slug.")] = None,
    date_from: Annotated[dt.date | None, Query(description="On or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[dt.date | None, Query(description="On or before (YYYY-MM-DD).")] = None,
    page: Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1.")] = 1,
    per_page: Annotated[int, Query(ge=1, le=services.MAX_LIMIT)] = 20,
):
    """Ranked full-text search of an edition: articles, case files and case documents."""
    from vestnik.search.services import search as run_search

    guard(request, SEARCH_PARAMS)
    edition = services.edition_by_code(code)
    found = run_search(
        edition,
        q,
        section=section,
        tag=tag,
        date_from=date_from,
        date_to=date_to,
        page=page,
        per_page=per_page,
    )
    return found.as_dict()


@api.get(
    "/editions/{code}/cases",
    response={200: list[schemas.CaseOut], **ERRORS},
    tags=["cases"],
)
def list_cases(request: HttpRequest, code: str):
    """The edition's public case files, with parties (hidden names are null), timeline and
    documents."""
    from vestnik.cases.services import case_data, public_cases

    guard(request)
    edition = services.edition_by_code(code)
    return [case_data(case, edition) for case in public_cases(edition)]


@api.get(
    "/editions/{code}/cases/{slug}",
    response={200: schemas.CaseOut, **ERRORS},
    tags=["cases"],
)
def get_case(request: HttpRequest, code: str, slug: str):
    """One public case file of the edition."""
    from vestnik.cases.services import case_data, public_cases

    guard(request)
    edition = services.edition_by_code(code)
    case = public_cases(edition).filter(slug=slug[:200]).first()
    if case is None:
        raise ApiError(404, "not_found", f"No public case {slug[:200]!r} in {edition.code}.")
    return case_data(case, edition)
