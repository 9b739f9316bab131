"""Reads for courses: what learners see and what locks apply. Bounded queries only."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from .models import (
    Assignment,
    Certificate,
    CoursePage,
    CourseProgress,
    Enrolment,
    ModulePage,
    ModuleProgress,
    Status,
    Step,
    StepProgress,
)


def _previous_module(module: ModulePage) -> ModulePage | None:
    return module.get_prev_siblings().live().type(ModulePage).first()


def module_is_available(*, user, module: ModulePage) -> bool:
    if not module.requires_previous:
        return True
    previous = _previous_module(module)
    return (
        previous is None
        or ModuleProgress.objects.filter(
            user=user, module=previous, status=Status.COMPLETED
        ).exists()
    )


def step_is_available(*, user, step: Step) -> bool:
    """A step is open unless its module waits for the previous one, or it is locked
    until the earlier steps of its module are complete."""
    module = step.module
    if not module_is_available(user=user, module=module):
        return False
    if not step.locked:
        return True
    earlier = Step.objects.filter(module=module, retired=False, position__lt=step.position)
    done = StepProgress.objects.filter(user=user, step__in=earlier, status=Status.COMPLETED)
    return done.count() == earlier.count()


def open_steps_for_page(*, user, page_id: int) -> list[Step]:
    """The learner's live, available, not yet complete steps that point at a page:
    where a result earned earlier (before enrolment, or before the step opened)
    could still count."""
    enrolled = Enrolment.objects.filter(user=user, active=True).values("course_id")
    done = StepProgress.objects.filter(user=user, status=Status.COMPLETED).values("step_id")
    steps = (
        Step.objects.filter(
            retired=False, target_page_id=page_id, course_id__in=enrolled, module__live=True
        )
        .exclude(pk__in=done)
        .select_related("module")
    )
    return [step for step in steps if step_is_available(user=user, step=step)]


def _step_url(step: Step) -> str | None:
    """Where a step is done: the piece or quiz; a reflection in the journal."""
    if step.kind == "reflect" and step.target_question_id:
        return f"{reverse('journals:new')}?question={step.target_question_id}"
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
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def locked(self) -> bool:
        return not self.available


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
    views, all_done_so_far = [], True
    for step in steps:
        row = progress.get(step.pk)
        status = row.status if row else Status.NOT_STARTED
        available = module_open and (not step.locked or all_done_so_far)
        views.append(
            StepView(
                step=step,
                status=status,
                available=available,
                latest_score=row.latest_score if row else None,
                url=_step_url(step),
            )
        )
        all_done_so_far = all_done_so_far and status == Status.COMPLETED
    return {
        "course": module.get_parent().specific,
        "enrolled": enrolled,
        "module_open": module_open,
        "previous_module": _previous_module(module) if module.requires_previous else None,
        "step_views": views,
        "total_minutes": sum(step.minutes for step in steps),
    }


def course_page_context(*, course: CoursePage, user) -> dict:
    modules = list(ModulePage.objects.live().child_of(course).order_by("path"))
    enrolment = (
        Enrolment.objects.filter(user=user, course=course).first()
        if user.is_authenticated
        else None
    )
    progress = {}
    if enrolment and enrolment.active:
        progress = {
            p.module_id: p for p in ModuleProgress.objects.filter(user=user, module__in=modules)
        }
    counts = dict(
        Step.objects.filter(module__in=modules, retired=False)
        .values_list("module_id")
        .annotate(total=Sum("minutes"))
        .values_list("module_id", "total")
    )
    return {
        "modules": [
            {"page": m, "progress": progress.get(m.pk), "minutes": counts.get(m.pk, 0)}
            for m in modules
        ],
        "enrolment": enrolment if enrolment and enrolment.active else None,
        "course_progress": CourseProgress.objects.filter(user=user, course=course).first()
        if enrolment and enrolment.active
        else None,
        "can_self_enrol": course.open_for_self_enrolment
        and user.is_authenticated
        and not (enrolment and enrolment.active),
    }


# My learning ---------------------------------------------------------------


@dataclass
class StatusView:
    """A summary's status as a learner or lead sees it: overdue outranks the rest."""

    status: int
    overdue: bool

    @property
    def status_label(self) -> str:
        return "Overdue" if self.overdue else Status(self.status).label


@dataclass
class ModuleRow(StatusView):
    module_id: int
    title: str
    url: str
    percent: int


