"""Account-security tests run with the real settings: lockout on, second factor required."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _account_security(settings):
    settings.AXES_ENABLED = True
    settings.VESTNIK_REQUIRE_2FA = True


@pytest.fixture
def password():
    return "correct horse battery staple 42"


@pytest.fixture
def staff(db, password):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        "editor", "editor@example.org", password, is_staff=True
    )


@pytest.fixture
def superuser(db, password):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("boss", "boss@example.org", password)
