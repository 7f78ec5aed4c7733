"""Every setting vestnik reads from the environment, declared once: name, type, default, help.

settings.py calls `load()` once; the apps read the results as `settings.NAME` (every
`VESTNIK_*` entry becomes a Django setting of the same name). `vestnik settings` prints
them, masking secrets, and tests/test_settings.py fails when one is not documented.

To add a setting: append one `Setting(...)` to `SETTINGS` below, in its group; read it as
`settings.VESTNIK_X` (never with a default: the default lives here); add a row for it in
README.md or docs/.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ValueError("expected on/off (1, true, yes, on / 0, false, no, off)")


def _int(raw: str) -> int:
    try:
        return int(raw.strip().replace("_", ""))
    except ValueError:
        raise ValueError("expected a whole number") from None


def _float(raw: str) -> float:
    try:
        return float(raw.strip())
    except ValueError:
        raise ValueError("expected a number") from None


def _words(raw: str) -> list[str]:
    """Comma-separated words (host names ...), blanks dropped."""
    return [word.strip() for word in raw.split(",") if word.strip()]


def _optional_int(raw: str) -> int | None:
    return _int(raw) if raw.strip() else None


def _ints(raw: str) -> list[int]:
    return [_int(word) for word in _words(raw)]


def _editions(raw: str) -> list[tuple[str, str]]:
    """ "en:English,ru:Русский" as (code, name) pairs."""
    pairs = []
    for item in _words(raw):
        code, _, name = item.partition(":")
        if code.strip():
            pairs.append((code.strip(), (name or code).strip()))
    if not pairs:
        raise ValueError("expected code:Name pairs, e.g. en:English,ru:Русский")
    return pairs


def _path(raw: str) -> Path:
    return Path(raw).expanduser().resolve()


def _text(raw: str) -> str:
    return raw.strip()


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}")
        return value

    return parse


@dataclass(frozen=True)
class Setting:
    """One setting: the environment variable, how to read it, its default, one line of help."""

    name: str
    parse: Callable[[str], Any]
    default: str  # as it would be written in the environment
    help: str
    secret: bool = False  # `vestnik settings` masks it
    also: tuple[str, ...] = ()  # older names still read, after `name`

    def raw(self, environ: Mapping[str, str]) -> tuple[str, bool]:
        """The text from the environment (or the default) and whether it was set."""
        for key in (self.name, *self.also):
            if key in environ:
                return environ[key], True
        return self.default, False

    def read(self, environ: Mapping[str, str]) -> Any:
        raw, _ = self.raw(environ)
        try:
            return self.parse(raw)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{self.name}={raw!r}: {exc}.") from None


MIB = 1024 * 1024

# fmt: off
SETTINGS: list[Setting] = [
    # --- the site ---
    Setting("VESTNIK_HOME", _path, "var", "data folder: SQLite database, media/, keys/, the generated secret key"),
    Setting("DATABASE_URL", _text, "", "database, e.g. postgres://user@127.0.0.1:5432/vestnik; empty: SQLite in VESTNIK_HOME", secret=True),
    Setting("SECRET_KEY", _text, "", "Django secret key; empty: the one `vestnik init` (run by every command that changes the site) keeps in VESTNIK_HOME/secret_key", secret=True, also=("VESTNIK_SECRET_KEY",)),
    Setting("ALLOWED_HOSTS", _words, "127.0.0.1,localhost", "comma-separated host names the site answers to", also=("VESTNIK_ALLOWED_HOSTS",)),
    Setting("VESTNIK_EDITIONS", _editions, "en:English,ru:Русский", "editions created on first start, code:Name pairs"),
    Setting("VESTNIK_DEBUG", _bool, "off", "Django debug mode; never in production"),
    Setting("VESTNIK_TIME_ZONE", _text, "UTC", "time zone of dates shown on the site"),
    Setting("VESTNIK_LOG_LEVEL", _text, "WARNING", "level of the log on stderr (DEBUG, INFO, WARNING, ERROR)"),
    Setting("VESTNIK_TEST_DB_NAME", _text, "", "name of the PostgreSQL test database (parallel test runs)"),
    # --- HTTPS behind a proxy ---
    Setting("VESTNIK_HTTPS", _bool, "off", "the site is served over HTTPS: secure cookies, trust X-Forwarded-Proto, HSTS"),
    Setting("VESTNIK_SSL_REDIRECT", _bool, "on", "with VESTNIK_HTTPS: Django redirects plain HTTP to HTTPS"),
    Setting("VESTNIK_HSTS_SECONDS", _int, "31536000", "with VESTNIK_HTTPS: Strict-Transport-Security max-age"),
    Setting("VESTNIK_HSTS_SUBDOMAINS", _bool, "off", "with VESTNIK_HTTPS: HSTS includeSubDomains"),
    Setting("VESTNIK_HSTS_PRELOAD", _bool, "off", "with VESTNIK_HTTPS: HSTS preload"),
    Setting("VESTNIK_FORWARDED_ALLOW_IPS", _text, "127.0.0.1", "addresses of the proxies gunicorn trusts for X-Forwarded-*"),
    Setting("VESTNIK_CLIENT_IP_HEADER", _text, "", "behind a proxy: header with the client's address, e.g. X-Forwarded-For"),
    Setting("VESTNIK_TRUSTED_PROXIES", _text, "127.0.0.1/32,::1/128", "proxies (CIDRs) whose client-address header is believed; the right-most other hop is the client"),
    # --- feeds, API, caching ---
    Setting("REDIS_URL", _text, "", "Redis for Django's cache, e.g. redis://127.0.0.1:6379/0; empty: local memory", secret=True),
    Setting("VESTNIK_CACHE_MAX_AGE", _int, "60", "seconds browsers and CDNs may reuse a public response"),
    Setting("VESTNIK_CACHE_S_MAXAGE", _optional_int, "", "seconds shared caches (CDNs) may reuse a public response; empty: VESTNIK_CACHE_MAX_AGE"),
    Setting("VESTNIK_RESPONSE_CACHE_SECONDS", _int, "600", "seconds feeds, sitemaps and API answers stay in Django's cache"),
    Setting("VESTNIK_API_RATE", _text, "120/min", "API requests per client IP (N/s, N/min, N/hour, N/day)"),
    Setting("VESTNIK_FEED_CONTENT", _choice("full", "summary"), "full", "full: feeds carry whole articles; summary: the summary"),
    Setting("VESTNIK_FEED_ITEMS", _int, "30", "entries per feed"),
    Setting("VESTNIK_FEED_ID_AUTHORITY", _text, "", "domain in feed entry ids (tag: URIs); empty: the request's host; set once"),
    Setting("VESTNIK_FEED_ID_DATE", _text, "2026", "date in feed entry ids; set once, never change"),
    Setting("VESTNIK_SITE_URL", _text, "", "absolute base URL of the public site (structured data, static copies)"),
    Setting("VESTNIK_ONION_HOST", _text, "", "the site's onion service, <56 characters>.onion: pages send Onion-Location"),
    # --- static publishing ---
    Setting("VESTNIK_PUBLISH_DIR", _text, "", "where `vestnik publish` writes the static tree; set: back-office saves republish"),
    Setting("VESTNIK_PUBLISH_SEARCH", _bool, "on", "`vestnik publish` builds a Pagefind search index into the tree"),
    Setting("VESTNIK_MIRRORS", _text, "", "space-separated mirror targets: dir:PATH rsync:DEST rclone:REMOTE:PATH"),
    # --- editorial ---
    Setting("VESTNIK_SCHEDULER_INTERVAL", _float, "15", "seconds between two rounds of the scheduler"),
    Setting("VESTNIK_EMBEDDED_SCHEDULER", _bool, "on", "every server worker publishes scheduled articles; off: run `vestnik worker`"),
    Setting("VESTNIK_PREVIEW_SECONDS", _int, "172800", "how long a draft's preview link works"),
    # --- accounts and media ---
    Setting("VESTNIK_REQUIRE_2FA", _bool, "on", "staff need a second factor for /admin/; off for development only"),
    Setting("VESTNIK_OTP_ISSUER", _text, "vestnik", "the name authenticator apps show for this site"),
    Setting("VESTNIK_RECOVERY_CODES", _int, "10", "one-time recovery codes given at 2FA enrolment"),
    Setting("VESTNIK_IMAGE_MAX_BYTES", _int, str(20 * MIB), "largest image upload, bytes"),
    Setting("VESTNIK_IMAGE_MAX_PIXELS", _int, "40000000", "largest image upload, pixels (width × height)"),
    Setting("VESTNIK_DOCUMENT_MAX_BYTES", _int, str(50 * MIB), "largest document upload, bytes"),
    Setting("VESTNIK_RENDITION_WIDTHS", _ints, "320,640,1024,1600", "widths of the WebP/JPEG renditions of images, pixels"),
    # --- operations ---
    Setting("VESTNIK_APP_SERVERS", _int, "1", "app servers sharing the database (for `vestnik check --deploy`)"),
    Setting("VESTNIK_WORKERS", _int, "1", "`vestnik worker` processes (for `vestnik check --deploy`)"),
    Setting("VESTNIK_BACKUP_MAX_AGE_DAYS", _int, "2", "`vestnik check --deploy` warns when the last backup is older; 0: never"),
    Setting("VESTNIK_BACKUP_PASSPHRASE", _text, "", "passphrase of encrypted backups; empty: asked on the terminal", secret=True),
]
# fmt: on

BY_NAME = {setting.name: setting for setting in SETTINGS}


class Values:
    """The settings read from one environment, as attributes (`values.VESTNIK_HOME`)."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.set_names = {s.name for s in SETTINGS if s.raw(environ)[1]}
        for setting in SETTINGS:
            setattr(self, setting.name, setting.read(environ))

    def __getattr__(self, name: str) -> Any:  # for mypy: every declared name is an attribute
        raise AttributeError(f"{name} is not declared in vestnik.conf.SETTINGS")

    def vestnik_settings(self) -> dict[str, Any]:
        """Every VESTNIK_* value, to become a Django setting of the same name."""
        return {s.name: getattr(self, s.name) for s in SETTINGS if s.name.startswith("VESTNIK_")}


