"""Helpers for tests that need a staff member past the second factor."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import pyotp
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device(user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    return pyotp.TOTP(b32encode(device.bin_key).decode()).now()


def login_verified(client: Client, user: Any) -> TOTPDevice:
    """Log `client` in as `user` with a confirmed authenticator, as if the code was entered."""
    device = totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def let_throttle_expire(user: Any) -> None:
    """django-otp makes the user wait after a wrong code; pretend that wait is over."""
    import datetime as dt

    from django.utils import timezone
    from django_otp.plugins.otp_static.models import StaticDevice

    past = timezone.now() - dt.timedelta(hours=1)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=past)
