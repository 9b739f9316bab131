"""The team lead's view of progress: a members × modules matrix in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count
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
from .selectors import StatusView

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
        return bool(
            self.due_date
            and self.due_date < timezone.localdate()
            and self.course_status != Status.COMPLETED
        )

    @property
    def state(self) -> str:
        if self.course_status == Status.COMPLETED:
            return "Complete"
        if self.overdue:
            return "Overdue"
        return "Due" if self.due_date else Status(self.course_status).label


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
    modules = list(ModulePage.objects.live().child_of(course).order_by("path").only("id", "title"))
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
        late = bool(row.due_date and row.due_date < today)
        for module in modules:
            cell = module_progress.get((membership.user_id, module.pk))
            status = cell.status if cell else Status.NOT_STARTED
            row.cells.append(
                Cell(
                    status=status,
                    percent=cell.percent if cell else 0,
                    overdue=late and status != Status.COMPLETED,
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
    """One member's steps for one course. Progress only: never their journal."""
    steps = list(
        Step.objects.filter(course=course, retired=False)
        .select_related("module")
        .order_by("module__path", "position")
    )
    progress = {
        p.step_id: p
        for p in StepProgress.objects.filter(user_id=membership.user_id, step__in=steps)
    }
    modules: dict[int, dict] = {}
    for step in steps:
        entry = modules.setdefault(step.module_id, {"module": step.module, "steps": []})
        row = progress.get(step.pk)
        entry["steps"].append(
            {"step": step, "progress": row, "status": Status(row.status if row else 0).label}
        )
    return {"modules": list(modules.values())}
