"""Writes about teams: membership changes, each checked against who is asking.

Team leads never add people directly: they invite by email, and the person
accepts (or not). Administrators add members directly in the Wagtail admin, or
with `team_member_add`.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Team, TeamInvitation, TeamMembership
from .selectors import (
    email_digest,
    invitation_for_invitee,
    invitations_open,
    teams_led_by,
    user_can_manage_all_teams,
)


def _ensure_can_manage(*, team: Team, actor) -> None:
    if not teams_led_by(user=actor).filter(pk=team.pk).exists():
        raise PermissionDenied("You do not lead this team.")


@transaction.atomic
def team_member_add(*, team: Team, actor, email: str, is_lead: bool = False) -> TeamMembership:
    """Add an existing account to a team at once: administrators only. Team leads
    invite (`team_invitation_create`) and the person accepts."""
    if not user_can_manage_all_teams(user=actor):
        raise PermissionDenied("Only an administrator can add someone to a team directly.")
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


# Invitations ---------------------------------------------------------------


def email_hint(address: str) -> str:
    """What the lead sees of an address they typed: "n•••@example.org"."""
    local, _, domain = address.strip().lower().partition("@")
    return f"{local[:1]}\u2022\u2022\u2022@{domain}"[:120]


@transaction.atomic
def team_invitation_create(*, team: Team, actor, email: str, as_lead: bool = False) -> None:
    """Invite whoever owns `email` to the team. Says nothing back: the caller shows
    the same answer whether or not there is an account, it is already a member,
    or it was invited before (each of those is a no-op, or renews the invitation).
    An email goes only to an existing account."""
    _ensure_can_manage(team=team, actor=actor)
    if as_lead and not user_can_manage_all_teams(user=actor):
        raise PermissionDenied("Only an administrator can invite a team lead.")
    address = email.strip().lower()
    digest = email_digest(address)
    User = get_user_model()
    user = User.objects.filter(email__iexact=address, is_active=True).first()
    if TeamMembership.objects.filter(team=team, user__email__iexact=address).exists():
        return
    now = timezone.now()
    expires = now + timedelta(days=settings.TEAM_INVITATION_DAYS)
    open_invitation = (
        invitations_open().select_for_update().filter(team=team, email_hash=digest).first()
    )
    if open_invitation is not None and open_invitation.expires_at > now:
        return  # already invited and still waiting: nothing new to send
    token = secrets.token_urlsafe(32)
    if open_invitation is not None:  # expired unanswered: renew it
        open_invitation.token, open_invitation.expires_at = token, expires
        open_invitation.user, open_invitation.invited_by = user, actor
        open_invitation.as_lead = as_lead
        open_invitation.save(update_fields=["token", "expires_at", "user", "invited_by", "as_lead"])
        invitation = open_invitation
    else:
        invitation = TeamInvitation(
            team=team,
            email_hash=digest,
            email_hint=email_hint(address),
            user=user,
            invited_by=actor,
            as_lead=as_lead,
            token=token,
            expires_at=expires,
        )
        # The related rows were just read; checking them again would make an address
        # with an account cost one query more than one without (a timing hint).
        invitation.full_clean(exclude=["team", "user", "invited_by"])
        try:
            with transaction.atomic():
                invitation.save()
        except IntegrityError:  # the same invitation sent a moment ago
            return
    if user is not None:
        from .tasks import team_invitation_email_send

        transaction.on_commit(lambda: team_invitation_email_send.enqueue(invitation.pk))


@transaction.atomic
def team_invitation_answer(*, user, token: str, accept: bool) -> TeamInvitation:
    """The invited person accepts (and becomes a member) or declines. Someone
    else's token is a 404; an expired invitation is refused."""
    invitation = invitation_for_invitee(user=user, token=token)
    invitation = TeamInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has already been answered."))
    now = timezone.now()
    if invitation.expires_at <= now:
        raise ValidationError(
            _("This invitation has expired. Ask the team lead to invite you again.")
        )
    if accept:
        try:
            with transaction.atomic():
                TeamMembership.objects.create(
                    team=invitation.team, user=user, is_lead=invitation.as_lead
                )
        except IntegrityError:  # already a member (added by an administrator meanwhile)
            pass
        invitation.accepted_at = now
    else:
        invitation.declined_at = now
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "declined_at", "user"])
    return invitation


@transaction.atomic
def team_invitation_cancel(*, team: Team, actor, invitation_id: int) -> TeamInvitation:
    """A lead withdraws an invitation nobody has answered."""
    _ensure_can_manage(team=team, actor=actor)
    invitation = invitations_open().select_for_update().filter(team=team, pk=invitation_id).first()
    if invitation is None:
        raise TeamInvitation.DoesNotExist
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    return invitation
