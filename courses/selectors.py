"""Reads for the course and module pages (and which open steps a result can still
count for). Bounded queries only. Statuses, locks and overdue come from `progress`;
My learning is in `my_learning_selectors`."""

from dataclasses import dataclass

from django.db.models import Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext

from iomsite import registry

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
from .my_learning_selectors import CourseCard, ModuleRow, my_learning
from .progress import (
    Shown,
    StatusView,
    first_lock_message,
    is_overdue,
    module_is_available,
    modules_open,
    previous_module,
    shown_for,
    step_is_available,
    steps_open,
)

# Moved, still importable from here: the rules to `progress`, My learning beside this file.
__all__ = [
    "CourseCard",
    "ModuleRow",
    "StatusView",
    "module_is_available",
    "my_learning",
    "step_is_available",
]


def open_steps_for_page(*, user, page_id: int) -> list[Step]:
    """The learner's live, available, not yet complete steps that point at a page:
    where a result earned earlier (before enrolment, or before the step opened)
    could still count."""
    steps = _steps_waiting(user=user, page_id=page_id)
    return [step for step in steps if step_is_available(user=user, step=step)]


def _steps_waiting(*, user, page_id: int):
    """The learner's live steps on their active courses that point at a page and
    are not complete yet (with their modules)."""
    enrolled = Enrolment.objects.filter(user=user, active=True).values("course_id")
    done = StepProgress.objects.filter(user=user, status=Status.COMPLETED).values("step_id")
    return (
        Step.objects.filter(
            retired=False, target_page_id=page_id, course_id__in=enrolled, module__live=True
        )
        .exclude(pk__in=done)
        .select_related("module")
    )


def _step_url(step: Step) -> str | None:
    """Where a step is done: the piece or quiz; a reflection in the journal."""
    if step.kind == "reflect" and step.target_question_id:
        for reflection_url in registry.reflection_urls:  # the journal registers one
            return reflection_url(step.target_question_id)
        return None
    if step.target_page_id and step.target_page:
        return step.target_page.url
    return None


@dataclass
class StepView:
    step: Step
    status: int = Status.NOT_STARTED
    available: bool = True
    latest_score: object = None
    url: str | None = None

    @property
    def locked(self) -> bool:
        return not self.available

    @property
    def shown(self) -> Shown:
        return shown_for(status=self.status, locked=self.locked)

    @property
    def status_label(self) -> str:
        return self.shown.text


def module_page_context(*, module: ModulePage, user) -> dict:
    steps = list(
        Step.objects.filter(module=module, retired=False)
        .select_related("target_page")
        .order_by("position")
    )
    enrolled = (
        user.is_authenticated
        and Enrolment.objects.filter(
            user=user, course_id=module.get_parent().pk, active=True
        ).exists()
    )
    progress = {}
    if enrolled:
        progress = {p.step_id: p for p in StepProgress.objects.filter(user=user, step__in=steps)}
    module_open = not enrolled or module_is_available(user=user, module=module)
    completed = {pk for pk, row in progress.items() if row.status == Status.COMPLETED}
    open_ = steps_open(steps, completed, module_open=module_open)
    views = []
    for step in steps:
        row = progress.get(step.pk)
        views.append(
            StepView(
                step=step,
                status=row.status if row else Status.NOT_STARTED,
                available=open_[step.pk],
                latest_score=row.latest_score if row else None,
                url=_step_url(step),
            )
        )
    return {
        "course": module.get_parent().specific,
        "enrolled": enrolled,
        "module_open": module_open,
        "previous_module": previous_module(module) if module.requires_previous else None,
        "step_views": views,
        "total_minutes": sum(step.minutes for step in steps),
    }


def course_page_context(*, course: CoursePage, user) -> dict:
    modules = list(ModulePage.objects.live().child_of(course).order_by("path"))
    enrolment = (
        Enrolment.objects.filter(user=user, course=course)
        .annotate(
            due_date=Subquery(
                Assignment.objects.filter(user=user, course=course, removed_at=None).values(
                    "due_date"
                )[:1]
            )
        )
        .first()
        if user.is_authenticated
        else None
    )
    active = bool(enrolment and enrolment.active)
    progress = {}
    if active:
        progress = {
            p.module_id: p for p in ModuleProgress.objects.filter(user=user, module__in=modules)
        }
    counts = dict(
        Step.objects.filter(module__in=modules, retired=False)
        .values_list("module_id")
        .annotate(total=Sum("minutes"))
        .values_list("module_id", "total")
    )
    completed = {pk for pk, p in progress.items() if p.status == Status.COMPLETED}
    open_ = modules_open(modules, completed)
    today = timezone.localdate()
    items = []
    for m in modules:
        row = progress.get(m.pk)
        status = row.status if row else Status.NOT_STARTED
        items.append(
            {
                "page": m,
                "progress": row,
                "minutes": counts.get(m.pk, 0),
                "status": StatusView(
                    status=status,
                    locked=not open_[m.pk],
                    overdue=active
                    and is_overdue(due_date=enrolment.due_date, status=status, today=today),
                ),
            }
        )
    return {
        "modules": items,
        "enrolment": enrolment if active else None,
        "course_progress": CourseProgress.objects.filter(user=user, course=course).first()
        if active
        else None,
        "can_self_enrol": course.open_for_self_enrolment and user.is_authenticated and not active,
    }


@dataclass
class PieceReading:
    has_read: bool = False
    locked_message: str = ""  # why reading it cannot count for a course yet


# A step and its module as far as `first_lock_message` reads them.
LOCK_FIELDS = (
    "id",
    "module_id",
    "position",
    "locked",
    "kind",
    "module__title",
    "module__path",
    "module__depth",
    "module__requires_previous",
)


def piece_reading(*, user, page) -> PieceReading:
    """For "I have read this piece": whether the learner has said so (and no course
    step for the piece still waits for it), else why reading it now would not
    count for a course yet, so the button promises nothing. Reads the learning
    record's summary (`ActivityState`), never its statements."""
    from learning_record.activities import page_activity
    from learning_record.selectors import activity_state_exists
    from learning_record.verbs import Verb

    if not user.is_authenticated:
        return PieceReading()
    waiting = list(
        _steps_waiting(user=user, page_id=page.pk)
        .filter(kind="read")
        .only(*LOCK_FIELDS)  # what the lock checks read, not two pages' every column
    )
    if not waiting:  # only then does their own "I have read this" decide it
        said_so = activity_state_exists(user=user, activity=page_activity(page), verb=Verb.READ)
        return PieceReading(has_read=said_so)
    return PieceReading(
        locked_message=first_lock_message(user=user, steps=waiting, what=gettext("This piece"))
    )


def access_log_for(*, user):
    """Who has opened this learner's records, newest first (paginate the result)."""
    from .models import AccessLog

    return (
        AccessLog.objects.filter(learner=user)
        .select_related("reader", "course", "team")
        .order_by("-last_at", "-pk")
    )
