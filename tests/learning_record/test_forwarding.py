"""The forwarder against a local LRS double: batches accepted; refusals, time-outs
and recovery with nothing lost and nothing stored twice; every statement valid."""

import threading
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from courses import services as course_services
from courses.factories import make_course, step
from courses.models import Step
from iomsite.accounts.factories import UserFactory
from learning_record.forwarding import forward_pending
from learning_record.models import ForwardingState, Statement
from learning_record.services import statement_report
from learning_record.verbs import Verb
from quizzes import services as quiz_services
from quizzes.factories import make_quiz, single_choice
from tests.quizzes.test_services import answer_right

from .lrs_double import statement_errors


@pytest.fixture
def activity(course, enrolled, piece):
    """A learner reads a piece, marks an offline step done and reflects; another takes
    a quiz on a course: statements of every kind, with parents, scores, registration."""
    statement_report(user=enrolled, verb=Verb.VIEWED, page=piece)
    course_services.thought_piece_mark_read(user=enrolled, page=piece)
    meet = Step.objects.get(course=course, title="Meet a partner")
    course_services.step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    reflect = Step.objects.get(course=course, kind="reflect")
    statement_report(user=enrolled, verb=Verb.REFLECTED, question_id=reflect.target_question_id)
    quiz = make_quiz(title="Checks", items=[single_choice()], pass_mark=50)
    quiz_course = make_course(
        title="Quiz course",
        modules=[{"title": "M", "steps": [step("activity", activity=quiz.pk)]}],
        open_=True,
    )
    learner = UserFactory()
    course_services.enrolment_self_enrol(user=learner, course=quiz_course)
    attempt = quiz_services.attempt_start(user=learner, quiz=quiz)
    answer_right(attempt, learner, 1)
    quiz_services.attempt_submit(attempt_id=attempt.pk, user=learner)
    return Statement.objects.order_by("id")


def _all_sent(lrs, statements):
    ids = {str(s.statement_id) for s in statements}
    assert set(lrs.stored) == ids
    assert not Statement.objects.filter(forwarded_at__isnull=True).exists()
    assert lrs.invalid == []
    for body in lrs.stored.values():
        assert statement_errors(body) == []


def test_a_batch_is_accepted_and_marked_forwarded(lrs, activity):
    count = activity.count()
    assert count == 6
    result = forward_pending()
    assert (result.sent, result.error) == (count, "")
    _all_sent(lrs, activity)
    assert all(len(batch) <= 4 for batch in lrs.posts)
    assert sum(len(batch) for batch in lrs.posts) == count  # each sent once
    # Nothing waits, so a second run sends nothing.
    assert forward_pending().sent == 0 and sum(len(b) for b in lrs.posts) == count


def test_statements_carry_parents_registration_score_and_an_opaque_actor(
    lrs, activity, enrolled, settings
):
    forward_pending()
    bodies = list(lrs.stored.values())
    read = next(b for b in bodies if b["verb"]["id"].endswith("/read"))
    parents = [p["id"] for p in read["context"]["contextActivities"]["parent"]]
    assert any("/course/" in p for p in parents) and any("/module/" in p for p in parents)
    assert read["result"]["completion"] is True
    assert read["actor"]["account"]["homePage"] == settings.XAPI_ACCOUNT_HOMEPAGE
    assert enrolled.email not in str(bodies)
    submitted = next(b for b in bodies if b["verb"]["id"].endswith(("/passed", "/failed")))
    assert submitted["context"]["registration"]
    assert submitted["result"]["score"]["max"] == 100
    assert submitted["result"]["duration"].startswith("PT")
    started = next(b for b in bodies if b["verb"]["id"].endswith("/attempted"))
    assert started["context"]["registration"] == submitted["context"]["registration"]


@pytest.mark.parametrize("refusal", [400, 500])
def test_a_refusing_lrs_loses_nothing_and_backs_off(lrs, activity, refusal):
    lrs.mode = refusal
    result = forward_pending()
    assert result.sent == 0 and str(refusal) in result.error
    assert Statement.objects.filter(forwarded_at__isnull=True).count() == activity.count()
    state = ForwardingState.objects.get(pk=1)
    assert state.failures == 1 and state.retry_after > timezone.now()
    assert forward_pending().skipped  # waiting out the back-off
    lrs.mode = "ok"
    assert forward_pending().skipped
    first_retry = state.retry_after
    lrs.mode = refusal
    forward_pending(force=True)
    state.refresh_from_db()
    assert state.failures == 2 and state.retry_after > first_retry  # it doubles
    lrs.mode = "ok"
    assert forward_pending(force=True).error == ""
    _all_sent(lrs, activity)
    state.refresh_from_db()
    assert (state.failures, state.last_error, state.retry_after) == (0, "", None)


def test_a_timeout_after_storing_is_resent_and_stored_once(lrs, activity):
    lrs.mode, lrs.delay = "timeout", 1.0
    result = forward_pending()
    assert result.sent == 0 and "timed out" in result.error.lower()
    assert Statement.objects.filter(forwarded_at__isnull=True).count() == activity.count()
    lrs.mode = "ok"
    forward_pending(force=True)
    _all_sent(lrs, activity)
    # The first batch reached the store twice (its reply was lost); stored once.
    assert len(lrs.stored) == activity.count()


