"""What learners and team leads do, in courses/services.py: `thought_piece_mark_read`
(a piece read before enrolment still counts for the course) and `step_mark_done`
(two marks at once make one record)."""

import threading

import pytest
from django.db import connection

from courses import services
from courses.factories import make_course, step
from courses.models import Certificate, Status, Step, StepProgress
from iomsite.teams.factories import TeamMembershipFactory
from learning_record.models import Statement

pytestmark = pytest.mark.django_db


def test_a_piece_read_before_enrolment_can_be_marked_read_for_the_course(
    client, course, team, team_lead, practitioner, piece
):
    services.thought_piece_mark_read(user=practitioner, page=piece)  # not on a course yet
    TeamMembershipFactory(team=team, user=practitioner)
    services.assignment_create(actor=team_lead, course=course, team=team, users=[practitioner])
    client.force_login(practitioner)
    assert "I have read this piece" in client.get(piece.url).content.decode()
    client.post(f"/learning/read/{piece.pk}/")
    read = Step.objects.get(course=course, kind="read")
    assert StepProgress.objects.get(user=practitioner, step=read).status == Status.COMPLETED
    assert "You have marked this piece as read." in client.get(piece.url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_marks_at_once_make_one_record_on_postgresql(site_tree):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only meaningful on PostgreSQL (SQLite serialises writers)")
    from iomsite.accounts.factories import UserFactory
    from iomsite.accounts.roles import PRACTITIONER, TEAM_LEAD
    from iomsite.teams.factories import TeamFactory

    team = TeamFactory()
    lead = UserFactory(roles=[TEAM_LEAD, PRACTITIONER])
    TeamMembershipFactory(team=team, user=lead, is_lead=True)
    learner = TeamMembershipFactory(team=team).user
    course = make_course(
        title="Race",
        modules=[
            {"title": "R", "steps": [step("external", title="Only step", marked_done_by="either")]}
        ],
    )
    services.assignment_create(actor=lead, course=course, team=team, users=[learner])
    only = Step.objects.get(course=course)
    barrier, errors = threading.Barrier(2), []

    def mark(actor):
        try:
            barrier.wait()
            services.step_mark_done(actor=actor, learner=learner, step=only)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=mark, args=(who,)) for who in (learner, lead)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Statement.objects.filter(object_ref=str(only.key)).count() == 1
    assert Certificate.objects.filter(user=learner, course=course).count() == 1