def load(environ: Mapping[str, str] | None = None) -> Values:
    """Read every declared setting from the environment (once, from settings.py)."""
    return Values(os.environ if environ is None else environ)


def masked(setting: Setting, value: Any) -> str:
    """The value as `vestnik settings` shows it: secrets hidden, URLs without passwords."""
    if value in ("", None):
        return ""
    if setting.name.endswith("_URL") and isinstance(value, str):
        parts = urlsplit(value)
        if parts.password:
            netloc = f"{parts.username}:****@{parts.hostname}" + (
                f":{parts.port}" if parts.port else ""
            )
            return urlunsplit(parts._replace(netloc=netloc))
        return value
    if setting.secret:
        return "**** (set)"
    if isinstance(value, list):
        return ",".join(":".join(v) if isinstance(v, tuple) else str(v) for v in value)
    return str(value)


# --- what settings.py derives from the values ---


def database(values: Values) -> dict[str, Any]:
    """DATABASES["default"]: DATABASE_URL, else SQLite in VESTNIK_HOME."""
    url = values.DATABASE_URL
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(values.VESTNIK_HOME / "vestnik.sqlite3"),
            **sqlite_options(),
        }
    db: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.update(sqlite_options())
    elif values.VESTNIK_TEST_DB_NAME:
        # Parallel checkouts (and CI) may share one server: each can name its test db.
        db.setdefault("TEST", {})["NAME"] = values.VESTNIK_TEST_DB_NAME
    return db