def test_an_unreachable_lrs_loses_nothing(lrs, activity, settings):
    lrs.stop()
    result = forward_pending()
    assert result.error and result.sent == 0
    assert Statement.objects.filter(forwarded_at__isnull=True).count() == activity.count()


def test_reporting_queues_the_forwarder_after_commit_and_never_fails_the_learner(
    lrs,
    piece,
    practitioner,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    from learning_record import tasks

    calls = []

    class Queue:
        def __init__(self, fails=False):
            self.fails = fails

        def enqueue(self):
            if self.fails:
                raise RuntimeError("queue down")
            calls.append(1)

    monkeypatch.setattr(tasks, "statements_forward", Queue())
    with django_capture_on_commit_callbacks(execute=True):
        statement_report(user=practitioner, verb=Verb.VIEWED, page=piece)
    assert calls == [1]
    monkeypatch.setattr(tasks, "statements_forward", Queue(fails=True))
    with django_capture_on_commit_callbacks(execute=True):
        statement_report(user=practitioner, verb=Verb.VIEWED, page=piece)  # does not raise
    assert Statement.objects.filter(actor=practitioner).count() == 2


def test_nothing_is_queued_without_an_lrs(piece, practitioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        statement_report(user=practitioner, verb=Verb.VIEWED, page=piece)
    assert callbacks == []


def test_the_sweep_command_sends_everything(lrs, activity):
    call_command("xapi_forward")
    _all_sent(lrs, activity)


def test_the_sweep_command_says_when_there_is_no_lrs(db, settings):
    settings.XAPI_LRS_ENDPOINT = ""
    with pytest.raises(CommandError, match="XAPI_LRS_ENDPOINT"):
        call_command("xapi_forward")


def test_the_double_refuses_what_xapi_forbids():
    good = {
        "id": "0b7a4a3e-6f1d-4d8e-9a53-2f0f3b1b6c11",
        "actor": {"account": {"homePage": "https://lms.example", "name": "abc"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-GB": "passed"}},
        "object": {"id": "https://lms.example/xapi/activities/quiz/1"},
        "result": {"score": {"scaled": 0.5, "raw": 50, "min": 0, "max": 100}, "duration": "PT5S"},
        "timestamp": "2026-12-02T06:00:00.000Z",
    }
    assert statement_errors(good) == []
    for broken in [
        {**good, "id": "not-a-uuid"},
        {**good, "actor": {"mbox": "mailto:a@b.c", "account": good["actor"]["account"]}},
        {**good, "verb": {"id": "passed", "display": {"en-GB": "passed"}}},
        {**good, "result": {"score": {"scaled": 2}}},
        {**good, "result": {"score": {"raw": 120, "min": 0, "max": 100}}},
        {**good, "result": {"duration": "5 seconds"}},
        {**good, "timestamp": "yesterday"},
        {**good, "context": {"registration": "x"}},
        {**good, "colour": "blue"},
    ]:
        assert statement_errors(broken), broken


def test_an_administrator_sees_the_queue_and_sends_it(client, administrator, lrs, activity):
    client.force_login(administrator)
    lrs.mode = 500
    forward_pending()
    page = client.get("/admin/xapi-forwarding/").content.decode()
    assert "HTTP 500" in page and "Send now" in page
    assert f"<dd>{activity.count()}</dd>" in page  # waiting
    lrs.mode = "ok"
    reply = client.post("/admin/xapi-forwarding/send/", follow=True)
    assert f"Sent {activity.count()} statement(s)." in reply.content.decode()
    _all_sent(lrs, activity)


def test_a_trainer_cannot_send(client, trainer, lrs, activity):
    client.force_login(trainer)
    client.post("/admin/xapi-forwarding/send/")
    assert lrs.posts == []


def test_ids_the_lrs_already_holds_count_as_accepted(lrs, activity):
    from learning_record.xapi import statement_json

    first = statement_json(activity.first())
    lrs.stored[first["id"]] = {**first, "timestamp": "2020-01-01T00:00:00Z"}  # a 409
    result = forward_pending()
    assert result.error == "" and result.sent == activity.count()
    assert not Statement.objects.filter(forwarded_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_two_forwarders_at_once_send_each_statement_once_on_postgresql(lrs, activity):
    """Several app hosts each run a worker: while one sends a batch, the other
    leaves it alone, so no statement is posted twice."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only meaningful on PostgreSQL (SQLite serialises writers)")
    statements = list(activity)
    lrs.slow = 0.2
    barrier, errors = threading.Barrier(2), []

    def forward():
        try:
            barrier.wait()
            for _ in range(20):  # keep trying until nothing waits, as a worker would
                forward_pending(force=True)
                if not Statement.objects.filter(forwarded_at__isnull=True).exists():
                    break
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=forward) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    posted = Counter(sid for batch in lrs.posts for sid in batch)
    assert posted and max(posted.values()) == 1
    _all_sent(lrs, statements)
