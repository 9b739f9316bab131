from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import my_learning_selectors, selectors, services
from .models import AccessKind, CoursePage, Step


@login_required
def my_learning(request):
    """The practitioner's own starting point: courses, modules, due dates, certificates."""
    from iomsite.accounts import record_stamp
    from iomsite.teams.selectors import team_names_for_member

    context = record_stamp.kept(
        request, "my-learning", lambda: my_learning_selectors.my_learning(user=request.user)
    )
    context["team_names"] = record_stamp.kept(
        request, "team-names", lambda: team_names_for_member(user=request.user)
    )
    return render(request, "courses/my_learning.html", context)


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@require_POST
@login_required
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        services.enrolment_self_enrol(user=request.user, course=course)
    except PermissionDenied:
        messages.error(request, "This course is by assignment only. Ask your team lead.")
        return redirect(course.url)
    messages.success(request, f"You are enrolled on {course.title}.")
    return redirect(course.url)


@require_POST
@login_required
def step_done(request, step_id: int):
    """A learner marks an offline activity done. Twice is harmless."""
    step = get_object_or_404(Step.objects.select_related("module", "course"), pk=step_id)
    try:
        outcome = services.step_mark_done(actor=request.user, learner=request.user, step=step)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if outcome.courses_completed:
            messages.success(
                request,
                f"Course complete: {step.course.title}. Your certificate is on My learning.",
            )
        elif outcome.record is not None:
            messages.success(request, f"Marked done: {step.title}.")
    return _back(request, step.module.url)


@require_POST
@login_required
def piece_read(request, page_id: int):
    """The learner says they have read a Thought Piece (the only way it counts as read)."""
    pieces = (
        Page.objects.live()
        .public()
        .filter(content_type__app_label="thoughtpieces", content_type__model="thoughtpiecepage")
    )
    page = get_object_or_404(pieces, pk=page_id)
    outcome = services.thought_piece_mark_read(user=request.user, page=page)
    if outcome.courses_completed:
        messages.success(request, "Course complete. Your certificate is on My learning.")
    elif outcome.steps_completed or not outcome.locked_message:
        messages.success(request, f"Marked as read: {page.title}.")
    if outcome.locked_message:  # a locked step says so plainly, never "marked as read"
        messages.error(request, outcome.locked_message)
    return _back(request, page.url)


ACCESS_LOG_PAGE_SIZE = 25


@login_required
def access_log(request):
    """'Who has looked at my records': each time someone else opened the learner's
    progress, its detail, a spreadsheet row or a shared reflection (by day)."""
    from django.core.paginator import Paginator

    paginator = Paginator(selectors.access_log_for(user=request.user), ACCESS_LOG_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "courses/access_log.html",
        {
            "page": page,
            "retention_days": settings.ACCESS_LOG_RETENTION_DAYS,
            "shared_entry": AccessKind.SHARED_ENTRY,
        },
    )
