"""
Sign-in lock-outs (django-axes), as this project uses them.

Failures are counted per email address typed and per client address, each on
its own (`AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]`): an email
address is locked at `AXES_FAILURE_LIMIT` failures within `AXES_COOLOFF_TIME`,
a client address at the higher `AXES_ADDRESS_FAILURE_LIMIT` (a whole police
station or probation office can share one address, so a few colleagues'
mistyped passwords must not pause signing in for all of them). Either stays
locked until the cool-off has passed or an administrator lifts it (Wagtail
admin → Settings → Sign-in lock-outs). Unknown addresses count exactly like real ones, so neither
the error nor the lock-out page says whether an account exists.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)


class AddressAwareHandler(AxesDatabaseHandler):
    """axes' database handler with a limit of its own for client addresses.

    axes compares the largest of its per-parameter counts with one limit; this
    reports the per-account count, or the full limit once the per-address count
    reaches `AXES_ADDRESS_FAILURE_LIMIT`, so each parameter has its own limit.
    """

    def get_failures(self, request, credentials=None) -> int:
        per_account, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if per_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(per_account, get_failure_limit(request, credentials))
        return per_account


def axes_username(request, credentials=None) -> str:
    """The email address typed, compared without case or surrounding spaces,
    so "Trainer@Example.org " and "trainer@example.org" share one count."""
    if credentials:
        value = credentials.get("username")
    else:
        data = getattr(request, "data", None) or request.POST
        value = data.get("username")
    return (value or "").strip().lower()


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: the same for every email address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/sign_in_paused.html", {"minutes": minutes}, status=429)


@dataclass(frozen=True)
class Lockout:
    kind: str  # "email" or "address"
    value: str
    failures: int
    until: datetime


def lockouts_current() -> list[Lockout]:
    """Every email address and client address locked out now, newest first."""
    from axes.models import AccessAttempt

    cool_off = settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    found = []
    for kind, field in (("email", "username"), ("address", "ip_address")):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        )
        found += [
            Lockout(kind, row[field], row["failures"], row["last"] + cool_off) for row in rows
        ]
    return sorted(found, key=lambda lockout: lockout.until, reverse=True)


def lockout_lift(*, kind: str, value: str, actor) -> int:
    """Clear the failures behind a lock-out (an administrator's Unlock button);
    returns how many attempt records went. Recorded in the Wagtail log against
    the account when the email address has one."""
    from axes.utils import reset
    from wagtail.log_actions import log

    from .models import User

    if kind == "email":
        count = reset(username=value)
        person = User.objects.filter(email__iexact=value).first()
        if person is not None:
            log(instance=person, action="compass.lockout_lift", user=actor)
    elif kind == "address":
        count = reset(ip=value)
    else:
        raise ValueError(f"Unknown lock-out kind {kind!r}")
    logger.info("Sign-in lock-out (%s) lifted by administrator %s", kind, actor.pk)
    return count
