"""
Writes for courses.

Every activity reports what a learner did through
`learning_record.services.statement_report`; courses subscribe to it
(`CourseProgressSubscriber`, registered in `CoursesConfig.ready`) and, in the
same transaction, move the per-step summary forward and cascade step → module
→ course (→ certificate). Nothing else writes progress rows.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from iomsite.teams.models import TeamMembership
from learning_record.activities import page_activity
from learning_record.selectors import activity_state_exists
from learning_record.services import learner_lock, statement_report
from learning_record.subscribers import Contribution, Report
from learning_record.verbs import Verb

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

# The verbs that complete a step, by step kind.
COMPLETING_VERBS = {
    "read": {Verb.READ},
    "activity": {Verb.COMPLETED, Verb.PASSED},
    "reflect": {Verb.REFLECTED},
    "external": {Verb.COMPLETED},
}
CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I


# Course structure ---------------------------------------------------------


def _target_page_id(kind: str, value) -> int | None:
    page = value.get("piece") if kind == "read" else value.get("activity")
    return page.pk if page is not None and kind in {"read", "activity"} else None


@transaction.atomic
def course_structure_sync(*, module: ModulePage) -> None:
    """Copy a published module's steps into `Step` rows; removed steps are retired."""
    course = module.get_parent().specific
    keys = []
    for position, block in enumerate(module.steps):
        value = block.value
        question = value.get("question") if block.block_type == "reflect" else None
        Step.objects.update_or_create(
            module=module,
            key=block.id,
            defaults={
                "course": course,
                "position": position,
                "kind": block.block_type,
                "title": block.block.step_title(value)[:300],
                "minutes": value["minutes"],
                "locked": bool(value.get("locked")),
                "marked_done_by": value.get("marked_done_by", ""),
                "target_page_id": _target_page_id(block.block_type, value),
                "target_question_id": question.pk if question is not None else None,
                "retired": False,
            },
        )
        keys.append(block.id)
    Step.objects.filter(module=module).exclude(key__in=keys).update(retired=True)
    _course_totals_refresh(course=course, module=module)


@transaction.atomic
def course_structure_retire(*, module: ModulePage) -> None:
    """An unpublished module's steps stop counting; learners' records stay."""
    Step.objects.filter(module=module).update(retired=True)
    _course_totals_refresh(course=module.get_parent().specific, module=module)


def _course_totals_refresh(*, course: CoursePage, module: ModulePage) -> None:
    live_steps = Step.objects.filter(course=course, retired=False)
    minutes = live_steps.aggregate(total=Sum("minutes"))["total"] or 0
    CoursePage.objects.filter(pk=course.pk).update(total_minutes=minutes)
    ModuleProgress.objects.filter(module=module).update(
        steps_total=live_steps.filter(module=module).count()
    )
    CourseProgress.objects.filter(course=course).update(steps_total=live_steps.count())
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


# Enrolment and assignment -------------------------------------------------


def _enrol(*, user, course: CoursePage, source: str) -> Enrolment:
    enrolment, created = Enrolment.objects.get_or_create(
        user=user, course=course, defaults={"source": source}
    )
    if not created and not enrolment.active:
        enrolment.active = True
        enrolment.source = source
        enrolment.save(update_fields=["active", "source"])
    CourseProgress.objects.get_or_create(
        user=user,
        course=course,
        defaults={"steps_total": Step.objects.filter(course=course, retired=False).count()},
    )
    return enrolment


@transaction.atomic
def enrolment_self_enrol(*, user, course: CoursePage) -> Enrolment:
    if not (course.live and course.open_for_self_enrolment):
        raise PermissionDenied("This course is not open for self-enrolment.")
    return _enrol(user=user, course=course, source=Enrolment.Source.SELF)


@transaction.atomic
def assignment_create(
    *, actor, course: CoursePage, team, users=None, due_date=None
) -> list[Assignment]:
    """Assign a course to a whole team or to chosen members of it."""
    from iomsite.teams.selectors import teams_led_by

    if not teams_led_by(user=actor).filter(pk=team.pk).exists():
        raise PermissionDenied("You do not lead this team.")
    if not course.live:
        raise ValidationError("This course is not published.")
    if due_date is not None and due_date < timezone.localdate():
        raise ValidationError({"due_date": "The due date must be today or in the future"})
    members = TeamMembership.objects.filter(team=team).select_related("user")
    if users is not None:
        wanted = {user.pk for user in users}
        members = [m for m in members if m.user_id in wanted]
        if len(members) != len(wanted):
            raise ValidationError({"users": "Choose people from this team"})
    assignments = []
    for membership in members:
        assignment, created = Assignment.objects.get_or_create(
            user=membership.user,
            course=course,
            removed_at=None,
            defaults={"team": team, "assigned_by": actor, "due_date": due_date},
        )
        if not created and assignment.due_date != due_date:
            assignment.due_date = due_date
            assignment.save(update_fields=["due_date"])
        _enrol(user=membership.user, course=course, source=Enrolment.Source.ASSIGNED)
        assignments.append(assignment)
    return assignments


