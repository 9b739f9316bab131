"""Reads about accounts: who is staff, and with which roles."""

from django.db.models import Q

from .models import User
from .roles import ADMINISTRATOR, TEAM_LEAD, TRAINER

STAFF_ROLES = [TRAINER, TEAM_LEAD, ADMINISTRATOR]


def _staff() -> Q:
    return (
        Q(groups__name__in=STAFF_ROLES) | Q(is_superuser=True) | Q(team_memberships__is_lead=True)
    )


def staff_display_names(*, exclude_pk: int | None = None) -> list[str]:
    """The display names of trainers, team leads and administrators (a few dozen)."""
    people = User.objects.filter(_staff(), is_active=True)
    if exclude_pk is not None:
        people = people.exclude(pk=exclude_pk)
    return list(people.values_list("display_name", flat=True).distinct())
