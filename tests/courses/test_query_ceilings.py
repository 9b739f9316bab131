"""Issue 15's query ceilings for the signed-in learner pages: warm, just after
the learner's own record changed (their kept reads made again: a course page at
most 14, a piece at most 10), and with the whole cache empty, as after a
deploy. The benchmark's table shows the same warm counts (docs/PERFORMANCE.md)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journals.models import JournalEntry
from quizzes import services as quiz_services
from quizzes.factories import make_quiz, single_choice

from .test_learning_record import steps

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_learner_pages_stay_under_their_ceilings_cold_and_warm(client, course, enrolled, piece):
    quiz = make_quiz(title="Ceilings", items=[single_choice(), single_choice(prompt="Two?")])
    attempt = quiz_services.attempt_start(user=enrolled, quiz=quiz)
    _read, meet, *_ = steps(course)
    client.force_login(enrolled)
    # url: (ceiling after the learner's own write, warm). Warm is the session
    # and the user with their stamp (the tests keep sessions in the database),
    # and one query a page's own uncached part makes.
    pages = {
        course.url: (14, 2),
        meet.module.url: (14, 2),
        piece.url: (10, 2),
        "/learning/": (16, 3),  # + open team invitations, always read afresh
        "/journal/": (14, 2),
        f"{quiz.url}attempts/{attempt.pk}/questions/1/": (10, 2),
    }
    for url, (after_write, warm) in pages.items():
        cache.clear()  # as after a deploy: routes, chrome, roles, bodies all read again
        assert _queries(client, url) <= 25, url
        assert _queries(client, url) <= warm, url
        JournalEntry.objects.create(author=enrolled, title="A note", body="Written.")
        assert _queries(client, url) <= after_write, url
        assert _queries(client, url) <= warm, url
