"""Deployment checks for cookies and uploads (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .metadata import EXTENSIONS

HOST_PREFIX = "__Host-"


@register(Tags.security, deploy=True)
def host_prefixed_cookies(app_configs, **kwargs):
    """A `__Host-` cookie is only accepted by browsers if it is Secure, has
    Path=/ and no Domain; otherwise every sign-in silently fails."""
    errors = []
    for kind in ("SESSION", "CSRF", "LANGUAGE"):
        name = getattr(settings, f"{kind}_COOKIE_NAME")
        if not name.startswith(HOST_PREFIX):
            continue
        secure = getattr(settings, f"{kind}_COOKIE_SECURE")
        path = getattr(settings, f"{kind}_COOKIE_PATH")
        domain = getattr(settings, f"{kind}_COOKIE_DOMAIN")
        if not secure or path != "/" or domain:
            errors.append(
                Error(
                    f"{kind}_COOKIE_NAME is {name!r}, so {kind}_COOKIE_SECURE must be True, "
                    f"{kind}_COOKIE_PATH '/' and {kind}_COOKIE_DOMAIN unset.",
                    id="uploads.E001",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def documents_download(app_configs, **kwargs):
    """Documents are handed out as downloads, never shown in the browser."""
    if getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf"]):
        return [
            Error(
                "WAGTAILDOCS_INLINE_CONTENT_TYPES must be empty so every document is "
                "served as an attachment.",
                id="uploads.E002",
            )
        ]
    return []


@register()
def image_formats_cleanable(app_configs, **kwargs):
    """Every image format the admin accepts is one whose metadata can be removed."""
    allowed = set(getattr(settings, "WAGTAILIMAGES_EXTENSIONS", [])) - EXTENSIONS
    if allowed:
        return [
            Error(
                f"WAGTAILIMAGES_EXTENSIONS allows {', '.join(sorted(allowed))}, whose metadata "
                "iomsite.uploads cannot remove.",
                hint=f"Allow only {', '.join(sorted(EXTENSIONS))}.",
                id="uploads.E003",
            )
        ]
    return []
