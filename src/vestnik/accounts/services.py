"""Account security rules: who needs a second factor, enrolment, verification, recovery codes."""

from __future__ import annotations

import re
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vestnik.accounts import signals

AnyUser = AbstractBaseUser | AnonymousUser

TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
_TOKEN_JUNK = re.compile(r"[\s-]+")


class TwoFactorError(ValueError):
    """A code was wrong or the step is not allowed; the message is shown to the user."""


def requires_two_factor(user: Any) -> bool:
    """Editors and administrators (every staff account) need a second factor by default."""
    return bool(
        settings.VESTNIK_REQUIRE_2FA
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_staff", False)
    )


def has_two_factor(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user: Any) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def pending_device(user: Any) -> TOTPDevice:
    """The not yet confirmed authenticator of an enrolment in progress (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an inline SVG QR code (no script, no style)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_inline(scale=4, title="Authenticator QR code"))


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for apps that cannot scan."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise_token(token: str) -> str:
    return _TOKEN_JUNK.sub("", token or "").lower()[:32]


def confirm_enrolment(request: HttpRequest, device: TOTPDevice, token: str) -> list[str]:
    """Confirm a pending authenticator with a code from it; returns fresh recovery codes."""
    user = request.user
    if device.user_id != user.pk or device.confirmed:
        raise TwoFactorError("This enrolment is no longer valid; start again.")
    if has_two_factor(user) and not is_verified(user):
        raise TwoFactorError("Verify with your current authenticator first.")
    token = normalise_token(token)
    _refuse_if_throttled([device])
    if not token.isdigit() or not device.verify_token(token):
        raise TwoFactorError("That code is not valid. Check the time on your phone and try again.")
    with transaction.atomic():
        for old in TOTPDevice.objects.filter(user=user, confirmed=True):
            old._vestnik_quiet = True  # replaced, not removed
            old.delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
    otp_login(request, device)
    request.session.cycle_key()
    signals.security_event.send(
        sender=TOTPDevice,
        action=signals.TWO_FACTOR_ENROLLED,
        user=user,
        request=request,
        details={"device": device.persistent_id},
    )
    return codes


def _refuse_if_throttled(devices: list[Any]) -> None:
    # django-otp doubles the wait after each wrong code; say so instead of "not valid".
    for device in devices:
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            raise TwoFactorError("Too many wrong codes: wait a few seconds before trying again.")


def _new_recovery_codes(user: Any) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.VESTNIK_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def regenerate_recovery_codes(request: HttpRequest) -> list[str]:
    """Replace the user's recovery codes (only after a verified sign-in)."""
    user = request.user
    if not is_verified(user):
        raise TwoFactorError("Verify with your authenticator first.")
    with transaction.atomic():
        codes = _new_recovery_codes(user)
    signals.security_event.send(
        sender=StaticDevice,
        action=signals.RECOVERY_CODES_REGENERATED,
        user=user,
        request=request,
        details={"count": len(codes)},
    )
    return codes


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_second_factor(request: HttpRequest, token: str) -> Device:
    """Check an authenticator code or a recovery code and mark the session as verified."""
    user = request.user
    token = normalise_token(token)
    if not token:
        raise TwoFactorError("Enter the code from your authenticator app or a recovery code.")
    device: Device | None = None
    _refuse_if_throttled(
        [
            *TOTPDevice.objects.filter(user=user, confirmed=True),
            *StaticDevice.objects.filter(user=user, confirmed=True),
        ]
    )
    if token.isdigit():
        for totp in TOTPDevice.objects.filter(user=user, confirmed=True):
            if totp.verify_token(token):
                device = totp
                break
    else:
        for static in StaticDevice.objects.filter(user=user, confirmed=True):
            if static.verify_token(token):
                device = static
                break
    if device is None:
        raise TwoFactorError("That code is not valid.")
    otp_login(request, device)
    request.session.cycle_key()
    if isinstance(device, StaticDevice):
        signals.security_event.send(
            sender=StaticDevice,
            action=signals.RECOVERY_CODE_USED,
            user=user,
            request=request,
            details={"codes_left": recovery_codes_left(user)},
        )
    return device


def remove_two_factor(user: Any, request: HttpRequest | None = None) -> int:
    """Remove every second factor of `user` (an administrator's reset, or the user's own)."""
    removed = 0
    with transaction.atomic():
        for device in [
            *TOTPDevice.objects.filter(user=user),
            *StaticDevice.objects.filter(user=user),
        ]:
            device._vestnik_quiet = True  # reported once below
            device.delete()
            removed += 1
    if removed:
        signals.security_event.send(
            sender=TOTPDevice,
            action=signals.TWO_FACTOR_REMOVED,
            user=user,
            request=request,
            details={"devices": removed},
        )
    return removed


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The username axes counts failures for: bounded and without NUL (hostile input)."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username", "")
    return str(raw).replace("\x00", "")[:150]
