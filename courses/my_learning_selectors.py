"""My learning: a learner's courses, modules, due dates, scores and certificates,
in a fixed number of queries however much data. Statuses come from `progress`."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone
from wagtail.models import Page

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
from .progress import Shown, StatusView, course_shown, is_overdue, modules_open


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
    def shown(self) -> Shown:
        status = self.progress.status if self.progress else Status.NOT_STARTED
        return course_shown(status=status, due_date=self.due_date)

    @property
    def state(self) -> str:
        """due / overdue / complete; "" when neither complete nor assigned with a date."""
        return {Shown.COMPLETED: "complete", Shown.OVERDUE: "overdue", Shown.DUE: "due"}.get(
            self.shown, ""
        )


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
    # Every live module of the courses (locks need the ones without steps too),
    # marked with whether it has live steps (only those are listed).
    course_by_path = {e.course.path: e.course_id for e in enrolments}
    modules = []
    if enrolments:
        children = Q()
        for e in enrolments:
            children |= Q(path__startswith=e.course.path, depth=e.course.depth + 1)
        modules = list(
            ModulePage.objects.live()
            .filter(children)
            .annotate(
                has_steps=Exists(Step.objects.filter(module_id=OuterRef("pk"), retired=False))
            )
            .defer("steps")
            .order_by("path")
        )
    scores = list(
        StepProgress.objects.filter(
            user=user, course_id__in=course_ids, step__kind="activity", latest_score__isnull=False
        )
        .select_related("step")
        .order_by("-last_activity_at")
    )
    all_certificates = list(Certificate.objects.filter(user=user).order_by("-issued_at"))
    enrolled_ids = set(course_ids)
    certificates = {c.course_id: c for c in all_certificates if c.course_id in enrolled_ids}
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
    completed = {pk for pk, p in module_progress.items() if p.status == Status.COMPLETED}
    by_course: dict[int, list[ModulePage]] = {}
    for module in modules:
        by_course.setdefault(course_by_path[module.path[: -Page.steplen]], []).append(module)
    for course_id, course_modules in by_course.items():
        card, open_ = cards[course_id], modules_open(course_modules, completed)
        for module in course_modules:
            if not module.has_steps:
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
                    overdue=is_overdue(due_date=card.due_date, status=status, today=today),
                    locked=not open_[module.pk],
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
