from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ..pagination import pagination_links
from ..ratelimits import rate_limit
from . import selectors, services
from .forms import InviteMemberForm
from .models import TeamInvitation, TeamMembership

# One answer for every address, so the form never tells whether an account exists.
INVITATION_SENT = gettext_lazy(
    "If that address belongs to an IOM Compass account, we have sent them an "
    "invitation. They join the team when they accept it."
)


def _require_lead_role(user) -> None:
    if not selectors.user_can_lead_teams(user=user):
        raise PermissionDenied("Only team leads can manage teams.")


@login_required
def team_list(request):
    """Everyone sees the teams they belong to; leads also see the ones they manage."""
    led_teams, others = selectors.teams_to_manage(user=request.user, page=request.GET.get("page"))
    return render(
        request,
        "teams/team_list.html",
        {
            "my_teams": selectors.teams_for_member(user=request.user),
            "led_teams": led_teams,
            "other_teams": others.object_list if others else [],
            "other_page": others,
            **_pages(others, ""),
            "can_lead": selectors.user_can_lead_teams(user=request.user),
        },
    )


@rate_limit("team_invite")
@login_required
def team_detail(request, pk: int):
    """Members, pending invitations, and the invite form. Nobody joins from here
    until they accept; an administrator adds people directly in the Wagtail admin."""
    _require_lead_role(request.user)
    team = selectors.team_for_lead(user=request.user, pk=pk)
    can_invite_lead = selectors.user_can_manage_all_teams(user=request.user)
    form = InviteMemberForm(
        request.POST if request.method == "POST" else None, can_invite_lead=can_invite_lead
    )
    if request.method == "POST" and form.is_valid():
        services.team_invitation_create(
            team=team,
            actor=request.user,
            email=form.cleaned_data["email"],
            as_lead=form.cleaned_data.get("as_lead", False),
        )
        messages.success(request, INVITATION_SENT)
        return redirect("teams:detail", pk=team.pk)
    query = request.GET.get("q", "").replace("\x00", "").strip()[: selectors.MEMBER_SEARCH_MAX]
    page = selectors.team_members_page(team=team, query=query, page=request.GET.get("page"))
    return render(
        request,
        "teams/team_detail.html",
        {
            "team": team,
            "page": page,
            "memberships": page.object_list,
            "query": query,
            **_pages(page, query, anchor="#members"),
            "invitations": selectors.invitations_pending_for_team(team=team),
            "form": form,
            "can_remove_leads": can_invite_lead,
        },
        status=400 if form.errors else 200,
    )


def _pages(page, query: str, anchor: str = "") -> dict:
    """Links for the GOV.UK pagination under a list, keeping the search."""
    return pagination_links(
        page,
        lambda number: (
            "?" + urlencode({**({"q": query} if query else {}), "page": number}) + anchor
        ),
    )


@require_POST
@login_required
def team_invitation_cancel(request, pk: int, invitation_id: int):
    _require_lead_role(request.user)
    team = selectors.team_for_lead(user=request.user, pk=pk)
    try:
        invitation = services.team_invitation_cancel(
            team=team, actor=request.user, invitation_id=invitation_id
        )
    except TeamInvitation.DoesNotExist:
        raise Http404("No such invitation in this team.") from None
    messages.success(
        request, _("The invitation to %(hint)s is cancelled.") % {"hint": invitation.email_hint}
    )
    return redirect("teams:detail", pk=team.pk)


@require_http_methods(["GET", "POST"])
@login_required
def team_invitation(request, token: str):
    """The invited person's page: accept or decline. Anyone else's token is a 404."""
    invitation = selectors.invitation_for_invitee(user=request.user, token=token)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in {"accept", "decline"}:
            messages.error(request, _("Choose whether to accept or decline the invitation."))
            return redirect("teams:invitation", token=token)
        try:
            services.team_invitation_answer(
                user=request.user, token=token, accept=decision == "accept"
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("teams:invitation", token=token)
        if decision == "accept":
            messages.success(
                request, _("You are now a member of %(team)s.") % {"team": invitation.team.name}
            )
        else:
            messages.success(
                request,
                _("You declined the invitation to %(team)s.") % {"team": invitation.team.name},
            )
        return redirect("teams:list")
    return render(
        request,
        "teams/team_invitation.html",
        {"invitation": invitation, "expired": invitation.expires_at <= timezone.now()},
    )


@require_http_methods(["GET", "POST"])
@login_required
def team_member_remove(request, pk: int, membership_id: int):
    """GET asks 'are you sure?'; POST removes. Learning records are kept either way."""
    _require_lead_role(request.user)
    team = selectors.team_for_lead(user=request.user, pk=pk)
    if request.method == "GET":
        membership = get_object_or_404(selectors.team_memberships(team=team), pk=membership_id)
        return render(request, "teams/member_remove.html", {"team": team, "membership": membership})
    try:
        membership = services.team_member_remove(
            team=team, actor=request.user, membership_id=membership_id
        )
    except TeamMembership.DoesNotExist:
        raise Http404("No such member in this team.") from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{membership.user} has been removed from {team.name}.")
    return redirect("teams:detail", pk=team.pk)
