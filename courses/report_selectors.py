"""The trainer's course report: enrolments, completion per module, time, drop-off.

The learner figures are aggregates, one pass per table (at 20,000 learners a
full pass over the step summaries is most of the cost), kept in the cache for
an hour under a key that names the course's last publication and its steps'
version, so publishing the course or one of its modules starts afresh. Titles
and the order of steps are read fresh each time."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone

from iomsite import cache_versions

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

REPORT_CACHE_SECONDS = 60 * 60


@dataclass
class StepStats:
    step: Step
    reached: int
    completed: int
    average_minutes: float | None
    drop: int = 0

    def percent_of(self, total: int) -> int:
        return round(100 * self.completed / total) if total else 0


def _steps_version(course_id: int) -> str:
    return f"courses:report-steps:{course_id}"


def report_cache_key(course: CoursePage) -> str:
    published = course.last_published_at.isoformat() if course.last_published_at else "never"
    steps = cache_versions.current(_steps_version(course.pk))
    return f"courses:report:{course.pk}:{published}:{steps}"


def report_figures_forget(*, course_id: int) -> None:
    """A module's steps changed (published or unpublished): the next report is worked
    out afresh on every server, so a new step never shows 0 for the rest of the hour."""
    cache_versions.bump(_steps_version(course_id))


def course_figures(*, course: CoursePage) -> dict:
    """The numbers behind the report, straight from the database: four queries
    whatever the number of learners. Learners count while actively enrolled."""
    enrolled = Enrolment.objects.filter(course=course, active=True)
    active = enrolled.values("user_id")
    # The course summaries of the active learners: one pass over the covering index.
    totals = CourseProgress.objects.filter(course=course, user_id__in=active).aggregate(
        completed=Count("user_id", filter=Q(status=Status.COMPLETED)),
        in_progress=Count("user_id", filter=Q(status=Status.IN_PROGRESS)),
    )
    totals["enrolled"] = enrolled.count()
    module_done = dict(
        ModuleProgress.objects.filter(course=course, status=Status.COMPLETED, user_id__in=active)
        .values_list("module_id")
        .annotate(n=Count("user_id"))
        .values_list("module_id", "n")
    )
    # Per step, and the time recorded on the course (retired steps included), in one pass.
    steps, seconds = {}, 0
    for row in (
        StepProgress.objects.filter(course=course, user_id__in=active)
        .values("step_id")
        .annotate(
            reached=Count("user_id"),
            completed=Count("user_id", filter=Q(status=Status.COMPLETED)),
            timed=Count("user_id", filter=Q(time_spent_seconds__gt=0)),
            seconds=Sum("time_spent_seconds"),
        )
        .values_list("step_id", "reached", "completed", "timed", "seconds")
    ):
        step_id, reached, completed, timed, step_seconds = row
        seconds += step_seconds or 0
        steps[step_id] = (reached, completed, (step_seconds / timed) if timed else None)
    return {
        **totals,
        "module_done": module_done,
        "steps": steps,
        "seconds": seconds,
        "as_of": timezone.now(),
    }


def course_figures_cached(*, course: CoursePage) -> dict:
    key = report_cache_key(course)
    figures = cache.get(key)
    if figures is None:
        figures = course_figures(course=course)
        cache.set(key, figures, REPORT_CACHE_SECONDS)
    return figures


def course_report(*, course: CoursePage, figures: dict | None = None) -> dict:
    """The report: the cached figures (or those given) set against the live steps."""
    figures = figures if figures is not None else course_figures_cached(course=course)
    enrolled_count = figures["enrolled"]
    steps = list(
        Step.objects.filter(course=course, retired=False)
        .select_related("module")
        .order_by("module__path", "position")
    )
    module_done = figures["module_done"]
    stats, previous = [], None
    for step in steps:
        reached, completed, seconds = figures["steps"].get(step.pk, (0, 0, None))
        item = StepStats(
            step=step,
            reached=reached,
            completed=completed,
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
    completed, in_progress = figures["completed"], figures["in_progress"]
    return {
        # Course statuses in the one wording table (courses/progress/status.py).
        "by_status": [
            (Shown.COMPLETED, completed),
            (Shown.IN_PROGRESS, in_progress),
            (Shown.NOT_STARTED, enrolled_count - completed - in_progress),
        ],
        "enrolled": enrolled_count,
        "completed": completed,
        "in_progress": in_progress,
        "not_started": enrolled_count - completed - in_progress,
        "completion_rate": round(100 * completed / enrolled_count) if enrolled_count else 0,
        "modules": modules,
        "steps": stats,
        "drop_off": drop_off if drop_off and drop_off.drop else None,
        "hours_recorded": round(figures["seconds"] / 3600, 1),
        "hours_estimated": round(sum(s.minutes for s in steps) / 60, 1),
        "figures_as_of": figures["as_of"],
    }
