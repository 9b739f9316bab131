from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ..forms import form_add_service_errors
from . import selectors, services
from .forms import AddMemberForm
from .models import TeamMembership


def _require_lead_role(user) -> None:
    if not selectors.user_can_lead_teams(user=user):
        raise PermissionDenied("Only team leads can manage teams.")


@login_required
def team_list(request):
    """Everyone sees the teams they belong to; leads also see the ones they manage."""
    return render(
        request,
        "teams/team_list.html",
        {
            "my_teams": selectors.teams_for_member(user=request.user),
            "led_teams": selectors.teams_led_by(user=request.user),
            "can_lead": selectors.user_can_lead_teams(user=request.user),
        },
    )


@login_required
def team_detail(request, pk: int):
    _require_lead_role(request.user)
    team = selectors.team_for_lead(user=request.user, pk=pk)
    can_add_lead = selectors.user_can_manage_all_teams(user=request.user)
    form = AddMemberForm(
        request.POST if request.method == "POST" else None, can_add_lead=can_add_lead
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.team_member_add(
                team=team,
                actor=request.user,
                email=form.cleaned_data["email"],
                is_lead=form.cleaned_data.get("is_lead", False),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"{membership.user} has been added to {team.name}.")
            return redirect("teams:detail", pk=team.pk)
    return render(
        request,
        "teams/team_detail.html",
        {
            "team": team,
            "memberships": selectors.team_memberships(team=team),
            "form": form,
            "can_remove_leads": can_add_lead,
        },
        status=400 if form.errors else 200,
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
