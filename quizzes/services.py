"""
Writes for quizzes: start (or resume) an attempt, save an answer as it is
given, submit once.

Every write locks the attempt row (`select_for_update`; SQLite's IMMEDIATE
transactions serialise writers anyway), and submission claims the attempt with
a conditional UPDATE, so a double click, a replayed POST or two tabs finishing
at once give one submitted attempt, one score and one learning record.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from learning_record.services import attempt_registration, learner_lock, statement_report
from learning_record.verbs import Verb

from .engine import AnswerRejected
from .items import item_type
from .models import AttemptStatus, QuizAnswer, QuizAttempt, QuizPage
from .selectors import quiz_compiled

_shuffler = random.SystemRandom()


class AttemptClosed(Exception):
    """The attempt no longer takes answers: submitted, or out of time."""


class AnswerAlreadyFinal(Exception):
    """The item was answered and its feedback shown; a repeat POST changes nothing."""


def attempt_time_is_up(attempt: QuizAttempt, *, now: datetime | None = None) -> bool:
    return attempt.deadline is not None and (now or timezone.now()) >= attempt.deadline


@transaction.atomic
def attempt_start(*, user, quiz: QuizPage, now: datetime | None = None) -> QuizAttempt:
    """Resume the learner's open attempt, or start their next one if allowed."""
    now = now or timezone.now()
    learner_lock(user)
    current = QuizAttempt.objects.filter(
        user=user, quiz=quiz, status=AttemptStatus.IN_PROGRESS
    ).first()
    if current is not None:
        return current
    if not quiz.live or quiz.live_revision_id is None:
        raise ValidationError("This quiz is not published.")
    counts = QuizAttempt.objects.filter(user=user, quiz=quiz).aggregate(
        used=Count("id"), last=Max("number")
    )
    used = counts["used"]
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        raise ValidationError(
            f"You have used all {quiz.attempts_allowed} attempts allowed at this quiz."
        )
    compiled = quiz_compiled(revision_id=quiz.live_revision_id, page_id=quiz.pk)
    if compiled.problems:
        raise ValidationError(
            "This quiz cannot be taken at the moment because its scenario is incomplete. "
            "Your trainer has been shown why in the editor."
        )
    order = [item.id for item in compiled.items]
    if compiled.settings.shuffle:
        _shuffler.shuffle(order)
    limit = compiled.settings.time_limit_minutes
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                user=user,
                quiz=quiz,
                revision_id=quiz.live_revision_id,
                number=(counts["last"] or 0) + 1,
                item_order=order,
                started_at=now,
                deadline=now + timedelta(minutes=limit) if limit else None,
            )
    except IntegrityError:  # another tab started it a moment ago
        return QuizAttempt.objects.get(user=user, quiz=quiz, status=AttemptStatus.IN_PROGRESS)
    statement_report(
        user=user,
        verb=Verb.STARTED,
        page=quiz,
        registration=attempt_registration(attempt_id=attempt.pk),
        extra={"attempt": attempt.number},
        at=now,
    )
    return attempt


def _locked_open_attempt(*, attempt_id: int, user, now: datetime) -> QuizAttempt:
    attempt = QuizAttempt.objects.select_for_update().get(pk=attempt_id, user=user)
    if attempt.is_submitted:
        raise AttemptClosed("This attempt has been submitted, so its answers can no longer change.")
    if attempt_time_is_up(attempt, now=now):
        raise AttemptClosed("The time allowed for this attempt has run out.")
    return attempt


def _mark_latest(answer: QuizAnswer) -> None:
    QuizAnswer.objects.filter(
        user_id=answer.user_id, quiz_id=answer.quiz_id, item_id=answer.item_id, latest=True
    ).exclude(pk=answer.pk).update(latest=False)
    if not answer.latest:
        answer.latest = True
        answer.save(update_fields=["latest"])


@transaction.atomic
def answer_save(
    *, attempt_id: int, user, item_id: str, data, now: datetime | None = None
) -> QuizAnswer:
    """Check `data` (the POSTed form) against the item and save it at once.

    Raises AnswerError (the learner can fix it), AnswerRejected (not from our
    form: 400), AnswerAlreadyFinal or AttemptClosed; in each case nothing changes.
    """
    now = now or timezone.now()
    attempt = _locked_open_attempt(attempt_id=attempt_id, user=user, now=now)
    if item_id not in attempt.item_order:
        raise AnswerRejected("That question is not part of this attempt.")
    compiled = quiz_compiled(revision_id=attempt.revision_id, page_id=attempt.quiz_id)
    item = compiled.item(item_id)
    answer = QuizAnswer.objects.filter(attempt=attempt, item_id=item_id).first()
    if answer is not None and answer.final:
        raise AnswerAlreadyFinal(item_id)
    kind = item_type(item.type)
    response = kind.respond(item, answer, data)
    if response is None:
        raise AnswerAlreadyFinal(item_id)
    final = kind.is_final(item, response, feedback_immediate=compiled.settings.feedback_immediate)
    fields = {
        "user": user,
        "quiz_id": attempt.quiz_id,
        "item_type": item.type,
        "response": response,
        "final": final,
        "score": item.score(response) if item.scored else None,
        "choice": "",
        "confidence": None,
        "position": None,
        "answered_at": now,
        **(item.columns(response) if final or not kind.stepwise else {}),
    }
    answer, _ = QuizAnswer.objects.update_or_create(
        attempt=attempt, item_id=item_id, defaults=fields
    )
    if final:
        _mark_latest(answer)
    return answer


