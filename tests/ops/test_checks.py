"""Each deployment check fires on the mistake it names and stays quiet otherwise."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.checks import run_checks

from vestnik.ops import services

GOOD_KEY = "k3J8-fQ2x_7Lp0ZvR9mW4sT1yB6nC5dE8gH2jK4lM7oP0qS3uV6xY9zA1bD4fG7h"


def vestnik_ids() -> set[str]:
    return {m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("vestnik.")}


@pytest.fixture
def production(settings, tmp_path, db):
    """A configuration that passes every vestnik check; tests break one thing each."""
    settings.DEBUG = False
    settings.SECRET_KEY = GOOD_KEY
    settings.ALLOWED_HOSTS = ["news.example.org"]
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.VESTNIK_HOME = tmp_path / "home"
    settings.VESTNIK_HOME.mkdir()
    settings.MEDIA_ROOT = settings.VESTNIK_HOME / "media"
    settings.VESTNIK_PUBLISH_DIR = str(tmp_path / "public")
    settings.VESTNIK_APP_SERVERS = 1
    settings.VESTNIK_WORKERS = 1
    settings.VESTNIK_BACKUP_MAX_AGE_DAYS = 2
    _mark_backup(dt.datetime.now(dt.UTC) - dt.timedelta(hours=3))
    return settings


def _mark_backup(when: dt.datetime) -> None:
    services.marker_path().write_text(json.dumps({"finished": when.isoformat()}))


def test_the_production_configuration_is_clean(production):
    assert vestnik_ids() == set()


def test_w001_sqlite_with_several_app_servers_or_workers(production):
    from django.db import connection

    production.VESTNIK_APP_SERVERS = 3
    expected = {"vestnik.W001"} if connection.vendor == "sqlite" else set()
    assert vestnik_ids() == expected
    production.VESTNIK_APP_SERVERS = 1
    production.VESTNIK_WORKERS = 2
    assert vestnik_ids() == expected


@pytest.mark.parametrize(
    "key",
    ["", "change-me", "django-insecure-" + "x" * 50, "short", "a" * 60, "REPLACE-ME-" + "b" * 50],
)
def test_w002_missing_default_or_weak_secret_key(production, key):
    production.SECRET_KEY = key
    assert "vestnik.W002" in vestnik_ids()


def test_w003_debug_on(production):
    production.DEBUG = True
    assert vestnik_ids() == {"vestnik.W003"}


@pytest.mark.parametrize("hosts", [[], ["*"], ["127.0.0.1", "localhost"]])
def test_w004_allowed_hosts_missing(production, hosts):
    production.ALLOWED_HOSTS = hosts
    assert vestnik_ids() == {"vestnik.W004"}


def test_w005_publish_dir_that_is_a_file(production, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    production.VESTNIK_PUBLISH_DIR = str(blocker)
    assert vestnik_ids() == {"vestnik.W005"}
    production.VESTNIK_PUBLISH_DIR = str(blocker / "public")
    assert vestnik_ids() == {"vestnik.W005"}


def test_w006_no_recent_backup(production):
    _mark_backup(dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    assert vestnik_ids() == {"vestnik.W006"}
    services.marker_path().unlink()
    assert vestnik_ids() == {"vestnik.W006"}
    services.marker_path().write_text("{not json")
    assert vestnik_ids() == {"vestnik.W006"}
    production.VESTNIK_BACKUP_MAX_AGE_DAYS = 0  # switched off
    assert vestnik_ids() == set()


def test_w006_is_satisfied_by_a_real_backup(production, db, tmp_path):
    services.marker_path().unlink()
    services.backup(tmp_path / "site.vbk")
    assert vestnik_ids() == set()


@pytest.mark.parametrize("setting", ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"])
def test_w007_https_settings_missing(production, setting):
    setattr(production, setting, False)
    assert vestnik_ids() == {"vestnik.W007"}


def test_w007_without_the_proxy_header(production):
    production.SECURE_PROXY_SSL_HEADER = None
    assert vestnik_ids() == {"vestnik.W007"}


def test_w008_media_folder_not_writable(production, tmp_path):
    blocker = tmp_path / "media-file"
    blocker.write_text("x")
    production.MEDIA_ROOT = blocker / "media"
    assert vestnik_ids() == {"vestnik.W008"}


def test_checks_are_deployment_only(settings):
    settings.DEBUG = True
    assert not {m.id for m in run_checks() if m.id.startswith("vestnik.")}


def test_w009_demo_accounts_exist(production, editions):
    from vestnik.demo import accounts

    accounts.ensure_demo_accounts()
    assert vestnik_ids() == {"vestnik.W009"}
    accounts.remove_demo_accounts()
    assert vestnik_ids() == set()
