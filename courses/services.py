"""
Writes for courses. This module holds the learning record's report service
and what learners and team leads do; the rest lives beside it, by subject,
and is re-exported here so `courses.services.<name>` keeps working:

- `structure_services`: published modules' steps (`course_structure_sync`, `..._retire`);
- `enrolment_services`: enrolment and team leads' assignments;
- `certificate_services`: issuing a certificate;
- `access_log_services`: who looked at a learner's records;
- `progress`: the rules (status, overdue, locks, completion) and the cascade.

Every activity reports what a learner did through `learning_record_report`:
it appends one xAPI-shaped `LearningRecord`, then moves the per-step summary
forward and cascades step → module → course (→ certificate). Nothing else
writes progress rows.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from iomsite.teams.models import TeamMembership

from .access_log_services import _reader_role, access_log_prune, access_log_record
from .certificate_services import CERTIFICATE_ALPHABET, certificate_issue
from .enrolment_services import _enrol, assignment_create, assignment_remove, enrolment_self_enrol
from .models import (
    CoursePage,
    Enrolment,
    LearningRecord,
    Status,
    Step,
    StepProgress,
    Verb,
)
from .progress import (
    COMPLETING_VERBS,
    _completion_recheck,
    _course_refresh,
    _course_totals_refresh,
    _module_refresh,
    _step_advance,
    lock_message,
    step_is_available,
)
from .structure_services import course_structure_retire, course_structure_sync

__all__ = [
    "CERTIFICATE_ALPHABET",
    "COMPLETING_VERBS",
    "MarkReadOutcome",
    "ReportOutcome",
    "_completion_recheck",
    "_course_refresh",
    "_course_totals_refresh",
    "_enrol",
    "_module_refresh",
    "_reader_role",
    "_step_advance",
    "access_log_prune",
    "access_log_record",
    "assignment_create",
    "assignment_remove",
    "certificate_issue",
    "course_structure_retire",
    "course_structure_sync",
    "enrolment_self_enrol",
    "learner_lock",
    "learning_record_report",
    "step_mark_done",
    "thought_piece_mark_read",
]


# The learning record ------------------------------------------------------


@dataclass
class ReportOutcome:
    record: LearningRecord | None
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


@transaction.atomic
def learning_record_report(
    *,
    user,
    verb: str,
    page=None,
    step: Step | None = None,
    question_id: int | None = None,
    score: Decimal | float | None = None,
    success: bool | None = None,
    duration_seconds: int | None = None,
    extra: dict | None = None,
    at: datetime | None = None,
) -> ReportOutcome:
    """Record what a learner did and move their summaries forward.

    Exactly one of `page` (a Thought Piece or an activity page), `step` (an
    offline step) or `question_id` (a reflection) names the object.
    """
    if verb not in Verb.values:
        raise ValueError(f"Unknown verb {verb!r}")
    at = at or timezone.now()
    score = Decimal(str(score)) if score is not None else None
    if step is not None:
        object_type, object_id, name = "step", str(step.key), step.title
    elif page is not None:
        object_type, object_id, name = "page", str(page.pk), page.title
    elif question_id is not None:
        object_type, object_id, name = "question", str(question_id), ""
    else:
        raise ValueError("learning_record_report needs a page, a step or a question")
    learner_lock(user)
    steps = _steps_for(
        user=user, page_id=getattr(page, "pk", None), question_id=question_id, step=step
    )
    first = steps[0] if len(steps) == 1 else None
    record = LearningRecord.objects.create(
        actor=user,
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        object_name=name[:300],
        result_score=score,
        result_success=success,
        result_completion=any(verb in COMPLETING_VERBS[s.kind] for s in steps) or None,
        result_duration_seconds=duration_seconds,
        course=first.course if first else None,
        module=first.module if first else None,
        context={**(extra or {}), "steps": [str(s.key) for s in steps]},
        timestamp=at,
    )
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


# Things learners and team leads do -----------------------------------------


def learner_lock(user) -> None:
    """Serialise one learner's progress writes: every check-then-write in this module
    happens while holding this row lock (SQLite's IMMEDIATE transactions already serialise)."""
    # NO KEY: rows that merely reference the user (answers, records) can still be inserted.
    get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).exists()


@dataclass
class MarkReadOutcome(ReportOutcome):
    """A report, plus why any course step for the piece could not count yet."""

    locked_message: str = ""


@transaction.atomic
def thought_piece_mark_read(*, user, page) -> MarkReadOutcome:
    """Explicit, honest completion: the learner says they have read the piece.

    A no-op when every course step for the piece is already complete (or, with no
    such step, when they have said so before), so a double click records once; but
    a piece read before a course asked for it can be marked again for the course.
    A step that is still locked records the reading (the statement is true) but
    does not complete; `locked_message` says so, and the page must not claim success.
    """
    learner_lock(user)
    steps = _steps_for(user=user, page_id=page.pk)
    if steps:
        done = set(
            StepProgress.objects.filter(
                user=user, step__in=steps, status=Status.COMPLETED
            ).values_list("step_id", flat=True)
        )
        waiting = [s for s in steps if s.pk not in done]
        already = not waiting
    else:
        waiting = []
        already = LearningRecord.objects.filter(
            actor=user, verb=Verb.READ, object_type="page", object_id=str(page.pk)
        ).exists()
    if already:
        return MarkReadOutcome(None, [], [])
    locked = [s for s in waiting if not step_is_available(user=user, step=s)]
    outcome = learning_record_report(user=user, verb=Verb.READ, page=page)
    message = ""
    if locked:
        reason = lock_message(user=user, step=locked[0], what=_("This piece"))
        message = f"{reason} {_('Your reading has not been counted for it yet.')}"
    return MarkReadOutcome(
        outcome.record, outcome.steps_completed, outcome.courses_completed, message
    )


@transaction.atomic
def step_mark_done(*, actor, learner, step: Step) -> ReportOutcome:
    """An offline step marked done by the learner or their team lead, as the step allows."""
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
        reason = lock_message(user=learner, step=step, what=_("This activity"))
        raise ValidationError(f"{reason} {_('Complete the earlier steps first.')}")
    return learning_record_report(
        user=learner,
        verb=Verb.COMPLETED,
        step=step,
        extra={"marked_by": actor.pk} if not by_learner else None,
    )
