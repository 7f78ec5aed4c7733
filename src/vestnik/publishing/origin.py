"""The origin (scheme and host) that published pages are rendered for.

Pages are rendered through Django without a real request, so the publisher names the
host itself: the host of VESTNIK_SITE_URL when set (the public site), else the first
concrete name in ALLOWED_HOSTS. That host is allowed for the duration of a publish even
when ALLOWED_HOSTS does not list it (a mirror's own name, say), so a publish never fails
on Django's Host check.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.test.utils import override_settings

FALLBACK_HOST = "localhost"


def site_origin() -> tuple[str, str]:
    """(scheme, host[:port]) of the published site."""
    base = str(getattr(settings, "VESTNIK_SITE_URL", "") or "")
    if base:
        parts = urlsplit(base)
        if parts.scheme in {"http", "https"} and parts.netloc:
            return parts.scheme, parts.netloc
    scheme = "https" if getattr(settings, "SECURE_SSL_REDIRECT", False) else "http"
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith("."):
            return scheme, host
    return scheme, FALLBACK_HOST


def is_secure(scheme: str) -> bool:
    """Render as an HTTPS request (also when the site redirects plain HTTP to HTTPS)."""
    return scheme == "https" or bool(getattr(settings, "SECURE_SSL_REDIRECT", False))


@contextmanager
def allowed(host: str) -> Iterator[None]:
    """Let Django accept `host` while the block runs."""
    domain, _port = split_domain_port(host)
    hosts = list(settings.ALLOWED_HOSTS)
    if domain and validate_host(domain, hosts):
        yield
        return
    with override_settings(ALLOWED_HOSTS=[*hosts, domain or host]):
        yield
