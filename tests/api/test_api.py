"""The read-only JSON API under /api/v1/."""

from __future__ import annotations

import pytest

from tests.factories import ArticleFactory, ContactFactory, EventFactory

pytestmark = pytest.mark.django_db


def get(client, url: str, status: int = 200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_openapi_schema_is_3_1(client):
    schema = get(client, "/api/v1/openapi.json")
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/articles" in schema["paths"]


def test_editions_and_section_tree(client, site):
    editions = get(client, "/api/v1/editions")
    assert [e["code"] for e in editions] == ["en", "ru"]
    assert editions[1]["site_title"] == "вестник"
    tree = get(client, "/api/v1/editions/en/sections")
    news = next(s for s in tree if s["slug"] == "news")
    assert [c["path"] for c in news["children"]] == ["news/regions"]
    assert news["url"] == "/en/news/"


def test_articles_are_paginated_by_cursor(client, site):
    seen, url = [], "/api/v1/articles?edition=en&limit=10"
    while True:
        page = get(client, url)
        seen += [a["id"] for a in page["items"]]
        if not page["next_cursor"]:
            break
        url = f"/api/v1/articles?edition=en&limit=10&cursor={page['next_cursor']}"
    assert len(seen) == len(set(seen)) == 25
    assert seen[0] == site["articles"][0].pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("edition=en&section=news", 25),
        ("edition=en&section=news/regions", 12),
        ("edition=en&tag=prisons", 1),
        ("edition=ru", 1),
    ],
)
def test_article_filters(client, site, query, expected):
    page = get(client, f"/api/v1/articles?limit=100&{query}")
    assert len(page["items"]) == expected


def test_date_range_and_updated_since(client, site):
    import datetime as dt

    from django.utils import timezone

    today = timezone.now().date()
    recent = get(
        client, f"/api/v1/articles?edition=en&limit=100&date_from={today - dt.timedelta(days=2)}"
    )
    assert 2 <= len(recent["items"]) <= 4
    cutoff = timezone.now().isoformat()  # after every article of the site was saved
    article = site["articles"][7]
    assert (
        get(client, f"/api/v1/articles?updated_since={cutoff.replace('+', '%2B')}")["items"] == []
    )
    article.title = "Corrected"
    article.save()
    changed = get(client, f"/api/v1/articles?updated_since={cutoff.replace('+', '%2B')}")
    assert [a["id"] for a in changed["items"]] == [article.pk]


def test_article_detail_has_blocks_and_translations(client, site):
    article = site["articles"][0]
    ContactFactory(article=article, phones="+7-900-000-0001 (mobile)\n+7-900-000-0002")
    EventFactory(article=article, title="Пресс-конференция")
    data = get(client, f"/api/v1/articles/{article.pk}")
    assert data["title"] == article.title
    assert data["contacts"][0]["phones"] == ["+7-900-000-0001 (mobile)", "+7-900-000-0002"]
    assert data["events"][0]["title"] == "Пресс-конференция"
    assert data["translations"] == [
        {
            "id": site["ru_article"].pk, "edition": "ru", "language": "ru",
            "title": "Свободу правозащитнику", "url": site["ru_article"].get_absolute_url(),
        }
    ]  # fmt: skip
    assert "<p>" in data["body"]


def test_site_news(client, site):
    page = get(client, "/api/v1/editions/en/site-news?limit=5")
    assert len(page["items"]) == 5 and page["next_cursor"]


