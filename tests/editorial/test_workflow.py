"""Workflow rules, scheduled publishing, preview links and the audit log."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.editorial.conftest import PASSWORD, make_article
from vestnik.content.models import Article, SiteNewsItem
from vestnik.content.sanitize import clean_html
from vestnik.editorial import audit, scheduler, services
from vestnik.editorial.models import AuditEntry, WorkflowStep
from vestnik.editorial.preview import SALT, preview_url

S = Article.Status


def test_contributor_may_only_submit_and_only_own_drafts(newsroom):
    article = make_article(newsroom["section_en"], by=newsroom["contributor"])
    with pytest.raises(PermissionDenied):
        services.transition(article, "publish", user=newsroom["contributor"])
    with pytest.raises(PermissionDenied):
        services.transition(article, "submit", user=newsroom["other_contributor"])
    with pytest.raises(PermissionDenied):
        services.transition(article, "publish", user=newsroom["ru_editor"])
    services.transition(article, "submit", user=newsroom["contributor"])
    assert article.status == S.REVIEW
    with pytest.raises(PermissionDenied):
        services.transition(article, "submit", user=newsroom["contributor"])
    with pytest.raises(ValidationError):
        services.transition(article, "submit", user=newsroom["editor"])
    assert [s.action for s in WorkflowStep.objects.filter(article=article)] == ["submit"]


def test_unpublish_and_archive_take_the_article_off_the_site(client, newsroom):
    editor = newsroom["editor"]
    article = make_article(newsroom["section_en"], status=S.REVIEW)
    services.transition(article, "publish", user=editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert SiteNewsItem.objects.filter(article=article).count() == 1
    services.transition(article, "unpublish", user=editor)
    assert article.status == S.UNPUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 404
    assert not SiteNewsItem.objects.filter(article=article).exists()
    services.transition(article, "archive", user=editor)
    assert article.status == S.ARCHIVED
    assert client.get(article.get_absolute_url()).status_code == 404
    assert list(
        AuditEntry.objects.filter(action__startswith="workflow.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["workflow.publish", "workflow.unpublish", "workflow.archive"]


def test_scheduled_article_goes_live_once_when_due(client, newsroom):
    article = make_article(newsroom["section_en"], status=S.REVIEW)
    soon = timezone.now() + timedelta(minutes=5)
    services.transition(article, "schedule", user=newsroom["editor"], publish_at=soon)
    assert services.publish_due() == []
    assert client.get(article.get_absolute_url()).status_code == 404
    later = soon + timedelta(seconds=1)
    assert services.publish_due(now=later) == [article.pk]
    assert services.publish_due(now=later) == []
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert SiteNewsItem.objects.filter(article=article).count() == 1
    step = WorkflowStep.objects.get(article=article, action="publish_scheduled")
    assert step.actor is None


def test_scheduling_needs_a_future_time(newsroom):
    article = make_article(newsroom["section_en"], status=S.REVIEW)
    for when in (None, timezone.now() - timedelta(seconds=1)):
        with pytest.raises(ValidationError):
            services.transition(article, "schedule", user=newsroom["editor"], publish_at=when)
    article.refresh_from_db()
    assert article.status == S.REVIEW


@pytest.mark.django_db(transaction=True)
def test_the_embedded_scheduler_thread_publishes_without_anyone_acting(settings, editions):
    from tests.factories import SectionFactory

    settings.VESTNIK_SCHEDULER_INTERVAL = 0.05
    section = SectionFactory(edition=editions["en"])
    article = make_article(section, status=S.SCHEDULED, publish_at=timezone.now())
    stop = scheduler.start_thread()
    try:
        for _ in range(200):
            article.refresh_from_db()
            if article.status == S.PUBLISHED:
                break
            time.sleep(0.05)
    finally:
        stop.set()
    assert article.status == S.PUBLISHED
    assert threading.active_count() >= 1


def test_preview_link_shows_the_draft_and_only_with_a_valid_token(client, newsroom, settings):
    article = make_article(newsroom["section_en"], title="Secret draft")
    url = preview_url(article)
    response = client.get(url)
    assert response.status_code == 200
    assert "Secret draft" in response.content.decode()
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]
    assert client.get(article.get_absolute_url()).status_code == 404
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps({"article": article.pk}, salt=SALT, key="not-the-secret")
    for bad in [token[:-2] + "xx", forged, "garbage", "a" * 2000, "%00"]:
        assert client.get(f"/editorial/preview/{bad}/").status_code == 404
    settings.VESTNIK_PREVIEW_SECONDS = -1
    assert client.get(url).status_code == 404


def test_logins_logouts_and_failures_are_audited(client, newsroom):
    client.post(
        "/admin/login/?next=/admin/", {"username": "edna", "password": "wrong"},
        REMOTE_ADDR="203.0.113.9",
    )  # fmt: skip
    client.post(
        "/admin/login/?next=/admin/", {"username": "edna", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.10",
    )  # fmt: skip
    client.post("/admin/logout/", REMOTE_ADDR="203.0.113.10")
    entries = list(AuditEntry.objects.order_by("id").filter(action__startswith="log"))
    assert [(e.action, e.ip) for e in entries] == [
        ("login.failed", "203.0.113.9"),
        ("login", "203.0.113.10"),
        ("logout", "203.0.113.10"),
    ]
    assert entries[0].details == {"username": "edna"}
    assert entries[1].actor == newsroom["editor"]


def test_audit_log_is_append_only(newsroom):
    entry = audit.record("settings.change", actor=newsroom["admin"], details={"k": "v"})
    entry.action = "forged"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "settings.change"


def test_deleting_an_article_and_changing_roles_are_audited(client, newsroom):
    article = make_article(newsroom["section_en"], title="To delete")
    client.force_login(newsroom["editor"])
    response = client.post(f"/admin/content/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="delete")
    assert (entry.actor, entry.object_repr) == (newsroom["editor"], "To delete")
    assert AuditEntry.objects.filter(action="role.grant").count() >= 4


def test_stored_html_is_sanitised_and_external_links_get_rel():
    html = clean_html(
        '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">a</a>'
        '<a href="https://example.org/">b</a><img src="data:image/svg+xml,x" onerror="x()"></p>'
    )
    assert "script" not in html and "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html and "data:" not in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">b</a>' in html


def test_role_command_grants_and_revokes(newsroom):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from vestnik.editorial import roles
    from vestnik.editorial.models import EditionRole

    otto = newsroom["outsider"]
    call_command("role", "grant", "otto", "editor", "--edition", "ru", stdout=StringIO())
    assert EditionRole.objects.get(user=otto).role == "editor"
    call_command("role", "revoke", "otto", "editor", "--edition", "ru", stdout=StringIO())
    assert not EditionRole.objects.filter(user=otto).exists()
    call_command("role", "grant", "otto", "administrator", stdout=StringIO())
    otto.refresh_from_db()
    assert roles.is_administrator(otto)
    assert AuditEntry.objects.filter(action="role.group", object_id=str(otto.pk)).exists()
    for bad in (["grant", "nobody", "editor", "--edition", "en"], ["grant", "otto", "editor"]):
        with pytest.raises(CommandError):
            call_command("role", *bad, stdout=StringIO())


def test_admin_changes_such_as_settings_are_audited_with_the_actor(client, newsroom):
    client.force_login(newsroom["superuser"])
    en = newsroom["en"]
    response = client.post(
        f"/admin/content/edition/{en.pk}/change/",
        {"code": "en", "name": "English", "language": "en", "site_title": "New title",
         "tagline": "", "date_format": "d.m.Y", "order": 0},
        REMOTE_ADDR="198.51.100.7",
    )  # fmt: skip
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.change")
    assert entry.actor == newsroom["superuser"]
    assert entry.details["model"] == "content.edition"
    assert entry.ip == "198.51.100.7"
    assert "Site title" in entry.details["message"]


def test_back_office_pages_open_for_each_role(client, newsroom):
    make_article(newsroom["section_en"], by=newsroom["contributor"])
    for who in ("contributor", "editor", "admin", "superuser"):
        client.force_login(newsroom[who])
        for url in ["/admin/", "/admin/content/article/", "/admin/content/article/add/"]:
            assert client.get(url).status_code == 200, (who, url)
    client.force_login(newsroom["admin"])
    assert client.get("/admin/vestnik_editorial/editionrole/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200


def test_security_events_land_in_the_audit_log(newsroom, rf):
    from django.dispatch import Signal

    event = Signal()
    event.connect(audit.on_security_event)
    request = rf.post("/admin/", REMOTE_ADDR="192.0.2.5")
    request.user = newsroom["editor"]
    event.send(None, action="2fa_enrolled", user=newsroom["editor"], request=request, details={})
    entry = AuditEntry.objects.get(action="security.2fa_enrolled")
    assert (entry.actor, entry.ip, entry.object_repr) == (newsroom["editor"], "192.0.2.5", "edna")
