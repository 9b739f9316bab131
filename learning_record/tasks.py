"""The forwarder as a django-tasks job (backend "xapi", a database queue)."""

import logging

from django_tasks import task

from .forwarding import forward_pending
from .models import ForwardingState

logger = logging.getLogger(__name__)


@task(backend="xapi")
def statements_forward() -> int:
    """Send what waits. After a failure the job queues itself again for when the
    back-off ends (on a backend that can defer); the `xapi_forward` sweep is the
    safety net either way."""
    result = forward_pending()
    if result.error:
        retry_after = ForwardingState.objects.filter(pk=1).values_list("retry_after", flat=True)
        when = retry_after.first()
        try:
            if when and statements_forward.get_backend().supports_defer:
                statements_forward.using(run_after=when).enqueue()
        except Exception:
            logger.exception("Could not queue the xAPI forwarder's retry")
    return result.sent


@task(backend="xapi")
def statement_viewed_record(*, user_id: int, page_id: int, at: str) -> bool:
    """Write the "viewed" statement a GET queued (learning_record.views_queue):
    the request inserted only this job, the worker takes the learner lock."""
    from datetime import datetime

    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from .services import statement_report
    from .verbs import Verb

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    page = Page.objects.filter(pk=page_id).first()
    if user is None or page is None:  # gone (erased, deleted) before the worker ran
        return False
    statement_report(user=user, verb=Verb.VIEWED, page=page, at=datetime.fromisoformat(at))
    return True
