"""
Rate limits for expensive or email-sending actions, counted per account and per
address (django-ratelimit). Rates live in `settings.RATE_LIMITS` by group:

    @rate_limit("preview")
    def preview(request): ...

    if rate_limit_exceeded(request, "comment_email"):
        ...  # skip the email, keep the comment

A view past its limit raises `Ratelimited`; `RatelimitMiddleware` answers it
with the 429 page (`iomsite.views.rate_limited`).
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit


def _rates(group: str) -> tuple[str, str]:
    return settings.RATE_LIMITS.get(group, settings.RATE_LIMITS["default"])


def rate_limit(group: str, *, methods: Iterable[str] = ("POST",)) -> Callable:
    """Decorate a view: past the group's rate, per account or per address, a 429."""
    methods = list(methods)

    def per_person(_group, _request):
        return _rates(group)[0]

    def per_address(_group, _request):
        return _rates(group)[1]

    def decorator(view):
        view = ratelimit(
            group=f"{group}:person", key="user_or_ip", rate=per_person, method=methods
        )(view)
        return ratelimit(group=f"{group}:address", key="ip", rate=per_address, method=methods)(view)

    return decorator


def rate_limit_exceeded(request, group: str, *, increment: bool = True) -> bool:
    """Count one use of the group for this request; True when either limit is passed."""
    per_person, per_address = _rates(group)
    over = [
        is_ratelimited(
            request, group=f"{group}:{scope}", key=key, rate=rate, method=ALL, increment=increment
        )
        for scope, key, rate in (
            ("person", "user_or_ip", per_person),
            ("address", "ip", per_address),
        )
    ]
    return any(over)
