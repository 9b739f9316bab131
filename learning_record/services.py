"""
The one way anything writes to the learning record.

`statement_report` takes the learner lock, asks the subscribers for context,
appends one `Statement`, moves `ActivityState` forward, lets each subscriber
move its summaries forward in the same transaction, and (when an LRS is
configured) queues the forwarder once the transaction commits.
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .activities import (
    Activity,
    item_activity,
    page_activity,
    question_activity,
    step_activity,
)
from .models import ActivityState, LearnerAccount, Statement
from .subscribers import Report, subscribers
from .verbs import Verb, verb_definition

logger = logging.getLogger(__name__)

# The verbs kept in ActivityState: those a page asks about ("I have read this
# piece"). Progress pages read courses' summaries; the others are not kept, so a
# report costs no more queries than before the learning record moved.
STATE_VERBS = {Verb.READ}
REGISTRATION_NAMESPACE = uuid.UUID("5b0c5c0e-3c39-4d5e-9a4b-6a1f3c2d7e10")


@dataclass
class ReportOutcome:
    statement: Statement | None
    effects: dict = field(default_factory=dict)  # subscriber name → what it returned


def learner_lock(user) -> LearnerAccount:
    """Serialise one learner's learning-record writes: every check-then-write runs
    while holding this row lock (SQLite's IMMEDIATE transactions already serialise).
    The locked row is the learner's xAPI account, made on first use."""
    # One query once the account exists; get_or_create re-reads (locking) when a
    # concurrent first statement made it a moment ago.
    return LearnerAccount.objects.select_for_update().get_or_create(user=user)[0]


def attempt_registration(*, attempt_id: int) -> uuid.UUID:
    """The xAPI registration of a quiz attempt: fixed by its id, no column needed."""
    return uuid.uuid5(REGISTRATION_NAMESPACE, f"attempt:{attempt_id}")


def _activity_for(*, page, step, question_id, item_id, name) -> Activity:
    if item_id is not None and page is not None:
        return item_activity(quiz=page, item_id=item_id, name=name)
    if step is not None:
        return step_activity(key=step.key, title=step.title)
    if page is not None:
        return page_activity(page)
    if question_id is not None:
        return question_activity(question_id=question_id, text=name)
    raise ValueError("statement_report needs a page, a step, a question or an item")


def _parent(activity: Activity) -> dict:
    return {"id": activity.iri, "type": activity.type}


@transaction.atomic
def statement_report(
    *,
    user,
    verb: str,
    page=None,
    step=None,
    question_id: int | None = None,
    item_id: str | None = None,
    name: str = "",
    score: Decimal | float | None = None,
    success: bool | None = None,
    duration_seconds: int | None = None,
    registration: uuid.UUID | None = None,
    instructor=None,
    extra: dict | None = None,
    at: datetime | None = None,
) -> ReportOutcome:
    """Record what a learner did; subscribers move their summaries forward.

    The object is one of: `page` (a Thought Piece or an activity page), `step`
    (a course step done offline), `question_id` (a reflection on a discussion
    question) or `item_id` with `page` (one item of a quiz). `score` is a
    percentage; `instructor` is who marked it done for the learner, if not them.
    """
    definition = verb_definition(verb)  # ValueError on an unknown verb
    at = at or timezone.now()
    score = Decimal(str(score)) if score is not None else None
    activity = _activity_for(
        page=page, step=step, question_id=question_id, item_id=item_id, name=name
    )
    account = learner_lock(user)
    report = Report(
        user=user,
        verb=str(verb),
        activity=activity,
        page=page,
        step=step,
        question_id=question_id if item_id is None else None,
        score=score,
        duration_seconds=duration_seconds,
        at=at,
    )
    contributions = [(each, each.context(report)) for each in subscribers()]
    parents, extensions, completion = [], dict(extra or {}), None
    course_id = module_id = None
    if item_id is not None and page is not None:
        parents.append(_parent(page_activity(page)))
    for _, contribution in contributions:
        if contribution is None:
            continue
        parents += [_parent(p) for p in contribution.parents if _parent(p) not in parents]
        extensions.update(contribution.extensions)
        if contribution.completion:
            completion = True
        course_id = course_id or contribution.course_id
        module_id = module_id or contribution.module_id
    if instructor is not None and instructor.pk != user.pk:
        extensions["instructor"] = str(
            LearnerAccount.objects.get_or_create(user=instructor)[0].name
        )
    statement = Statement.objects.create(
        actor=user,
        actor_name=account.name,
        verb=definition.iri,
        object_iri=activity.iri,
        object_type=activity.type,
        object_name=activity.name[:300],
        object_kind=activity.kind,
        object_ref=activity.ref,
        result_score_scaled=(score / 100).quantize(Decimal("0.0001"))
        if score is not None
        else None,
        result_score_raw=score,
        result_score_min=Decimal(0) if score is not None else None,
        result_score_max=Decimal(100) if score is not None else None,
        result_success=success,
        result_completion=completion,
        result_duration_seconds=duration_seconds,
        registration=registration,
        course_id=course_id,
        module_id=module_id,
        context_parents=parents,
        context_extensions=extensions,
        timestamp=at,
        stored=timezone.now(),
    )
    if verb in STATE_VERBS:
        ActivityState.objects.bulk_create(
            [
                ActivityState(
                    user=user, activity=activity.iri, verb=str(verb), first_at=at, last_at=at
                )
            ],
            update_conflicts=True,
            unique_fields=["user", "activity", "verb"],
            update_fields=["last_at"],
        )
    effects = {
        each.name: each.received(report, statement, contribution)
        for each, contribution in contributions
    }
    _forward_after_commit()
    return ReportOutcome(statement, effects)


def _forward_after_commit() -> None:
    """Queue the forwarder after the transaction commits (only when an LRS is set).
    A failure to queue is logged, never raised: the sweep (`xapi_forward`) sends later."""
    if not getattr(settings, "XAPI_LRS_ENDPOINT", ""):
        return

    def enqueue():
        try:
            from .tasks import statements_forward

            statements_forward.enqueue()
        except Exception:
            logger.exception("Could not queue the xAPI forwarder; the sweep will send later")

    transaction.on_commit(enqueue)


def learner_accounts_ensure(*, users) -> dict:
    """The opaque account name of each user (made where missing), in bulk queries."""
    ids = [user.pk for user in users]
    names = dict(LearnerAccount.objects.filter(user_id__in=ids).values_list("user_id", "name"))
    missing = [LearnerAccount(user_id=pk) for pk in ids if pk not in names]
    LearnerAccount.objects.bulk_create(missing, batch_size=5000)
    names.update({account.user_id: account.name for account in missing})
    return names


def statements_bulk_insert(*, statements: list[Statement], batch_size: int = 5000) -> None:
    """Synthetic data only (`seed_scale`): statements inserted in bulk with their
    `ActivityState` rows, but no subscribers (the caller writes course summaries)."""
    Statement.objects.bulk_create(statements, batch_size=batch_size)
    key_of = {verb_definition(key).iri: key for key in STATE_VERBS}
    states = {}
    for each in statements:
        if each.verb in key_of:
            pair = (each.actor_id, each.object_iri, key_of[each.verb])
            first, last = states.get(pair, (each.timestamp, each.timestamp))
            states[pair] = (min(first, each.timestamp), max(last, each.timestamp))
    ActivityState.objects.bulk_create(
        [
            ActivityState(user_id=u, activity=a, verb=v, first_at=first, last_at=last)
            for (u, a, v), (first, last) in states.items()
        ],
        batch_size=batch_size,
        ignore_conflicts=True,
    )
