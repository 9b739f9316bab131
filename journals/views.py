"""
Journal pages. Each view fetches entries through the selectors' ownership
checks (another person's entry is a 404 through every URL) and writes through
the services. Nothing here logs or messages journal text.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from iomsite.accounts.pending import keeps_signed_out_posts
from iomsite.accounts.roles import TRAINER
from iomsite.forms import form_add_service_errors
from iomsite.ratelimits import rate_limit
from iomsite.teams.models import Team
from iomsite.templatetags.compass import govuk_time
from thoughtpieces.models import DiscussionQuestion

from . import selectors, services
from .forms import CommentForm, EntryForm, ExportForm, NewEntryForm, PromptForm, ShareForm
from .markdown import render_markdown
from .models import JournalShare, Notification
from .privacy import identifiable_data_findings


@login_required
def journal_index(request):
    piece_id = _posted_id(request.GET.get("piece"))
    context = selectors.journal_index(user=request.user, piece_id=piece_id)
    return render(request, "journals/journal_index.html", context)


def _posted_id(raw, *, digits: int = 11) -> int | None:
    """An id from a query string or form field: ASCII digits only, bounded, or None."""
    raw = raw or ""
    if raw.isascii() and raw.isdigit() and len(raw) <= digits:
        return int(raw)
    return None


def _question_or_404(raw) -> DiscussionQuestion | None:
    if not raw:
        return None
    question_id = _posted_id(raw)
    if question_id is None:
        raise Http404("No such question")
    return get_object_or_404(
        DiscussionQuestion.objects.select_related("page"), pk=question_id, page__live=True
    )


@keeps_signed_out_posts("new_entry")
def entry_new(request):
    question = _question_or_404(request.GET.get("question") or request.POST.get("question"))
    answer = None
    raw_answer = request.GET.get("answer") or request.POST.get("answer")
    if raw_answer:
        from quizzes.models import QuizAnswer

        answer_id = _posted_id(raw_answer)
        if answer_id is None:
            raise Http404("No such answer")
        answer = get_object_or_404(QuizAnswer, pk=answer_id, user=request.user, item_type="dilemma")
    form = NewEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        body = ""
        if answer is not None:
            body = f"{answer.response.get('rationale', '')}\n"
        try:
            entry = services.journal_entry_create(
                author=request.user,
                question=question,
                title=form.cleaned_data["title"],
                scaffold=form.cleaned_data["scaffold"],
                body=body,
                quiz_answer=answer,
                client_key=form.cleaned_data["client_key"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return redirect("journals:entry", entry.pk)
    earlier = (
        selectors.entries_on_question(user=request.user, question_id=question.pk)
        if question
        else []
    )
    return render(
        request,
        "journals/entry_new.html",
        {"form": form, "question": question, "answer": answer, "earlier": earlier},
    )


def _edit_context(request, entry, form, *, preview_html=None):
    shares = list(
        JournalShare.objects.filter(entry=entry, revoked_at=None).select_related("team", "trainer")
    )
    return {
        "entry": entry,
        "form": form,
        "preview_html": preview_html,
        "shares": shares,
        # A shared entry edited later: its readers see the new text, so say so.
        "shared_findings": identifiable_data_findings(f"{entry.title}\n{entry.body}")
        if shares
        else [],
        "readers": selectors.entry_readers(entry=entry),
        "comments": entry.comments.select_related("author", "team").order_by("-created_at"),
        "earlier": [
            e
            for e in (
                selectors.entries_on_question(user=request.user, question_id=entry.question_id)
                if entry.question_id
                else []
            )
            if e.pk != entry.pk
        ],
        "autosave_url": reverse("journals:autosave", args=[entry.pk]),
    }


@keeps_signed_out_posts("journal_entry")
def entry_edit(request, pk: int):
    entry = selectors.entry_for_author(user=request.user, pk=pk)
    if request.method != "POST":
        form = EntryForm(
            initial={"title": entry.title, "body": entry.body, "revision": entry.revision}
        )
        return render(request, "journals/entry_edit.html", _edit_context(request, entry, form))
    form = EntryForm(request.POST)
    if not form.is_valid():
        context = _edit_context(request, entry, form)
        return render(request, "journals/entry_edit.html", context, status=400)
    if request.POST.get("action") == "preview":  # the no-JavaScript preview
        html = render_markdown(form.cleaned_data["body"])
        context = _edit_context(request, entry, form, preview_html=html)
        return render(request, "journals/entry_edit.html", context)
    try:
        services.journal_entry_save(
            entry_id=entry.pk,
            author=request.user,
            body=form.cleaned_data["body"],
            # The title field is only on the form for free-standing entries.
            title=None if entry.question_id else form.cleaned_data["title"],
            base_revision=form.cleaned_data["revision"],
        )
    except services.StaleRevision as stale:
        # Saved from elsewhere since this page loaded: keep what they wrote, say so,
        # and let them choose to replace that version.
        data = request.POST.copy()
        data["revision"] = str(stale.current)
        form = EntryForm(data)
        form.is_valid()
        form.add_error(
            "body",
            "This entry was saved from another window after you opened this one. "
            "Your text is kept here: save again to replace that version, or open the "
            "history to compare.",
        )
        context = _edit_context(request, entry, form)
        return render(request, "journals/entry_edit.html", context, status=409)
    except ValidationError as error:
        form_add_service_errors(form, error)
        return render(request, "journals/entry_edit.html", _edit_context(request, entry, form))
    messages.success(request, "Your entry has been saved.")
    return redirect("journals:entry", entry.pk)


@require_POST
def entry_autosave(request, pk: int):
    """JSON for static/js/journal.mjs. Signed out: 401, and the page keeps the text."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "signed_out"}, status=401)
    entry = selectors.entry_for_author(user=request.user, pk=pk)
    base_revision = _posted_id(request.POST.get("revision"), digits=9)
    if base_revision is None:
        return JsonResponse({"error": "A revision number is needed."}, status=400)
    try:
        saved = services.journal_entry_save(
            entry_id=entry.pk,
            author=request.user,
            body=request.POST.get("body", ""),
            title=request.POST.get("title"),
            base_revision=base_revision,
        )
    except services.StaleRevision as stale:
        return JsonResponse({"error": "stale", "revision": stale.current}, status=409)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse(
        {"revision": saved.revision, "saved_at": govuk_time(timezone.localtime(saved.updated_at))}
    )


