"""Team leads: their team's progress, one member's progress, CSV export, assignments."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from iomsite.forms import form_add_service_errors
from iomsite.teams.models import TeamMembership
from iomsite.teams.selectors import team_for_lead, user_can_lead_teams

from . import services, team_selectors
from .forms import AssignForm, TeamFilterForm
from .models import AccessKind, Assignment, CoursePage, Step

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _team(request, team_id: int):
    if not user_can_lead_teams(user=request.user):
        raise PermissionDenied("Only team leads can see team progress.")
    return team_for_lead(user=request.user, pk=team_id)


def _chosen_course(request, courses):
    form = TeamFilterForm(request.GET or None, courses=courses)
    course = courses[0] if courses else None
    agency = ""
    if form.is_valid():
        chosen = form.cleaned_data.get("course")
        course = next((c for c in courses if c.pk == chosen), course)
        agency = form.cleaned_data.get("agency") or ""
    return form, course, agency


@login_required
def team_progress(request, team_id: int):
    team = _team(request, team_id)
    courses = team_selectors.team_courses(team=team)
    memberships = list(TeamMembership.objects.filter(team=team).select_related("user"))
    all_courses = list(CoursePage.objects.live().order_by("title"))
    assign_form = AssignForm(
        request.POST if request.method == "POST" else None,
        courses=all_courses,
        memberships=memberships,
    )
    if request.method == "POST" and assign_form.is_valid():
        course = next(c for c in all_courses if c.pk == assign_form.cleaned_data["course"])
        chosen = assign_form.cleaned_data["members"]
        users = [m.user for m in memberships if m.user_id in chosen] if chosen else None
        try:
            done = services.assignment_create(
                actor=request.user,
                course=course,
                team=team,
                users=users,
                due_date=assign_form.cleaned_data["due_date"],
            )
        except ValidationError as error:
            form_add_service_errors(assign_form, error)
        else:
            messages.success(
                request,
                f"{course.title} assigned to {len(done)} "
                f"{'person' if len(done) == 1 else 'people'}.",
            )
            return redirect(f"{request.path}?course={course.pk}")
    filter_form, course, agency = _chosen_course(request, courses)
    context = {
        "team": team,
        "courses": courses,
        "course": course,
        "filter_form": filter_form,
        "form": assign_form,
        "agency": agency,
    }
    if course is not None:
        context.update(team_selectors.team_progress(team=team, course=course, agency=agency))
        _log_reads(request, AccessKind.PROGRESS, context["rows"], course=course, team=team)
    return render(
        request, "courses/team_progress.html", context, status=400 if assign_form.errors else 200
    )


def _log_reads(request, kind, rows, *, course, team) -> None:
    """Each learner whose row the page or file shows gets an entry in their
    access log ("Who has looked at my records"), in one query."""
    services.access_log_record(
        reader=request.user,
        kind=kind,
        subjects=[(row.membership.user_id, course.pk) for row in rows],
        course=course,
        team=team,
    )


def _member(team, user_id: int) -> TeamMembership:
    membership = (
        TeamMembership.objects.filter(team=team, user_id=user_id).select_related("user").first()
    )
    if membership is None:
        raise Http404("No such member in this team.")
    return membership


@login_required
def team_member_progress(request, team_id: int, user_id: int, course_id: int):
    team = _team(request, team_id)
    membership = _member(team, user_id)
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    assignment = Assignment.objects.filter(user_id=user_id, course=course, removed_at=None).first()
    context = {
        "team": team,
        "membership": membership,
        "course": course,
        "assignment": assignment,
        **team_selectors.member_progress(membership=membership, course=course),
    }
    services.access_log_record(
        reader=request.user,
        kind=AccessKind.PROGRESS_DETAIL,
        subjects=[(membership.user_id, course.pk)],
        course=course,
        team=team,
    )
    return render(request, "courses/team_member_progress.html", context)


@require_POST
@login_required
def team_step_done(request, team_id: int, user_id: int, step_id: int):
    """A team lead confirms an offline activity for a member (e.g. shadowing a panel)."""
    team = _team(request, team_id)
    membership = _member(team, user_id)
    step = get_object_or_404(Step.objects.select_related("module", "course"), pk=step_id)
    try:
        outcome = services.step_mark_done(actor=request.user, learner=membership.user, step=step)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if outcome.record is not None:
            messages.success(request, f"Marked done for {membership.user}: {step.title}.")
    return redirect(
        "courses:team_member_progress", team_id=team.pk, user_id=user_id, course_id=step.course_id
    )


@require_POST
@login_required
def team_unassign(request, team_id: int, user_id: int, course_id: int):
    team = _team(request, team_id)
    membership = _member(team, user_id)
    assignment = get_object_or_404(
        Assignment, user_id=user_id, course_id=course_id, team=team, removed_at=None
    )
    services.assignment_remove(actor=request.user, assignment=assignment)
    messages.success(
        request,
        f"{assignment.course.title} is no longer assigned to "
        f"{membership.user}. Their progress so far is kept.",
    )
    return redirect(f"/learning/team/{team.pk}/?course={course_id}")


def csv_safe(value) -> str:
    """Cells that a spreadsheet would read as a formula are prefixed with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value):
        return value


@login_required
def team_progress_csv(request, team_id: int):
    team = _team(request, team_id)
    courses = team_selectors.team_courses(team=team)
    _, course, agency = _chosen_course(request, courses)
    if course is None:
        raise Http404("This team has no courses yet.")
    data = team_selectors.team_progress(team=team, course=course, agency=agency)
    _log_reads(request, AccessKind.PROGRESS_CSV, data["rows"], course=course, team=team)
    header = [
        "Name",
        "Email",
        "Agency",
        "Course",
        "Status",
        "Percent complete",
        "Due date",
        "Completed on",
        *[m.title for m in data["modules"]],
    ]

    def rows():
        yield header
        for row in data["rows"]:
            user = row.membership.user
            yield [
                user.display_name,
                user.email,
                user.get_agency_display(),
                course.title,
                row.state,
                row.percent,
                row.due_date or "",
                row.completed_at.date() if row.completed_at else "",
                *[cell.status_label for cell in row.cells],
            ]

    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([csv_safe(v) for v in r]) for r in rows()), content_type="text/csv"
    )
    name = f"{slugify(team.name)}-{slugify(course.title)}-progress.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
