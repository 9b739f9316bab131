"""Django's permission checks (`user.has_perm`) from the shared cache.

Django's ModelBackend reads a person's permissions with two queries the first
time a request asks (their own, and their groups'), and keeps them on the user
object for that request only. Team pages and the journal ask on every view.
`PermissionsFromCacheMiddleware` keeps what the backend read in the shared cache
and hands it to the next request's user object, so it asks nothing. A change to
one person's groups or own permissions drops their set (`forget`, from
`accounts.apps`); a change to what a group grants (its permissions, a group or
permission deleted, a migration) bumps one version (`cache_versions`, name
`permissions`) and every kept set is read afresh.
"""

from django.core.cache import cache

from .. import cache_versions

VERSION = "permissions"
TIMEOUT = 10 * 60
# Where ModelBackend keeps them on the user object.
ATTRIBUTES = ("_user_perm_cache", "_group_perm_cache", "_perm_cache")


def invalidate(**kwargs) -> None:
    """Who holds which permission changed (a signal receiver, hence **kwargs)."""
    cache_versions.bump(VERSION)


def forget(user_id) -> None:
    """One person's groups or own permissions changed: read theirs afresh."""
    cache.delete(f"accounts:permissions:{user_id}")


def _key(user) -> str:
    return f"accounts:permissions:{user.pk}"


def _prime(user) -> bool:
    """Give `user` the permissions kept for them, if they are still current."""
    version_key = cache_versions.PREFIX + VERSION
    found = cache.get_many([version_key, _key(user)])
    version, kept = found.get(version_key), found.get(_key(user))
    if version is None or kept is None:
        return False
    kept_version, was_superuser, values = kept
    if kept_version != version or was_superuser != user.is_superuser:
        return False
    for name, value in zip(ATTRIBUTES, values, strict=True):
        setattr(user, name, value)
    return True


def _keep(user) -> None:
    """Keep what the backend read during this request, if it read it all."""
    if all(hasattr(user, name) for name in ATTRIBUTES):
        values = tuple(getattr(user, name) for name in ATTRIBUTES)
        version = cache_versions.current(VERSION)
        cache.set(_key(user), (version, user.is_superuser, values), cache_versions.timeout(TIMEOUT))


class PermissionsFromCacheMiddleware:
    """After AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        signed_in = user.is_authenticated and user.is_active
        primed = signed_in and _prime(user)
        response = self.get_response(request)
        if signed_in and not primed:
            _keep(user)
        return response
