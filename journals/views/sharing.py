"""Sharing an entry with a team or a trainer, stopping sharing, and the
comments readers and the author add where an entry is shared."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from iomsite.accounts.pending import keeps_signed_out_posts
from iomsite.accounts.roles import TRAINER
from iomsite.forms import form_add_service_errors
from iomsite.teams.models import Team

from .. import selectors, services
from ..forms import CommentForm, ShareForm
from ..models import JournalShare
from ..privacy import identifiable_data_findings
from .common import discussion_url, posted_id


def _trainers():
    return (
        get_user_model()
        .objects.filter(groups__name=TRAINER, is_active=True)
        .order_by("display_name")
    )


@keeps_signed_out_posts("share")
def entry_share(request, pk: int):
    entry = selectors.entry_for_author(user=request.user, pk=pk)
    teams = list(Team.objects.filter(memberships__user=request.user).order_by("name"))
    trainers = list(_trainers().exclude(pk=request.user.pk))
    form = ShareForm(request.POST or None, teams=teams, trainers=trainers)
    findings = identifiable_data_findings(f"{entry.title}\n{entry.body}")
    if request.method == "POST" and form.is_valid():
        if findings and not form.cleaned_data["confirm"]:
            form.add_error(
                "confirm",
                "Check the highlighted parts, then edit the entry or confirm it is fine to share",
            )
        else:
            kind, _, raw_id = form.cleaned_data["audience"].partition("-")
            audience = {}
            if kind == "team":
                audience["team"] = next(t for t in teams if str(t.pk) == raw_id)
            else:
                audience["trainer"] = next(u for u in trainers if str(u.pk) == raw_id)
            try:
                services.journal_entry_share(entry=entry, author=request.user, **audience)
            except PermissionDenied:
                raise Http404("No such team") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Shared. You can stop sharing at any time.")
                return redirect("journals:entry", entry.pk)
    return render(
        request,
        "journals/entry_share.html",
        {"entry": entry, "form": form, "findings": findings},
        status=400 if form.errors else 200,
    )


@keeps_signed_out_posts("share_revoke")
@require_POST
def share_revoke(request, pk: int, share_id: int):
    entry = selectors.entry_for_author(user=request.user, pk=pk)
    if not JournalShare.objects.filter(pk=share_id, entry=entry).exists():
        raise Http404("No such share")
    services.journal_share_revoke(share_id=share_id, author=request.user)
    messages.success(request, "No longer shared. Others lose access straight away.")
    return redirect("journals:entry", entry.pk)


@login_required
def shared_entry(request, pk: int):
    """An entry shared with the signed-in trainer for feedback."""
    entry, audience = selectors.entry_for_reader(user=request.user, pk=pk)
    if audience is None:
        return redirect("journals:entry", entry.pk)
    if not audience.as_trainer:
        return redirect(discussion_url(audience.team_id, entry.question_id))
    services.entry_reads_record(entries=[entry], reader=request.user)
    comments = entry.comments.filter(team=None, trainer=request.user).select_related("author")
    return render(request, "journals/shared_entry.html", {"entry": entry, "comments": comments})


@keeps_signed_out_posts("comment")
@require_POST
def comment_add(request, pk: int, team_id: int | None = None):
    """A comment in a team's discussion (`team_id`), or in the feedback thread
    between the author and a trainer (no `team_id`)."""
    entry, audience = selectors.entry_for_reader(user=request.user, pk=pk, team_id=team_id)
    if audience is None:  # the author, replying
        audience = _author_reply_audience(request, entry=entry, team_id=team_id)
    elif (team_id is None) != (audience.team_id is None):
        raise Http404("No such discussion")
    form = CommentForm(request.POST)
    if team_id is None:
        back = (
            reverse("journals:shared_entry", args=[entry.pk])
            if audience.as_trainer
            else reverse("journals:entry", args=[entry.pk])
        )
    else:
        back = discussion_url(team_id, entry.question_id)
    if form.is_valid():
        try:
            services.comment_add(
                entry=entry,
                author=request.user,
                body=form.cleaned_data["body"],
                audience=audience,
                parent_id=form.cleaned_data["parent"],
                client_key=form.cleaned_data["client_key"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Your comment has been added.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{back}#entry-{entry.pk}")


def _author_reply_audience(request, *, entry, team_id: int | None) -> services.Audience:
    """The author may reply where their entry is shared right now."""
    if team_id is not None:
        selectors.team_for_member(user=request.user, team_id=team_id)
        if not JournalShare.objects.filter(entry=entry, team_id=team_id, revoked_at=None).exists():
            raise Http404("No such discussion")
        return services.Audience(team_id=team_id)
    trainer_id = posted_id(request.POST.get("trainer"))
    live = JournalShare.objects.filter(entry=entry, revoked_at=None, trainer__isnull=False)
    if trainer_id is None or not live.filter(trainer_id=trainer_id).exists():
        raise Http404("No such discussion")
    return services.Audience(trainer_id=trainer_id)
