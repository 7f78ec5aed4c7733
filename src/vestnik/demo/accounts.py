"""Demo accounts of `vestnik demo`: one per role, each with a second factor, printed once made.

They sign in exactly like real accounts (password, then a code from an authenticator or a
recovery code): nothing about two-factor authentication is relaxed. They are members of the
"demo accounts" group, so `vestnik check --deploy` can warn when a site still has them
(vestnik.W009) and `vestnik demo --remove-accounts` can disable them.
"""

from __future__ import annotations

import secrets
from base64 import b32encode
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vestnik.accounts.services import RECOVERY_NAME, TOTP_NAME
from vestnik.content.models import Edition
from vestnik.editorial import roles

GROUP = "demo accounts"
# username: (role, editions; None = every edition)
ACCOUNTS = {
    "demo-admin": ("administrator", None),
    "demo-editor": ("editor", None),
    "demo-contributor": ("contributor", ("en",)),
}
RECOVERY_CODES = 3


@dataclass
class DemoAccount:
    username: str
    role: str
    editions: list[str]
    password: str
    totp_secret: str  # base32, what an authenticator app is given
    otpauth_url: str  # the same as a QR code's content
    recovery_codes: list[str]


def existing() -> list[str]:
    """Usernames of the demo accounts on this site."""
    return sorted(
        get_user_model().objects.filter(groups__name=GROUP).values_list("username", flat=True)
    )


@transaction.atomic
def ensure_demo_accounts() -> list[DemoAccount]:
    """Make the demo accounts (or refresh their password and recovery codes); return them.

    The authenticator secret of an account already made is kept, so a phone that scanned it
    keeps working; passwords and recovery codes are new on every run, since only their
    hashes (passwords) are kept.
    """
    group, _ = Group.objects.get_or_create(name=GROUP)
    users = get_user_model().objects
    editions = {e.code: e for e in Edition.objects.order_by("code")}
    made = []
    for username, (role, codes) in ACCOUNTS.items():
        user = users.filter(username=username).first()
        if user is not None and not user.groups.filter(pk=group.pk).exists():
            continue  # a real account with that name: never touch it
        password = secrets.token_urlsafe(12)
        if user is None:
            user = users.create_user(username, f"{username}@example.org", password)
            user.groups.add(group)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        in_editions = list(editions) if codes is None else [c for c in codes if c in editions]
        if role == "administrator":
            roles.make_administrator(user)
        else:
            for code in in_editions:
                roles.grant_role(user, editions[code], role)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True)
        recovery, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
        )
        recovery.token_set.all().delete()
        tokens = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=recovery, token=t) for t in tokens)
        made.append(
            DemoAccount(
                username=username,
                role=role,
                editions=in_editions if role != "administrator" else [],
                password=password,
                totp_secret=b32encode(device.bin_key).decode("ascii").rstrip("="),
                otpauth_url=device.config_url,
                recovery_codes=tokens,
            )
        )
    return made


@transaction.atomic
def remove_demo_accounts() -> list[str]:
    """Disable the demo accounts for good; return their usernames.

    The rows stay (the audit log keeps pointing at them) without a password, second factor,
    role or staff access, and outside the demo group.
    """
    names = existing()
    for user in get_user_model().objects.filter(groups__name=GROUP):
        user.set_unusable_password()
        user.is_active = user.is_staff = user.is_superuser = False
        user.save()
        user.groups.clear()
        for edition in Edition.objects.filter(roles__user=user):
            roles.revoke_role(user, edition)
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    Group.objects.filter(name=GROUP).delete()
    return names


def sign_in_text(accounts: list[DemoAccount], base_url: str) -> str:
    """What `vestnik demo` prints: how to reach the back office with each account."""
    lines = [
        f"Back office: {base_url}/admin/  (demo accounts: `vestnik demo --remove-accounts`",
        "disables them; `vestnik check --deploy` warns while they exist)",
        "Sign in with the username and password, then give the second factor: the 6-digit",
        "code of an authenticator app (scan the QR code or type the secret), or one of the",
        "one-time recovery codes. Passwords and recovery codes are new on every run.",
    ]
    for account in accounts:
        where = f" in {', '.join(account.editions)}" if account.editions else ""
        lines += [
            "",
            f"  {account.role}{where}",
            f"    username         {account.username}",
            f"    password         {account.password}",
            f"    authenticator    {account.totp_secret}",
            f"    recovery codes   {'  '.join(account.recovery_codes)}",
        ]
    return "\n".join(lines) + "\n"
