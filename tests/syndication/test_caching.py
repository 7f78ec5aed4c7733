"""HTTP caching: validators follow the content version; a conditional request costs one query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory
from vestnik.content import services as content
from vestnik.syndication import services

pytestmark = pytest.mark.django_db


def test_pages_carry_etag_last_modified_and_cdn_cache_control(client, site):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"].endswith("GMT")
    control = response["Cache-Control"]
    assert "public" in control and "max-age=60" in control and "s-maxage" in control


def test_if_none_match_gives_304_with_one_query(client, site):
    etag = client.get("/en/news/")["ETag"]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/en/news/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert len(ctx.captured_queries) == 1


def test_if_modified_since_gives_304(client, site):
    last_modified = client.get("/en/")["Last-Modified"]
    assert client.get("/en/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_publishing_changes_the_etag(client, site):
    etag = client.get("/en/")["ETag"]
    article = ArticleFactory(section=site["news"], status="draft", title="Brand new")
    content.publish_article(article)
    response = client.get("/en/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Brand new" in response.content.decode()


@pytest.mark.parametrize(
    "change",
    ["edit_title", "add_tag", "delete", "unpublish"],
)
def test_every_content_change_bumps_the_version(site, change):
    article = site["articles"][0]
    before = services.content_version().token
    if change == "edit_title":
        article.title = "Edited"
        article.save()
    elif change == "add_tag":
        article.tags.add(site["tag"].__class__.objects.create(edition=article.edition, slug="x"))
    elif change == "delete":
        article.contacts.all().delete()
        site["articles"][5].delete()
    else:
        content.unpublish_article(article)
    assert services.content_version().token != before


def test_scheduled_article_changes_the_version_when_it_appears(site):
    import datetime as dt

    from django.utils import timezone

    soon = timezone.now() + dt.timedelta(hours=1)
    ArticleFactory(section=site["news"], added=soon)
    version = services.content_version()
    state = services.ContentState.objects.get()
    assert state.next_change == soon
    # Pretend the hour has passed.
    services.ContentState.objects.update(next_change=timezone.now() - dt.timedelta(seconds=1))
    assert services.content_version().token != version.token


def test_errors_and_redirects_are_not_given_validators(client, site):
    missing = client.get("/en/no-such-page/")
    assert missing.status_code == 404
    assert not missing.has_header("ETag")
    moved = client.get("/en/news/?page=2")
    assert moved.status_code == 301
    assert not moved.has_header("ETag")


def test_admin_and_logged_in_readers_are_not_cached(client, admin_user, site):
    client.force_login(admin_user)
    response = client.get("/en/")
    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert client.get("/admin/login/").get("ETag") is None


def test_cache_backend_is_redis_when_redis_url_is_set(monkeypatch):
    import importlib

    from vestnik import settings as vestnik_settings

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/15")
    reloaded = importlib.reload(vestnik_settings)
    try:
        assert reloaded.CACHES["default"]["BACKEND"].endswith("RedisCache")
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(vestnik_settings)
    assert vestnik_settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_response_cache_works_on_redis(client, site, settings):
    """The Redis in CI (127.0.0.1:6379) holds feed responses; a publish makes them stale."""
    import uuid

    from tests import needs

    needs.server("redis", "127.0.0.1", 6379)

    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            # Unique per run: parallel runs share the server; entries expire by themselves.
            "KEY_PREFIX": f"vestnik-test-{uuid.uuid4().hex}",
        }
    }
    assert caches["default"].__class__.__name__ == "RedisCache"
    first = client.get("/robots.txt")
    second = client.get("/robots.txt")
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    content.publish_article(ArticleFactory(section=site["news"], status="draft"))
    assert client.get("/robots.txt")["X-Cache"] == "miss"
