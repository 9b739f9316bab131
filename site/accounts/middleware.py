"""Two-factor sign-in is owed before anything else (after django-otp's
OTPMiddleware, which sets `request.user.is_verified()`)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import app_device_for, two_factor_owed

# Reachable while a code is still owed: signing in and out, and the two-factor
# pages themselves (each checks what it allows).
OPEN_URL_NAMES = ["accounts:login", "accounts:logout"]
OPEN_PREFIX_URL_NAMES = ["accounts:two_factor_verify"]


def two_factor_next_url(request, next_url: str = "") -> str:
    """Where a person who still owes a code goes: set-up if they have no app
    yet, otherwise the code page; `next` carried along."""
    name = (
        "accounts:two_factor_verify"
        if app_device_for(request.user)
        else "accounts:two_factor_setup"
    )
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class TwoFactorMiddleware:
    """A signed-in person who owes a code (staff always; others once they have
    set up an app) and has not given one this session reaches only the
    sign-in, sign-out and two-factor pages, static files and the health check.
    Every other path, the Wagtail admin and its login included, redirects to
    set-up or the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not self._is_open(request.path)
            and two_factor_owed(user)
        ):
            next_url = request.get_full_path() if request.method == "GET" else ""
            target = two_factor_next_url(request, next_url)
            if request.headers.get("HX-Request") == "true":  # before HtmxMiddleware runs
                from django_htmx.http import HttpResponseClientRedirect

                return HttpResponseClientRedirect(target)
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if any(path == reverse(name) for name in OPEN_URL_NAMES):
            return True
        if any(path.startswith(reverse(name)) for name in OPEN_PREFIX_URL_NAMES):
            return True
        return any(path.startswith(prefix) for prefix in settings.TWO_FACTOR_EXEMPT_PREFIXES)
