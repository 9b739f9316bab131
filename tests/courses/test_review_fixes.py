"""Regressions found in review: stuck steps, races, locks, structure changes, boundaries."""

import threading

import pytest
from django.db import connection

from courses import services
from courses.factories import make_course, step
from courses.models import (
    Assignment,
    Certificate,
    CourseProgress,
    ModulePage,
    Status,
    Step,
    StepProgress,
)
from iomsite.teams.factories import TeamMembershipFactory
from learning_record.models import Statement
from learning_record.services import statement_report
from learning_record.verbs import Verb

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


def test_a_locked_read_step_cannot_be_completed_out_of_order(client, enrolled, site_tree, piece):
    locked = make_course(
        title="Locked",
        modules=[
            {
                "title": "L",
                "steps": [
                    step("external", title="First"),
                    step("read", piece=piece.pk, locked=True),
                ],
            }
        ],
    )
    services.assignment_create(
        actor=enrolled.teams.first().memberships.filter(is_lead=True).first().user,
        course=locked,
        team=enrolled.teams.first(),
        users=[enrolled],
    )
    client.force_login(enrolled)
    client.post(f"/learning/read/{piece.pk}/")
    read = Step.objects.get(course=locked, kind="read")
    assert StepProgress.objects.get(user=enrolled, step=read).status == Status.IN_PROGRESS
    first = Step.objects.get(course=locked, title="First")
    services.step_mark_done(actor=enrolled, learner=enrolled, step=first)
    client.post(f"/learning/read/{piece.pk}/")
    assert StepProgress.objects.get(user=enrolled, step=read).status == Status.COMPLETED


def test_retiring_the_last_missing_steps_completes_the_course(course, enrolled, team_lead, piece):
    read, meet, reflect, visit, shadow = Step.objects.filter(course=course).order_by(
        "module__path", "position"
    )
    services.thought_piece_mark_read(user=enrolled, page=piece)
    services.step_mark_done(actor=enrolled, learner=enrolled, step=meet)
    statement_report(user=enrolled, verb=Verb.REFLECTED, question_id=reflect.target_question_id)
    second = ModulePage.objects.get(pk=visit.module_id)
    second.unpublish()
    progress = CourseProgress.objects.get(user=enrolled, course=course)
    assert progress.status == Status.COMPLETED
    assert Certificate.objects.filter(user=enrolled, course=course).exists()


def test_a_lead_cannot_remove_another_teams_assignment(
    client, course, team, other_team, team_lead, practitioner
):
    from iomsite.accounts.factories import UserFactory
    from iomsite.accounts.roles import PRACTITIONER, TEAM_LEAD

    other_lead = UserFactory(roles=[TEAM_LEAD, PRACTITIONER])
    TeamMembershipFactory(team=other_team, user=other_lead, is_lead=True)
    for each in (team, other_team):
        TeamMembershipFactory(team=each, user=practitioner)
    services.assignment_create(
        actor=other_lead, course=course, team=other_team, users=[practitioner]
    )
    client.force_login(team_lead)
    response = client.post(
        f"/learning/team/{team.pk}/members/{practitioner.pk}/courses/{course.pk}/unassign/"
    )
    assert response.status_code == 404
    assert Assignment.objects.get(user=practitioner).removed_at is None


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