@require_POST
@rate_limit("preview")
def entry_preview(request, pk: int):
    """The live preview (htmx): the same renderer as saving, nothing stored."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)  # signed out: leave the preview as it is
    selectors.entry_for_author(user=request.user, pk=pk)
    body = request.POST.get("body", "")
    if len(body) > 25_000:
        return HttpResponseBadRequest("Too long to preview")
    return render(
        request, "journals/components/preview.html", {"preview_html": render_markdown(body)}
    )


@require_GET
def csrf_token(request):
    """A fresh CSRF token for the autosave script after the learner signs in again."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "signed_out"}, status=401)
    return JsonResponse({"token": get_token(request)})


@login_required
def entry_history(request, pk: int):
    entry = selectors.entry_for_author(user=request.user, pk=pk)
    revisions = list(entry.revisions.order_by("-number"))
    return render(request, "journals/entry_history.html", {"entry": entry, "revisions": revisions})


@login_required
def question_entries(request, question_id: int):
    question = get_object_or_404(
        DiscussionQuestion.objects.select_related("page"), pk=question_id, page__live=True
    )
    entries = selectors.entries_on_question(user=request.user, question_id=question.pk)
    return render(
        request, "journals/question_entries.html", {"question": question, "entries": entries}
    )


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


@keeps_signed_out_posts("prompt")
def team_discussions(request, team_id: int):
    """A team's prompts and shared reflections. People who may prompt the team
    without being in it (any trainer; an administrator, who may manage every team)
    open it to post prompts, but see no one's reflections: those are the members'."""
    is_trainer = request.user.groups.filter(name=TRAINER).exists()
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
    entries = selectors.team_discussion(team=team, question_id=question_id)
    services.entry_reads_record(entries=entries, reader=request.user)
    return render(
        request,
        "journals/team_discussion.html",
        {"team": team, "question": question, "entries": entries},
    )


