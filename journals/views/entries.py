"""Writing: the journal index, a new entry, editing with autosave and preview,
the history of an entry and the learner's entries on one question."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from iomsite.accounts import record_stamp
from iomsite.accounts.pending import keeps_signed_out_posts
from iomsite.forms import form_add_service_errors
from iomsite.ratelimits import rate_limit
from iomsite.templatetags.compass import govuk_time
from thoughtpieces.models import DiscussionQuestion

from .. import selectors, services
from ..forms import EntryForm, NewEntryForm
from ..markdown import render_markdown
from ..models import JournalShare
from ..privacy import identifiable_data_findings
from .common import posted_id, question_or_404


@login_required
def journal_index(request):
    piece_id = posted_id(request.GET.get("piece"))
    kept = record_stamp.kept(
        request,
        f"journal-index:{piece_id or ''}",
        lambda: selectors.journal_index(user=request.user, piece_id=piece_id),
    )
    context = {**kept, "prompt_teams": selectors.prompt_teams_for(user=request.user)}
    return render(request, "journals/journal_index.html", context)


@keeps_signed_out_posts("new_entry")
def entry_new(request):
    question = question_or_404(request.GET.get("question") or request.POST.get("question"))
    answer = None
    raw_answer = request.GET.get("answer") or request.POST.get("answer")
    if raw_answer:
        from quizzes import items as quiz_items
        from quizzes.models import QuizAnswer

        answer_id = posted_id(raw_answer)
        if answer_id is None:
            raise Http404("No such answer")
        answer = get_object_or_404(
            QuizAnswer,
            pk=answer_id,
            user=request.user,
            item_type__in=quiz_items.personal_answer_types(),
        )
    form = NewEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        body = ""
        if answer is not None:
            body = f"{quiz_items.answer_own_words(answer)}\n"
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
    base_revision = posted_id(request.POST.get("revision"), digits=9)
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