def test_drafts_are_not_found(client, site):
    draft = ArticleFactory(section=site["news"], status="draft")
    body = get(client, f"/api/v1/articles/{draft.pk}", status=404)
    assert body["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/articles?colour=red", 400, "unknown_parameter"),
        ("/api/v1/articles?date_from=2024-13-45", 400, "bad_request"),
        ("/api/v1/articles?date_from=2024-05-02&date_to=2024-05-01", 400, "bad_filter"),
        ("/api/v1/articles?updated_since=yesterday", 400, "bad_request"),
        ("/api/v1/articles?limit=1000000", 400, "bad_request"),
        ("/api/v1/articles?limit=-1", 400, "bad_request"),
        ("/api/v1/articles?limit=" + "9" * 5000, 400, "bad_request"),
        ("/api/v1/articles?cursor=-1", 400, "bad_cursor"),
        ("/api/v1/articles?cursor=%00%ff", 400, "bad_cursor"),
        ("/api/v1/articles?cursor=" + "A" * 300, 400, "bad_request"),
        ("/api/v1/articles?section=news", 400, "bad_filter"),
        ("/api/v1/articles?edition=zz", 404, "not_found"),
        ("/api/v1/articles?edition=en&section=nope", 404, "not_found"),
        ("/api/v1/articles/0", 404, "not_found"),
        ("/api/v1/articles/99999999999999999999999", 404, "not_found"),
        ("/api/v1/articles/abc", 400, "bad_request"),
        ("/api/v1/editions/zz/sections", 404, "not_found"),
        ("/api/v1/nothing-here", 404, "not_found"),
        ("/api/v2/articles", 404, "not_found"),
    ],
)
def test_bad_input_gets_a_json_error(client, site, url, status, code):
    body = get(client, url, status=status)
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]


def test_cursor_that_was_tampered_with(client, site):
    import base64

    forged = base64.urlsafe_b64encode(b"2024-01-01T00:00:00+00:00|-5").decode().rstrip("=")
    assert (
        get(client, f"/api/v1/articles?cursor={forged}", status=400)["error"]["code"]
        == "bad_cursor"
    )


def test_wrong_accept_header_is_406(client, site):
    body = get(client, "/api/v1/articles", status=406, HTTP_ACCEPT="text/html")
    assert body["error"]["code"] == "not_acceptable"
    get(client, "/api/v1/articles", HTTP_ACCEPT="application/json;q=0.9, text/html")


def test_cors_allows_get_from_any_origin(client, site):
    response = client.get("/api/v1/editions", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/editions",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert not client.get("/en/", HTTP_ORIGIN="https://x.example").has_header(
        "Access-Control-Allow-Origin"
    )


def test_writes_are_refused_in_json(client, site):
    response = client.post("/api/v1/articles", {})
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405
    assert "GET" in response["Allow"]


def test_odd_paths_get_json_404(client, site):
    body = get(client, "/api/v1/editions/%07/sections", status=404)
    assert body["error"]["code"] == "not_found"


def test_rate_limit_answers_429_with_retry_after(client, site, settings):
    settings.VESTNIK_API_RATE = "3/min"
    for _ in range(3):
        get(client, "/api/v1/editions")
    body = get(client, "/api/v1/editions", status=429)
    assert body["error"]["code"] == "rate_limited"
    response = client.get("/api/v1/editions")
    assert 1 <= int(response["Retry-After"]) <= 61
    other = client.get("/api/v1/editions", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_api_responses_are_cached_and_conditional(client, site):
    first = client.get("/api/v1/articles?edition=en")
    assert first["X-Cache"] == "miss" and first.has_header("ETag")
    assert client.get("/api/v1/articles?edition=en")["X-Cache"] == "hit"
    again = client.get("/api/v1/articles?edition=en", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    from django.utils import timezone

    ArticleFactory(section=site["news"], title="Fresh", added=timezone.now())
    fresh = client.get("/api/v1/articles?edition=en", HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and fresh.json()["items"][0]["title"] == "Fresh"


def test_rate_limit_counts_the_forwarded_client_behind_a_proxy(client, site, settings):
    settings.VESTNIK_API_RATE = "2/min"
    settings.VESTNIK_CLIENT_IP_HEADER = "X-Forwarded-For"
    for _ in range(2):
        get(client, "/api/v1/editions", HTTP_X_FORWARDED_FOR="203.0.113.5")
    get(client, "/api/v1/editions", status=429, HTTP_X_FORWARDED_FOR="203.0.113.5")
    get(client, "/api/v1/editions", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.6")
