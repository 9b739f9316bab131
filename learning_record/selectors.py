"""Reads of the learning record's summaries. No page reads `Statement`."""

from .activities import Activity
from .models import ActivityState


def activity_state_exists(*, user, activity: Activity, verb: str) -> bool:
    """Has this learner ever reported `verb` on `activity`?"""
    if not user.is_authenticated:
        return False
    return ActivityState.objects.filter(user=user, activity=activity.iri, verb=verb).exists()
