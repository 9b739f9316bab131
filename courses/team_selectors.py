"""The team lead's view of progress: a members × modules matrix in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import TruncWeek
from django.utils import timezone

from iomsite.teams.models import TeamMembership

from .models import (
    Assignment,
    CoursePage,
    CourseProgress,
    Enrolment,
    ModulePage,
    ModuleProgress,
    Status,
    Step,
    StepProgress,
)
from .progress import Shown, StatusView, course_shown, is_overdue, modules_open, steps_open

CHART_WEEKS = 12


@dataclass
class Cell(StatusView):
    percent: int


@dataclass
class MemberRow:
    membership: TeamMembership
    due_date: date | None
    course_status: int
    percent: int
    completed_at: object
    cells: list[Cell] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return is_overdue(due_date=self.due_date, status=self.course_status)

    @property
    def shown(self) -> Shown:
        return course_shown(status=self.course_status, due_date=self.due_date)

    @property
    def state(self) -> str:
        return str(self.shown.label)


def team_courses(*, team) -> list[CoursePage]:
    member_ids = TeamMembership.objects.filter(team=team).values("user_id")
    course_ids = Enrolment.objects.filter(user_id__in=member_ids, active=True).values("course_id")
    return list(CoursePage.objects.live().filter(pk__in=course_ids).order_by("title"))


def team_progress(*, team, course: CoursePage, agency: str = "") -> dict:
    memberships = TeamMembership.objects.filter(team=team).select_related("user")
    if agency:
        memberships = memberships.filter(user__agency=agency)
    memberships = list(memberships.order_by("user__display_name"))
    user_ids = [m.user_id for m in memberships]
    modules = list(
        ModulePage.objects.live()
        .child_of(course)
        .order_by("path")
        .only("id", "title", "requires_previous")
    )
    module_progress = {
        (p.user_id, p.module_id): p
        for p in ModuleProgress.objects.filter(user_id__in=user_ids, course=course)
    }
    course_progress = {
        p.user_id: p for p in CourseProgress.objects.filter(user_id__in=user_ids, course=course)
    }
    enrolled = set(
        Enrolment.objects.filter(user_id__in=user_ids, course=course, active=True).values_list(
            "user_id", flat=True
        )
    )
    due = dict(
        Assignment.objects.filter(user_id__in=user_ids, course=course, removed_at=None).values_list(
            "user_id", "due_date"
        )
    )
    today = timezone.localdate()
    rows = []
    for membership in memberships:
        if membership.user_id not in enrolled:
            continue
        progress = course_progress.get(membership.user_id)
        row = MemberRow(
            membership=membership,
            due_date=due.get(membership.user_id),
            course_status=progress.status if progress else Status.NOT_STARTED,
            percent=progress.percent if progress else 0,
            completed_at=progress.completed_at if progress else None,
        )
        completed = {
            module.pk
            for module in modules
            if getattr(module_progress.get((membership.user_id, module.pk)), "status", None)
            == Status.COMPLETED
        }
        open_ = modules_open(modules, completed)
        for module in modules:
            cell = module_progress.get((membership.user_id, module.pk))
            status = cell.status if cell else Status.NOT_STARTED
            row.cells.append(
                Cell(
                    status=status,
                    percent=cell.percent if cell else 0,
                    overdue=is_overdue(due_date=row.due_date, status=status, today=today),
                    locked=not open_[module.pk],
                )
            )
        rows.append(row)
    rows.sort(
        key=lambda r: (
            not r.overdue,
            r.course_status == Status.COMPLETED,
            r.membership.user.display_name,
        )
    )
    return {
        "modules": modules,
        "rows": rows,
        "overdue": [r for r in rows if r.overdue],
        "chart": completion_over_time(
            user_ids=[r.membership.user_id for r in rows], course=course, total=len(rows)
        ),
    }


def completion_over_time(*, user_ids: list[int], course: CoursePage, total: int) -> list[dict]:
    """Learners who had completed the course by the end of each of the last 12 weeks."""
    today = timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=CHART_WEEKS - 1)
    before = CourseProgress.objects.filter(
        user_id__in=user_ids,
        course=course,
        status=Status.COMPLETED,
        completed_at__date__lt=first_monday,
    ).count()
    weekly = dict(
        CourseProgress.objects.filter(
            user_id__in=user_ids,
            course=course,
            status=Status.COMPLETED,
            completed_at__date__gte=first_monday,
        )
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
