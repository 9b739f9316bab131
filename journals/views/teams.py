"""A team's discussions: the prompts trainers post and the reflections
members share, by question and one entry at a time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode

from iomsite.accounts.pending import keeps_signed_out_posts
from iomsite.accounts.roles import TRAINER, role_names
from iomsite.forms import form_add_service_errors
from iomsite.pagination import pagination_links
from iomsite.teams.models import Team
from thoughtpieces.models import DiscussionQuestion

from .. import selectors, services
from ..forms import PromptForm
from ..models import JournalShare

DISCUSSION_PER_PAGE = 10


@keeps_signed_out_posts("prompt")
def team_discussions(request, team_id: int):
    """A team's prompts and shared reflections. People who may prompt the team
    without being in it (any trainer; an administrator, who may manage every team)
    open it to post prompts, but see no one's reflections: those are the members'."""
    is_trainer = TRAINER in role_names(request.user)
    team = Team.objects.filter(pk=team_id).first()
    if team is None:
        raise Http404("No such team")
    member = Team.objects.filter(pk=team_id, memberships__user=request.user).exists()
    can_prompt = services.team_prompt_allowed(user=request.user, team=team)
    if not member and not can_prompt:
        raise Http404("No such team")
    form = None
    if can_prompt:
        questions = DiscussionQuestion.objects.filter(page__live=True).select_related("page")
        questions = list(questions.order_by("page__title", "sort_order"))
        form = PromptForm(request.POST or None, questions=questions)
        if request.method == "POST" and form.is_valid():
            chosen = form.cleaned_data["question"]
            try:
                services.team_prompt_create(
                    team=team,
                    author=request.user,
                    question=next((q for q in questions if q.pk == chosen), None),
                    text=form.cleaned_data["text"],
                    discuss_by=form.cleaned_data["discuss_by"],
                    client_key=form.cleaned_data["client_key"],
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Prompt posted. Members see it on My learning.")
                return redirect("journals:team", team.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "journals/team_discussions.html",
        {
            "team": team,
            "member": member,
            "is_trainer": is_trainer,
            "topics": selectors.team_discussion_topics(team=team) if member else [],
            "prompts": team.prompts.select_related("question__page", "author")[:20],
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def team_discussion(request, team_id: int, question_id: int | None = None):
    team = selectors.team_for_member(user=request.user, team_id=team_id)
    question = None
    if question_id is not None:
        question = get_object_or_404(
            DiscussionQuestion.objects.select_related("page"), pk=question_id, page__live=True
        )
    page = Paginator(
        selectors.team_discussion(team=team, question_id=question_id), DISCUSSION_PER_PAGE
    ).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    services.entry_reads_record(entries=entries, reader=request.user)  # those shown only
    return render(
        request,
        "journals/team_discussion.html",
        {
            "team": team,
            "question": question,
            "entries": entries,
            "page": page,
            **pagination_links(page, lambda number: f"?{urlencode({'page': number})}"),
        },
    )


@login_required
def team_entry(request, team_id: int, pk: int):
    """One entry as shared with a team (the link in notifications and the discussion)."""
    team = selectors.team_for_member(user=request.user, team_id=team_id)
    entry, _ = selectors.entry_for_reader(user=request.user, pk=pk, team_id=team.pk)
    if not JournalShare.objects.filter(entry=entry, team=team, revoked_at=None).exists():
        raise Http404("No such entry")
    entries = list(
        selectors.team_discussion(team=team, question_id=entry.question_id).filter(pk=entry.pk)
    )
    services.entry_reads_record(entries=entries, reader=request.user)
    return render(
        request,
        "journals/team_discussion.html",
        {"team": team, "question": entry.question, "entries": entries, "single": True},
    )
