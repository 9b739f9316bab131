"""Reads about teams. Every query here is bounded: no loops over relations."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Team, TeamMembership


def user_can_lead_teams(*, user) -> bool:
    return user.is_authenticated and user.has_perm("teams.lead_team")


def user_can_manage_all_teams(*, user) -> bool:
    return user.is_authenticated and user.has_perm("teams.manage_all_teams")


def _with_leads(queryset: QuerySet[Team]) -> QuerySet[Team]:
    leads = TeamMembership.objects.filter(is_lead=True).select_related("user")
    return queryset.annotate(member_count=Count("memberships", distinct=True)).prefetch_related(
        Prefetch("memberships", queryset=leads, to_attr="lead_memberships")
    )


def teams_for_member(*, user) -> QuerySet[Team]:
    """The teams a person belongs to, with their leads and sizes."""
    team_ids = TeamMembership.objects.filter(user=user).values("team_id")
    return _with_leads(Team.objects.filter(pk__in=team_ids)).order_by("area", "name")


def team_names_for_member(*, user) -> list[str]:
    """The names of a person's teams, in the order `teams_for_member` gives them."""
    return list(
        Team.objects.filter(memberships__user=user)
        .order_by("area", "name")
        .values_list("name", flat=True)
    )


def teams_led_by(*, user) -> QuerySet[Team]:
    """The teams a person may manage: the ones they lead, or all for administrators."""
    if user_can_manage_all_teams(user=user):
        queryset = Team.objects.all()
    elif user_can_lead_teams(user=user):
        led = TeamMembership.objects.filter(user=user, is_lead=True).values("team_id")
        queryset = Team.objects.filter(pk__in=led)
    else:
        queryset = Team.objects.none()
    return _with_leads(queryset).order_by("area", "name")


TEAMS_PER_PAGE = 25


def teams_to_manage(*, user, page=None) -> tuple[list[Team], Page | None]:
    """(the teams the person leads, one page of the other teams they may manage):
    an administrator who leads none sees every team in the second list only,
    25 at a time, so the list costs the same for 30 teams or 3,000."""
    led_ids = set(
        TeamMembership.objects.filter(user=user, is_lead=True).values_list("team_id", flat=True)
    )
    manageable = teams_led_by(user=user)
    led = list(manageable.filter(pk__in=led_ids))
    if not user_can_manage_all_teams(user=user):
        return led, None
    others = manageable.exclude(pk__in=led_ids)
    return led, Paginator(others, TEAMS_PER_PAGE).get_page(page)


def team_for_lead(*, user, pk: int) -> Team:
    """One team the person may manage; any other id is a 404, not a hint it exists."""
    return get_object_or_404(teams_led_by(user=user), pk=pk)


def team_memberships(*, team: Team) -> QuerySet[TeamMembership]:
    return (
        TeamMembership.objects.filter(team=team)
        .select_related("user")
        .order_by("-is_lead", "user__display_name", "user__email")
    )


MEMBERS_PER_PAGE = 25
MEMBER_SEARCH_MAX = 100


def team_members_page(*, team: Team, query: str = "", page=None) -> Page:
    """One page of a team's members, leads first, optionally those whose name or
    address contains `query` (already trimmed to MEMBER_SEARCH_MAX by the view):
    a count and a 25-row slice in SQL, whatever the team's size."""
    memberships = team_memberships(team=team)
    if query:
        memberships = memberships.filter(
            Q(user__display_name__icontains=query) | Q(user__email__icontains=query)
        )
    return Paginator(memberships, MEMBERS_PER_PAGE).get_page(page)


# Invitations ---------------------------------------------------------------


def email_digest(address: str) -> str:
    """A keyed hash of a normalised address: matches an account, reveals nothing."""
    from django.utils.crypto import salted_hmac

    normalised = address.strip().lower()
    return salted_hmac("iomsite.teams.invitation", normalised, algorithm="sha256").hexdigest()


def invitations_open():
    """Invitations nobody has accepted, declined or cancelled (expired ones too)."""
    from .models import TeamInvitation

    return TeamInvitation.objects.filter(accepted_at=None, declined_at=None, cancelled_at=None)


def invitations_pending_for_team(*, team: Team):
    """Invitations the team's leads sent that nobody has answered yet (and not expired)."""
    from django.utils import timezone

    return (
        invitations_open()
        .filter(team=team, expires_at__gt=timezone.now())
        .select_related("invited_by")
        .order_by("-created_at")
    )


def _for_invitee(user):
    from django.db.models import Q

    return invitations_open().filter(
        Q(user=user) | Q(user=None, email_hash=email_digest(user.email))
    )


def invitations_pending_for(*, user):
    """The open, unexpired invitations a person has, with their teams and senders."""
    from django.utils import timezone

    if not user.is_authenticated:
        return invitations_open().none()
    return (
        _for_invitee(user)
        .filter(expires_at__gt=timezone.now())
        .select_related("team", "invited_by")
        .order_by("-created_at")
    )


def invitation_for_invitee(*, user, token: str):
    """One open invitation of this person's (expired ones too, to say so); anyone
    else's token is a 404."""
    return get_object_or_404(_for_invitee(user).select_related("team", "invited_by"), token=token)
