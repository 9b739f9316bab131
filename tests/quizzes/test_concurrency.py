"""Two tabs, a double click, a replayed POST: one attempt, one score, one record.

Real concurrent requests need real row locks, so these run on PostgreSQL (CI runs
the suite there too); SQLite serialises writers and the same tests pass trivially.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from iomsite.accounts.factories import UserFactory
from learning_record.models import Statement
from learning_record.verbs import verb_definition
from quizzes.factories import make_quiz, single_choice
from quizzes.models import QuizAnswer, QuizAttempt

from .conftest import compiled_for

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(calls):
    barrier, errors, results = threading.Barrier(len(calls)), [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def _tabs(learner, count: int) -> list[Client]:
    """Browser tabs (clients) signed in as the same learner."""
    tabs = [Client() for _ in range(count)]
    for tab in tabs:
        tab.force_login(learner)
    return tabs


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent requests need PostgreSQL row locks (CI runs this there)")


def test_two_tabs_submitting_at_once_make_one_submission(on_postgresql, site_tree):
    quiz = make_quiz(title="Race", items=[single_choice()])
    learner = UserFactory()
    tabs = _tabs(learner, 2)
    tabs[0].post(quiz.url)
    attempt = QuizAttempt.objects.get()
    item = compiled_for(attempt).items[0]
    tabs[0].post(f"{quiz.url}attempts/{attempt.pk}/questions/1/", {"option": item.options[0].id})
    submit = f"{quiz.url}attempts/{attempt.pk}/submit/"
    statuses = _at_once([lambda tab=tab: tab.post(submit).status_code for tab in tabs * 2])
    assert statuses == [302] * 4
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.score == 100
    assert QuizAttempt.objects.count() == 1
    assert Statement.objects.filter(actor=learner, verb=verb_definition("passed").iri).count() == 1


def test_two_tabs_starting_at_once_share_one_attempt(on_postgresql, site_tree):
    quiz = make_quiz(title="Race to start", items=[single_choice()])
    learner = UserFactory()
    tabs = _tabs(learner, 3)
    locations = _at_once([lambda tab=tab: tab.post(quiz.url)["Location"] for tab in tabs])
    assert len(set(locations)) == 1
    assert QuizAttempt.objects.count() == 1
    assert Statement.objects.filter(actor=learner, verb=verb_definition("started").iri).count() == 1


def test_a_double_clicked_answer_is_saved_once(on_postgresql, site_tree):
    quiz = make_quiz(title="Double click", items=[single_choice(), single_choice("Two?")])
    learner = UserFactory()
    tabs = _tabs(learner, 2)
    tabs[0].post(quiz.url)
    attempt = QuizAttempt.objects.get()
    item = compiled_for(attempt).items[0]
    url = f"{quiz.url}attempts/{attempt.pk}/questions/1/"
    statuses = _at_once(
        [lambda tab=tab: tab.post(url, {"option": item.options[0].id}).status_code for tab in tabs]
    )
    assert statuses == [302, 302]
    answer = QuizAnswer.objects.get()
    assert answer.final and answer.latest and answer.score == 1.0
