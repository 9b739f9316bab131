"""Team leads: their team's progress, one member's progress, CSV export, assignments."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from iomsite.forms import form_add_service_errors
from iomsite.pagination import pagination_links
from iomsite.teams.models import TeamMembership
from iomsite.teams.selectors import team_for_lead, user_can_lead_teams

from . import services, team_selectors, team_table
from .forms import AssignForm, TeamFilterForm
from .models import AccessKind, Assignment, CoursePage, Step
from .team_table import StatusFilter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _team(request, team_id: int):
    if not user_can_lead_teams(user=request.user):
        raise PermissionDenied("Only team leads can see team progress.")
    return team_for_lead(user=request.user, pk=team_id)


def _chosen_course(request, courses):
    form = TeamFilterForm(request.GET or None, courses=courses)
    course = courses[0] if courses else None
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data.get("course")
        course = next((c for c in courses if c.pk == chosen), course)
    return form, course, form.filters()


def _assign_form(request, team):
    """The assign form, bound on a post. "Find people" posts the form too (so the
    people ticked so far come with it, and no token lands in an address); it
    comes back unbound, with the matches added and nothing assigned."""
    all_courses = list(CoursePage.objects.live().order_by("title"))
    if request.method != "POST":
        return AssignForm(team=team, courses=all_courses)
    form = AssignForm(request.POST, team=team, courses=all_courses)
    return form.for_searching() if request.POST.get("assign-action") == "find" else form


def _assign(request, team, form):
    """Assign from a valid form; None when the service refuses (errors on the form)."""
    course = next(c for c in form.courses if c.pk == form.cleaned_data["course"])
    users = None
    if form.cleaned_data.get("who") != AssignForm.WHO_TEAM:
        users = [form.picked[pk] for pk in form.cleaned_data["members"]]
    try:
        done = services.assignment_create(
            actor=request.user,
            course=course,
            team=team,
            users=users,
            due_date=form.cleaned_data["due_date"],
        )
    except ValidationError as error:
        form_add_service_errors(form, error)
        return None
    messages.success(
        request,
        ngettext(
            "%(course)s assigned to %(count)s person.",
            "%(course)s assigned to %(count)s people.",
            len(done),
        )
        % {"course": course.title, "count": len(done)},
    )
    return redirect(f"{request.path}?{urlencode({'course': course.pk})}")


TABLE_PARAMS = ("course", "agency", "status", "q", "sort", "page")


def _table_link(request, **changes) -> str:
    """This page's address with the filters kept and `changes` applied."""
    query = {k: v for k, v in request.GET.items() if k in TABLE_PARAMS}
    query.update(changes)
    return "?" + urlencode({k: v for k, v in query.items() if v not in ("", None)})


@login_required
def team_progress(request, team_id: int):
    """The team's progress on one course: a summary, a filtered, sorted, paged
    table (its own htmx partial, the same page without JavaScript), the chart,
    and the assign form. The cost of a page does not grow with the team."""
    team = _team(request, team_id)
    form = _assign_form(request, team)
    if form.is_bound and form.is_valid():
        if (response := _assign(request, team, form)) is not None:
            return response
    partial = request.htmx and not request.htmx.history_restore_request
    if partial and request.htmx.target == "assign-people":
        return render(request, "courses/components/assign_people.html", {"form": form})
    courses = team_selectors.team_courses(team=team)
    filter_form, course, filters = _chosen_course(request, courses)
    context = {
        "team": team,
        "courses": courses,
        "course": course,
        "filter_form": filter_form,
        "filters": filters,
        "form": form,
    }
    if course is not None:
        context.update(_results(request, team=team, course=course, filters=filters))
    if partial and request.htmx.target == "team-results":
        context["partial"] = True
        return render(request, "courses/components/team_results.html", context)
    context["team_size"] = TeamMembership.objects.filter(team=team).count()
    return render(
        request, "courses/team_progress.html", context, status=400 if form.errors else 200
    )


def _results(request, *, team, course, filters) -> dict:
    modules = team_table.course_modules(course)
    page, rows = team_table.table_page(
        team=team,
        course=course,
        filters=filters,
        page_number=request.GET.get("page"),
        modules=modules,
    )
    _log_reads(request, AccessKind.PROGRESS, rows, course=course, team=team)
    counts = team_table.summary(team=team, course=course, agency=filters.agency)
    return {
        "modules": modules,
        "rows": rows,
        "page": page,
        "counts": counts,
        "status_links": [
            {
                "value": value,
                "label": label,
                "count": counts[value] if value else counts["total"],
                "url": _table_link(request, course=course.pk, status=value, page=""),
                "current": value == filters.status,
            }
            for value, label in StatusFilter.choices
        ],
        "csv_url": reverse("courses:team_progress_csv", args=[team.pk])
        + _table_link(request, course=course.pk, page=""),
        **pagination_links(page, lambda number: _table_link(request, page=number) + "#progress"),
        "chart": team_selectors.completion_over_time(
            user_ids=team_table.members_on_course(
                team=team, course=course, agency=filters.agency
            ).values("pk"),
            course=course,
            total=counts["total"],
        ),
    }


def _log_reads(request, kind, rows, *, course, team) -> None:
    """Each learner whose row the page or file shows gets an entry in their
    access log ("Who has looked at my records"), in one query."""
    services.access_log_record(
        reader=request.user,
        kind=kind,
        subjects=[(row.user.pk, course.pk) for row in rows],
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
    """The table as filtered, every page of it, streamed in chunks: each chunk's
    module statuses in one query and its learners' access log in one more."""
    team = _team(request, team_id)
    courses = team_selectors.team_courses(team=team)
    _form, course, filters = _chosen_course(request, courses)
    if course is None:
        raise Http404("This team has no courses yet.")
    modules = team_table.course_modules(course)
    header = [
        _("Name"),
        _("Email"),
        _("Agency"),
        _("Course"),
        _("Status"),
        _("Percent complete"),
        _("Due date"),
        _("Completed on"),
        *[m.title for m in modules],
    ]

    def rows():
        yield header
        for chunk in team_table.csv_chunks(
            team=team, course=course, filters=filters, modules=modules
        ):
            _log_reads(request, AccessKind.PROGRESS_CSV, chunk, course=course, team=team)
            for row in chunk:
                yield [
                    row.user.display_name,
                    row.user.email,
                    row.user.get_agency_display(),
                    course.title,
                    row.state,
                    row.percent,
                    row.due_date or "",
                    timezone.localtime(row.completed_at).date() if row.completed_at else "",
                    *[cell.status_label for cell in row.cells],
                ]

    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([csv_safe(v) for v in r]) for r in rows()), content_type="text/csv"
    )
    name = f"{slugify(team.name)}-{slugify(course.title)}-progress.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
