"""Accounts: the custom user, roles, sign-in (with lock-outs and two-factor
sign-in) and the person's own data."""

import ipaddress


def client_address(request) -> str:
    """The address a request came from, as lock-outs (django-axes) and rate limits
    (django-ratelimit) both count it.

    `REMOTE_ADDR` by default. Behind proxies set `DJANGO_TRUSTED_PROXY_COUNT` to
    how many proxies you run in front of the site: each appends the address it
    saw to `X-Forwarded-For` (or `DJANGO_CLIENT_ADDRESS_HEADER`), so the client
    is that many places from the right. Anything further left was written by
    the client and is ignored. A missing or malformed header falls back to
    `REMOTE_ADDR`, so a forged header can never pick the address.
    """
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    header = request.META.get(getattr(settings, "CLIENT_ADDRESS_HEADER", ""), "") or ""
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
