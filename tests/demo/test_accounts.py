"""`vestnik demo` makes one account per role; each signs in with its second factor, like any."""

from __future__ import annotations

import io
import re

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from vestnik.demo import accounts
from vestnik.editorial import roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _account_security(settings):
    """The production rules: lockout on, second factor required for staff."""
    settings.AXES_ENABLED = True
    settings.VESTNIK_REQUIRE_2FA = True


def demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


def printed(text: str, username: str) -> dict[str, str]:
    """The password, authenticator secret and first recovery code printed for `username`."""
    block = text.split(f"username         {username}\n", 1)[1].split("\n\n", 1)[0]
    found = dict(re.findall(r"^ {4}(password|authenticator|recovery codes) +(\S+)", block, re.M))
    return {"password": found["password"], "secret": found["authenticator"],
            "recovery": found["recovery codes"]}  # fmt: skip


def sign_in(client, username: str, password: str, second_factor: str):
    client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    return client.post("/admin/2fa/verify/?next=/admin/", {"token": second_factor})


def test_each_role_signs_in_with_what_the_demo_printed(client):
    text = demo()
    assert "Back office: http://127.0.0.1:8000/admin/" in text
    for username in ("demo-admin", "demo-editor", "demo-contributor"):
        shown = printed(text, username)
        code = pyotp.TOTP(shown["secret"]).now()
        answer = sign_in(client, username, shown["password"], code)
        assert answer.status_code == 302 and answer["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
        client.logout()
    users = get_user_model().objects
    assert roles.is_administrator(users.get(username="demo-admin"))
    editor = users.get(username="demo-editor")
    assert set(roles.roles_of(editor).values()) == {"editor"} and len(roles.roles_of(editor)) == 2
    assert set(roles.roles_of(users.get(username="demo-contributor")).values()) == {"contributor"}


def test_a_recovery_code_works_once(client):
    shown = printed(demo(), "demo-editor")
    assert sign_in(client, "demo-editor", shown["password"], shown["recovery"])["Location"] == (
        "/admin/"
    )
    client.logout()
    again = sign_in(client, "demo-editor", shown["password"], shown["recovery"])
    assert again.status_code == 400
    assert client.get("/admin/").status_code == 302  # still not past the second factor


def test_the_password_alone_does_not_open_the_back_office(client):
    shown = printed(demo(), "demo-admin")
    client.post("/admin/login/", {"username": "demo-admin", "password": shown["password"]})
    answer = client.get("/admin/")
    assert answer.status_code == 302 and "/admin/2fa/verify/" in answer["Location"]
    wrong = client.post("/admin/2fa/verify/", {"token": "000000"})
    assert wrong.status_code == 400


def test_a_second_run_keeps_the_authenticator_and_renews_the_password(client):
    first = printed(demo(), "demo-contributor")
    second_text = demo()
    second = printed(second_text, "demo-contributor")
    assert "demo content not loaded again" in second_text
    assert second["secret"] == first["secret"] and second["password"] != first["password"]
    assert get_user_model().objects.filter(username__startswith="demo-").count() == 3
    old = sign_in(client, "demo-contributor", first["password"], pyotp.TOTP(first["secret"]).now())
    assert client.get("/admin/").status_code == 302, old


def test_no_demo_accounts_on_a_site_with_its_own_content(editions):
    from tests.factories import ArticleFactory

    ArticleFactory()
    text = demo()
    assert "No demo accounts" in text and "password" not in text
    assert accounts.existing() == []


def test_a_real_account_named_like_a_demo_one_is_left_alone():
    real = get_user_model().objects.create_user("demo-admin", password="a real one 123!")
    text = demo()
    real.refresh_from_db()
    assert real.check_password("a real one 123!") and not real.is_staff
    assert "demo-admin" not in text and "demo-editor" in text


def test_remove_accounts_deletes_them(client):
    shown = printed(demo(), "demo-editor")
    assert "demo-admin, demo-contributor, demo-editor" in demo("--remove-accounts")
    assert not get_user_model().objects.get(username="demo-editor").is_active
    assert accounts.existing() == []
    client.post("/admin/login/", {"username": "demo-editor", "password": shown["password"]})
    assert client.get("/admin/").status_code == 302


def test_on_a_terminal_each_account_gets_a_qr_code():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    for username in ("demo-admin", "demo-editor", "demo-contributor"):
        assert f"{username}: scan with an authenticator app" in text
    assert text.count("█") > 300  # three drawings made of block characters
