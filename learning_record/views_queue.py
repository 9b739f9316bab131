"""A learner opened a page: queue one "viewed" statement a day, write nothing here.

Viewing is not progress (only the learner's POSTs move it), so the GET neither
locks the learner nor writes a statement: `cache.add` on (learner, page, local
date) lets the first view of the day through (shared by every process when
REDIS_URL is set), and that view only queues `statement_viewed_record` on the
"xapi" backend, whose worker writes the statement.
"""

import logging

from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

# Long enough to outlive the local day whatever the hour it was first set.
DEDUPE_SECONDS = 26 * 60 * 60


def viewed_key(*, user_id: int, page_id: int, day) -> str:
    return f"lr:viewed:{user_id}:{page_id}:{day.isoformat()}"


def page_viewed(*, user, page) -> bool:
    """Queue the day's "viewed" statement for this learner and page; True if queued."""
    from .tasks import statement_viewed_record

    now = timezone.now()
    key = viewed_key(user_id=user.pk, page_id=page.pk, day=timezone.localdate(now))
    if not cache.add(key, 1, DEDUPE_SECONDS):
        return False
    try:
        statement_viewed_record.enqueue(user_id=user.pk, page_id=page.pk, at=now.isoformat())
    except Exception:  # the page still serves; the next view may try again
        cache.delete(key)
        logger.exception("Could not queue a viewed statement")
        return False
    return True
