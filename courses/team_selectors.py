"""The team lead's pages: the team's courses, the completion chart, one member's steps.
The table itself is `team_table`."""

from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncWeek
from django.utils import timezone

from iomsite.teams.models import TeamMembership

from .models import (
    CoursePage,
    CourseProgress,
    Enrolment,
    ModuleProgress,
    Status,
    Step,
    StepProgress,
)
from .progress import StatusView, modules_open, steps_open

CHART_WEEKS = 12


def team_courses(*, team) -> list[CoursePage]:
    member_ids = TeamMembership.objects.filter(team=team).values("user_id")
    course_ids = Enrolment.objects.filter(user_id__in=member_ids, active=True).values("course_id")
    return list(CoursePage.objects.live().filter(pk__in=course_ids).order_by("title"))


def completion_over_time(*, user_ids, course: CoursePage, total: int) -> list[dict]:
    """Learners who had completed the course by the end of each of the last 12 weeks.
    `user_ids`: a list or a subquery of user ids."""
    today = timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=CHART_WEEKS - 1)
    # A moment, not a date, so the comparison can use the column as stored.
    start = timezone.make_aware(datetime.combine(first_monday, datetime.min.time()))
    completed = CourseProgress.objects.filter(
        user_id__in=user_ids, course=course, status=Status.COMPLETED
    )
    before = completed.filter(completed_at__lt=start).count()
    weekly = dict(
        completed.filter(completed_at__gte=start)
        .annotate(week=TruncWeek("completed_at"))
        .values("week")
        .annotate(n=Count("id"))
        .values_list("week", "n")
    )
    weekly = {(week.date() if hasattr(week, "date") else week): n for week, n in weekly.items()}
    points, running = [], before
    for i in range(CHART_WEEKS):
        monday = first_monday + timedelta(weeks=i)
        running += weekly.get(monday, 0)
        percent = round(100 * running / total) if total else 0
        height = percent * 2  # the chart is 200 units tall for 100%
        points.append(
            {
                "week": monday,
                "completed": running,
                "percent": percent,
                "x": 10 + i * 48,
                "y": 205 - height,
                "h": height,
            }
        )
    return points


def member_progress(*, membership: TeamMembership, course: CoursePage) -> dict:
    """One member's steps for one course, each with the status every page shows
    (locks included). Progress only: never their journal."""
    module_done = ModuleProgress.objects.filter(
        user_id=membership.user_id, module_id=OuterRef("module_id"), status=Status.COMPLETED
    )
    steps = list(
        Step.objects.filter(course=course, retired=False, module__live=True)
        .select_related("module")
        .annotate(module_done=Exists(module_done))
        .order_by("module__path", "position")
    )
    progress = {
        p.step_id: p
        for p in StepProgress.objects.filter(user_id=membership.user_id, step__in=steps)
    }
    completed = {pk for pk, p in progress.items() if p.status == Status.COMPLETED}
    modules: dict[int, dict] = {}
    for step in steps:
        modules.setdefault(step.module_id, {"module": step.module, "steps": []})["steps"].append(
            step
        )
    # Modules without live steps are not listed, so they do not hold a later module here.
    open_modules = modules_open(
        [entry["module"] for entry in modules.values()],
        {step.module_id for step in steps if step.module_done},
    )
    for entry in modules.values():
        open_ = steps_open(entry["steps"], completed, module_open=open_modules[entry["module"].pk])
        entry["steps"] = [
            {
                "step": step,
                "progress": progress.get(step.pk),
                "status": StatusView(
                    status=getattr(progress.get(step.pk), "status", Status.NOT_STARTED),
                    overdue=False,
                    locked=not open_[step.pk],
                ),
            }
            for step in entry["steps"]
        ]
    return {"modules": list(modules.values())}
