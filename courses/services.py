"""
Writes for courses. This module holds courses' part of every learning-record report
and what learners and team leads do; the rest lives beside it, by subject,
and is re-exported here so `courses.services.<name>` keeps working:

- `structure_services`: published modules' steps (`course_structure_sync`, `..._retire`);
- `enrolment_services`: enrolment and team leads' assignments;
- `certificate_services`: issuing a certificate;
- `access_log_services`: who looked at a learner's records;
- `progress`: the rules (status, overdue, locks, completion) and the cascade.

Every activity reports what a learner did through
`learning_record.services.statement_report`; courses subscribe to it
(`CourseProgressSubscriber`, registered in `CoursesConfig.ready`) and, in the
same transaction, move the per-step summary forward and cascade step → module
→ course (→ certificate). Nothing else writes progress rows.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iomsite.teams.models import TeamMembership
from learning_record.activities import page_activity
from learning_record.selectors import activity_state_exists
from learning_record.services import learner_lock, statement_report
from learning_record.subscribers import Contribution, Report
from learning_record.verbs import Verb

from .access_log_services import _reader_role, access_log_prune, access_log_record
from .certificate_services import CERTIFICATE_ALPHABET, certificate_issue
from .enrolment_services import _enrol, assignment_create, assignment_remove, enrolment_self_enrol
from .models import (
    CoursePage,
    Enrolment,
    Status,
    Step,
    StepProgress,
)
from .progress import (
    COMPLETING_VERBS,
    _completion_recheck,
    _course_refresh,
    _course_totals_refresh,
    _module_refresh,
    _step_advance,
    first_lock_message,
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
    "step_mark_done",
    "thought_piece_mark_read",
]


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
        if report.verb == Verb.VIEWED:  # viewing is not progress; the learner's POSTs are
            return ReportOutcome(statement, [], [])
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


# Things learners and team leads do -----------------------------------------


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
        already = activity_state_exists(user=user, activity=page_activity(page), verb=Verb.READ)
    if already:
        return MarkReadOutcome(None, [], [])
    reason = first_lock_message(user=user, steps=waiting, what=_("This piece"))
    outcome = course_outcome(statement_report(user=user, verb=Verb.READ, page=page))
    message = f"{reason} {_('Your reading has not been counted for it yet.')}" if reason else ""
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
    reason = lock_message(user=learner, step=step, what=_("This activity"))
    if reason:
        raise ValidationError(f"{reason} {_('Complete the earlier steps first.')}")
    return course_outcome(
        statement_report(
            user=learner, verb=Verb.COMPLETED, step=step, instructor=None if by_learner else actor
        )
    )
