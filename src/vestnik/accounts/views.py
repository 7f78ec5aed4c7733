"""Two-factor enrolment and verification pages inside the admin, and the lockout page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from vestnik.accounts import services


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {**admin.site.each_context(request), "next": _next_url(request), **extra}


def _staff_or_login(request: HttpRequest) -> HttpResponse | None:
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    return None


@never_cache
@csrf_protect
@sensitive_post_parameters("token")
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, confirm with a code, keep recovery codes."""
    if (denied := _staff_or_login(request)) is not None:
        return denied
    user = request.user
    if services.has_two_factor(user):
        if not services.is_verified(user):
            # Replacing the authenticator needs the current one: a stolen password is not enough.
            return HttpResponseRedirect(reverse("accounts:verify") + "?next=" + request.path)
        if request.method != "POST" and "replace" not in request.GET:
            return render(
                request,
                "vestnik_accounts/status.html",
                _context(
                    request,
                    title="Two-factor authentication",
                    codes_left=services.recovery_codes_left(user),
                ),
            )
    device = services.pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_enrolment(request, device, form.cleaned_data["token"])
        except services.TwoFactorError as exc:
            form.add_error("token", str(exc))
        else:
            return render(
                request,
                "vestnik_accounts/recovery_codes.html",
                _context(request, title="Your recovery codes", codes=codes),
            )
    return render(
        request,
        "vestnik_accounts/setup.html",
        _context(
            request,
            title="Set up two-factor authentication",
            form=form,
            qr_svg=services.qr_code_svg(device),
            secret=services.secret_for_manual_entry(device),
        ),
    )


@never_cache
@csrf_protect
@sensitive_post_parameters("token")
def verify(request: HttpRequest) -> HttpResponse:
    """Ask a signed-in staff member for the second factor."""
    if (denied := _staff_or_login(request)) is not None:
        return denied
    if not services.has_two_factor(request.user):
        return HttpResponseRedirect(reverse("accounts:setup"))
    if services.is_verified(request.user):
        return HttpResponseRedirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verify_second_factor(request, form.cleaned_data["token"])
        except services.TwoFactorError as exc:
            form.add_error("token", str(exc))
        else:
            left = services.recovery_codes_left(request.user)
            if left < 3:
                messages.warning(
                    request, f"{left} recovery codes left: make new ones in Two-factor settings."
                )
            return HttpResponseRedirect(_next_url(request))
    return render(
        request,
        "vestnik_accounts/verify.html",
        _context(request, title="Two-factor verification", form=form),
        status=400 if form.errors else 200,
    )


def _verified_staff(request: HttpRequest) -> HttpResponse | None:
    if (denied := _staff_or_login(request)) is not None:
        return denied
    if not services.is_verified(request.user):
        return HttpResponseRedirect(reverse("accounts:verify") + "?next=" + request.path)
    return None


@never_cache
@csrf_protect
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Make a new set of recovery codes (POST only); the old ones stop working."""
    if (denied := _verified_staff(request)) is not None:
        return denied
    if request.method != "POST":
        return HttpResponseRedirect(reverse("accounts:setup"))
    codes = services.regenerate_recovery_codes(request)
    return render(
        request,
        "vestnik_accounts/recovery_codes.html",
        _context(request, title="Your recovery codes", codes=codes),
    )


@never_cache
@csrf_protect
def remove(request: HttpRequest) -> HttpResponse:
    """Remove one's own second factor; only possible where it is not required."""
    if (denied := _verified_staff(request)) is not None:
        return denied
    if request.method != "POST":
        return HttpResponseRedirect(reverse("accounts:setup"))
    if services.requires_two_factor(request.user):
        messages.error(request, "Two-factor authentication is required for your account.")
        return HttpResponseRedirect(reverse("accounts:setup"))
    services.remove_two_factor(request.user, request)
    messages.success(request, "Two-factor authentication removed.")
    return HttpResponseRedirect(reverse("admin:index"))


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """Axes calls this when an account or address is locked: a clear page, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(
        request,
        "vestnik_accounts/locked_out.html",
        {
            **admin.site.each_context(request),
            "title": "Too many failed sign-in attempts",
            "minutes": minutes,
            "limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
