"""Staff need a second factor on the admin: enrolment, verification, recovery codes, events."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.hashers import identify_hasher
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import current_code, let_throttle_expire, login_verified, totp_device
from vestnik.accounts.signals import security_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    seen: list[dict] = []

    def record(sender, **kwargs):
        seen.append(kwargs)

    security_event.connect(record, dispatch_uid="test-recorder")
    yield seen
    security_event.disconnect(dispatch_uid="test-recorder")


def _login(client, user, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": user.username, "password": password, "next": "/admin/"},
    )


def test_passwords_are_hashed_with_argon2(staff):
    assert identify_hasher(staff.password).algorithm == "argon2"


def test_staff_without_authenticator_is_sent_to_enrol(client, staff, password):
    response = _login(client, staff, password)
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/setup/")
    # Every admin page is closed, not only the index.
    assert client.get("/admin/auth/user/")["Location"].startswith("/admin/2fa/setup/")


def test_enrolment_shows_qr_code_and_gives_ten_recovery_codes(client, staff, password, events):
    _login(client, staff, password)
    page = client.get("/admin/2fa/setup/")
    html = page.content.decode()
    assert page.status_code == 200
    qr = BeautifulSoup(html, "html.parser").select_one(".vestnik-qr")
    assert qr is not None and qr.find("svg") is not None
    assert qr.find("script") is None and qr.find(style=True) is None
    device = TOTPDevice.objects.get(user=staff, confirmed=False)

    wrong = client.post("/admin/2fa/setup/", {"token": "000000"})
    assert wrong.status_code == 200
    assert "That code is not valid" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    too_soon = client.post("/admin/2fa/setup/", {"token": current_code(device)})
    assert "wait a few seconds" in too_soon.content.decode()
    let_throttle_expire(staff)

    done = client.post("/admin/2fa/setup/", {"token": current_code(device), "next": "/admin/"})
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=staff).count() == 10
    assert client.get("/admin/").status_code == 200
    assert [e["action"] for e in events] == ["2fa_enrolled"]
    assert events[0]["user"] == staff and events[0]["request"] is not None
    # the same event lands in the administrators' audit log, with who and from where
    from vestnik.editorial.models import AuditEntry

    entry = AuditEntry.objects.get(action="security.2fa_enrolled")
    assert entry.actor == staff and entry.ip == "127.0.0.1"


def test_enrolled_staff_must_verify_after_password(client, superuser, password):
    device = totp_device(superuser)
    _login(client, superuser, password)
    response = client.get("/admin/auth/user/")
    assert response["Location"] == "/admin/2fa/verify/?next=%2Fadmin%2Fauth%2Fuser%2F"
    bad = client.post("/admin/2fa/verify/", {"token": "123456", "next": "/admin/auth/user/"})
    assert bad.status_code == 400
    assert "That code is not valid" in bad.content.decode()
    let_throttle_expire(superuser)
    good = client.post(
        "/admin/2fa/verify/", {"token": current_code(device), "next": "/admin/auth/user/"}
    )
    assert good.status_code == 302 and good["Location"] == "/admin/auth/user/"
    assert client.get("/admin/auth/user/").status_code == 200


def test_verify_refuses_to_redirect_off_site(client, staff, password):
    device = totp_device(staff)
    _login(client, staff, password)
    response = client.post(
        "/admin/2fa/verify/", {"token": current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)", "\x00"]
)
def test_a_login_with_an_unsafe_next_goes_on_to_the_second_factor(
    client, superuser, password, unsafe
):
    totp_device(superuser)
    response = client.post(
        "/admin/login/", {"username": superuser.username, "password": password, "next": unsafe}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    step = client.get(response["Location"])
    assert step.status_code == 302 and step["Location"].startswith("/admin/2fa/verify/")
    assert client.get(step["Location"]).status_code == 200


def test_a_recovery_code_works_once_and_is_reported(client, staff, password, events):
    login_verified(client, staff)
    codes_page = client.post("/admin/2fa/recovery-codes/")
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", codes_page.content.decode())
    assert len(codes) == 10
    client.logout()

    _login(client, staff, password)
    response = client.post("/admin/2fa/verify/", {"token": codes[0].upper(), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert events[-1]["action"] == "recovery_code_used"
    assert events[-1]["details"] == {"codes_left": 9}
    client.logout()

    _login(client, staff, password)
    again = client.post("/admin/2fa/verify/", {"token": codes[0], "next": "/admin/"})
    assert again.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_password_alone_cannot_replace_the_authenticator(client, staff, password):
    totp_device(staff)
    _login(client, staff, password)
    response = client.get("/admin/2fa/setup/?replace=1")
    assert response["Location"].startswith("/admin/2fa/verify/")
    response = client.post("/admin/2fa/setup/", {"token": "123456"})
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_removing_a_device_in_the_admin_is_reported(client, superuser, staff, events):
    device = totp_device(staff)
    login_verified(client, superuser)
    url = f"/admin/otp_totp/totpdevice/{device.pk}/delete/"
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert [(e["action"], e["user"]) for e in events] == [("2fa_removed", staff)]


def test_two_factor_pages_need_a_staff_login(client, db):
    for url in ["/admin/2fa/setup/", "/admin/2fa/verify/", "/admin/2fa/recovery-codes/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_garbage_codes_get_a_form_error_not_a_500(client, staff, password):
    totp_device(staff)
    _login(client, staff, password)
    for token in ["", "x" * 10_000, "<script>alert(1)</script>", "\x00\x01", "１２３４５６"]:
        response = client.post("/admin/2fa/verify/", {"token": token})
        assert response.status_code == 400
        assert b"<script>alert(1)" not in response.content
        let_throttle_expire(staff)


def test_non_staff_are_not_asked_for_a_second_factor(client, db, password):
    from django.contrib.auth import get_user_model

    reader = get_user_model().objects.create_user("reader", password=password)
    client.force_login(reader)
    assert client.get("/en/").status_code in (200, 404)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")
