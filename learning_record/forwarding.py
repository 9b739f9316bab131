"""
Sending statements to the external LRS (when XAPI_LRS_ENDPOINT is set).

`forward_pending` POSTs the oldest waiting statements in batches to
<endpoint>/statements with `X-Experience-API-Version: 1.0.3` and Basic auth,
and marks what the LRS accepted (`forwarded_at`). Statement ids are fixed, so
a batch sent again is harmless: a 409 (ids already there) counts as accepted.
On a refusal or a timeout nothing is marked, the error is kept in
`ForwardingState`, and the next try waits 30 s, 60 s, 120 s … (up to an hour).
"""

import base64
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ForwardingState, Statement
from .xapi import statement_json

logger = logging.getLogger(__name__)
VERSION = "1.0.3"


@dataclass
class ForwardResult:
    sent: int = 0
    error: str = ""
    skipped: bool = False  # not configured, or waiting out a back-off


def forwarding_enabled() -> bool:
    return bool(settings.XAPI_LRS_ENDPOINT)


def _state() -> ForwardingState:
    return ForwardingState.objects.get_or_create(pk=1)[0]


def _post(payload: list[dict]) -> int:
    """POST one batch; returns the HTTP status (raises OSError on a network failure)."""
    url = settings.XAPI_LRS_ENDPOINT.rstrip("/") + "/statements"
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("X-Experience-API-Version", VERSION)
    if settings.XAPI_LRS_USERNAME:
        token = f"{settings.XAPI_LRS_USERNAME}:{settings.XAPI_LRS_PASSWORD}".encode()
        request.add_header("Authorization", "Basic " + base64.b64encode(token).decode())
    try:
        with urllib.request.urlopen(request, timeout=settings.XAPI_LRS_TIMEOUT_SECONDS) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def _failed(state: ForwardingState, message: str, now, *, sent: int) -> ForwardResult:
    first, ceiling = settings.XAPI_LRS_BACKOFF_SECONDS
    state.failures += 1
    state.last_error = message[:500]
    state.retry_after = now + timedelta(seconds=min(ceiling, first * 2 ** (state.failures - 1)))
    state.save()
    logger.warning("xAPI forwarding failed (%s); retry after %s", message, state.retry_after)
    return ForwardResult(sent=sent, error=message)


def forward_pending(*, force: bool = False, max_batches: int = 50) -> ForwardResult:
    """Send waiting statements, batch by batch, until none wait or one fails.

    Each batch is chosen, sent and marked while holding the `ForwardingState`
    row, so two workers (several app hosts) never send the same batch: the
    second skips while the first is busy (PostgreSQL), or waits for it and then
    sees the batch marked (SQLite serialises writers)."""
    if not forwarding_enabled():
        return ForwardResult(skipped=True)
    _state()  # the row the lock is taken on
    total = 0
    for _ in range(max_batches):
        with transaction.atomic():
            state = ForwardingState.objects.select_for_update(skip_locked=True).filter(pk=1).first()
            if state is None:  # another forwarder is sending
                return ForwardResult(sent=total, skipped=not total)
            now = timezone.now()
            if not force and state.retry_after and state.retry_after > now:
                return ForwardResult(sent=total, skipped=not total)
            batch = list(
                Statement.objects.filter(forwarded_at__isnull=True).order_by("id")[
                    : settings.XAPI_LRS_BATCH_SIZE
                ]
            )
            if not batch:
                break
            state.last_attempt_at = now
            try:
                status = _post([statement_json(s) for s in batch])
            except (TimeoutError, OSError) as error:  # refused, unreachable, timed out
                return _failed(state, f"{type(error).__name__}: {error}", now, sent=total)
            if not (200 <= status < 300 or status == 409):  # 409: ids it already has
                return _failed(state, f"HTTP {status}", now, sent=total)
            Statement.objects.filter(pk__in=[s.pk for s in batch]).update(forwarded_at=now)
            total += len(batch)
            state.failures, state.last_error, state.retry_after = 0, "", None
            state.last_success_at = now
            state.save()
    return ForwardResult(sent=total)


def queue_summary() -> dict:
    """What the admin view shows."""
    waiting = Statement.objects.filter(forwarded_at__isnull=True)
    oldest = waiting.order_by("id").values_list("stored", flat=True).first()
    return {
        "enabled": forwarding_enabled(),
        "endpoint": settings.XAPI_LRS_ENDPOINT,
        "waiting": waiting.count(),
        "forwarded": Statement.objects.filter(forwarded_at__isnull=False).count(),
        "oldest_waiting": oldest,
        "state": ForwardingState.objects.filter(pk=1).first(),
    }