@transaction.atomic
def assignment_remove(*, actor, assignment: Assignment) -> None:
    """Un-assign. The learner keeps every record; an assigned-only enrolment goes quiet."""
    from iomsite.teams.selectors import teams_led_by

    led = teams_led_by(user=actor)
    if assignment.team_id is not None:
        allowed = led.filter(pk=assignment.team_id).exists()
    else:
        allowed = TeamMembership.objects.filter(user=assignment.user, team__in=led).exists()
    if not allowed:
        raise PermissionDenied("This assignment was made by another team.")
    if assignment.removed_at is not None:
        return
    assignment.removed_at = timezone.now()
    assignment.save(update_fields=["removed_at"])
    Enrolment.objects.filter(
        user=assignment.user, course=assignment.course, source=Enrolment.Source.ASSIGNED
    ).update(active=False)


# The learning record ------------------------------------------------------


@dataclass
class ReportOutcome:
    record: object | None  # the learning_record Statement
    steps_completed: list[Step]
    courses_completed: list[CoursePage]


def _steps_for(*, user, page_id=None, question_id=None, step=None) -> list[Step]:
    if step is not None:
        return [step]
    enrolled = Enrolment.objects.filter(user=user, active=True).values("course_id")
    steps = Step.objects.filter(retired=False, course_id__in=enrolled, module__live=True)
    if page_id is not None:
        steps = steps.filter(target_page_id=page_id)
    elif question_id is not None:
        steps = steps.filter(target_question_id=question_id, kind="reflect")
    else:
        return []
    return list(steps.select_related("module", "course"))


class CourseProgressSubscriber:
    """Courses' part of every learning-record report: the course steps the object
    is (context: course and module as parents), then the summaries moved forward."""

    name = "courses"

    def context(self, report: Report) -> Contribution | None:
        if report.activity.kind == "item":  # a quiz item: its quiz step moves at submission
            return None
        page_id = report.page.pk if report.activity.kind == "page" else None
        steps = _steps_for(
            user=report.user, page_id=page_id, question_id=report.question_id, step=report.step
        )
        first = steps[0] if len(steps) == 1 else None
        parents = []
        for each in steps:
            for page in (each.course, each.module):
                activity = page_activity(page)
                if activity not in parents:
                    parents.append(activity)
        return Contribution(
            parents=parents,
            course_id=first.course_id if first else None,
            module_id=first.module_id if first else None,
            completion=any(report.verb in COMPLETING_VERBS[s.kind] for s in steps) or None,
            extensions={"steps": [str(s.key) for s in steps]},
            state=steps,
        )

    def received(self, report: Report, statement, contribution) -> ReportOutcome:
        steps = contribution.state if contribution is not None else []
        return _progress_advance(
            user=report.user,
            steps=steps,
            verb=report.verb,
            score=report.score,
            duration_seconds=report.duration_seconds,
            at=report.at,
            record=statement,
        )


def _progress_advance(*, user, steps, verb, score, duration_seconds, at, record) -> ReportOutcome:
    from .selectors import step_is_available

    completed, courses_done = [], []
    for each in steps:
        # A locked step records the statement but cannot complete out of order.
        effective = verb
        if verb in COMPLETING_VERBS[each.kind] and not step_is_available(user=user, step=each):
            effective = Verb.STARTED
        if _step_advance(
            user=user,
            step=each,
            verb=effective,
            score=score,
            duration_seconds=duration_seconds,
            at=at,
        ):
            completed.append(each)
        _module_refresh(user=user, module=each.module, course=each.course, at=at)
        if _course_refresh(user=user, course=each.course, at=at):
            courses_done.append(each.course)
    return ReportOutcome(record, completed, courses_done)


def course_outcome(outcome) -> ReportOutcome:
    """Courses' part of a learning_record ReportOutcome."""
    return outcome.effects.get("courses") or ReportOutcome(outcome.statement, [], [])


def _step_advance(*, user, step: Step, verb, score, duration_seconds, at) -> bool:
    """Move one step summary forward; True if this report completed it."""
    progress = _locked_row_step(user=user, step=step)
    completes = verb in COMPLETING_VERBS[step.kind]
    was_complete = progress.status == Status.COMPLETED
    progress.status = max(progress.status, Status.COMPLETED if completes else Status.IN_PROGRESS)
    progress.first_activity_at = progress.first_activity_at or at
    progress.last_activity_at = max(progress.last_activity_at or at, at)
    if score is not None:
        progress.latest_score = score
        progress.best_score = max(progress.best_score or score, score)
    if duration_seconds:
        progress.time_spent_seconds += duration_seconds
    if completes and not was_complete:
        progress.completed_at = at
    progress.save()
    return completes and not was_complete


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