@dataclass
class SubmitOutcome:
    attempt: QuizAttempt
    newly_submitted: bool


def attempt_submit(*, attempt_id: int, user, now: datetime | None = None) -> SubmitOutcome:
    """Submit once. A second call, from any tab, returns the first result."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = QuizAttempt.objects.select_for_update().get(pk=attempt_id, user=user)
        if attempt.is_submitted:
            return SubmitOutcome(attempt, newly_submitted=False)
        compiled = quiz_compiled(revision_id=attempt.revision_id, page_id=attempt.quiz_id)
        answers = list(QuizAnswer.objects.filter(attempt=attempt))
        scores = {
            a.item_id: compiled.item(a.item_id).score(a.response)
            for a in answers
            if compiled.item(a.item_id).scored
        }
        mark = compiled.mark(scores)
        passed = None if mark is None else mark >= compiled.settings.pass_mark
        submitted_at = min(now, attempt.deadline) if attempt.deadline else now
        claimed = QuizAttempt.objects.filter(
            pk=attempt.pk, status=AttemptStatus.IN_PROGRESS
        ).update(
            status=AttemptStatus.SUBMITTED, submitted_at=submitted_at, score=mark, passed=passed
        )
        attempt.refresh_from_db()
        if not claimed:
            return SubmitOutcome(attempt, newly_submitted=False)
        _finalise(answers=[a for a in answers if not a.final], compiled=compiled, scores=scores)
        if compiled.settings.counts_towards_completion and passed is not None:
            verb = Verb.PASSED if passed else Verb.FAILED
        else:
            verb = Verb.COMPLETED
        statement_report(
            user=user,
            verb=verb,
            page=attempt.quiz,
            score=mark,
            success=passed,
            duration_seconds=int((submitted_at - attempt.started_at).total_seconds()),
            registration=attempt_registration(attempt_id=attempt.pk),
            extra={"attempt": attempt.number, "revision": attempt.revision_id},
            at=submitted_at,
        )
    return SubmitOutcome(attempt, newly_submitted=True)


@transaction.atomic
def quiz_result_carry_forward(*, user, quiz: QuizPage) -> bool:
    """A result earned before its course step was open (or before enrolment)
    counts once the step is open: the best submitted attempt is reported again.
    A no-op when nothing is waiting, so it is safe on every visit."""
    from courses.selectors import open_steps_for_page

    attempts = QuizAttempt.objects.filter(user=user, quiz=quiz, status=AttemptStatus.SUBMITTED)
    if not attempts.exists():
        return False
    learner_lock(user)
    if not open_steps_for_page(user=user, page_id=quiz.pk):
        return False
    best = attempts.order_by(
        F("passed").desc(nulls_last=True), F("score").desc(nulls_last=True)
    ).first()
    settings = quiz_compiled(revision_id=best.revision_id, page_id=quiz.pk).settings
    if best.passed:
        verb = Verb.PASSED
    elif best.passed is None or not settings.counts_towards_completion:
        verb = Verb.COMPLETED
    else:
        return False
    statement_report(
        user=user,
        verb=verb,
        page=quiz,
        score=best.score,
        success=best.passed,
        registration=attempt_registration(attempt_id=best.pk),
        extra={"attempt": best.number, "revision": best.revision_id, "carried_forward": True},
    )
    return True


def _finalise(*, answers: list[QuizAnswer], compiled, scores: dict) -> None:
    """At submission, answers that could still change become final, in bulk queries."""
    if not answers:
        return
    for answer in answers:
        answer.final, answer.latest = True, True
        answer.score = scores.get(answer.item_id)
        for column, value in compiled.item(answer.item_id).columns(answer.response).items():
            setattr(answer, column, value)
    first = answers[0]
    QuizAnswer.objects.filter(
        user_id=first.user_id,
        quiz_id=first.quiz_id,
        item_id__in=[a.item_id for a in answers],
        latest=True,
    ).update(latest=False)
    QuizAnswer.objects.bulk_update(
        answers, ["final", "latest", "score", "choice", "confidence", "position"], batch_size=500
    )


def attempt_close_if_time_is_up(*, attempt: QuizAttempt, user, now: datetime | None = None) -> bool:
    """Submit what was saved once the deadline passes; True if it did so now."""
    if attempt.is_submitted or not attempt_time_is_up(attempt, now=now):
        return False
    return attempt_submit(attempt_id=attempt.pk, user=user, now=now).newly_submitted
