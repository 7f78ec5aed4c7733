"""Django settings for vestnik; every value comes from the environment (see conf.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.utils import get_random_secret_key

from vestnik import conf

BASE_DIR = Path(__file__).resolve().parent
VESTNIK_HOME = conf.home()

DEBUG = conf.env_bool("VESTNIK_DEBUG", False)
_secret = conf.env("SECRET_KEY") or conf.env("VESTNIK_SECRET_KEY")
if not _secret:
    # The embedded install keeps a generated key in its data folder.
    _key_file = VESTNIK_HOME / "secret_key"
    try:
        _secret = _key_file.read_text().strip()
    except OSError:
        _secret = get_random_secret_key()
        try:
            VESTNIK_HOME.mkdir(parents=True, exist_ok=True)
            _key_file.write_text(_secret)
            _key_file.chmod(0o600)
        except OSError:
            pass
SECRET_KEY = _secret

ALLOWED_HOSTS = [
    h.strip()
    for h in conf.env(
        "ALLOWED_HOSTS", conf.env("VESTNIK_ALLOWED_HOSTS", "127.0.0.1,localhost")
    ).split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "vestnik.content",
    "vestnik.site",
    "vestnik.editorial",
    "vestnik.publishing",
    "vestnik.search",
    "vestnik.importers",
    "vestnik.api",
    "vestnik.syndication",
    "vestnik.cases",
    "vestnik.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "vestnik.site.middleware.EditionMiddleware",
    "vestnik.site.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "vestnik.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vestnik.site.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "vestnik.wsgi.application"

DATABASES = {"default": conf.database(VESTNIK_HOME)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "site" / "locale"]
USE_I18N = True
TIME_ZONE = conf.env("VESTNIK_TIME_ZONE", "UTC")
USE_TZ = True

VESTNIK_EDITIONS = conf.editions()

STATIC_URL = "/static/"
STATIC_ROOT = VESTNIK_HOME / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VESTNIK_HOME / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Tell Django the attacker-controlled Host header is checked (ALLOWED_HOSTS) and keep
# cookies away from scripts.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if conf.env_bool("VESTNIK_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": conf.env("VESTNIK_LOG_LEVEL", "WARNING")},
}

# --- ops ---
# Deployment facts the checks (vestnik.ops.checks) cannot see for themselves.
VESTNIK_APP_SERVERS = conf.env_int("VESTNIK_APP_SERVERS", 1)
VESTNIK_WORKERS = conf.env_int("VESTNIK_WORKERS", 1)
VESTNIK_BACKUP_MAX_AGE_DAYS = conf.env_int("VESTNIK_BACKUP_MAX_AGE_DAYS", 2)
if conf.env_bool("VESTNIK_HTTPS", False):
    # nginx terminates TLS and redirects port 80; these make Django agree (and say so
    # to browsers) once the site is HTTPS-only.
    SECURE_SSL_REDIRECT = conf.env_bool("VESTNIK_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = conf.env_int("VESTNIK_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = conf.env_bool("VESTNIK_HSTS_SUBDOMAINS", False)
    SECURE_HSTS_PRELOAD = conf.env_bool("VESTNIK_HSTS_PRELOAD", False)
