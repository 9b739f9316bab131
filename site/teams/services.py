"""Writes about teams: membership changes, each checked against who is asking."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from .models import Team, TeamMembership
from .selectors import teams_led_by, user_can_manage_all_teams


def _ensure_can_manage(*, team: Team, actor) -> None:
    if not teams_led_by(user=actor).filter(pk=team.pk).exists():
        raise PermissionDenied("You do not lead this team.")


@transaction.atomic
def team_member_add(*, team: Team, actor, email: str, is_lead: bool = False) -> TeamMembership:
    """Add an existing account to a team. Only administrators may add a lead."""
    _ensure_can_manage(team=team, actor=actor)
    if is_lead and not user_can_manage_all_teams(user=actor):
        raise PermissionDenied("Only an administrator can add a team lead.")
    User = get_user_model()
    try:
        user = User.objects.get(email__iexact=email.strip(), is_active=True)
    except User.DoesNotExist:
        raise ValidationError(
            {"email": "There is no active account with that email address"}
        ) from None
    if TeamMembership.objects.filter(team=team, user=user).exists():
        raise ValidationError({"email": f"{user} is already a member of {team.name}"})
    membership = TeamMembership(team=team, user=user, is_lead=is_lead)
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:  # added by someone else a moment ago
        raise ValidationError({"email": f"{user} is already a member of {team.name}"}) from None
    return membership


@transaction.atomic
def team_member_remove(*, team: Team, actor, membership_id: int) -> TeamMembership:
    """Remove someone from a team, keeping at least one lead."""
    _ensure_can_manage(team=team, actor=actor)
    membership = (
        TeamMembership.objects.select_for_update()
        .select_related("user")
        .filter(team=team, pk=membership_id)
        .first()
    )
    if membership is None:
        raise TeamMembership.DoesNotExist
    if membership.is_lead:
        if not user_can_manage_all_teams(user=actor):
            raise PermissionDenied("Only an administrator can remove a team lead.")
        # Lock every lead row so two removals at once cannot leave the team leaderless.
        leads = list(TeamMembership.objects.select_for_update().filter(team=team, is_lead=True))
        if not [lead for lead in leads if lead.pk != membership.pk]:
            raise ValidationError("A team needs at least one lead. Add another lead first.")
    membership.delete()
    return membership
