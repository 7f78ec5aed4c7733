"""Login lockout per account and per address; session, cookie and CSP settings."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import ArticleFactory
from vestnik.accounts.signals import security_event

pytestmark = pytest.mark.django_db


def _attempt(client: Client, username: str, password: str, ip: str = "203.0.113.5"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


@pytest.fixture
def events():
    seen: list[dict] = []

    def record(sender, **kwargs):
        seen.append(kwargs)

    security_event.connect(record, dispatch_uid="test-lockout-recorder")
    yield seen
    security_event.disconnect(dispatch_uid="test-lockout-recorder")


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(staff, password, events):
    client = Client()
    for _ in range(4):
        response = _attempt(client, "editor", "wrong")
        assert response.status_code == 200  # the login form again, with an error
    fifth = _attempt(client, "editor", "wrong")
    assert fifth.status_code == 429
    assert "locked" in fifth.content.decode() and "15 minutes" in fifth.content.decode()
    assert fifth["Retry-After"] == "900"
    # Now even the right password is refused, from another address as well.
    right = _attempt(Client(), "editor", password, ip="198.51.100.7")
    assert right.status_code == 429
    assert "_auth_user_id" not in Client().session
    assert events and events[0]["action"] == "lockout"
    assert events[0]["user"] == staff
    assert events[0]["details"]["username"] == "editor"


def test_one_address_trying_many_accounts_is_locked(staff, password):
    client = Client()
    for n in range(5):
        response = _attempt(client, f"nobody{n}", "guess")
    assert response.status_code == 429
    # Another address can still sign in to the real account.
    ok = _attempt(Client(), "editor", password, ip="198.51.100.9")
    assert ok.status_code == 302


def test_a_successful_login_resets_the_count(staff, password):
    client = Client()
    for _ in range(4):
        _attempt(client, "editor", "wrong")
    assert _attempt(client, "editor", password).status_code == 302
    client.logout()
    for _ in range(4):
        assert _attempt(client, "editor", "wrong").status_code == 200


def test_hostile_login_input_gets_the_form_not_a_500(db):
    client = Client()
    for username in ["\x00admin", "a" * 100_000, "<script>alert(1)</script>", "' OR 1=1 --"]:
        response = _attempt(client, username, "x", ip="192.0.2.1")
        assert response.status_code in (200, 429)
        assert b"<script>alert(1)</script>" not in response.content


def test_session_and_cookie_settings():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_session_cookie_expires_after_eight_hours(client, staff, password):
    response = client.post("/admin/login/", {"username": "editor", "password": password})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 8 * 3600
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_public_pages_forbid_inline_script_and_style(client, en):
    article = ArticleFactory(section__edition=en)
    for url in ["/en/", article.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe" not in policy


def test_admin_pages_allow_only_same_origin_scripts(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_site_templates_have_no_inline_script_or_style():
    from pathlib import Path

    import vestnik

    root = Path(vestnik.__file__).parent
    offenders = []
    for template in root.glob("*/templates/**/*.html"):
        text = template.read_text()
        for needle in ("<script>", "<style", " style=", "javascript:", " onclick=", " onload="):
            if needle in text:
                offenders.append(f"{template.relative_to(root)}: {needle}")
    assert offenders == []
