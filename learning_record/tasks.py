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
