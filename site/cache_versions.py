"""Named versions in the shared cache, for keys that must change on every server at once.

A cached thing that depends on data edited elsewhere (the site chrome on any
publish, a piece's body on the glossary, a course report on its steps) puts
`current(name)` in its key; whatever edits that data calls `bump(name)`. With
Redis (`REDIS_URL`) every app server reads the same version, so one publish
retires the old entries everywhere; they then expire on their own timeouts.
"""

from uuid import uuid4

from django.conf import settings
from django.core.cache import cache

PREFIX = "version:"


def current(name: str) -> str:
    """The version now in force for `name` (made on first use)."""
    key = PREFIX + name
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid4().hex, None)  # two servers racing agree on the first one
        version = cache.get(key) or "unversioned"
    return version


def bump(name: str) -> None:
    """Retire every entry keyed by the current version of `name`."""
    cache.set(PREFIX + name, uuid4().hex, None)


def timeout(seconds: int) -> int:
    """How long to keep an entry that every process must see retired: its full
    time in a shared cache (Redis); in a per-process cache at most
    UNSHARED_CACHE_SECONDS, since another process's bump never reaches it."""
    if getattr(settings, "CACHE_IS_SHARED", False):
        return seconds
    return min(seconds, getattr(settings, "UNSHARED_CACHE_SECONDS", 10))
