"""The site's onion address: readers on Tor are offered it by the `Onion-Location` header.

Tor Browser shows ".onion available" on a page that sends `Onion-Location`; the header names
the same path on the onion service. `VESTNIK_ONION_HOST` is a v3 onion host name (56 base32
characters and `.onion`), optionally with a port; the nginx example for the static tree
(deploy/nginx/vestnik-static.conf) sends the same header.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.checks import Error, register

ONION_HOST = re.compile(r"^[a-z2-7]{56}\.onion(:[0-9]{1,5})?$")
HEADER = "Onion-Location"


def onion_host() -> str:
    return str(getattr(settings, "VESTNIK_ONION_HOST", "") or "").strip().lower()


def onion_location(full_path: str) -> str | None:
    """The header's value for a request path, or None when no valid address is set."""
    host = onion_host()
    if not host or not ONION_HOST.match(host) or not full_path.startswith("/"):
        return None
    return f"http://{host}{full_path}"


class OnionLocationMiddleware:
    """Adds `Onion-Location` to HTML pages, except on requests already made to the onion."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER in response.headers or not onion_host():
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if request.get_host().split(":")[0].endswith(".onion"):
            return response
        value = onion_location(request.get_full_path())
        if value and "\n" not in value and "\r" not in value:
            response.headers[HEADER] = value
        return response


@register()
def check_onion_host(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    host = onion_host()
    if host and not ONION_HOST.match(host):
        return [
            Error(
                f"VESTNIK_ONION_HOST is not a v3 onion host name: {host!r}.",
                hint="Give the 56-character name ending in .onion that Tor wrote to the "
                "service's hostname file, without http://.",
                id="vestnik.E101",
            )
        ]
    return []
