"""
Browser-side defences on every response (docs/security/csp.md):

- `CompassCSPMiddleware`: the strict Content-Security-Policy with a fresh nonce
  per request (django-csp 4) everywhere, the Wagtail admin's own policy under
  the admin prefix, and `frame-ancestors 'self'` only for the responses that
  are meant to be framed by our own pages (Wagtail's page preview).
- `SecurityHeadersMiddleware`: `Cache-Control: no-store, private` on every
  response that is not a static or media file, `Permissions-Policy` and
  `Reporting-Endpoints` on every response, static files and error pages included.

Both are on by default for every URL, so a new page is covered without doing
anything. A view that serves only public content to signed-out visitors may opt
out of `no-store` with `@cacheable_when_signed_out`; signed-in requests are
never cacheable.
"""

from functools import wraps

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

CACHEABLE_ATTRIBUTE = "_compass_cacheable_when_signed_out"
NO_STORE = "no-store, private"


def _admin_prefix() -> str:
    return getattr(settings, "COMPASS_ADMIN_URL_PREFIX", "/admin/")


def _frameable_by_self(request, response) -> bool:
    """Wagtail's preview runs the page through the middleware with `is_preview`
    set, and marks its admin preview views X-Frame-Options SAMEORIGIN."""
    return bool(getattr(request, "is_preview", False)) or (
        response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
    )


class CompassCSPMiddleware(CSPMiddleware):
    """django-csp's middleware choosing the policy by path, and allowing framing
    by our own origin only for preview responses."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        is_preview = bool(getattr(request, "is_preview", False))
        if (
            parts.config is None
            and not is_preview
            and request.path_info.startswith(_admin_prefix())
        ):
            parts.config = dict(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        if _frameable_by_self(request, response):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


def cacheable_when_signed_out(view):
    """Let shared caches and the browser keep this view's response for signed-out
    visitors (public content only). Signed-in requests stay no-store."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        response = view(*args, **kwargs)
        setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response

    return wrapped


def _is_file_path(path: str) -> bool:
    prefixes = [p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p.startswith("/")]
    return path.startswith(tuple(prefixes))


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    """First in MIDDLEWARE, so it sees every response: WhiteNoise's static files,
    error pages and the 429 page too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        endpoints = getattr(settings, "REPORTING_ENDPOINTS", "")
        if endpoints:
            response.setdefault("Reporting-Endpoints", endpoints)
        if not _is_file_path(request.path_info):
            opted_out = getattr(response, CACHEABLE_ATTRIBUTE, False)
            if _signed_in(request) or not opted_out:
                response["Cache-Control"] = NO_STORE
                if "Expires" in response:
                    del response["Expires"]
        return response
