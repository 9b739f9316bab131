"""What the `bench_*` management commands share: timing requests through Django's
test client (middleware, views, queries, templates; no network) after one
warm-up, and printing a Markdown table row for docs/PERFORMANCE.md."""

import statistics
import time

from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

# One process's local-memory cache is as coherent as Redis would be for several,
# so a benchmark runs as a server with REDIS_URL does: entries kept their full
# time, sessions read from the cache (settings/core.py).
AS_WITH_REDIS = {
    "CACHE_IS_SHARED": True,
    "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
}


def two_factor_session_verify(client, user) -> None:
    """Mark a test client's session as past two-factor sign-in, as django-otp
    does after a right code, when the person's role requires it (a confirmed
    app is made for them if they have none). For the benchmarks and the test
    suite's `force_login`; never used by a request."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from iomsite.accounts.two_factor import app_device_for, two_factor_owed

    if not two_factor_owed(user):
        return
    device = app_device_for(user) or TOTPDevice.objects.create(
        user=user, name="Test app", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def signed_in_client(user):
    """A test client signed in as `user`, staff past two-factor sign-in, so staff
    pages answer as they do for a fully signed-in person."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    two_factor_session_verify(client, user)
    return client


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed_requests(request, runs: int, prepare=None) -> tuple[list[float], int]:
    """Time `request(state)` `runs` times after a warm-up (run 0); `prepare(run)`
    makes each run's state off the clock (by default the run number). Returns the
    milliseconds and the query count of the last run."""
    timings, queries = [], 0
    for run in range(runs + 1):
        state = prepare(run) if prepare else run
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = request(state)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code >= 400:
            raise CommandError(f"{response.request['PATH_INFO']} answered {response.status_code}")
        if run:
            timings.append(elapsed)
            queries = len(captured)
    return timings, queries


def table_row(label: str, timings: list[float], queries: int) -> str:
    return (
        f"| {label} | {statistics.median(timings):.0f} | "
        f"{percentile(timings, 0.95):.0f} | {queries} |"
    )
