"""Named versions in the shared cache, for keys that must change on every server at once.

A cached thing that depends on data edited elsewhere (the site chrome on any
publish, a piece's body on the glossary, a course report on its steps) puts
`current(name)` in its key, read before it reads the data; whatever edits that
data calls `bump(name)`. With
Redis (`REDIS_URL`) every app server reads the same version, so one publish
retires the old entries everywhere; they then expire on their own timeouts.
"""

from uuid import uuid4

from django.conf import settings
from django.core.cache import cache

PREFIX = "version:"


def current(name: str, timeout: int | None = None) -> str:
    """The version now in force for `name` (made on first use). `timeout`: for
    versions of which there are many (one per person); when one lapses, the
    next read makes a new one, so what it keyed is read afresh, never stale."""
    key = PREFIX + name
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid4().hex, timeout)  # two servers racing agree on the first one
        version = cache.get(key) or "unversioned"
    return version


def bump(name: str, timeout: int | None = None) -> None:
    """Retire every entry keyed by the current version of `name`: now, and
    again when the surrounding transaction commits. A bump from a signal runs
    before the change is committed; a request in that gap reads the old rows
    and stores them under the new version, which the second bump retires."""
    from django.db import transaction

    cache.set(PREFIX + name, uuid4().hex, timeout)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.set(PREFIX + name, uuid4().hex, timeout))


def timeout(seconds: int) -> int:
    """How long to keep an entry that every process must see retired: its full
    time in a shared cache (Redis); in a per-process cache at most
    UNSHARED_CACHE_SECONDS, since another process's bump never reaches it."""
    if getattr(settings, "CACHE_IS_SHARED", False):
        return seconds
    return min(seconds, getattr(settings, "UNSHARED_CACHE_SECONDS", 10))


def kept(name: str, key: str, make, *, seconds: int, version_timeout: int | None = None):
    """The value kept under `key` for the version of `name` now in force, read in
    one round trip with that version; else `make()`, kept under the version read
    before it ran (so rows read while a change commits are never kept as
    current) for `timeout(seconds)`."""
    version_key = PREFIX + name
    found = cache.get_many([version_key, key])
    version, entry = found.get(version_key), found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return entry[1]
    version = current(name, version_timeout)
    value = make()
    cache.set(key, (version, value), timeout(seconds))
    return value
