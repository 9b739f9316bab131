"""A Thought Piece's page, rendered once per published revision (issue 15).

What a piece's page shows that only changes on publish — the rendered body with
its glossary pass and contents list, the authors, questions, references and
topics, the library's address — is built by `thought_piece_reading_context` and
kept in Django's cache (Redis when `REDIS_URL` is set, so every app server
shares one copy; local memory otherwise).

The key names the page, its live revision and when it was published, the
glossary's version and the language, so a publish or a glossary edit makes a
new key and no server can serve the old body. The old entries are deleted too
(`forget_piece`, `bump_glossary_version`, connected in `signals.py`). Previews
never read or fill the cache: they show a draft under the live revision's id.
"""

from django.core.cache import cache
from django.utils import translation

from iomsite import cache_versions

GLOSSARY_VERSION = "thoughtpieces:glossary"
CURRENT_KEY = "thoughtpieces:piece:{pk}:current"
# A safety net only: publishes and glossary edits make new keys at once.
TIMEOUT = 60 * 60 * 24 * 7


def bump_glossary_version(**kwargs) -> None:
    """A glossary term saved or deleted: every piece's body is built afresh."""
    cache_versions.bump(GLOSSARY_VERSION)


def piece_key(page) -> str | None:
    """None for a page with no live revision: nothing stable to key it by."""
    if not page.live_revision_id or not page.last_published_at:
        return None
    return ":".join(
        [
            "thoughtpieces:piece",
            str(page.pk),
            str(page.live_revision_id),
            page.last_published_at.isoformat(),
            cache_versions.current(GLOSSARY_VERSION),
            translation.get_language() or "",
        ]
    )


def forget_piece(instance=None, **kwargs) -> None:
    """Delete the cached page of a piece just published, unpublished or deleted."""
    if instance is None or not instance.pk:
        return
    pointer = CURRENT_KEY.format(pk=instance.pk)
    old = cache.get(pointer)
    cache.delete_many([key for key in (old, pointer) if key])


def cached_reading_context(*, page, request=None) -> dict:
    """`thought_piece_reading_context` for the live page, from the cache when it
    can be; a preview or a page without a live revision is always built afresh."""
    from .selectors import thought_piece_reading_context

    key = None if getattr(request, "is_preview", False) else piece_key(page)
    if key is None:
        return thought_piece_reading_context(page=page, request=request)
    found = cache.get(key)
    if found is None:
        found = thought_piece_reading_context(page=page, request=request)
        cache.set_many({key: found, CURRENT_KEY.format(pk=page.pk): key}, TIMEOUT)
    return found
