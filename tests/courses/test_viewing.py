"""Reading writes nothing on the request path: a GET queues one "viewed" a day."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from courses.models import CourseProgress, ModuleProgress, StepProgress
from learning_record import views_queue
from learning_record.models import Statement
from learning_record.verbs import Verb, verb_definition

pytestmark = pytest.mark.django_db

VIEWED = verb_definition(Verb.VIEWED).iri


def work():
    """The worker's part (db_worker cannot open its own transaction inside a test's)."""
    for job in DBTaskResult.objects.filter(task_path__endswith="statement_viewed_record"):
        job.task.func(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])
        job.delete()


def viewed(user):
    return Statement.objects.filter(actor=user, verb=VIEWED).count()


def writes(queries):
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_two_views_the_same_day_record_one_statement(client, enrolled, piece):
    client.force_login(enrolled)
    client.get(piece.url)
    client.get(piece.url)
    work()
    assert viewed(enrolled) == 1


def test_the_next_day_records_another(client, enrolled, piece, monkeypatch):
    client.force_login(enrolled)
    client.get(piece.url)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(views_queue.timezone, "localdate", lambda *a: tomorrow)
    client.get(piece.url)
    work()
    assert viewed(enrolled) == 2


def test_a_view_writes_nothing_but_the_queued_job(client, enrolled, piece):
    client.force_login(enrolled)
    client.get(piece.url)  # sessions, caches warm
    piece.refresh_from_db()
    other_day = timezone.localdate() + timedelta(days=3)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(views_queue.timezone, "localdate", lambda *a: other_day)
        with CaptureQueriesContext(connection) as first:
            assert client.get(piece.url).status_code == 200
        with CaptureQueriesContext(connection) as second:
            assert client.get(piece.url).status_code == 200
    first_writes = writes(first.captured_queries)
    assert len(first_writes) == 1 and "django_tasks_database" in first_writes[0], first_writes
    assert writes(second.captured_queries) == []


def test_viewing_a_course_step_leaves_progress_untouched(client, course, enrolled, piece):
    before = (
        StepProgress.objects.filter(user=enrolled).count(),
        ModuleProgress.objects.filter(user=enrolled).count(),
        list(CourseProgress.objects.filter(user=enrolled).values_list("status", flat=True)),
    )
    client.force_login(enrolled)
    client.get(piece.url)
    work()
    assert viewed(enrolled) == 1
    assert before == (
        StepProgress.objects.filter(user=enrolled).count(),
        ModuleProgress.objects.filter(user=enrolled).count(),
        list(CourseProgress.objects.filter(user=enrolled).values_list("status", flat=True)),
    )
    client.post(f"/learning/read/{piece.pk}/", {"next": piece.url})
    assert StepProgress.objects.filter(user=enrolled).exists()  # the POST moves it


def test_signed_out_views_queue_nothing(client, piece):
    client.get(piece.url)
    work()
    assert not Statement.objects.exists()
