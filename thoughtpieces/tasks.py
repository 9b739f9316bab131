"""Background work for Thought Pieces: building a large brochure (thoughtpieces/brochure.py)."""

import logging

from django_tasks import task

from . import selectors
from .brochure import brochure_key, brochure_pdf, brochure_release, brochure_store
from .models import ThoughtPiecePage

logger = logging.getLogger(__name__)


@task(backend="brochures")
def brochure_build(page_ids: list[int]) -> None:
    pages = list(
        ThoughtPiecePage.objects.live().public().filter(pk__in=page_ids).order_by("title")
    )  # the pieces as they are now: a newer revision is simply a newer key
    if not pages:
        return
    key = brochure_key(pages)
    try:
        pieces = [
            {"page": page, **selectors.thought_piece_reading_context(page=page)} for page in pages
        ]
        brochure_store(key=key, pdf=brochure_pdf(pieces=pieces))
    except Exception:
        logger.exception("Brochure %s failed", key)
        brochure_release(key)
        raise