@dataclass
class CourseCard:
    course: CoursePage
    progress: CourseProgress | None
    due_date: date | None
    source: str
    assigned_by: object = None  # the user who assigned the course, if it was assigned
    modules: list[ModuleRow] = field(default_factory=list)
    latest_scores: list[tuple[str, object]] = field(default_factory=list)
    certificate: Certificate | None = None

    @property
    def state(self) -> str:
        """due / overdue / complete, for assignments; "" for self-enrolment without a date."""
        if self.progress and self.progress.status == Status.COMPLETED:
            return "complete"
        if self.due_date is None:
            return ""
        return "overdue" if self.due_date < timezone.localdate() else "due"


def my_learning(*, user) -> dict:
    """Everything on My learning, in a fixed number of queries however much data."""
    enrolments = list(
        Enrolment.objects.filter(user=user, active=True)
        .select_related("course")
        .order_by("enrolled_at")
    )
    course_ids = [e.course_id for e in enrolments]
    assignments = {
        a.course_id: a
        for a in Assignment.objects.filter(
            user=user, course_id__in=course_ids, removed_at=None
        ).select_related("assigned_by")
    }
    due = {course_id: a.due_date for course_id, a in assignments.items()}
    course_progress = {
        p.course_id: p for p in CourseProgress.objects.filter(user=user, course_id__in=course_ids)
    }
    module_progress = {
        p.module_id: p for p in ModuleProgress.objects.filter(user=user, course_id__in=course_ids)
    }
    live_steps = Step.objects.filter(course_id__in=course_ids, retired=False)
    modules = list(
        ModulePage.objects.live()
        .filter(pk__in=live_steps.values("module_id"))
        .defer("steps")
        .order_by("path")
    )
    step_course = dict(live_steps.values_list("module_id", "course_id").distinct())
    scores = list(
        StepProgress.objects.filter(
            user=user, course_id__in=course_ids, step__kind="activity", latest_score__isnull=False
        )
        .select_related("step")
        .order_by("-last_activity_at")
    )
    certificates = {
        c.course_id: c for c in Certificate.objects.filter(user=user, course_id__in=course_ids)
    }
    today = timezone.localdate()
    cards = {
        e.course_id: CourseCard(
            course=e.course,
            progress=course_progress.get(e.course_id),
            due_date=due.get(e.course_id),
            source=e.source,
            assigned_by=getattr(assignments.get(e.course_id), "assigned_by", None),
            certificate=certificates.get(e.course_id),
        )
        for e in enrolments
    }
    for module in modules:
        card = cards.get(step_course.get(module.pk))
        if card is None:
            continue
        progress = module_progress.get(module.pk)
        status = progress.status if progress else Status.NOT_STARTED
        card.modules.append(
            ModuleRow(
                module_id=module.pk,
                title=module.title,
                url=module.url,
                status=status,
                percent=progress.percent if progress else 0,
                overdue=bool(
                    card.due_date and card.due_date < today and status != Status.COMPLETED
                ),
            )
        )
    for row in scores:
        card = cards.get(row.course_id)
        if card is not None and len(card.latest_scores) < 3:
            card.latest_scores.append((row.step.title, row.latest_score))
    year_start = today.replace(month=1, day=1)
    cpd_minutes = (
        StepProgress.objects.filter(
            user=user, status=Status.COMPLETED, completed_at__date__gte=year_start
        ).aggregate(total=Sum("step__minutes"))["total"]
        or 0
    )
    all_certificates = list(Certificate.objects.filter(user=user).order_by("-issued_at"))
    return {
        "cards": list(cards.values()),
        "cpd_hours_this_year": round(cpd_minutes / 60, 1),
        "certificates": all_certificates,
        "open_courses": list(
            CoursePage.objects.live()
            .filter(open_for_self_enrolment=True)
            .exclude(pk__in=course_ids)
            .order_by("title")
        ),
    }


def learner_has_read(*, user, page) -> bool:
    """True once they have said so, unless a course step for the piece still waits for it.
    Reads the learning record's summary (`ActivityState`), never its statements."""
    from learning_record.activities import page_activity
    from learning_record.selectors import activity_state_exists
    from learning_record.verbs import Verb

    if not user.is_authenticated:
        return False
    said_so = activity_state_exists(user=user, activity=page_activity(page), verb=Verb.READ)
    if not said_so:
        return False
    enrolled = Enrolment.objects.filter(user=user, active=True).values("course_id")
    completed = StepProgress.objects.filter(user=user, status=Status.COMPLETED).values("step_id")
    waiting = Step.objects.filter(
        target_page_id=page.pk, kind="read", retired=False, course_id__in=enrolled
    ).exclude(pk__in=completed)
    return not waiting.exists()


def access_log_for(*, user):
    """Who has opened this learner's records, newest first (paginate the result)."""
    from .models import AccessLog

    return (
        AccessLog.objects.filter(learner=user)
        .select_related("reader", "course", "team")
        .order_by("-last_at", "-pk")
    )
