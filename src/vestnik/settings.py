"""Django settings for vestnik, read top to bottom.

Every value that comes from the environment is declared once in vestnik/conf.py (name,
type, default, help) and read here once; `vestnik settings` prints them. Every `VESTNIK_*`
setting there is also a Django setting of the same name (`settings.VESTNIK_FEED_ITEMS`).
Importing this module reads files but never writes one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from csp.constants import NONE, SELF

from vestnik import conf

env = conf.load()  # lower case: not a Django setting itself
BASE_DIR = Path(__file__).resolve().parent

# settings.VESTNIK_HOME, settings.VESTNIK_FEED_ITEMS ...: every VESTNIK_* entry of conf.py.
globals().update(env.vestnik_settings())
VESTNIK_CONF = env  # all values as read, and which were set (`vestnik settings`)

# --- the site ---

DEBUG = env.VESTNIK_DEBUG
# Empty when neither SECRET_KEY nor VESTNIK_HOME/secret_key exists (`vestnik init` writes it):
# Django then refuses to sign anything, and `vestnik check --deploy` says so (vestnik.W002).
SECRET_KEY = env.SECRET_KEY or conf.stored_secret_key(env.VESTNIK_HOME)
ALLOWED_HOSTS = env.ALLOWED_HOSTS
ROOT_URLCONF = "vestnik.urls"
WSGI_APPLICATION = "vestnik.wsgi.application"

INSTALLED_APPS = [
    "django.contrib.admin",  # the back office at /admin/
    "django.contrib.auth",  # accounts, groups, permissions
    "django.contrib.contenttypes",  # generic relations of the admin log and permissions
    "django.contrib.sessions",  # back-office sessions
    "django.contrib.messages",  # one-off messages in the back office
    "django.contrib.staticfiles",  # CSS and scripts of the apps, served by WhiteNoise
    "vestnik.content",  # the model: editions, sections, articles, pages, site news
    "vestnik.site",  # the public pages
    "vestnik.editorial",  # roles, workflow, revisions, audit log, scheduler
    "vestnik.publishing",  # the static copy of the site and its mirrors
    "vestnik.search",  # full-text search in the same database
    "vestnik.importers",  # WordPress and saved-site importers
    "vestnik.api",  # the read-only JSON API
    "vestnik.syndication",  # feeds, sitemaps, HTTP caching
    "vestnik.cases",  # court case files
    "vestnik.ops",  # backup, restore, deployment checks
    "django.contrib.sitemaps",  # the sitemap framework syndication builds on
    "corsheaders",  # CORS headers on the API and feeds
    "django_prose_editor",  # the rich-text editor of the back office
    "django_otp",  # second factors of staff accounts
    "django_otp.plugins.otp_totp",  # authenticator app codes
    "django_otp.plugins.otp_static",  # one-time recovery codes
    "axes",  # lockout after failed logins
    "csp",  # Content-Security-Policy headers
    "vestnik.accounts",  # sign-in with 2FA, lockout page, admin CSP
    "vestnik.medialib",  # images and documents with renditions
    "vestnik.demo",  # `vestnik demo` and `vestnik generate`: demo site and synthetic data
]

MIDDLEWARE = [
    # CORS first, so even errors and cached answers carry the headers
    "corsheaders.middleware.CorsMiddleware",
    # HSTS, nosniff, referrer policy, the HTTPS redirect
    "django.middleware.security.SecurityMiddleware",
    # outside the page cache, so cached pages get it too and onion requests never do
    "vestnik.publishing.onion.OnionLocationMiddleware",
    # static files answered before sessions and the database are touched
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # the session cookie
    "django.contrib.sessions.middleware.SessionMiddleware",
    # trailing slashes, Content-Length
    "django.middleware.common.CommonMiddleware",
    # CSRF tokens on every form
    "django.middleware.csrf.CsrfViewMiddleware",
    # request.user from the session
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor
    "django_otp.middleware.OTPMiddleware",
    # staff without a passed second factor are sent to sign in again, before any admin page
    "vestnik.accounts.middleware.StaffTwoFactorMiddleware",
    # after authentication: audit entries made in signal receivers get actor and IP
    "vestnik.editorial.middleware.AuditContextMiddleware",
    # back-office messages
    "django.contrib.messages.middleware.MessageMiddleware",
    # X-Frame-Options: DENY
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # conditional requests answered from the content version before editions are looked up
    "vestnik.syndication.middleware.ContentCacheMiddleware",
    # old WordPress addresses (/?p=123) answered before the edition chooser sees "/"
    "vestnik.importers.middleware.WordPressQueryRedirectMiddleware",
    # the public pages' Content-Security-Policy
    "csp.middleware.CSPMiddleware",
    # the back office's own policy (the editor's nonce)
    "vestnik.accounts.middleware.AdminCSPMiddleware",
    # request.edition from the URL
    "vestnik.site.middleware.EditionMiddleware",
    # an unknown address that has a redirect is answered with it
    "vestnik.site.middleware.RedirectFallbackMiddleware",
    # turns the lockout flag set during authentication into the 429 page; it goes last
    "axes.middleware.AxesMiddleware",
]

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

# --- data: database, cache, files ---

DATABASES = {"default": conf.database(env)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": conf.cache(env)}

STATIC_URL = "/static/"
STATIC_ROOT = env.VESTNIK_HOME / "static"  # `vestnik collectstatic` writes here
MEDIA_URL = "/media/"
MEDIA_ROOT = env.VESTNIK_HOME / "media"
# Static files come straight from the apps; collectstatic is only for nginx.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# --- languages and time ---

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "site" / "locale"]
USE_I18N = True
TIME_ZONE = env.VESTNIK_TIME_ZONE
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.VESTNIK_LOG_LEVEL},
}

# --- accounts: passwords, second factor, lockout, sessions ---

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = env.VESTNIK_OTP_ISSUER

# Five failures for one account, or from one address, lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vestnik.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "vestnik.accounts.services.lockout_username"

# --- issue 17: one client-address policy; where a login lands ---
# Lockout, audit log and API rate limits all ask vestnik.accounts.clientip which address a
# request is from: VESTNIK_CLIENT_IP_HEADER (set above) is believed only from these proxies.
AXES_CLIENT_IP_CALLABLE = "vestnik.accounts.clientip.client_ip"
# The admin's login has no profile page to go to (Django's default /accounts/profile/): a
# login whose next= is refused goes to the admin, which asks for the second factor.
LOGIN_REDIRECT_URL = "admin:index"
# --- end issue 17 ---

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Keep cookies away from scripts and say what the browser may do with the pages.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- HTTPS (VESTNIK_HTTPS): nginx terminates TLS and says so in X-Forwarded-Proto ---

https = env.VESTNIK_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if https else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = https
# __Host- cookies: only over HTTPS, only for this host, never for a subdomain
SESSION_COOKIE_NAME = "__Host-sessionid" if https else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if https else "csrftoken"
SECURE_SSL_REDIRECT = https and env.VESTNIK_SSL_REDIRECT
SECURE_HSTS_SECONDS = env.VESTNIK_HSTS_SECONDS if https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = https and env.VESTNIK_HSTS_SUBDOMAINS
SECURE_HSTS_PRELOAD = https and env.VESTNIK_HSTS_PRELOAD

# Public pages: only this origin's files, no inline script or style, no plugins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "https:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, "https:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- feeds and API: read-only machines (feed readers, widgets) may fetch from any origin ---

CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api/|[a-z0-9-]+/feeds/).*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
