"""The audit trail: `record()` is the one way in; receivers log logins and role changes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.dispatch import receiver
from django.http import HttpRequest

from vestnik.accounts.clientip import client_ip
from vestnik.editorial.models import AuditEntry


def _clip(value: Any, limit: int) -> str:
    return str(value)[:limit]


def record(
    action: str,
    *,
    actor=None,
    obj: models.Model | None = None,
    request: HttpRequest | None = None,
    ip: str | None = None,
    details: dict | None = None,
) -> AuditEntry:
    """Append one entry to the audit log."""
    if request is None:
        from vestnik.editorial.middleware import current_request

        request = current_request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    entry = AuditEntry(
        action=_clip(action, 60),
        actor=actor,
        actor_name=_clip(actor.get_username(), 150) if actor is not None else "",
        ip=ip or client_ip(request),
        details=details or {},
    )
    if obj is not None:
        entry.object_type = obj._meta.label_lower
        entry.object_id = _clip(obj.pk, 64)
        entry.object_repr = _clip(obj, 300)
    entry.save()
    return entry


@receiver(user_logged_in)
def _logged_in(sender, request=None, user=None, **kwargs) -> None:
    record("login", actor=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request=None, user=None, **kwargs) -> None:
    record("logout", actor=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials=None, request=None, **kwargs) -> None:
    username = (credentials or {}).get(get_user_model().USERNAME_FIELD, "")
    record("login.failed", request=request, details={"username": _clip(username, 150)})


@receiver(models.signals.m2m_changed, sender=get_user_model().groups.through)
def _groups_changed(sender, instance, action, pk_set=None, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear"} or not isinstance(
        instance, get_user_model()
    ):
        return
    from django.contrib.auth.models import Group

    names = sorted(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    record("role.group", obj=instance, details={"change": action[5:], "groups": names})


@receiver(models.signals.post_save, sender="admin.LogEntry")
def _admin_change(sender, instance, created=False, raw=False, **kwargs) -> None:
    """Every add, change and delete made in the admin (settings, editions, users …)."""
    if not created or raw:
        return
    kind = {1: "add", 2: "change", 3: "delete"}.get(instance.action_flag, "other")
    record(
        f"admin.{kind}",
        actor=instance.user,
        details={
            "model": instance.content_type.model_class()._meta.label_lower
            if instance.content_type_id and instance.content_type.model_class()
            else "",
            "id": _clip(instance.object_id or "", 64),
            "object": _clip(instance.object_repr, 200),
            "message": _clip(instance.get_change_message(), 500),
        },
    )


def on_security_event(
    sender, *, action: str, user=None, request=None, details: dict | None = None, **kwargs
) -> None:
    """Receiver for vestnik.accounts.signals.security_event (2FA changes, lockouts …)."""
    record(f"security.{action}", actor=user, obj=user, request=request, details=details)
