"""Second factor required for staff on the admin; the admin's Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from csp.constants import SELF
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from vestnik.accounts import services

# The admin (and the rich-text editor added to it) loads its scripts and styles from this
# origin only, like the public site; it also shows previews of uploads as data:/blob: images.
ADMIN_CSP_REPLACE = {
    "img-src": [SELF, "data:", "blob:", "https:"],
}


def _admin_prefix() -> str:
    return reverse("admin:index")


class StaffTwoFactorMiddleware:
    """Send a staff member without a verified second factor to enrol or to verify."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        redirect = self._redirect(request)
        return redirect if redirect is not None else self.get_response(request)

    def _redirect(self, request: HttpRequest) -> HttpResponse | None:
        prefix = _admin_prefix()
        if not request.path.startswith(prefix):
            return None
        user = request.user
        if not services.requires_two_factor(user) or services.is_verified(user):
            return None
        exempt = (
            reverse("admin:login"),
            reverse("admin:logout"),
            reverse("accounts:setup"),
            reverse("accounts:verify"),
        )
        if request.path in exempt:
            return None
        target = "accounts:verify" if services.has_two_factor(user) else "accounts:setup"
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(target)}?{query}")


class AdminCSPMiddleware:
    """Apply the admin's variant of the policy to admin responses (runs before CSPMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path.startswith(_admin_prefix()) and not hasattr(response, "_csp_replace"):
            response._csp_replace = ADMIN_CSP_REPLACE  # type: ignore[attr-defined]
        return response
