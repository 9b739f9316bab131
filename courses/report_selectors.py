"""The trainer's course report: enrolments, completion per module, time, drop-off."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, Sum

from .models import (
    CoursePage,
    CourseProgress,
    Enrolment,
    ModuleProgress,
    Status,
    Step,
    StepProgress,
)
from .progress import Shown


@dataclass
class StepStats:
    step: Step
    reached: int
    completed: int
    average_minutes: float | None
    drop: int = 0

    def percent_of(self, total: int) -> int:
        return round(100 * self.completed / total) if total else 0


def course_report(*, course: CoursePage) -> dict:
    """Aggregates only: a fixed number of queries whatever the number of learners."""
    enrolled = Enrolment.objects.filter(course=course, active=True)
    enrolled_count = enrolled.count()
    by_status = dict(
        CourseProgress.objects.filter(course=course, user_id__in=enrolled.values("user_id"))
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    steps = list(
        Step.objects.filter(course=course, retired=False)
        .select_related("module")
        .order_by("module__path", "position")
    )
    module_done = dict(
        ModuleProgress.objects.filter(
            course=course, status=Status.COMPLETED, user_id__in=enrolled.values("user_id")
        )
        .values_list("module_id")
        .annotate(n=Count("id"))
        .values_list("module_id", "n")
    )
    step_rows = {
        row["step_id"]: row
        for row in StepProgress.objects.filter(
            step__in=steps, user_id__in=enrolled.values("user_id")
        )
        .values("step_id")
        .annotate(
            reached=Count("id"),
            completed=Count("id", filter=Q(status=Status.COMPLETED)),
            seconds=Avg("time_spent_seconds", filter=Q(time_spent_seconds__gt=0)),
        )
    }
    time_spent = (
        StepProgress.objects.filter(
            course=course, user_id__in=enrolled.values("user_id")
        ).aggregate(total=Sum("time_spent_seconds"))["total"]
        or 0
    )
    stats, previous = [], None
    for step in steps:
        row = step_rows.get(step.pk, {})
        seconds = row.get("seconds")
        item = StepStats(
            step=step,
            reached=row.get("reached", 0),
            completed=row.get("completed", 0),
            average_minutes=round(seconds / 60, 1) if seconds else None,
        )
        if previous is not None:
            item.drop = max(0, previous.completed - item.completed)
        stats.append(item)
        previous = item
    drop_off = max(stats, key=lambda s: s.drop, default=None)
    modules, seen = [], set()
    for step in steps:
        if step.module_id in seen:
            continue
        seen.add(step.module_id)
        done = module_done.get(step.module_id, 0)
        modules.append(
            {
                "module": step.module,
                "completed": done,
                "percent": round(100 * done / enrolled_count) if enrolled_count else 0,
            }
        )
    completed = by_status.get(Status.COMPLETED, 0)
    in_progress = by_status.get(Status.IN_PROGRESS, 0)
    return {
        # Course statuses in the one wording table (courses/progress/status.py).
        "by_status": [
            (Shown.COMPLETED, completed),
            (Shown.IN_PROGRESS, in_progress),
            (Shown.NOT_STARTED, enrolled_count - completed - in_progress),
        ],
        "enrolled": enrolled_count,
        "completed": completed,
        "in_progress": by_status.get(Status.IN_PROGRESS, 0),
        "not_started": enrolled_count - completed - by_status.get(Status.IN_PROGRESS, 0),
        "completion_rate": round(100 * completed / enrolled_count) if enrolled_count else 0,
        "modules": modules,
        "steps": stats,
        "drop_off": drop_off if drop_off and drop_off.drop else None,
        "hours_recorded": round(time_spent / 3600, 1),
        "hours_estimated": round(sum(s.minutes for s in steps) / 60, 1),
    }
