"""Deployment checks (`vestnik check --deploy`), IDs vestnik.W001 …, never renumbered.

W001 SQLite behind more than one app server or worker
W002 secret key missing, a placeholder or weak
W003 DEBUG on
W004 ALLOWED_HOSTS empty, a wildcard or only the local defaults
W005 the publish directory (VESTNIK_PUBLISH_DIR) is not writable
W006 no backup in the last VESTNIK_BACKUP_MAX_AGE_DAYS days
W007 HTTPS settings missing (VESTNIK_HTTPS off)
W008 the media folder is not writable
W009 the demo accounts of `vestnik demo` exist (registered by vestnik/demo/checks.py)
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

# Placeholders found in examples (ours included): a site must not run with them.
PLACEHOLDER_KEYS = {"", "change-me", "changeme", "secret", "replace-me", "REPLACE-ME"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _writable_dir(path: Path) -> bool:
    """The folder exists and we can write to it, or it can be created."""
    while not path.exists():
        if path.parent == path:
            return False
        path = path.parent
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


@register(Tags.database, deploy=True)
def check_sqlite_scale(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    on_sqlite = any(connections[a].vendor == "sqlite" for a in connections)
    servers = settings.VESTNIK_APP_SERVERS
    workers = settings.VESTNIK_WORKERS
    if on_sqlite and (servers > 1 or workers > 1):
        return [
            Warning(
                f"SQLite with {servers} app servers and {workers} workers.",
                hint="SQLite serves one machine and one worker. Use PostgreSQL (DATABASE_URL) "
                "for several app servers or workers.",
                id="vestnik.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    try:
        key = settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django refuses to hand out an empty key
        key = ""
    if (
        key.strip() in PLACEHOLDER_KEYS
        or key.startswith("django-insecure-")
        or "replace" in key.lower()
        or len(key) < 50
        or len(set(key)) < 5
    ):
        return [
            Warning(
                "The secret key is missing, a placeholder or too weak.",
                hint="Set SECRET_KEY to 50+ random characters (python -c 'import secrets; "
                "print(secrets.token_urlsafe(50))'), or leave it unset and run `vestnik "
                "init`, which keeps a generated one in VESTNIK_HOME/secret_key.",
                id="vestnik.W002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_debug(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if settings.DEBUG:
        return [
            Warning(
                "DEBUG is on: error pages show settings and code to anyone.",
                hint="Unset VESTNIK_DEBUG.",
                id="vestnik.W003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    hosts = set(settings.ALLOWED_HOSTS)
    if not hosts or "*" in hosts or hosts <= LOCAL_HOSTS:
        return [
            Warning(
                "ALLOWED_HOSTS does not name the site's public host names.",
                hint="Set ALLOWED_HOSTS=news.example.org,www.news.example.org (no '*').",
                id="vestnik.W004",
            )
        ]
    return []


@register(deploy=True)
def check_publish_dir(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    value = settings.VESTNIK_PUBLISH_DIR
    if value and not _writable_dir(Path(value)):
        return [
            Warning(
                f"The publish directory {value} is not writable.",
                hint="Create it and give the user vestnik runs as write access "
                "(nginx only needs to read it).",
                id="vestnik.W005",
            )
        ]
    return []


@register(deploy=True)
def check_recent_backup(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    from vestnik.ops.services import last_backup, marker_path

    days = settings.VESTNIK_BACKUP_MAX_AGE_DAYS
    if days <= 0:
        return []
    when = last_backup()
    now = dt.datetime.now(dt.UTC)
    if when is None or now - when > dt.timedelta(days=days):
        seen = when.isoformat(timespec="minutes") if when else "never"
        return [
            Warning(
                f"No backup in the last {days} days (last: {seen}).",
                hint=f"Run `vestnik backup FILE` from a timer (see docs/production.md); it "
                f"records each backup in {marker_path()}.",
                id="vestnik.W006",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_https(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if not (
        settings.SESSION_COOKIE_SECURE
        and settings.CSRF_COOKIE_SECURE
        and settings.SECURE_PROXY_SSL_HEADER
    ):
        return [
            Warning(
                "HTTPS settings are missing: cookies may travel in clear text.",
                hint="Serve the site over TLS (nginx) and set VESTNIK_HTTPS=on.",
                id="vestnik.W007",
            )
        ]
    return []


@register(deploy=True)
def check_media_writable(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    media = Path(settings.MEDIA_ROOT)
    if not _writable_dir(media):
        return [
            Warning(
                f"The media folder {media} is not writable: uploads will fail.",
                hint="Give the user vestnik runs as write access to VESTNIK_HOME/media.",
                id="vestnik.W008",
            )
        ]
    return []
