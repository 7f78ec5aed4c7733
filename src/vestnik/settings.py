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
    # outside the page cache, so cached pages get it too and onion requests never do
    "vestnik.publishing.onion.OnionLocationMiddleware",
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

# --- syndication ---
INSTALLED_APPS += ["django.contrib.sitemaps", "corsheaders"]
# CORS first; the content cache answers conditional requests before editions are looked up.
MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("vestnik.site.middleware.EditionMiddleware"),
    "vestnik.syndication.middleware.ContentCacheMiddleware",
)
_redis_url = conf.env("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "vestnik"}
    )
}
# Read-only machines (feed readers, widgets) may fetch the API and feeds from any origin.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api/|[a-z0-9-]+/feeds/).*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
VESTNIK_CACHE_MAX_AGE = int(conf.env("VESTNIK_CACHE_MAX_AGE", "60"))
VESTNIK_API_RATE = conf.env("VESTNIK_API_RATE", "120/min")
# "full": feeds carry the whole article; "summary": the summary (or the first paragraph).
VESTNIK_FEED_CONTENT = conf.env("VESTNIK_FEED_CONTENT", "full")
VESTNIK_FEED_ITEMS = int(conf.env("VESTNIK_FEED_ITEMS", "30"))
# Authority and date of the tag: URIs that identify feed entries (RFC 4151); set once, keep.
VESTNIK_FEED_ID_AUTHORITY = conf.env("VESTNIK_FEED_ID_AUTHORITY", "")
VESTNIK_FEED_ID_DATE = conf.env("VESTNIK_FEED_ID_DATE", "2026")
# Absolute base of URLs in structured data when the request's host is not the public one.
VESTNIK_SITE_URL = conf.env("VESTNIK_SITE_URL", "")
# The site's v3 onion service (e.g. "<56 characters>.onion"): pages send Onion-Location.
VESTNIK_ONION_HOST = conf.env("VESTNIK_ONION_HOST", "")
# vestnik publish builds a Pagefind index into the tree (search without the server); 0 = off.
VESTNIK_PUBLISH_SEARCH = conf.env_bool("VESTNIK_PUBLISH_SEARCH", True)
# Behind nginx or a CDN: the header with the client's address (e.g. X-Forwarded-For).
VESTNIK_CLIENT_IP_HEADER = conf.env("VESTNIK_CLIENT_IP_HEADER", "")
# --- editorial ---
INSTALLED_APPS += ["django_prose_editor"]
# after AuthenticationMiddleware: audit entries made in signal receivers get actor and IP
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "vestnik.editorial.middleware.AuditContextMiddleware",
)
# Seconds between two rounds of the scheduler publishing scheduled articles.
VESTNIK_SCHEDULER_INTERVAL = float(conf.env("VESTNIK_SCHEDULER_INTERVAL", "15"))
# How long a draft's preview link works.
VESTNIK_PREVIEW_SECONDS = int(conf.env("VESTNIK_PREVIEW_SECONDS", str(2 * 24 * 3600)))
# --- importers ---
# Old WordPress query addresses (/?p=123) are answered before the edition chooser sees "/".
MIDDLEWARE.insert(
    MIDDLEWARE.index("vestnik.site.middleware.EditionMiddleware"),
    "vestnik.importers.middleware.WordPressQueryRedirectMiddleware",
)
# --- accounts ---
# Account security (issue 3): Argon2 hashing, TOTP 2FA for staff, login lockout, session
# expiry, Content-Security-Policy; and the media library.
import datetime as _dt  # noqa: E402

from csp.constants import NONE as _CSP_NONE  # noqa: E402
from csp.constants import SELF as _CSP_SELF  # noqa: E402

INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "vestnik.accounts",
    "vestnik.medialib",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("vestnik.site.middleware.EditionMiddleware"), "csp.middleware.CSPMiddleware"
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "vestnik.accounts.middleware.AdminCSPMiddleware",
)
_auth_mw = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE.insert(_auth_mw + 1, "django_otp.middleware.OTPMiddleware")
MIDDLEWARE.insert(_auth_mw + 2, "vestnik.accounts.middleware.StaffTwoFactorMiddleware")
# Axes turns the lockout flag set during authentication into the 429 page; it goes last.
MIDDLEWARE.append("axes.middleware.AxesMiddleware")

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Staff must pass a second factor before any admin page (VESTNIK_REQUIRE_2FA=0 turns it off).
VESTNIK_REQUIRE_2FA = conf.env_bool("VESTNIK_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = conf.env("VESTNIK_OTP_ISSUER", "vestnik")
VESTNIK_RECOVERY_CODES = 10

# Five failures for one account, or from one address, lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = _dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vestnik.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "vestnik.accounts.services.lockout_username"

# --- issue 17: one client-address policy; where a login lands ---
# Lockout, audit log and API rate limits all ask vestnik.accounts.clientip which address a
# request is from: VESTNIK_CLIENT_IP_HEADER (set above) is believed only from these proxies.
VESTNIK_TRUSTED_PROXIES = conf.env("VESTNIK_TRUSTED_PROXIES", "127.0.0.1/32,::1/128")
AXES_CLIENT_IP_CALLABLE = "vestnik.accounts.clientip.client_ip"
# The admin's login has no profile page to go to (Django's default /accounts/profile/): a
# login whose next= is refused goes to the admin, which asks for the second factor.
LOGIN_REDIRECT_URL = "admin:index"
# --- end issue 17 ---

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
if conf.env_bool("VESTNIK_HTTPS", False):
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_SSL_REDIRECT = conf.env_bool("VESTNIK_SSL_REDIRECT", False)
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Public pages: only this origin's files, no inline script or style, no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF],
        "style-src": [_CSP_SELF],
        "img-src": [_CSP_SELF, "https:"],
        "font-src": [_CSP_SELF],
        "connect-src": [_CSP_SELF],
        "media-src": [_CSP_SELF, "https:"],
        "object-src": [_CSP_NONE],
        "base-uri": [_CSP_NONE],
        "form-action": [_CSP_SELF],
        "frame-ancestors": [_CSP_NONE],
    },
}

# Media library: upload limits and rendition widths.
VESTNIK_IMAGE_MAX_BYTES = 20 * 1024 * 1024
VESTNIK_IMAGE_MAX_PIXELS = 40_000_000
VESTNIK_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024
VESTNIK_RENDITION_WIDTHS = [320, 640, 1024, 1600]
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
