"""The person's own two-factor pages: set-up, the code at sign-in (app or
recovery code), recovery codes, and turning it off (practitioners only)."""

from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..ratelimits import rate_limit_exceeded
from .forms import RecoveryCodeForm, TwoFactorCodeForm
from .middleware import two_factor_next_url
from .two_factor import (
    app_device_confirm,
    app_device_for,
    app_device_start,
    key_for_display,
    qr_code_svg,
    recovery_codes_create,
    two_factor_owed,
    two_factor_remove,
    two_factor_required_by_role,
    two_factor_verify,
)

NEW_CODES_SESSION_KEY = "two_factor_new_codes"


def _next(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _signed_in_fully(request, device) -> None:
    """Mark this session as having given the second factor (a new session key,
    as at any change of privilege)."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _verified(request) -> bool:
    return request.user.is_verified()


@never_cache
@login_required
def setup(request):
    """Scan the QR code (or type the key), then enter a code to prove it works."""
    if app_device_for(request.user) and not _verified(request):
        # Someone who has an app must use it before they may set up another.
        return redirect(two_factor_next_url(request, _next(request)))
    device = app_device_start(user=request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if rate_limit_exceeded(request, "two_factor"):
            codes = None
        else:
            codes = app_device_confirm(
                user=request.user, device=device, token=form.cleaned_data["code"]
            )
        if codes is not None:
            device.refresh_from_db()
            _signed_in_fully(request, device)
            request.session[NEW_CODES_SESSION_KEY] = codes
            url = reverse("accounts:two_factor_recovery_codes")
            next_url = _next(request)
            return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)
        form.add_error(
            "code",
            _(
                "That code did not work. Enter the 6-digit code your app shows now; "
                "after several wrong codes, wait a minute before trying again"
            ),
        )
    return render(
        request,
        "accounts/two_factor/setup.html",
        {
            "form": form,
            "qr_code": qr_code_svg(device),
            "key": key_for_display(device),
            "next": _next(request),
            "replacing": app_device_for(request.user) is not None,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def verify(request, *, recovery: bool = False):
    """The second step of signing in: a code from the app, or a recovery code."""
    next_url = _next(request)
    if _verified(request):
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    if not two_factor_owed(request.user):
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    if app_device_for(request.user) is None:
        return redirect(two_factor_next_url(request, next_url))
    form = (RecoveryCodeForm if recovery else TwoFactorCodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = None
        if not rate_limit_exceeded(request, "two_factor"):
            device = two_factor_verify(
                user=request.user, token=form.cleaned_data["code"], recovery=recovery
            )
        if device is not None:
            _signed_in_fully(request, device)
            if recovery:
                messages.info(
                    request,
                    _(
                        "You signed in with a recovery code. It will not work again. "
                        "You can make new codes on your profile page."
                    ),
                )
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        form.add_error(
            "code",
            _(
                "That code did not work. Check it and try again; after several wrong "
                "codes, wait a minute before trying again"
            ),
        )
    return render(
        request,
        "accounts/two_factor/recovery.html" if recovery else "accounts/two_factor/verify.html",
        {"form": form, "next": next_url},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def recovery_codes(request):
    """The new recovery codes, shown once."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/two_factor/recovery_codes.html",
        {"codes": codes, "next": _next(request) or reverse("accounts:profile")},
    )


@require_POST
@login_required
def recovery_codes_new(request):
    if not _verified(request):
        raise PermissionDenied
    request.session[NEW_CODES_SESSION_KEY] = recovery_codes_create(user=request.user)
    return redirect("accounts:two_factor_recovery_codes")


@never_cache
@login_required
def remove(request):
    """Turn two-factor sign-in off: for practitioners who chose it. Staff cannot."""
    if app_device_for(request.user) is None:
        return redirect("accounts:profile")
    if two_factor_required_by_role(request.user) or not _verified(request):
        raise PermissionDenied
    if request.method == "POST":
        two_factor_remove(user=request.user)
        messages.success(request, _("Two-factor sign-in is off."))
        return redirect("accounts:profile")
    return render(request, "accounts/two_factor/remove.html")
