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
    """What a group grants changed (a signal receiver, hence **kwargs)."""
    cache_versions.bump(VERSION)


def forget(user_id) -> None:
    """One person's groups or own permissions changed: read theirs afresh."""
    from .roles import PERSON_VERSION_TIMEOUT

    cache_versions.bump(_person_version(user_id), PERSON_VERSION_TIMEOUT)


def _person_version(user_id) -> str:
    return f"permissions:{user_id}"


def _key(user) -> str:
    return f"accounts:permissions:{user.pk}"


def _versions_and_kept(user) -> tuple[tuple, tuple | None]:
    """(the site-wide and the person's versions, what is kept for them), in one
    round trip; a version not made yet is made (before anything is read)."""
    from .roles import PERSON_VERSION_TIMEOUT

    person = _person_version(user.pk)
    keys = [cache_versions.PREFIX + VERSION, cache_versions.PREFIX + person, _key(user)]
    found = cache.get_many(keys)
    versions = (
        found.get(keys[0]) or cache_versions.current(VERSION),
        found.get(keys[1]) or cache_versions.current(person, PERSON_VERSION_TIMEOUT),
    )
    return versions, found.get(keys[2])


class PermissionsFromCacheMiddleware:
    """After AuthenticationMiddleware. The versions are read before the request
    reads any permission, and what it read is kept under those: a change made
    meanwhile (which bumps one) leaves it unused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return self.get_response(request)
        versions, kept = _versions_and_kept(user)
        if kept is not None and kept[:2] == versions and kept[2] == user.is_superuser:
            for name, value in zip(ATTRIBUTES, kept[3], strict=True):
                setattr(user, name, value)
            return self.get_response(request)
        response = self.get_response(request)
        if all(hasattr(user, name) for name in ATTRIBUTES):  # the backend read them all
            values = tuple(getattr(user, name) for name in ATTRIBUTES)
            entry = (*versions, user.is_superuser, values)
            cache.set(_key(user), entry, cache_versions.timeout(TIMEOUT))
        return response