def sqlite_options() -> dict[str, Any]:
    # WAL lets readers run while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue on busy_timeout instead of failing on upgrade. A worker
    # keeps its connection (CONN_MAX_AGE None): opening one costs more than most queries.
    return {
        "CONN_MAX_AGE": None,
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


def cache(values: Values) -> dict[str, Any]:
    """CACHES["default"]: Redis when REDIS_URL is set, else local memory."""
    if values.REDIS_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": values.REDIS_URL,
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "vestnik"}


def effective() -> list[tuple[str, str, str, str]]:
    """(name, value as shown, where it came from, help) of every setting, as Django has them."""
    from django.conf import settings

    rows = []
    for setting in SETTINGS:
        read: Values = settings.VESTNIK_CONF
        origin = "environment" if setting.name in read.set_names else "default"
        if setting.name == "SECRET_KEY":
            try:
                value = settings.SECRET_KEY
            except ImproperlyConfigured:  # Django refuses to hand out an empty key
                value = ""
            if origin == "default":
                origin = f"VESTNIK_HOME/{SECRET_KEY_FILE}" if value else "missing: run vestnik init"
        elif setting.name == "ALLOWED_HOSTS":
            value = settings.ALLOWED_HOSTS
        elif setting.name.startswith("VESTNIK_"):
            value = getattr(settings, setting.name)
        else:
            value = getattr(read, setting.name)
        rows.append((setting.name, masked(setting, value), origin, setting.help))
    return rows


def markdown_table() -> str:
    """The reference table of docs/settings.md (`vestnik settings --markdown`)."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for setting in SETTINGS:
        default = f"`{setting.default}`" if setting.default else "empty"
        meaning = setting.help.replace("|", "\\|")
        lines.append(f"| `{setting.name}` | {default} | {meaning} |")
    return "\n".join(lines) + "\n"


SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name, not a key)


def stored_secret_key(home: Path) -> str:
    """The key `vestnik init` keeps in the data folder, or "" (reading only: no write at import)."""
    try:
        return (home / SECRET_KEY_FILE).read_text().strip()
    except OSError:
        return ""


# --- for src/vestnik/publishing/ only, until it reads settings.VESTNIK_* like the rest ---


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def home() -> Path:
    """The data folder (publishing's signing keys); elsewhere use settings.VESTNIK_HOME."""
    return BY_NAME["VESTNIK_HOME"].read(os.environ)
