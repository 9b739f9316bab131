"""Latest quiz scores on My learning, from activity steps' summaries."""

import uuid

import pytest
from django.utils import timezone

from courses.models import ModulePage, Status, Step, StepProgress
from courses.selectors import my_learning

pytestmark = pytest.mark.django_db


def test_my_learning_shows_the_latest_activity_scores(client, course, enrolled):
    module = ModulePage.objects.child_of(course).first()
    quiz_step = Step.objects.create(
        key=uuid.uuid4(),
        module=module,
        course=course,
        position=99,
        kind="activity",
        title="Take ‘Types of compliance’",
        minutes=10,
    )
    StepProgress.objects.create(
        user=enrolled,
        step=quiz_step,
        module=module,
        course=course,
        status=Status.COMPLETED,
        best_score=90,
        latest_score=75,
        last_activity_at=timezone.now(),
    )
    card = my_learning(user=enrolled)["cards"][0]
    assert card.latest_scores == [("Take ‘Types of compliance’", 75)]
    client.force_login(enrolled)
    assert (
        "Latest scores: Take ‘Types of compliance’ 75%" in client.get("/learning/").content.decode()
    )
