"""Turn third-party events (axes lockouts, devices deleted in the admin) into security events."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from vestnik.accounts import signals


@receiver(user_locked_out, dispatch_uid="vestnik_accounts_lockout")
def _on_lockout(
    sender: Any, request: Any, username: str | None, ip_address: str, **kw: Any
) -> None:
    user = None
    if username:
        user = get_user_model()._default_manager.filter(username=username).first()
    signals.security_event.send(
        sender=sender,
        action=signals.LOCKOUT,
        user=user,
        request=request,
        details={"username": (username or "")[:150], "ip_address": ip_address},
    )


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="vestnik_accounts_totp_deleted")
def _on_totp_deleted(sender: Any, instance: TOTPDevice, **kw: Any) -> None:
    # Deletions done by services report themselves (with the request); this catches the rest,
    # e.g. an administrator deleting a device in the admin.
    if getattr(instance, "_vestnik_quiet", False) or not instance.confirmed:
        return
    signals.security_event.send(
        sender=TOTPDevice,
        action=signals.TWO_FACTOR_REMOVED,
        user=instance.user,
        request=None,
        details={"device": instance.persistent_id},
    )
