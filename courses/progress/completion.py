"""
Completion: moving one learner's summaries forward after a report (the
cascade step → module → course → certificate), and recounting every learner
in bulk when a module's steps change. Summaries only move forward: a completed
module or course stays Completed when a step is added (see `status`), but its
`steps_completed` and `steps_total` are always recounted from the live steps.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from iomsite import page_routes
from learning_record.verbs import Verb

from ..certificate_services import certificate_issue
from ..models import (
    CoursePage,
    CourseProgress,
    ModulePage,
    ModuleProgress,
    Status,
    Step,
    StepProgress,
)

# The verbs that complete a step, by step kind.
COMPLETING_VERBS = {
    "read": {Verb.READ},
    "activity": {Verb.COMPLETED, Verb.PASSED},
    "reflect": {Verb.REFLECTED},
    "external": {Verb.COMPLETED},
}


def completes(*, verb, step: Step) -> bool:
    return verb in COMPLETING_VERBS[step.kind]


# One learner, after a report ------------------------------------------------


def _step_advance(*, user, step: Step, verb, score, duration_seconds, at) -> bool:
    """Move one step summary forward; True if this report completed it."""
    progress = _locked_row_step(user=user, step=step)
    completing = completes(verb=verb, step=step)
    was_complete = progress.status == Status.COMPLETED
    progress.status = max(progress.status, Status.COMPLETED if completing else Status.IN_PROGRESS)
    progress.first_activity_at = progress.first_activity_at or at
    progress.last_activity_at = max(progress.last_activity_at or at, at)
    if score is not None:
        progress.latest_score = score
        progress.best_score = max(progress.best_score or score, score)
    if duration_seconds:
        progress.time_spent_seconds += duration_seconds
    if completing and not was_complete:
        progress.completed_at = at
    progress.save()
    return completing and not was_complete


def _locked_row_step(*, user, step: Step) -> StepProgress:
    lookup = {"user": user, "step": step}
    defaults = {"module_id": step.module_id, "course_id": step.course_id}
    try:
        with transaction.atomic():
            progress, _ = StepProgress.objects.select_for_update().get_or_create(
                **lookup, defaults=defaults
            )
            return progress
    except IntegrityError:
        return StepProgress.objects.select_for_update().get(**lookup)


def _module_refresh(*, user, module, course, at) -> bool:
    """Recount a module for a learner; True if it has just become complete."""
    total = Step.objects.filter(module=module, retired=False).count()
    done = StepProgress.objects.filter(
        user=user, step__module=module, step__retired=False, status=Status.COMPLETED
    ).count()
    started = StepProgress.objects.filter(user=user, step__module=module).exists()
    progress, _ = ModuleProgress.objects.select_for_update().get_or_create(
        user=user, module=module, defaults={"course": course}
    )
    was_complete = progress.status == Status.COMPLETED
    new_status = (
        Status.COMPLETED
        if total and done >= total
        else (Status.IN_PROGRESS if started else Status.NOT_STARTED)
    )
    progress.status = max(progress.status, new_status)
    progress.steps_completed, progress.steps_total = done, total
    progress.started_at = progress.started_at or (at if started else None)
    if progress.status == Status.COMPLETED and not was_complete:
        progress.completed_at = at
    progress.save()
    return progress.status == Status.COMPLETED and not was_complete


def _course_refresh(*, user, course, at) -> bool:
    """Recount a course; True if it has just become complete (and a certificate issued)."""
    live_modules = ModulePage.objects.live().child_of(course).values("pk")
    modules_total = live_modules.count()
    modules_done = ModuleProgress.objects.filter(
        user=user, module_id__in=live_modules, status=Status.COMPLETED
    ).count()
    steps_total = Step.objects.filter(course=course, retired=False).count()
    steps_done = StepProgress.objects.filter(
        user=user, course=course, step__retired=False, status=Status.COMPLETED
    ).count()
    progress, _ = CourseProgress.objects.select_for_update().get_or_create(user=user, course=course)
    was_complete = progress.status == Status.COMPLETED
    if modules_total and modules_done >= modules_total:
        new_status = Status.COMPLETED
    elif steps_done or StepProgress.objects.filter(user=user, course=course).exists():
        new_status = Status.IN_PROGRESS
    else:
        new_status = Status.NOT_STARTED
    progress.status = max(progress.status, new_status)
    progress.steps_completed, progress.steps_total = steps_done, steps_total
    progress.started_at = progress.started_at or (at if new_status else None)
    just_completed = progress.status == Status.COMPLETED and not was_complete
    if just_completed:
        progress.completed_at = at
    progress.save()
    if just_completed:
        certificate_issue(user=user, course=course, at=at)
    return just_completed


# Every learner, after the structure changed ---------------------------------


def _completed_count(**step_filter) -> Subquery:
    """Per summary row: how many of its learner's live steps matching `step_filter`
    are complete (0 when none)."""
    counted = (
        StepProgress.objects.filter(
            user_id=OuterRef("user_id"),
            step__retired=False,
            status=Status.COMPLETED,
            **step_filter,
        )
        .values("user_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _course_totals_refresh(*, course: CoursePage, module: ModulePage) -> None:
    """After a module's steps were synced or retired: CPD minutes, and every
    learner's step counts for the module and the course recounted in bulk
    (`steps_completed` as well as `steps_total`), then completion rechecked."""
    live_steps = Step.objects.filter(course=course, retired=False)
    minutes = live_steps.aggregate(total=Sum("minutes"))["total"] or 0
    CoursePage.objects.filter(pk=course.pk).update(total_minutes=minutes)
    page_routes.invalidate()  # the course page as routed carries its CPD minutes
    ModuleProgress.objects.filter(module=module).update(
        steps_total=live_steps.filter(module=module).count(),
        steps_completed=_completed_count(step__module_id=module.pk),
    )
    CourseProgress.objects.filter(course=course).update(
        steps_total=live_steps.count(),
        steps_completed=_completed_count(step__course_id=course.pk),
    )
    _completion_recheck(course=course, module=module)


def _completion_recheck(*, course: CoursePage, module: ModulePage) -> None:
    """After steps are retired or a module unpublished, learners who have now done
    everything left are complete (forward only), in bulk queries, with certificates."""
    now = timezone.now()
    module_total = Step.objects.filter(module=module, retired=False).count()
    if module_total and module.live:
        finished = (
            StepProgress.objects.filter(
                step__module=module, step__retired=False, status=Status.COMPLETED
            )
            .values("user_id")
            .annotate(n=Count("id"))
            .filter(n__gte=module_total)
            .values("user_id")
        )
        ModuleProgress.objects.filter(module=module, user_id__in=finished).exclude(
            status=Status.COMPLETED
        ).update(status=Status.COMPLETED, completed_at=now, steps_completed=module_total)
    live_modules = ModulePage.objects.live().child_of(course).values("pk")
    modules_total = live_modules.count()
    if not modules_total:
        return
    done_all = (
        ModuleProgress.objects.filter(module_id__in=live_modules, status=Status.COMPLETED)
        .values("user_id")
        .annotate(n=Count("id"))
        .filter(n__gte=modules_total)
        .values("user_id")
    )
    newly = list(
        CourseProgress.objects.filter(course=course, user_id__in=done_all)
        .exclude(status=Status.COMPLETED)
        .select_related("user")
    )
    CourseProgress.objects.filter(pk__in=[p.pk for p in newly]).update(
        status=Status.COMPLETED, completed_at=now, steps_completed=F("steps_total")
    )
    for progress in newly:
        certificate_issue(user=progress.user, course=course, at=now)