def certificate_issue(*, user, course: CoursePage, at: datetime | None = None) -> Certificate:
    """Issue (once) the certificate for a completed course."""
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing:
        return existing
    course.refresh_from_db(fields=["total_minutes"])
    while True:
        code = "-".join(
            "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(4)) for _ in range(3)
        )
        if not Certificate.objects.filter(code=code).exists():
            break
    return Certificate.objects.create(
        user=user,
        course=course,
        code=code,
        learner_name=user.display_name or user.get_full_name(),
        course_title=course.title,
        cpd_hours=Decimal(course.total_minutes) / 60,
        issued_at=at or timezone.now(),
    )


# Things learners and team leads do -----------------------------------------


@transaction.atomic
def thought_piece_mark_read(*, user, page) -> ReportOutcome:
    """Explicit, honest completion: the learner says they have read the piece.

    A no-op when every course step for the piece is already complete (or, with no
    such step, when they have said so before), so a double click records once; but
    a piece read before a course asked for it can be marked again for the course.
    """
    learner_lock(user)
    steps = _steps_for(user=user, page_id=page.pk)
    if steps:
        done = StepProgress.objects.filter(
            user=user, step__in=steps, status=Status.COMPLETED
        ).count()
        already = done == len(steps)
    else:
        already = activity_state_exists(user=user, activity=page_activity(page), verb=Verb.READ)
    if already:
        return ReportOutcome(None, [], [])
    return course_outcome(statement_report(user=user, verb=Verb.READ, page=page))


@transaction.atomic
def step_mark_done(*, actor, learner, step: Step) -> ReportOutcome:
    """An offline step marked done by the learner or their team lead, as the step allows."""
    from .selectors import step_is_available

    if step.kind != "external" or step.retired:
        raise ValidationError("Only offline activities are marked done by hand.")
    if not Enrolment.objects.filter(user=learner, course_id=step.course_id, active=True).exists():
        raise ValidationError("You are not enrolled on this course.")
    by_learner = actor.pk == learner.pk
    if by_learner and step.marked_done_by == "team_lead":
        raise PermissionDenied("Your team lead marks this activity done.")
    if not by_learner:
        from iomsite.teams.selectors import teams_led_by

        led = teams_led_by(user=actor)
        if (
            step.marked_done_by == "learner"
            or not TeamMembership.objects.filter(user=learner, team__in=led).exists()
        ):
            raise PermissionDenied("You cannot mark this activity done for them.")
    learner_lock(learner)
    if StepProgress.objects.filter(user=learner, step=step, status=Status.COMPLETED).exists():
        return ReportOutcome(None, [], [])
    if not step_is_available(user=learner, step=step):
        raise ValidationError("Complete the earlier steps first.")
    return course_outcome(
        statement_report(
            user=learner, verb=Verb.COMPLETED, step=step, instructor=None if by_learner else actor
        )
    )


# Who looked at a learner's records ------------------------------------------


def _reader_role(reader) -> str:
    from iomsite.accounts.roles import ADMINISTRATOR, TEAM_LEAD, TRAINER

    from .models import ReaderRole

    if not hasattr(reader, "_access_log_role"):
        names = set(reader.groups.values_list("name", flat=True))
        reader._access_log_role = next(
            (
                role
                for group, role in (
                    (ADMINISTRATOR, ReaderRole.ADMINISTRATOR),
                    (TRAINER, ReaderRole.TRAINER),
                    (TEAM_LEAD, ReaderRole.TEAM_LEAD),
                )
                if group in names
            ),
            ReaderRole.MEMBER,
        )
    return reader._access_log_role


def access_log_record(
    *, reader, kind: str, subjects, course: CoursePage | None = None, team=None
) -> None:
    """Note that `reader` opened other people's records: `subjects` are
    (learner id, object id) pairs (object: the course, or the journal entry). One
    row per reader, learner, kind, object and day, written in one query however
    many learners a page or a spreadsheet shows; the reader's own are skipped."""
    from .models import AccessLog

    pairs = {(learner_id, object_id) for learner_id, object_id in subjects}
    pairs = {pair for pair in pairs if pair[0] != reader.pk}
    if not pairs:
        return
    now = timezone.now()
    role = _reader_role(reader)
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                learner_id=learner_id,
                reader=reader,
                reader_role=role,
                kind=kind,
                object_id=object_id,
                course=course,
                team=team,
                day=timezone.localdate(now),
                first_at=now,
                last_at=now,
            )
            for learner_id, object_id in sorted(pairs)
        ],
        update_conflicts=True,
        unique_fields=["learner", "reader", "kind", "object_id", "day"],
        update_fields=["last_at"],
    )


def access_log_prune(*, now: datetime | None = None) -> int:
    """Delete access log rows older than ACCESS_LOG_RETENTION_DAYS; returns how many."""
    from datetime import timedelta

    from django.conf import settings

    from .models import AccessLog

    today = timezone.localdate(now or timezone.now())
    cutoff = today - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = AccessLog.objects.filter(day__lt=cutoff).delete()
    return deleted