@login_required
def team_entry(request, team_id: int, pk: int):
    """One entry as shared with a team (the link in notifications and the discussion)."""
    team = selectors.team_for_member(user=request.user, team_id=team_id)
    entry, _ = selectors.entry_for_reader(user=request.user, pk=pk, team_id=team.pk)
    if not JournalShare.objects.filter(entry=entry, team=team, revoked_at=None).exists():
        raise Http404("No such entry")
    entries = selectors.team_discussion(team=team, question_id=entry.question_id)
    entries = [e for e in entries if e.pk == entry.pk]
    services.entry_reads_record(entries=entries, reader=request.user)
    return render(
        request,
        "journals/team_discussion.html",
        {"team": team, "question": entry.question, "entries": entries, "single": True},
    )


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
        back = _discussion_url(team_id, entry.question_id)
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
    trainer_id = _posted_id(request.POST.get("trainer"))
    live = JournalShare.objects.filter(entry=entry, revoked_at=None, trainer__isnull=False)
    if trainer_id is None or not live.filter(trainer_id=trainer_id).exists():
        raise Http404("No such discussion")
    return services.Audience(trainer_id=trainer_id)


def _discussion_url(team_id: int, question_id: int | None) -> str:
    if question_id is None:
        return reverse("journals:team_other", args=[team_id])
    return reverse("journals:team_discussion", args=[team_id, question_id])


@login_required
def shared_entry(request, pk: int):
    """An entry shared with the signed-in trainer for feedback."""
    entry, audience = selectors.entry_for_reader(user=request.user, pk=pk)
    if audience is None:
        return redirect("journals:entry", entry.pk)
    if not audience.as_trainer:
        return redirect(_discussion_url(audience.team_id, entry.question_id))
    services.entry_reads_record(entries=[entry], reader=request.user)
    comments = entry.comments.filter(team=None, trainer=request.user).select_related("author")
    return render(request, "journals/shared_entry.html", {"entry": entry, "comments": comments})


@login_required
def notifications(request):
    """The list (a GET changes nothing); "Mark all as read" is a POST."""
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        messages.success(request, gettext("All notifications are marked as read."))
        return redirect("journals:notifications")
    items = selectors.notifications_for(user=request.user)
    return render(request, "journals/notifications.html", {"notifications": items})


@login_required
@require_POST
def notification_open(request, pk: int):
    """Follow one notification: mark it read (a POST), then go to the comment."""
    note = get_object_or_404(
        Notification.objects.select_related("comment"), pk=pk, user=request.user
    )
    services.notifications_mark_read(user=request.user, notification_id=note.pk)
    comment = note.comment
    if comment.team_id:
        url = reverse("journals:team_entry", args=[comment.team_id, comment.entry_id])
        return redirect(f"{url}#comment-{comment.pk}")
    return redirect("journals:entry", comment.entry_id)


@login_required
@rate_limit("export", methods=("GET",))
def journal_export(request):
    """Markdown or PDF of the learner's own entries, filtered by date or piece."""
    from thoughtpieces.brochure import brochure_unavailable_reason
    from thoughtpieces.models import ThoughtPiecePage

    from .export import journal_entries_for_export, journal_markdown, journal_pdf

    pieces = (
        ThoughtPiecePage.objects.filter(questions__journal_entries__author=request.user)
        .distinct()
        .order_by("title")
    )
    form = ExportForm(request.GET or None, pieces=list(pieces))
    if not request.GET or not form.is_valid():
        return render(
            request,
            "journals/journal_export.html",
            {"form": form, "pdf_unavailable": brochure_unavailable_reason()},
            status=400 if form.errors else 200,
        )
    entries = list(
        journal_entries_for_export(
            user=request.user,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            piece_id=form.cleaned_data["piece"],
        )
    )
    stamp = timezone.localdate().isoformat()
    if form.cleaned_data["format"] == "pdf":
        unavailable = brochure_unavailable_reason()
        if unavailable:
            form.add_error("format", f"PDF is not available on this server: {unavailable}")
            return render(
                request,
                "journals/journal_export.html",
                {"form": form, "pdf_unavailable": unavailable},
                status=503,
            )
        pdf = journal_pdf(user=request.user, entries=entries, request=request)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="journal-{stamp}.pdf"'
        return response
    text = journal_markdown(user=request.user, entries=entries)
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="journal-{stamp}.md"'
    return response
